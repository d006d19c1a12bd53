"""Two overlapping dose records for one person entered at the same moment (a form and an import,
or two forms): exactly one is written. The services lock the person's row before the overlap
check, so the second waits for the first and then sees the overlap. PostgreSQL only, like the
check-out race (tests/inventory/test_register_concurrency.py)."""

import datetime

import pytest
from django.db import connection

from radsafe.personnel.models import DoseRecord, Worker
from radsafe.personnel.services.doses import dose_record_create
from tests.races import race

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

    def record(period: tuple[datetime.date, datetime.date]):
        def write(go):
            person = Worker.objects.get(pk=worker.pk)
            go()
            dose_record_create(
                actor=None, worker=person, period_start=period[0], period_end=period[1], hp10_msv=1
            )

        return write

    outcomes = race(
        record((D(2024, 1, 1), D(2024, 3, 30))), record((D(2024, 2, 1), D(2024, 4, 30)))
    )
    assert sorted(outcomes) == sorted(["ok", "该人员已有与此监测周期重叠的剂量记录。"])
    assert DoseRecord.objects.filter(worker=worker).count() == 1
