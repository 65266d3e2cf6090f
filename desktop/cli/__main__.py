"""``python -m desktop.cli``: the ``zoneref`` command."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # import workers start from this entry point too
    from desktop.cli import main

    sys.exit(main())
