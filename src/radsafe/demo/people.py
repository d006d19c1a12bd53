"""Builds the demo county's radiation workers (`people_plan.py`), their assessment results and the
dose reports of every worker, all through the personnel services.

Planted on purpose, one of each, for the pages that look for trouble (README, "Demo accounts"):
one worker 无证上岗 (operates the DR of 永济市第三人民医院, his only result ended 20 days ago), a
few results ending within 60 days, a quarter above the investigation level that the unit has
explained (华安), one it has not (恒信), and one missing quarter (恒辐). Decoys the detection must
not flag: a worker who has left, a safety officer who operates nothing, a renewed result.

Every radiation worker is monitored, so every one has dose reports from the day they started to
the latest reported period (or to the day they left): anything else would show a 监测中断 that
drowns the planted one. Reports are contiguous 90-day periods on one calendar (1 April – 30 June
is 91 days, more than a report may span), the latest ending LAST_DOSE_END_DAYS_AGO days before
`today` (the running period is still with the dosimetry service); a worker's first report runs
from their first day to the end of the period they started in, the last of one who left ends on
their leaving day. The few thousand records go in through the bulk import service (one INSERT
per 500 rows and one bulk audit write) rather than one create each, which kept the build as fast
as when only five units had reports."""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from radsafe.demo import inventory_plan
from radsafe.demo.inventory import Clock, DemoInventory
from radsafe.demo.people_plan import (
    ALL,
    DOSE_IMPORT_ID,
    DOSE_IMPORT_NAME,
    SEED,
    TEAMS,
    People,
    Person,
    Role,
    default_team,
)
from radsafe.demo.units import UnitSpec
from radsafe.inventory.choices import SourceStatus
from radsafe.inventory.models import RayDevice, Source
from radsafe.personnel.choices import TrainingCategory, WorkType
from radsafe.personnel.models import DoseRecord, Worker, training_valid_until
from radsafe.personnel.services.doses import dose_flag_explain, dose_records_import
from radsafe.personnel.services.workers import training_create, worker_create
from radsafe.registry.models import Unit

LAST_DOSE_END_DAYS_AGO = 31
PERIOD_DAYS = 90
# The gap rule counts from 入职日期, so a worker's reports go back to the day they were hired; the
# demo hires within the last four years, which gives each about ten reports (a bulk write of some
# 1,400 records costs what the 183 single writes of five units used to).
HIRED_WITHIN_PERIODS = 16
HIRED_WITHIN_DAYS = LAST_DOSE_END_DAYS_AGO + PERIOD_DAYS * HIRED_WITHIN_PERIODS - 1
# A worker of `unit1` (永济市人民医院, 介入科) whose reports end LAST_DOSE_END_DAYS_AGO days ago
# and who has no dose flag at all: the browser test imports `dose_import_period(today)` for them.
DOSE_IMPORT_WORKER = (DOSE_IMPORT_NAME, DOSE_IMPORT_ID)
# Where the planted dose cases sit, and what a monitored quarter of each work usually reads.
EXPLAINED_PERIOD, UNEXPLAINED_PERIOD, GAP_PERIOD = 4, 2, 3  # periods before the latest
PLANTED_HP10 = {"explained": Decimal("2.36"), "unexplained": Decimal("1.87")}
TYPICAL_HP10 = {
    WorkType.INTERVENTIONAL: (0.12, 0.40),
    WorkType.NUCLEAR_MEDICINE: (0.10, 0.35),
    WorkType.FLAW_DETECTION: (0.08, 0.40),
    WorkType.RADIOTHERAPY: (0.03, 0.15),
    WorkType.IRRADIATION: (0.02, 0.12),
}
HOSPITAL_SERVICE = "山西省疾病预防控制中心"
INDUSTRY_SERVICE = "山西中测辐射检测技术有限公司"
EXPLAIN_NOTE = (
    "经调查，该季度承接外省长输管道环焊缝探伤，连续夜间作业，曝光次数约为平时的三倍；剂量计佩戴"
    "及读数经复核无误，未发现违规操作。已调整轮岗，每人每月曝光次数设上限，并加强现场剂量率巡测。"
)
OPERABLE = (SourceStatus.IN_USE, SourceStatus.STORED, SourceStatus.IDLE)


def dose_period(clock: Clock, before_latest: int) -> tuple[datetime.date, datetime.date]:
    """The monitoring period `before_latest` periods before the latest reported one."""
    end = clock.day(LAST_DOSE_END_DAYS_AGO + PERIOD_DAYS * before_latest)
    return end - datetime.timedelta(days=PERIOD_DAYS - 1), end


