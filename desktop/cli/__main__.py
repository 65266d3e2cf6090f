"""``python -m desktop.cli``: the ``zoneref`` command."""

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # import workers of a frozen app start from this entry point too
        import multiprocessing  # only then: ~10 ms at every start otherwise

        multiprocessing.freeze_support()
    from desktop.cli import main

    sys.exit(main())
