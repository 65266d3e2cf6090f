"""``python -m desktop`` and the frozen app's entry point."""

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # Import workers run in child processes; a frozen app must let them start. (Not imported
        # otherwise: multiprocessing costs every command ~20 ms, and only the importer needs it.)
        import multiprocessing

        multiprocessing.freeze_support()
    from desktop.cli import main

    sys.exit(main())
