"""How far the job running in this thread has got, reported by the code that does the work.

`phase(name, total)` starts a phase (reading the file, checking the rows, writing them) and
`report(done, total)` moves within it; `batches(items, size)` yields slices and reports after each.
They do nothing outside a job — a request's own commit, a test, a management command — so a
service calls them unconditionally and never learns whether a job is listening. The reporter of a
job lives in a context variable for the length of the job (`reporting`); the job's heartbeat
(`heartbeat.py`) publishes its latest state every second, so reporting costs an attribute write,
never I/O, and may be called for every row."""

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from django.utils.translation import gettext_lazy as _

T = TypeVar("T")

# Each phase's share of the progress bar, in per cent: writing is most of an import's time.
PHASES: dict[str, tuple[int, int]] = {
    "starting": (0, 0),
    "reading": (0, 10),
    "checking": (10, 30),
    "writing": (30, 99),
    "finishing": (99, 100),
}
PHASE_LABELS = {
    "starting": _("正在启动"),
    "reading": _("读取文件"),
    "checking": _("检查数据"),
    "writing": _("写入数据"),
    "finishing": _("完成写入"),
}


@dataclass(frozen=True)
class Progress:
    phase: str = "starting"
    done: int = 0
    total: int | None = None

    @property
    def percent(self) -> int:
        start, end = PHASES.get(self.phase, (0, 0))
        fraction = min(self.done / self.total, 1.0) if self.total else 0.0
        return int(start + (end - start) * fraction)

    @property
    def label(self):
        return PHASE_LABELS.get(self.phase, self.phase)


class Reporter:
    """The state of one job, written by the job's thread and read by its heartbeat's."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state = Progress()

    def phase(self, name: str, total: int | None = None) -> None:
        if name not in PHASES:
            raise ValueError(f"unknown phase {name!r}")
        with self._lock:
            self._state = Progress(name, 0, total)

    def report(self, done: int, total: int | None = None) -> None:
        with self._lock:
            state = self._state
            self._state = Progress(state.phase, done, state.total if total is None else total)

    def snapshot(self) -> Progress:
        with self._lock:
            return self._state


_current: ContextVar[Reporter | None] = ContextVar("radsafe_job_progress", default=None)


@contextmanager
def reporting(reporter: Reporter) -> Iterator[Reporter]:
    token = _current.set(reporter)
    try:
        yield reporter
    finally:
        _current.reset(token)


def phase(name: str, total: int | None = None) -> None:
    reporter = _current.get()
    if reporter is not None:
        reporter.phase(name, total)


def report(done: int, total: int | None = None) -> None:
    reporter = _current.get()
    if reporter is not None:
        reporter.report(done, total)


def batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """`items` in slices of `size`; the progress of the phase moves once each slice is done."""
    total = len(items)
    for start in range(0, total, size):
        yield items[start : start + size]
        report(min(start + size, total), total)
