"""`python -m lowback_tui` runs the same command line as `lowback`."""

from lowback_tui.cli import main

main()
