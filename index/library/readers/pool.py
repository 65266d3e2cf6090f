"""Reader processes: every file is read in a worker process, under a time and a memory limit.

A reader is parsing hostile input (a 12 MB .docx whose XML is 190 MB,
100,000 nested ``<div>``s, a PDF with a cycle in its page tree): one bad file
must cost the import a clear refusal, never the machine's memory, an hour or
the importer process. So the readers run in worker processes (spawned: safe
from a GUI process with threads, and the same on every platform):

- **memory**: where the OS has ``resource`` limits (Linux, the BSDs), each
  worker caps its own address space at its size when idle plus
  ``Limits.memory_mb``; a parser that asks for more gets ``MemoryError``
  and the file is refused. Elsewhere (Windows, macOS, where ``RLIMIT_AS`` is
  absent or not enforced) the parent samples each busy worker's resident
  memory (psutil) and kills a worker that goes over.
- **time**: the parent times each file from the moment a worker takes it and
  kills a worker still busy after ``Limits.seconds`` (every platform).

A killed or crashed worker is replaced and the import goes on with the next
file. Workers live for the whole batch (one spawn per core, not per file),
so the limits cost the import next to nothing (``bench/bench_import.py``).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from index.base.errors import KnownError
from index.library.readers.errors import MemoryLimitError, ReaderCrashError, TimeLimitError

log = logging.getLogger(__name__)

try:  # Linux and the BSDs; Windows has no resource module
    import resource

    RLIMIT_AVAILABLE = hasattr(resource, "RLIMIT_AS") and sys.platform.startswith(("linux", "freebsd", "openbsd"))
except ImportError:  # pragma: no cover - Windows
    resource = None
    RLIMIT_AVAILABLE = False

# How often the parent looks at its workers (cancel, time, memory).
POLL_SECONDS = 0.1
# Workers that die before taking a file, in one run, before the run gives up.
MAX_START_FAILURES = 3
# Outcomes read ahead of the caller at most (each holds a document's text).
MAX_READ_AHEAD = 64


class ReaderStartError(KnownError, code="reader_start"):
    """The reader processes cannot start at all."""


@dataclasses.dataclass(frozen=True)
class Limits:
    """What reading one file may cost.

    Attributes:
        seconds: wall-clock time for one file, from the moment a worker takes it.
        memory_mb: memory a worker may use for one file, above its size when idle.
    """

    seconds: float = 60.0
    memory_mb: int = 1024

    @property
    def memory_bytes(self) -> int:
        return int(self.memory_mb * 1024 * 1024)


DEFAULT_LIMITS = Limits()

Job = tuple  # picklable arguments of the job function
Outcome = tuple[str, Any]  # ("ok", value) or ("error", {"path", "error", "code"})


def run_jobs(func: Callable[..., Outcome], jobs: list[Job], *, workers: int, limits: Limits = DEFAULT_LIMITS,
             cancel: Callable[[], bool] | None = None,
             describe: Callable[[Job], str] = lambda job: str(job[0])) -> Iterator[Outcome]:
    """Run ``func(*job)`` for every job in worker processes, yielding outcomes in job order.

    ``func`` must be a module-level function that never raises (it returns
    ``("error", …)`` for a bad file). A job that goes over ``limits`` or
    kills its worker yields ``("error", {"path", "error", "code"})``.

    Args:
        func: the job function (picklable by reference).
        jobs: its arguments, one tuple per job.
        workers: worker processes (at most one per job).
        limits: time and memory per job.
        cancel: polled every ``POLL_SECONDS``; True stops the run (running
            jobs are killed, nothing more is yielded).
        describe: the path a job's error record names.
    """
    if not jobs:
        return
    pool = _Pool(func, min(max(1, workers), len(jobs)), limits, jobs, describe)
    # The workers are fed from a thread of their own: while the caller
    # handles an outcome (writes a document, fsyncs), the next files are read.
    supervisor = threading.Thread(target=pool.supervise, name="reader-pool", daemon=True)
    supervisor.start()
    try:
        for index in range(len(jobs)):
            if cancel is not None and cancel():
                return
            outcome = pool.take(index, cancel)
            if outcome is None:
                return  # cancelled
            yield outcome
    finally:
        pool.stopping = True
        supervisor.join()
        pool.close()


class _Worker:
    """One worker process and its pipe; ``job`` is the index it works on (None: idle)."""

    def __init__(self, context, func, limits: Limits):
        parent_end, child_end = context.Pipe()
        self.conn = parent_end
        self.process = context.Process(target=_worker_main, args=(child_end, func, limits.memory_bytes,
                                                                  RLIMIT_AVAILABLE), daemon=True)
        self.process.start()
        child_end.close()
        self.ready = False  # set when the worker says it is up (the clock starts only then)
        self.job: int | None = None
        self.started = 0.0
        self.idle_rss: int | None = None
        self.watch = None  # psutil.Process, where the parent watches memory

    def send(self, index: int, job: Job) -> None:
        self.conn.send((index, job))
        self.job, self.started = index, time.monotonic()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class _Pool:
    """The workers of one run. ``supervise`` (its own thread) feeds them and enforces the limits;
    ``take`` hands outcomes to the caller in job order."""

    def __init__(self, func, size: int, limits: Limits, jobs: list[Job], describe):
        import multiprocessing

        self.func, self.size, self.limits, self.jobs, self.describe = func, size, limits, jobs, describe
        # spawn, not fork: safe from a GUI process with threads (the frozen
        # app's entry point calls multiprocessing.freeze_support()).
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = [self._start() for _ in range(size)]
        self.last_memory_look = 0.0
        self.start_failures = 0
        self.results: dict[int, Outcome] = {}
        self.ready = threading.Condition()
        self.failure: BaseException | None = None
        self.stopping = False

    def _start(self) -> _Worker:
        return _Worker(self.context, self.func, self.limits)

    def take(self, index: int, cancel) -> Outcome | None:
        """The outcome of job ``index`` once there (None if ``cancel`` said stop first)."""
        with self.ready:
            while index not in self.results:
                if self.failure is not None:
                    raise self.failure
                if cancel is not None and cancel():
                    return None
                self.ready.wait(POLL_SECONDS)
            outcome = self.results.pop(index)
            self.ready.notify_all()  # room for more read-ahead
            return outcome

    def supervise(self) -> None:
        """Feed the workers, collect outcomes, enforce the limits, until every job is done or the run stops."""
        try:
            self._supervise()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread by take()
            with self.ready:
                self.failure = exc
                self.ready.notify_all()

    def _supervise(self) -> None:
        import multiprocessing.connection

        pending = list(range(len(self.jobs)))
        pending.reverse()  # pop() takes the next in order
        done = 0
        while done < len(self.jobs) and not self.stopping:
            with self.ready:
                room = MAX_READ_AHEAD - len(self.results)
            for worker in self.workers:
                if room > 0 and worker.ready and worker.job is None and pending:
                    index = pending.pop()
                    worker.send(index, self.jobs[index])
                    self._watch(worker)
                    room -= 1
            waitables = [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
            ready = multiprocessing.connection.wait(waitables, timeout=POLL_SECONDS)
            found: dict[int, Outcome] = {}
            for worker in list(self.workers):
                if worker.conn in ready:
                    self._receive(worker, found)
                elif worker.process.sentinel in ready:
                    self._died(worker, found)
            self._enforce(found)
            if found:
                done += len(found)
                with self.ready:
                    self.results.update(found)
                    self.ready.notify_all()

    # -- events ----------------------------------------------------------------
    def _receive(self, worker: _Worker, found: dict[int, Outcome]) -> None:
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._died(worker, found)
            return
        if message == "ready":
            worker.ready = True
            return
        index, outcome = message
        found[index] = outcome
        worker.job = None
        if outcome[0] == "error" and outcome[1].get("code") == MemoryLimitError.code:
            # The worker's heap is in no state to be trusted after MemoryError: a fresh one.
            self._replace(worker)

    def _died(self, worker: _Worker, found: dict[int, Outcome]) -> None:
        if not worker.ready:
            # It died before taking any file: the interpreter cannot start
            # workers (a script without the ``if __name__ == "__main__"``
            # guard spawn needs, a process limit). Starting more would loop.
            self.start_failures += 1
            if self.start_failures >= MAX_START_FAILURES:
                raise ReaderStartError(
                    f"cannot start the processes that read files (the last exited with code "
                    f"{worker.process.exitcode}); a script that imports must guard its code with "
                    "'if __name__ == \"__main__\":'")
        index = worker.job
        worker.process.join(5)  # reap it, so its exit code is known
        code = worker.process.exitcode
        if index is not None:
            path = self.describe(self.jobs[index])
            found[index] = _refusal(ReaderCrashError(path, _crash_reason(code)))
            log.warning("reader process died on %s (exit code %s)", path, code)
        self._replace(worker)

    def _enforce(self, found: dict[int, Outcome]) -> None:
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.job is None:
                continue
            if now - worker.started > self.limits.seconds:
                path = self.describe(self.jobs[worker.job])
                found[worker.job] = _refusal(TimeLimitError(
                    path, f"reading the file took longer than {self.limits.seconds:g} s; it was stopped and "
                          "refused (a damaged or hostile file?). If it is a real document, save it again in "
                          "its program (or as .txt) and import that"))
                self._replace(worker)
        if not RLIMIT_AVAILABLE and now - self.last_memory_look >= 0.2:
            self.last_memory_look = now
            for worker in list(self.workers):
                if worker.job is not None and self._over_memory(worker):
                    found[worker.job] = _refusal(_memory_error(self.describe(self.jobs[worker.job]), self.limits))
                    self._replace(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        self.workers[self.workers.index(worker)] = self._start()

    # -- the memory watchdog (platforms without RLIMIT_AS) ----------------------
    def _watch(self, worker: _Worker) -> None:
        if RLIMIT_AVAILABLE or worker.watch is not None:
            return
        try:
            import psutil

            worker.watch = psutil.Process(worker.process.pid)
            worker.idle_rss = worker.watch.memory_info().rss
        except Exception:  # noqa: BLE001 - psutil missing or the process gone: the time limit still holds
            worker.watch = None

    def _over_memory(self, worker: _Worker) -> bool:
        if worker.watch is None:
            return False
        try:
            rss = worker.watch.memory_info().rss
        except Exception:  # noqa: BLE001 - it just ended; its sentinel says how
            return False
        return rss - (worker.idle_rss or 0) > self.limits.memory_bytes

    def close(self) -> None:
        for worker in self.workers:
            if worker.job is None and worker.process.is_alive():
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 2
        for worker in self.workers:
            if worker.job is None:
                worker.process.join(max(0.0, deadline - time.monotonic()))
            worker.kill()


def _refusal(exc) -> Outcome:
    return "error", {"path": exc.path, "error": exc.reason, "code": exc.code}


def _memory_error(path: str, limits: Limits) -> MemoryLimitError:
    return MemoryLimitError(path, f"reading the file needed more than {limits.memory_mb} MB of memory; it was "
                                  "stopped and refused (a damaged or hostile file?). If it is a real document, "
                                  "save it again in its program (or as .txt) and import that")


def _crash_reason(exitcode: int | None) -> str:
    how = f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit code {exitcode}"
    return (f"the reader stopped unexpectedly on this file ({how}); it was refused. If it is a real "
            "document, save it again in its program (or as .txt) and import that")


# -- the worker process -----------------------------------------------------------
def _worker_main(conn, func, memory_bytes: int, use_rlimit: bool) -> None:
    """A worker: cap its own memory, then run jobs from ``conn`` until it gets ``None``."""
    import signal

    # Ctrl-C in a terminal reaches the whole process group: the parent decides (an import stops between files,
    # keeping what it added); a worker dying of it mid-file was reported as that file's error.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_note = None
    if use_rlimit and resource is not None:
        try:
            idle = _address_space()
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            cap = idle + memory_bytes
            if hard != resource.RLIM_INFINITY:
                cap = min(cap, hard)
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        except (OSError, ValueError) as exc:  # the parent's time limit still holds
            limit_note = str(exc)
    if limit_note:
        logging.getLogger(__name__).debug("no memory limit in the reader process: %s", limit_note)
    _exit_with_parent()
    conn.send("ready")
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, job = message
        try:
            outcome = func(*job)
        except MemoryError:
            outcome = _refusal(_memory_error(str(job[0]), Limits(memory_mb=memory_bytes // (1024 * 1024))))
        except RecursionError:
            outcome = _refusal(ReaderCrashError(str(job[0]), "the file is nested too deeply to read; it was refused"))
        try:
            conn.send((index, outcome))
        except MemoryError:
            conn.send((index, _refusal(_memory_error(str(job[0]), Limits(memory_mb=memory_bytes // 1048576)))))


def _exit_with_parent() -> None:
    """End this worker when the process that started it ends (killed mid-import: no orphan keeps reading)."""
    import multiprocessing
    import threading

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # waits on the parent's sentinel: returns when it is gone
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _address_space() -> int:
    """This process's virtual memory size in bytes (what RLIMIT_AS counts)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 256 * 1024 * 1024  # no /proc (a BSD): a generous guess at an idle interpreter
