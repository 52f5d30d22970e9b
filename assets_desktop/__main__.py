"""`python -m assets_desktop` runs the `assets-desktop` command."""

from assets_desktop.cli import main

raise SystemExit(main())
