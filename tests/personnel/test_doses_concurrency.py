"""Two overlapping dose records for one person entered at the same moment (a form and an import,
or two forms): exactly one is written. The services lock the person's row before the overlap
check, so the second waits for the first and then sees the overlap. PostgreSQL only, like the
check-out race (tests/inventory/test_register_concurrency.py)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from radsafe.personnel.models import DoseRecord, Worker
from radsafe.personnel.services.doses import dose_record_create

from .factories import make_worker

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs row locks and a database shared between threads (PostgreSQL)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
D = datetime.date


def test_two_simultaneous_overlapping_records_exactly_one_is_written(world):
    worker = make_worker(world.unit1)
    start = threading.Barrier(2)
    outcomes: list[str] = []
    guard = threading.Lock()

    def record(period: tuple[datetime.date, datetime.date]) -> None:
        person = Worker.objects.get(pk=worker.pk)
        try:
            start.wait(timeout=10)
            dose_record_create(
                actor=None, worker=person, period_start=period[0], period_end=period[1], hp10_msv=1
            )
            outcome = "ok"
        except ValidationError as error:
            outcome = " ".join(error.messages)
        finally:
            connection.close()
        with guard:
            outcomes.append(outcome)

    periods = [(D(2024, 1, 1), D(2024, 3, 30)), (D(2024, 2, 1), D(2024, 4, 30))]
    threads = [threading.Thread(target=record, args=(period,)) for period in periods]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == sorted(["ok", "该人员已有与此监测周期重叠的剂量记录。"])
    assert DoseRecord.objects.filter(worker=worker).count() == 1
