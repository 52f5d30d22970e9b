"""Entry point of the frozen app: the same `assets-desktop` command."""

from assets_desktop.cli import main

raise SystemExit(main())
