"""`python -m treadmill_tui` runs the command line."""

from treadmill_tui.cli import main

raise SystemExit(main())
