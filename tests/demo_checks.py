"""Checks of the demo county's people, doses and readiness, called by tests/test_demo.py on its one
build (a build costs nine argon2 hashes): each planted case is found by the real selectors, and
nothing else is flagged where the plan says the county is clean."""

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from radsafe.core import crypto
from radsafe.core.id_numbers import mask_id_number, validate_id_number
from radsafe.core.models import AuditEvent, User
from radsafe.demo import people_plan
from radsafe.demo.people import DOSE_IMPORT_WORKER, LAST_DOSE_END_DAYS_AGO, dose_import_period
from radsafe.demo.readiness import NO_PLAN_UNITS
from radsafe.demo.units import LOGGING_NAME, SURNAMES, UNIT1_NAME, UNIT2_NAME
from radsafe.inventory.choices import MovementKind
from radsafe.inventory.models import Movement, RayDevice, Source
from radsafe.personnel.choices import TrainingCategory, WorkType
from radsafe.personnel.models import DoseInvestigation, DoseRecord, TrainingResult, Worker
from radsafe.personnel.selectors.doses import flags_for_workers, worker_flags
from radsafe.personnel.selectors.workers import (
    holds_valid_result,
    trainings_expiring,
    unlicensed_workers,
    worker_list,
)
from radsafe.personnel.services.doses import dose_record_create
from radsafe.readiness.deadlines import drill_cutoff, supply_check_cutoff
from radsafe.readiness.models import (
    Drill,
    EmergencyPlan,
    EmergencySupply,
    EquipmentFault,
    Instrument,
)
from radsafe.readiness.selectors import unit_readiness, unit_readiness_list
from radsafe.registry.models import Unit

READINESS_FLAGS = (
    "no_plan",
    "no_recent_drill",
    "stale_supplies",
    "overdue_instruments",
    "sick_faults",
)


class _Rollback(Exception):
    pass


def people_snapshot() -> tuple:
    """What two builds on the same day must agree on: rows by their natural keys, never by id."""
    workers = sorted(
        Worker.objects.values_list(
            "unit__name", "name", "id_number_masked", "sex", "work_type", "employed_on", "left_on"
        )
    )
    sources = Worker.sources.through.objects.values_list("worker__name", "source__code")
    devices = Worker.devices.through.objects.values_list("worker__name", "raydevice__serial_number")
    operated = sorted([*sources, *devices])
    trainings = sorted(
        TrainingResult.objects.values_list(
            "worker__unit__name", "worker__name", "number", "category", "passed_on", "valid_until"
        )
    )
    doses = sorted(
        DoseRecord.objects.values_list(
            "unit__name", "worker__name", "period_start", "period_end", "hp10_msv", "hp3_msv"
        )
    )
    notes = sorted(DoseInvestigation.objects.values_list("worker__name", "code", "note"))
    readiness = (
        sorted(
            EmergencyPlan.objects.values_list(
                "unit__name", "title", "edition", "document_number", "issued_on"
            )
        ),
        sorted(
            EmergencySupply.objects.values_list("unit__name", "item", "quantity", "last_checked_on")
        ),
        sorted(
            Drill.objects.values_list(
                "unit__name", "held_on", "kind", "scenario", "participant_count"
            )
        ),
        sorted(
            Instrument.objects.values_list(
                "unit__name", "kind", "model", "serial_number", "calibration_due", "in_use"
            )
        ),
        sorted(
            EquipmentFault.objects.values_list(
                "unit__name", "equipment", "reported_on", "repaired_on", "stayed_in_use"
            )
        ),
    )
    return workers, operated, trainings, doses, notes, readiness


def check_people(demo) -> None:
    _check_workers(demo)
    _check_unlicensed(demo)
    _check_dose_flags(demo)
    _check_dose_import_worker()


