"""``python -m desktop`` and the frozen app's entry point."""

import multiprocessing
import sys

if __name__ == "__main__":
    # Import workers run in child processes; a frozen app must let them start.
    multiprocessing.freeze_support()
    from desktop.cli import main

    sys.exit(main())
