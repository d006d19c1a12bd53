"""The bulk overlap rules (dose_periods.py) against the obvious pairwise comparison, and the bulk
service that writes an import's records: the same rules as one record's, nothing written when any
record is refused, one dose.create event per record."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from radsafe.core.models import AuditEvent
from radsafe.personnel.dose_periods import Period, PeriodIndex, overlaps_within
from radsafe.personnel.models import DoseRecord
from radsafe.personnel.services.doses import dose_record_create, dose_records_import

from .factories import make_worker

D = datetime.date
DAY0 = D(2024, 1, 1)


class Stored:
    def __init__(self, worker_id, start, end):
        self.worker_id, self.period_start, self.period_end = worker_id, start, end


def shares_a_day(a_start, a_end, b_start, b_end) -> bool:
    return a_start <= b_end and b_start <= a_end


periods = st.lists(
    st.tuples(st.integers(1, 3), st.integers(0, 60), st.integers(0, 20)), max_size=25
).map(
    lambda items: [
        Period(
            index,
            worker,
            DAY0 + datetime.timedelta(days=offset),
            DAY0 + datetime.timedelta(days=offset + length),
        )
        for index, (worker, offset, length) in enumerate(items)
    ]
)


@given(periods)
def test_overlaps_within_names_exactly_the_clashing_periods(items):
    clashes = overlaps_within(items)
    for item in items:
        others = [
            other
            for other in items
            if other.key != item.key
            and other.worker_id == item.worker_id
            and shares_a_day(item.start, item.end, other.start, other.end)
        ]
        if others:
            assert clashes[item.key] in {other.key for other in others}
        else:
            assert item.key not in clashes


@given(periods, periods)
def test_the_index_finds_a_stored_period_iff_one_overlaps(stored, asked):
    records = [Stored(p.worker_id, p.start, p.end) for p in stored]
    index = PeriodIndex(records)
    for item in asked:
        found = index.overlapping(item.worker_id, item.start, item.end)
        expected = [
            r
            for r in records
            if r.worker_id == item.worker_id
            and shares_a_day(item.start, item.end, r.period_start, r.period_end)
        ]
        assert (found is not None) == bool(expected)
        if found is not None:
            assert found in expected


def new_record(worker, start, end, hp10="0.1"):
    return DoseRecord(worker=worker, period_start=start, period_end=end, hp10_msv=hp10)


@pytest.mark.django_db
def test_the_bulk_service_writes_records_as_stored_with_one_event_each(world):
    worker = make_worker(world.unit1)
    records = dose_records_import(
        actor=world.users["unit1"],
        records=[
            new_record(worker, D(2024, 1, 1), D(2024, 1, 31), "0.2"),
            new_record(worker, D(2024, 2, 1), D(2024, 2, 29)),
        ],
    )
    assert all(record.pk for record in records)
    stored = DoseRecord.objects.get(pk=records[0].pk)
    assert (stored.unit_id, stored.scope_path) == (world.unit1.pk, worker.scope_path)
    events = AuditEvent.objects.filter(action="dose.create").order_by("id")
    assert [event.object_id for event in events] == [str(record.pk) for record in records]
    assert events[0].after["hp10_msv"] == "0.200" == str(stored.hp10_msv)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("batch", "actor", "message"),
    [
        (
            lambda w: [
                new_record(w, D(2024, 1, 1), D(2024, 1, 31)),
                new_record(w, D(2024, 1, 31), D(2024, 2, 15)),  # within the batch
            ],
            "unit1",
            "该人员已有与此监测周期重叠的剂量记录。",
        ),
        (
            lambda w: [new_record(w, D(2023, 12, 20), D(2024, 1, 5))],
            "unit1",
            "该人员已有与此监测周期重叠的剂量记录。",
        ),
        (
            lambda w: [new_record(w, D(2024, 3, 1), D(2024, 3, 31), "-0.1")],
            "unit1",
            "Hp(10) 剂量不能为负数。",
        ),
        (
            lambda w: [new_record(w, D(2024, 3, 1), D(2024, 3, 31), "0.0001")],
            "unit1",
            "3",  # Django's own decimal-places message names the number of places
        ),
        (lambda w: [new_record(w, D(2024, 3, 1), D(2024, 3, 31))], "unit2", "数据范围"),
    ],
)
def test_the_bulk_service_refuses_and_writes_nothing(world, batch, actor, message):
    worker = make_worker(world.unit1)
    dose_record_create(
        actor=None,
        worker=worker,
        period_start=D(2023, 12, 25),
        period_end=D(2023, 12, 31),
        hp10_msv=0,
    )
    before = DoseRecord.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        dose_records_import(actor=world.users[actor], records=batch(worker))
    assert any(message in text for text in refused.value.messages)
    assert (DoseRecord.objects.count(), AuditEvent.objects.count()) == before