def _check_workers(demo) -> None:
    people = demo.people
    workers = list(
        Worker.objects.select_related("unit").prefetch_related("sources", "devices").order_by("id")
    )
    assert 100 <= len(workers) <= 250
    assert len(set(people.id_numbers)) == len(workers)
    for worker, number in zip(workers, people.id_numbers, strict=True):
        validate_id_number(number)  # GB 11643 check character
        assert number[:6] == "140881" and 1965 <= int(number[6:10]) <= 2000, worker.name
        assert (int(number[16]) % 2 == 1) == (worker.sex == "male"), worker.name
        assert worker.id_number_masked == mask_id_number(number)
        assert worker.name[0] in SURNAMES and 2 <= len(worker.name) <= 3
        assert all(s.unit_id == worker.unit_id for s in worker.sources.all())
        assert all(d.unit_id == worker.unit_id for d in worker.devices.all())
    assert crypto.decrypt(workers[0].id_number_cipher) == people.id_numbers[0]
    # Every unit holding a source or a ray device has a team of 2–6.
    teams = Counter(worker.unit.name for worker in workers)
    holders = set(Source.objects.values_list("unit__name", flat=True)) | set(
        RayDevice.objects.values_list("unit__name", flat=True)
    )
    assert {name: teams[name] for name in holders if not 2 <= teams[name] <= 6} == {}
    assert set(teams) <= holders
    assert teams[UNIT1_NAME] >= 4 and teams[UNIT2_NAME] >= 4
    kinds = {name: {w.work_type for w in workers if w.unit.name == name} for name in teams}
    assert {WorkType.INTERVENTIONAL, WorkType.NUCLEAR_MEDICINE} <= kinds[UNIT1_NAME]
    assert WorkType.FLAW_DETECTION in kinds[UNIT2_NAME]
    assert kinds[LOGGING_NAME] == {WorkType.WELL_LOGGING}
    flaw = next(w for w in workers if w.unit.name == UNIT2_NAME and w.work_type == "flaw_detection")
    assert flaw.sources.exists() and flaw.devices.exists()
    categories = set(TrainingResult.objects.values_list("category", flat=True))
    assert {TrainingCategory.SELF_ASSESSED, TrainingCategory.FLAW_DETECTION} <= categories
    assert AuditEvent.objects.filter(action="worker.create").count() == len(workers)


def _check_unlicensed(demo) -> None:
    today = timezone.localdate()
    bureau = User.objects.get(username="bureau")
    flagged = list(unlicensed_workers(user=bureau))
    assert [w.pk for w in flagged] == [w.pk for w in demo.people.unlicensed]
    (worker,) = flagged
    assert worker.name == people_plan.UNLICENSED_NAME and worker.operates_unlicensed
    # The played check-outs name registered, qualified workers of their unit (issue 9 §3).
    check_outs = Movement.objects.filter(kind=MovementKind.CHECK_OUT).select_related("worker")
    assert check_outs.count() >= 5
    for movement in check_outs:
        assert movement.worker.unit_id == movement.unit_id
        assert movement.person == movement.worker.name
        assert holds_valid_result(movement.worker, timezone.localtime(movement.occurred_at).date())
    assert worker.training_results.get().valid_until < today
    # The decoys are there and are not flagged: a lapsed result of someone who operates nothing
    # or has left, and renewed results.
    lapsed = Worker.objects.exclude(training_results__valid_until__gte=today)
    assert lapsed.count() >= 4
    assert lapsed.filter(sources__isnull=True, devices__isnull=True).exists()
    assert lapsed.filter(left_on__isnull=False).exists()
    assert TrainingResult.objects.count() > Worker.objects.count()  # someone renewed
    expiring = {t.worker_id for t in trainings_expiring(user=bureau, days=60)}
    assert expiring == {w.pk for w in demo.people.expiring} and len(expiring) >= 3


def _check_dose_flags(demo) -> None:
    people = demo.people
    bureau = User.objects.get(username="bureau")
    records = list(DoseRecord.objects.select_related("unit"))
    assert 800 <= len(records) <= 2500
    planted = {people.dose_explained.pk, people.dose_unexplained.pk}
    for record in records:
        days = (record.period_end - record.period_start).days + 1
        assert days <= 90, record
        if record.pk not in planted:  # a usual reading, in proportion to the period's length
            assert Decimal(0) <= record.hp10_msv <= Decimal("0.405") * days / 90, record
    # Written in bulk, and still one audit event each.
    assert AuditEvent.objects.filter(action="dose.create").count() == len(records)
    _check_reports_cover_every_worker(people)
    flags = {
        (item.worker.name, item.flag.code, item.flag.key, item.explained)
        for item in flags_for_workers(worker_list(user=bureau))
    }
    gap_worker, gap_day = people.dose_gap
    assert gap_worker.name == people_plan.DOSE_GAP_NAME
    # Every radiation worker is monitored: the county's flags are the planted ones and nothing else.
    assert flags == {
        (people_plan.DOSE_EXPLAINED_NAME, "investigation", str(people.dose_explained.pk), True),
        (
            people_plan.DOSE_UNEXPLAINED_NAME,
            "investigation",
            str(people.dose_unexplained.pk),
            False,
        ),
        (gap_worker.name, "gap", gap_day.isoformat(), False),
    }


