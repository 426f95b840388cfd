"""Work spread over processes, one per core the build may use (`--jobs`):
the editions' MkDocs builds, the PDFs, the compressed copies.

Processes, not threads: MkDocs, Markdown and WeasyPrint are pure Python
and hold the interpreter lock. The workers come from a fork server, started
once per build process with the heavy modules already imported, so a worker
costs a fork, not an import of MkDocs and WeasyPrint; and a fork server,
unlike a plain fork, never copies a lock some thread of the caller held.

A task's result comes back in task order whatever order the workers finish
in, so what a build writes does not depend on which core was quicker. A
task that refuses (BuildFailed) comes back as its message, and the first
refusal in task order is raised in the caller: the message a sequential
build would have given, and no worker's traceback.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .problems import BuildFailed

Task = TypeVar("Task")
Result = TypeVar("Result")

# Imported once by the fork server, so each worker starts with them loaded. Not this package:
# Python 3.11's fork server imports with the sys.path it started with, not the caller's, and
# could load another copy of report_site (an installed one) than the caller runs; each worker
# imports ours once it has been given the caller's sys.path.
PRELOADED = ["mkdocs.commands.build", "mkdocs.config", "material.plugins.search.plugin", "weasyprint"]


def usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    return len(os.sched_getaffinity(0))


# The environment variable naming the file each task's usage is appended to.
USAGE_LOG = "REPORT_SITE_USAGE_LOG"


@dataclass(frozen=True)
class WorkerUsage:
    cpu_seconds: float  # every task's, added up
    peak_mib: float  # the largest resident size a worker reached


def read_usage_log(path: Path) -> WorkerUsage:
    """What the tasks logged to `path` (USAGE_LOG) used; nothing if no task ran."""
    try:
        lines = path.read_text(encoding="utf-8").split()
    except FileNotFoundError:
        return WorkerUsage(0.0, 0.0)
    cpus, peaks = lines[0::2], lines[1::2]
    return WorkerUsage(sum(map(float, cpus)), max(map(int, peaks), default=0) / 1024)


def _log_usage(cpu_seconds: float) -> None:
    log = os.environ.get(USAGE_LOG)
    if log:
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # One short write with O_APPEND: lines from workers writing at once do not interleave.
        descriptor = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(descriptor, f"{cpu_seconds:.6f} {peak_kib}\n".encode())
        finally:
            os.close(descriptor)


def _cpu_now() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass(frozen=True)
class _Refused:
    message: str


def _run_task(function: Callable[[Task], Result], task: Task, environment: dict[str, str],
              cwd: str) -> Result | _Refused:
    # The fork server was started by an earlier build, perhaps with other variables
    # (SOURCE_DATE_EPOCH) or another working directory: the task gets the caller's.
    os.environ.clear()
    os.environ.update(environment)
    os.chdir(cwd)
    started = _cpu_now()
    try:
        return function(task)
    except BuildFailed as refusal:
        return _Refused(str(refusal))
    finally:
        _log_usage(_cpu_now() - started)


def run_all(function: Callable[[Task], Result], tasks: Sequence[Task], jobs: int) -> list[Result]:
    """function(task) for every task, on up to `jobs` processes (in this one
    when jobs is 1 or there is a single task); the results in task order."""
    if jobs <= 1 or len(tasks) <= 1:
        return [function(task) for task in tasks]
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOADED)
    environment, cwd = dict(os.environ), os.getcwd()
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context) as pool:
        futures = [pool.submit(_run_task, function, task, environment, cwd) for task in tasks]
        outcomes = [future.result() for future in futures]
    results: list[Result] = []
    for outcome in outcomes:
        if isinstance(outcome, _Refused):
            raise BuildFailed(outcome.message)
        results.append(outcome)
    return results
