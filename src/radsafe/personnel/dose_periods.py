"""Overlap of monitoring periods for many records at once (one worker's periods may not share a
day; the one-record form of the rule is in services_doses._validate).

Sorted look-ups rather than comparing every pair, so a 10,000-row import is checked in
O(n log n) even when one worker has thousands of rows or of stored records. Used by the import's
dry run, to name the rows, and by the bulk service, which checks again before it writes."""

import datetime
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Period:
    key: Hashable  # what the caller names it by: an Excel row number, a list position
    worker_id: int
    start: datetime.date
    end: datetime.date


class PeriodIndex:
    """Stored records of some workers, by worker, sorted by start with the running latest end, so
    "does anything overlap start..end" is one binary search. Correct even if stored periods
    already overlap one another (data from before the rule)."""

    def __init__(self, records: Iterable[Any]):
        by_worker: dict[int, list[Any]] = defaultdict(list)
        for record in records:
            by_worker[record.worker_id].append(record)
        self._workers: dict[int, tuple[list, list, list]] = {}
        for worker_id, items in by_worker.items():
            items.sort(key=lambda r: (r.period_start, r.period_end))
            starts, latest_ends, holders = [], [], []
            holder = None
            for record in items:
                if holder is None or record.period_end > holder.period_end:
                    holder = record
                starts.append(record.period_start)
                latest_ends.append(holder.period_end)
                holders.append(holder)
            self._workers[worker_id] = (starts, latest_ends, holders)

    def overlapping(self, worker_id: int, start: datetime.date, end: datetime.date) -> Any | None:
        """A stored record of the worker sharing at least one day with start..end, or None."""
        entry = self._workers.get(worker_id)
        if entry is None:
            return None
        starts, latest_ends, holders = entry
        position = bisect_right(starts, end)
        if position and latest_ends[position - 1] >= start:
            return holders[position - 1]
        return None


def overlaps_within(periods: Iterable[Period]) -> dict[Hashable, Hashable]:
    """For every period that shares a day with another of the same worker, the key of one such
    other (both of a pair are named, so each row of the file says which row it clashes with)."""
    clashes: dict[Hashable, Hashable] = {}
    holder: Period | None = None  # the period with the latest end so far, for this worker
    for period in sorted(periods, key=lambda p: (p.worker_id, p.start, p.end)):
        if holder is not None and holder.worker_id == period.worker_id:
            if period.start <= holder.end:
                clashes.setdefault(period.key, holder.key)
                clashes.setdefault(holder.key, period.key)
            if period.end > holder.end:
                holder = period
        else:
            holder = period
    return clashes