def _check_reports_cover_every_worker(people) -> None:
    """Each worker's reports run without a break from the day they were hired to the latest
    reported period, or to the day they left; only the planted gap is missing."""
    latest = timezone.localdate() - datetime.timedelta(days=LAST_DOSE_END_DAYS_AGO)
    periods = defaultdict(list)
    for worker_id, start, end in DoseRecord.objects.values_list(
        "worker_id", "period_start", "period_end"
    ).order_by("worker_id", "period_start"):
        periods[worker_id].append((start, end))
    gap_worker, gap_day = people.dose_gap
    missing = []
    workers = Worker.objects.order_by("id")
    assert set(periods) == set(workers.values_list("id", flat=True))
    for worker in workers:
        cursor = worker.employed_on
        for start, end in periods[worker.pk]:
            if start != cursor:
                missing.append((worker.name, cursor))
            cursor = end + datetime.timedelta(days=1)
        assert cursor - datetime.timedelta(days=1) == (worker.left_on or latest), worker.name
    assert missing == [(gap_worker.name, gap_day)]


def _check_dose_import_worker() -> None:
    """What the browser test relies on: the worker has no flag, the period is free, and importing
    a dose above the investigation level for it raises exactly one flag."""
    today = timezone.localdate()
    name, number = DOSE_IMPORT_WORKER
    worker = Worker.objects.get(
        unit__name=UNIT1_NAME, name=name, id_number_index=crypto.blind_index(number)
    )
    assert worker_flags(worker) == []
    start, end = dose_import_period(today)
    last = worker.dose_records.order_by("-period_end").first()
    assert last.period_end == today - datetime.timedelta(days=LAST_DOSE_END_DAYS_AGO)
    assert start == last.period_end + datetime.timedelta(days=1) and end < today
    assert 1 <= (end - start).days + 1 <= 90
    assert not worker.dose_records.filter(period_start__lte=end, period_end__gte=start).exists()
    try:
        with transaction.atomic():
            record = dose_record_create(
                actor=None, worker=worker, period_start=start, period_end=end, hp10_msv="1.50"
            )
            flags = [(flag.code, flag.key) for flag in worker_flags(worker)]
            assert flags == [("investigation", str(record.pk))]
            raise _Rollback
    except _Rollback:
        pass


def check_readiness(demo) -> None:
    today = timezone.localdate()
    bureau = User.objects.get(username="bureau")
    rows = unit_readiness_list(user=bureau, today=today)
    found = {(unit.name, flag) for unit in rows for flag in READINESS_FLAGS if getattr(unit, flag)}
    assert found == demo.readiness.expected_flags
    assert {flag for _, flag in found} == set(READINESS_FLAGS)
    # The unit page counts the same rows the list flags.
    sick = demo.readiness.sick_fault
    page = unit_readiness(user=bureau, unit=sick.unit, today=today)
    assert page.sick_faults == 1 and page.flagged
    assert sick.repaired_on is None and sick.stayed_in_use
    assert demo.readiness.repaired_fault.repaired_on is not None
    assert EquipmentFault.objects.filter(repaired_on__isnull=True).count() == 2
    assert demo.readiness.overdue_instrument.calibration_due < today
    # Most units are in order.
    units = Unit.objects.count()
    planned = set(EmergencyPlan.objects.values_list("unit__name", flat=True))
    assert len(planned) == units - len(NO_PLAN_UNITS)
    recent = Drill.objects.filter(kind="drill", held_on__gte=drill_cutoff(today))
    assert recent.values("unit").distinct().count() == len(planned) - 1
    checked = EmergencySupply.objects.filter(last_checked_on__gte=supply_check_cutoff(today))
    assert checked.values("unit").distinct().count() >= 15
    assert Instrument.objects.filter(in_use=False).exists()
