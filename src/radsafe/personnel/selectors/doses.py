"""Reads on dose records and their flags (issue 4 §3).

Flags are computed, not stored (dose_flags.py). A list of flags is bounded by paging over
*workers*: for one page of workers, one query reads all their records and one their notes, and the
flags are computed in Python — three queries whatever the page holds or the table's size."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from radsafe.personnel.dose_flags import DoseFlag, compute_flags
from radsafe.personnel.models import DoseInvestigation, DoseRecord, Worker
from radsafe.registry.models import Unit

RECORD_FIELDS = [
    "id",
    "worker_id",
    "period_start",
    "period_end",
    "hp10_msv",
    "hp3_msv",
    "hp007_msv",
]


@dataclass(frozen=True)
class WorkerFlag:
    worker: Worker
    flag: DoseFlag
    investigation: DoseInvestigation | None

    @property
    def explained(self) -> bool:
        return self.investigation is not None


def dose_list(*, user) -> QuerySet[DoseRecord]:
    """Worker and unit are prefetched, not joined: SQLite joins every record in scope before it
    sorts them for the page, and those joins were nine tenths of a province's first page (the
    bench's 'dose-list page 1 (province)'). Two more queries, whatever the page's size."""
    return (
        DoseRecord.objects.for_user(user)
        .prefetch_related(
            Prefetch("worker", queryset=Worker.objects.defer("id_number_cipher")),
            Prefetch("unit", queryset=Unit.objects.only("id", "name")),
        )
        .order_by("-period_start", "-id")
    )


def flags_for_workers(workers, *, today: datetime.date | None = None) -> list[WorkerFlag]:
    """Every flag of the given workers (already loaded and in scope), with its note if any."""
    today = today or timezone.localdate()
    workers = list(workers)
    ids = [worker.pk for worker in workers]
    records = defaultdict(list)
    for record in DoseRecord.objects.filter(worker_id__in=ids).only(*RECORD_FIELDS):
        records[record.worker_id].append(record)
    notes = {
        (note.worker_id, note.code, note.key): note
        for note in DoseInvestigation.objects.filter(worker_id__in=ids)
    }
    result = []
    for worker in workers:
        flags = compute_flags(
            records[worker.pk], employed_on=worker.employed_on, left_on=worker.left_on, today=today
        )
        result.extend(
            WorkerFlag(worker, flag, notes.get((worker.pk, flag.code, flag.key))) for flag in flags
        )
    return result


def unexplained_flags(workers, *, today: datetime.date | None = None) -> list[WorkerFlag]:
    """What the bureau still waits for: the flags of these workers that no note explains."""
    return [item for item in flags_for_workers(workers, today=today) if not item.explained]


def worker_flags(worker: Worker, *, today: datetime.date | None = None) -> list[DoseFlag]:
    return [item.flag for item in flags_for_workers([worker], today=today)]