def dose_import_period(
    today: datetime.date | None = None,
) -> tuple[datetime.date, datetime.date]:
    """The period right after DOSE_IMPORT_WORKER's last demo report, ending yesterday: 30 days,
    within the 90-day maximum, overlapping no record, so an import of it adds exactly one.
    `today` is the demo's day in the server's time zone (TIME_ZONE, not the machine's UTC date:
    between 16:00 and 24:00 UTC, Beijing is already on the next day)."""
    clock = Clock(today or timezone.localdate())
    return clock.day(LAST_DOSE_END_DAYS_AGO - 1), clock.day(1)


@dataclass
class DemoPeople:
    workers: dict[str, list[Worker]] = field(default_factory=dict)  # unit name → team order
    id_numbers: list[str] = field(default_factory=list)  # the clear ones (tests scan for them)
    unlicensed: list[Worker] = field(default_factory=list)
    expiring: list[Worker] = field(default_factory=list)
    dose_explained: DoseRecord | None = None
    dose_unexplained: DoseRecord | None = None
    dose_gap: tuple[Worker, datetime.date] | None = None

    def worker(self, name: str) -> Worker:
        return next(w for team in self.workers.values() for w in team if w.name == name)


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _passed_for_last_valid_day(last: datetime.date) -> datetime.date:
    """The assessment day whose result is valid up to `last` (training_valid_until inverted)."""
    passed = _years_before(last + datetime.timedelta(days=1), 5)
    while training_valid_until(passed) > last:
        passed -= datetime.timedelta(days=1)
    return passed


def _result_number(category: str, passed: datetime.date, rng: random.Random) -> str:
    """考核成绩报告单编号: the national platform's FS + year + province + serial; a unit's own
    assessment numbers itself."""
    if category == TrainingCategory.SELF_ASSESSED:
        return f"自考〔{passed.year}〕{rng.randint(1, 60):03d}号"
    return f"FS{passed:%y}SX{rng.randint(100000, 999999):07d}"


def _trainings(worker: Worker, role: Role, clock: Clock, rng: random.Random) -> None:
    if role.training == "valid":
        dates = [clock.day(rng.randint(90, 1700))]
    elif role.training == "expiring":
        dates = [_passed_for_last_valid_day(clock.day(-role.days))]
    elif role.training == "expired":
        dates = [_passed_for_last_valid_day(clock.day(role.days))]
    else:  # renewed a few weeks before the old result ran out
        old = _passed_for_last_valid_day(clock.day(rng.randint(150, 600)))
        dates = [old, training_valid_until(old) - datetime.timedelta(days=rng.randint(10, 40))]
    for passed in dates:
        training_create(
            actor=None,
            worker=worker,
            number=_result_number(role.category, passed, rng),
            category=role.category,
            passed_on=passed,
        )


def _hp10(role: Role, rng: random.Random, days: int) -> Decimal:
    """A usual reading for the work, in proportion to the period's length (a short first period
    reads less, so it never crosses the investigation level, which scales the same way)."""
    low, high = TYPICAL_HP10.get(role.work_type, (0.02, 0.12))
    return Decimal(f"{rng.uniform(low, high) * days / PERIOD_DAYS:.2f}")


