"""Entry point of the frozen app: the same `assets-desktop` command."""

import multiprocessing

# The PDF viewer's render processes start through a forkserver: in the frozen app the bundle
# itself is that interpreter, and freeze_support() (PyInstaller's) runs their code, not the app.
multiprocessing.freeze_support()

from assets_desktop.cli import main  # noqa: E402

raise SystemExit(main())
