"""``python -m desktop.cli``: the ``zoneref`` command."""

import os
import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # import workers of a frozen app start from this entry point too
        import multiprocessing  # only then: ~10 ms at every start otherwise

        multiprocessing.freeze_support()
    from desktop.cli import ONE_SHOT_READS, _command_word, main

    code = main()
    if _command_word(sys.argv[1:]) in ONE_SHOT_READS:
        # A command that reads has answered and closed its files (``_run``); the interpreter's teardown, freeing
        # every module and object one by one (~15 ms after a comparison), would change nothing: skipped.
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a closed pipe: the usual exit reports it
            sys.exit(code)
        os._exit(code)
    sys.exit(code)