def report_periods(
    clock: Clock, employed_on: datetime.date, left_on: datetime.date | None
) -> list[tuple[int, datetime.date, datetime.date]]:
    """(periods before the latest, start, end) of every report from the first day at work to the
    latest reported period or the leaving day, oldest first; none for someone who started in the
    running period."""
    days_ago = (clock.base - employed_on).days
    if days_ago < LAST_DOSE_END_DAYS_AGO:
        return []
    periods = []
    for before_latest in range((days_ago - LAST_DOSE_END_DAYS_AGO) // PERIOD_DAYS, -1, -1):
        start, end = dose_period(clock, before_latest)
        start = max(start, employed_on)
        if left_on is not None:
            if start > left_on:
                break
            end = min(end, left_on)
        periods.append((before_latest, start, end))
    return periods


@dataclass
class _DoseBook:
    """The records of the whole county, written in one bulk import once every worker exists."""

    records: list[DoseRecord] = field(default_factory=list)
    explained: DoseRecord | None = None


def _doses(worker: Worker, role: Role, clock, rng, people: DemoPeople, book: _DoseBook) -> None:
    """Oldest first; the planted quarter in its place, the planted gap left out."""
    service = HOSPITAL_SERVICE if "医院" in worker.unit.name else INDUSTRY_SERVICE
    for before_latest, start, end in report_periods(clock, worker.employed_on, worker.left_on):
        days = (end - start).days + 1
        hp10 = _hp10(role, rng, days)
        if role.dose == "gap" and before_latest == GAP_PERIOD:
            continue
        planted = role.dose in PLANTED_HP10 and before_latest == (
            EXPLAINED_PERIOD if role.dose == "explained" else UNEXPLAINED_PERIOD
        )
        if planted:
            hp10 = PLANTED_HP10[role.dose]
        hp3 = None
        if role.work_type == WorkType.INTERVENTIONAL:  # over-couch tube: the lens is watched
            hp3 = (hp10 * Decimal(f"{rng.uniform(1.3, 2.2):.2f}")).quantize(Decimal("0.01"))
        record = DoseRecord(
            worker=worker,
            period_start=start,
            period_end=end,
            hp10_msv=hp10,
            hp3_msv=hp3,
            service=service,
        )
        book.records.append(record)
        if planted and role.dose == "explained":
            book.explained = people.dose_explained = record
        elif planted:
            people.dose_unexplained = record
    if role.dose == "gap":
        people.dose_gap = (worker, dose_period(clock, GAP_PERIOD)[0])


def _write_doses(book: _DoseBook) -> None:
    """One bulk import, then the unit's note on the planted quarter it has explained (a note can
    only name a flag the worker has, so it follows the records)."""
    dose_records_import(actor=None, records=book.records)
    record = book.explained
    if record is not None:
        dose_flag_explain(
            actor=None,
            worker=record.worker,
            code="investigation",
            key=str(record.pk),
            note=EXPLAIN_NOTE,
        )


def _equipment(inventory: DemoInventory):
    """What each unit holds now (after the register's transfers), in creation order; the source
    found in a scrap lot is nobody's to operate."""
    sources: dict[int, list[Source]] = defaultdict(list)
    devices: dict[int, list[RayDevice]] = defaultdict(list)
    found = inventory.sources[inventory_plan.FOUND_SOURCE.key]
    for source in Source.objects.filter(status__in=OPERABLE).exclude(pk=found.pk).order_by("id"):
        sources[source.unit_id].append(source)
    for device in RayDevice.objects.select_related("device_type").order_by("id"):
        devices[device.unit_id].append(device)
    return sources, devices


def _create_worker(unit, role, person: Person, sources, devices, *, employed_on, clock) -> Worker:
    operated = [d for d in devices if role.devices == ALL or d.device_type.name in role.devices]
    return worker_create(
        actor=None,
        unit=unit,
        name=person.name,
        id_number=person.id_number,
        sex=person.sex,
        work_type=role.work_type,
        post=role.post,
        employed_on=employed_on,
        left_on=clock.day(role.left_days_ago) if role.left_days_ago is not None else None,
        sources=sources if role.sources else (),
        devices=operated,
    )


def build_people(
    units: dict[str, Unit],
    plan_units: list[UnitSpec],
    inventory: DemoInventory,
    *,
    today: datetime.date,
) -> DemoPeople:
    clock = Clock(today)
    rng = random.Random(SEED + 1)
    draw = People()
    people = DemoPeople()
    sources, devices = _equipment(inventory)
    book = _DoseBook()
    for spec in plan_units:
        unit = units[spec.name]
        held, machines = sources[unit.pk], devices[unit.pk]
        team = TEAMS.get(spec.name) or default_team(spec, bool(held), bool(machines))
        for role in team:
            person = draw.draw(role, spec.contact_person)
            if role.periods:  # a planted dose case: reported since the period they started in
                employed_on = dose_period(clock, role.periods - 1)[0]
            else:  # within the reported years, an adult when hired, and well before leaving
                adult = person.birth + datetime.timedelta(days=21 * 366)
                latest = clock.day((role.left_days_ago or 0) + 200)
                hired = clock.day(rng.randint(200, HIRED_WITHIN_DAYS))
                employed_on = min(max(hired, adult), latest)
            worker = _create_worker(
                unit, role, person, held, machines, employed_on=employed_on, clock=clock
            )
            _trainings(worker, role, clock, rng)
            _doses(worker, role, clock, rng, people, book)
            if role.training == "expired" and role.left_days_ago is None and role.operates:
                people.unlicensed.append(worker)
            if role.training == "expiring":
                people.expiring.append(worker)
            people.workers.setdefault(spec.name, []).append(worker)
            people.id_numbers.append(person.id_number)
    _write_doses(book)
    return people
