"""Work on batches in worker processes and hand them back in order, for the main process to save.

Tagging and screening share this: the main process reads a batch from the store, a worker
codes or screens it, and the main process writes each finished batch in the order it was
read, so a crash or Ctrl-C loses only the batches in flight and a re-run carries on.
"""

from __future__ import annotations

import multiprocessing
import pickle
import signal
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, TypeVar

from .errors import ReviewMinerError

Job = TypeVar("Job")
Result = TypeVar("Result")


def refuse_while_a_worker_starts() -> None:
    """Stop a script that would start the whole job again in every worker process.

    Workers are spawned: each imports the main script again before it works. A script that
    calls review_miner at its top level, without `if __name__ == "__main__":`, would then
    ingest, tag and spawn again inside each worker. Python stops that with a traceback
    per worker and can leave the main process waiting for them for good; this says why,
    once, before any work is redone.

    Raises:
        ReviewMinerError: This process is a worker still importing the main script.
    """
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise ReviewMinerError(
            "review_miner starts worker processes, which import your script again: put the "
            "calls under `if __name__ == \"__main__\":` (see the README's Python API), or "
            "pass workers=1"
        )


def recipe(state: object, what: str) -> bytes:
    """Pickle what every worker needs, or say clearly why it cannot be sent.

    Args:
        state: The set-up each worker unpickles once.
        what: The work, for the message ("tagging").

    Raises:
        ReviewMinerError: `state` cannot be pickled.
    """
    try:
        return pickle.dumps(state)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        raise ReviewMinerError(
            f"the {what} set-up cannot be sent to worker processes ({exc}): use workers=1"
        ) from exc


def in_order(
    state: bytes,
    work: Callable[[Any, Job], Result],
    jobs: Iterator[Job],
    workers: int,
    what: str,
    where: Callable[[Job], str],
) -> Iterator[tuple[Job, Result]]:
    """Run `work(state, job)` for each job in worker processes; yield them finished, in order.

    Workers are spawned, not forked: ONNX Runtime and spaCy are not safe to fork once their
    threads run. Each unpickles `state` once, on its first job, so a failure to load
    surfaces as that job's error. At most two jobs per worker are in flight, so memory
    stays bounded however many wait.

    Args:
        state: The pickled set-up (`recipe`).
        work: A module-level function (workers import it by name).
        jobs: The batches, read lazily.
        workers: How many processes.
        what: The work, for messages ("tagging", "screening").
        where: Names a job for messages ("passages p1 to p9").

    Raises:
        ReviewMinerError: a worker failed or died; the message names the job and the cause.
    """
    # The set-up goes by a file, not by the pipe that starts each worker: Python writes all
    # of that pipe before the worker runs, and a worker that dies first (a script without
    # its main guard) would leave a write of megabytes waiting for good.
    with tempfile.NamedTemporaryFile(prefix="review_miner-", suffix=".setup", delete=False) as f:
        f.write(state)
    executor = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(f.name, work),
    )
    pending: deque[tuple[Job, Future[Result]]] = deque()
    try:
        for job in jobs:
            pending.append((job, executor.submit(_work, job)))
            if len(pending) >= 2 * workers:
                yield _outcome(*pending.popleft(), what, where)
        while pending:
            yield _outcome(*pending.popleft(), what, where)
    finally:
        # Also on Ctrl-C or an error: drop queued jobs and reap the processes.
        executor.shutdown(wait=True, cancel_futures=True)
        Path(f.name).unlink(missing_ok=True)


def _outcome(
    job: Job, future: Future[Result], what: str, where: Callable[[Job], str]
) -> tuple[Job, Result]:
    try:
        return job, future.result()
    except BrokenProcessPool as exc:
        raise ReviewMinerError(
            f"a {what} worker process died while {what} {where(job)} (out of memory? or a "
            "script calling review_miner without `if __name__ == \"__main__\":`); the "
            "batches saved so far are kept: run again to carry on"
        ) from exc
    except ReviewMinerError:
        raise
    except Exception as exc:
        raise ReviewMinerError(
            f"a {what} worker failed on {where(job)}: {type(exc).__name__}: {exc}"
        ) from exc


_WORKER: dict[str, Any] = {}


def _start_worker(setup_file: str, work: Callable[[Any, Any], Any]) -> None:
    # Ctrl-C is the main process's to handle: it stops sending work and reaps the workers,
    # which would otherwise each print a traceback of wherever the interrupt found them.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["recipe"], _WORKER["work"] = Path(setup_file).read_bytes(), work


def _work(job: object) -> object:
    if "state" not in _WORKER:
        _WORKER["state"] = pickle.loads(_WORKER.pop("recipe"))
    return _WORKER["work"](_WORKER["state"], job)
