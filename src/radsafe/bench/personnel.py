"""Synthetic radiation workers and their personal dose history, and the cases that measure their
pages, written with bulk_create like the units in `data.py`.

The rows are what the services would have left: a worker's ID number encrypted, blind-indexed and
masked by the real functions (about 12 µs a worker, so no pool of ciphertexts is needed), the
unit's scope path copied onto the worker and from the worker onto each dose record, and every
worker's records consecutive 90-day periods going back in time from the last one that can have been
reported (the longest period the rules allow), none overlapping. A small share breaks the pattern so
the flags pages have work: records above the investigation level, a very rare one above the annual
limits, and a worker with one period missing (a 监测中断 flag).

Proportions are assumptions, not national figures (domain.md gives none for people): about three
monitored workers a unit (a large hospital has dozens, a dental clinic one or two) and, by default,
one year of quarterly reports each; `--doses` sets the history's depth (1,000,000 records over
50,000 workers are five years each, the window of the five-year limit)."""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.utils import timezone

from radsafe.bench.cases import Case, Params, _filtered, api_page_size, page_size
from radsafe.core import crypto
from radsafe.core.id_numbers import id_check_character, mask_id_number
from radsafe.inventory.models import RayDevice
from radsafe.personnel.choices import Sex, TrainingCategory, WorkType
from radsafe.personnel.filtersets import DoseFilterSet, WorkerFilterSet
from radsafe.personnel.models import DoseRecord, TrainingResult, Worker, training_valid_until
from radsafe.personnel.selectors import doses as selectors_doses
from radsafe.personnel.selectors import workers as selectors
from radsafe.registry.models import Unit

BATCH = 5_000
WORKERS_PER_UNIT = 3
DOSES_PER_WORKER = 4  # one year of quarterly reports
AREA = "900000"  # outside GB/T 2260, like the bench's jurisdiction codes
BIRTH_DAYS = 12_775  # birth dates over 35 years from 1965: with the order digits, 12.7M numbers
LEAVER_SHARE = 0.03
GAP_SHARE = 0.02  # workers with one period missing
DEVICE_LINK_SHARE = 0.6  # of the workers of a unit with ray devices: linked to one of them
SERVICES = ("基准省职业病防治院", "基准省疾病预防控制中心", "基准辐射剂量检测有限公司")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN_NAMES = [
    *("建国", "志强", "秀英", "丽", "伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰"),
    *("军", "涛", "明", "超", "霞", "平", "刚", "桂英", "红梅", "海燕", "晓东", "文博", "子涵"),
    *("浩然", "雨萱", "思远"),
]
# (work type, weight, post)
WORK_MIX = [
    (WorkType.XRAY_DIAGNOSIS, 40, "放射科技师"),
    (WorkType.INTERVENTIONAL, 10, "介入科医师"),
    (WorkType.RADIOTHERAPY, 6, "放疗科物理师"),
    (WorkType.NUCLEAR_MEDICINE, 6, "核医学科技师"),
    (WorkType.FLAW_DETECTION, 15, "探伤工"),
    (WorkType.GAUGING, 10, "仪表工"),
    (WorkType.IRRADIATION, 2, "辐照操作员"),
    (WorkType.WELL_LOGGING, 3, "测井工"),
    (WorkType.OTHER, 8, "辐射安全管理员"),
]


@dataclass(frozen=True)
class PersonnelPick:
    """Rows the cases open: a worker of the cases' unit (with a flag), a name to search for and a
    quarter a year back for the period filter."""

    worker_id: int
    name_search: str
    since: datetime.date
    until: datetime.date


def default_workers(units: int) -> int:
    return units * WORKERS_PER_UNIT


def default_doses(workers: int) -> int:
    return workers * DOSES_PER_WORKER


def id_number(n: int) -> str:
    """The n-th bench worker's number: valid (check character included) and unique for n below
    12.7 million; the birth date walks the 35 years by a step prime to their length."""
    birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=n * 7919 % BIRTH_DAYS)
    first17 = f"{AREA}{birth:%Y%m%d}{n // BIRTH_DAYS:03d}"
    return first17 + id_check_character(first17)


def _hp10(rng: random.Random) -> Decimal:
    """Mostly near the detection limit, 1.5 % above the investigation level, 1 in 20,000 above
    the annual limits. In µSv, so the Decimal is exact."""
    roll = rng.random()
    if roll < 0.6:
        micro = rng.randint(10, 100)
    elif roll < 0.985:
        micro = rng.randint(100, 1000)
    elif roll < 0.99995:
        micro = rng.randint(1300, 4000)
    else:
        micro = rng.randint(15_000, 60_000)
    return Decimal(micro).scaleb(-3)


def _record(rng, worker: Worker, start, end, hp10: Decimal, service: str, now) -> tuple:
    """A row of DOSE_COLUMNS. Lens and skin doses only where they are measured: interventional
    and nuclear medicine."""
    hp3 = hp007 = None
    if worker.work_type == WorkType.INTERVENTIONAL:
        hp3 = hp10 * rng.randint(2, 5)
    elif worker.work_type == WorkType.NUCLEAR_MEDICINE:
        hp007 = hp10 * rng.randint(3, 10)
    return (
        worker.pk,
        worker.unit_id,
        worker.scope_path,
        start,
        end,
        hp10,
        hp3,
        hp007,
        service,
        1,
        now,
        now,
    )


DOSE_COLUMNS = [
    "worker",
    "unit",
    "scope_path",
    "period_start",
    "period_end",
    "hp10_msv",
    "hp3_msv",
    "hp007_msv",
    "service",
    "version",
    "created_at",
    "updated_at",
]


def insert_rows(model, fields: list[str], rows: list[tuple]) -> None:
    """What bulk_create writes, without a model instance per row and every value prepared through
    the ORM, which were nine tenths of the time of a million dose records. The values must be what
    the driver takes: dates, Decimals and ints as they are (the connection adapts them), timestamps
    through `connection.ops.adapt_datetimefield_value`."""
    quote = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    values = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({values})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _periods(latest_end: datetime.date, count: int, skip: int | None):
    """`count` 90-day periods, the newest ending on `latest_end`, each ending the day before the
    next begins; the `skip`-th is left out (a gap), so the history reaches one period further."""
    length = settings.RADSAFE_DOSE_MAX_PERIOD_DAYS
    periods, k = [], 0
    while len(periods) < count:
        if k != skip:
            end = latest_end - datetime.timedelta(days=length * k)
            periods.append((end - datetime.timedelta(days=length - 1), end))
        k += 1
    return periods


def _plan(rng, n: int, unit_index: int, records: int, today: datetime.date):
    """A worker's periods, employment and leaving: the newest period ends within the last 90 days
    (the service's day in the quarter is the unit's), so an active worker has no gap flag. The
    unit is named by its place in the bench's list, not its id: PostgreSQL does not give back the
    ids of a rolled-back run, and the data must not depend on them."""
    length = settings.RADSAFE_DOSE_MAX_PERIOD_DAYS
    latest_end = today - datetime.timedelta(days=1 + unit_index % length)
    left_on = None
    if n and rng.random() < LEAVER_SHARE:
        latest_end -= datetime.timedelta(days=length * rng.randint(1, 8))
        left_on = latest_end
    skip = records // 2 if records > 2 and n and rng.random() < GAP_SHARE else None
    periods = _periods(latest_end, records, skip)
    employed_on = periods[-1][0] if periods else today - datetime.timedelta(rng.randint(200, 2000))
    return periods, employed_on, left_on


def _training(rng, n: int, worker: Worker, today: datetime.date) -> TrainingResult | None:
    """Most workers hold a result from their first month; a tenth an expired one, a twentieth
    none (what the 无证上岗 and expiring lists are about)."""
    roll = rng.random()
    if n and roll < 0.05:
        return None
    if n and roll < 0.15:
        passed_on = today - datetime.timedelta(days=1830 + rng.randint(1, 1500))
    else:
        passed_on = min(worker.employed_on + datetime.timedelta(days=30), today)
    category = worker.work_type if worker.work_type in TrainingCategory.values else "other"
    return TrainingResult(
        worker_id=worker.pk,
        number=f"FS{passed_on.year % 100:02d}{n:07d}",
        category=category,
        passed_on=passed_on,
        valid_until=training_valid_until(passed_on),
    )


def _worker(rng, n: int, unit_id: int, scope_path: str, employed_on, left_on) -> Worker:
    number = id_number(n)
    work_type, _weight, post = rng.choices(WORK_MIX, weights=[w for _, w, _ in WORK_MIX])[0]
    return Worker(
        unit_id=unit_id,
        scope_path=scope_path,
        name=rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES),
        id_number_cipher=crypto.encrypt(number),
        id_number_index=crypto.blind_index(number),
        id_number_masked=mask_id_number(number),
        sex=rng.choice(Sex.values),
        post=post,
        work_type=work_type,
        employed_on=employed_on,
        left_on=left_on,
    )


def generate_personnel(
    rng: random.Random,
    *,
    units: list[tuple[int, str]],
    workers: int,
    doses: int,
    today: datetime.date,
) -> PersonnelPick | None:
    """`units` are the bench's (pk, status) in creation order: every unit gets a worker before any
    gets a second, so the first unit (the cases') always has one; the doses are spread evenly.
    The first worker's newest record is above the investigation level, so its page has a flag."""
    if workers < 1:
        return None
    paths = dict(Unit.objects.values_list("pk", "scope_path"))
    place = {unit_id: index for index, (unit_id, _status) in enumerate(units)}
    devices: dict[int, int] = {}
    for unit_id, device_id in RayDevice.objects.order_by("id").values_list("unit_id", "pk"):
        devices.setdefault(unit_id, device_id)
    per_worker, extra = divmod(doses, workers)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    links = Worker.devices.through
    first = None
    for start in range(0, workers, BATCH):
        batch, plans = [], []
        for n in range(start, min(workers, start + BATCH)):
            index = n if n < len(units) else rng.randrange(len(units))
            unit_id = units[index][0]
            periods, employed_on, left_on = _plan(rng, n, index, per_worker + (n < extra), today)
            batch.append(_worker(rng, n, unit_id, paths[unit_id], employed_on, left_on))
            plans.append(periods)
        Worker.objects.bulk_create(batch, batch_size=BATCH)
        if first is None:
            first = batch[0]
        trainings = [_training(rng, start + i, worker, today) for i, worker in enumerate(batch)]
        TrainingResult.objects.bulk_create([t for t in trainings if t], batch_size=BATCH)
        links.objects.bulk_create(
            [
                links(worker_id=worker.pk, raydevice_id=devices[worker.unit_id])
                for worker in batch
                if worker.unit_id in devices and rng.random() < DEVICE_LINK_SHARE
            ],
            batch_size=BATCH,
        )
        records = []
        for worker, periods in zip(batch, plans, strict=True):
            service = SERVICES[place[worker.unit_id] % len(SERVICES)]
            for k, (period_start, period_end) in enumerate(periods):
                hp10 = Decimal("2.500") if worker is first and k == 0 else _hp10(rng)
                records.append(_record(rng, worker, period_start, period_end, hp10, service, now))
        insert_rows(DoseRecord, DOSE_COLUMNS, records)
    year_ago = today - datetime.timedelta(days=365)
    return PersonnelPick(
        worker_id=first.pk,
        name_search=first.name,
        since=year_ago - datetime.timedelta(days=90),
        until=year_ago,
    )


# --- cases ---------------------------------------------------------------------------------


def worker_page(size=page_size):
    def main(user, kwargs: Params, params: Params):
        return _filtered(WorkerFilterSet, selectors.worker_list(user=user), params)[: size()]

    return main


def worker_one(user, kwargs: Params, params: Params):
    """`worker_detail` without its final `.get()`, so the SQL is the same."""
    return selectors.worker_list(user=user).select_related("unit__squad").filter(pk=kwargs["pk"])


def dose_page(size=page_size):
    def main(user, kwargs: Params, params: Params):
        return _filtered(DoseFilterSet, selectors_doses.dose_list(user=user), params)[: size()]

    return main


def flag_records(user, kwargs: Params, params: Params):
    """The flags page's widest query: the records of its first page of workers (the page of
    workers is the worker list's own floor), from which the flags are computed in Python."""
    ids = list(selectors.worker_list(user=user).values_list("pk", flat=True)[: page_size()])
    return DoseRecord.objects.filter(worker_id__in=ids).only(*selectors_doses.RECORD_FIELDS)


def _worker_pk(data) -> Params:
    return {"pk": data.personnel.worker_id}


def _worker_filter(data) -> Params:
    return {"worker": data.personnel.worker_id}


def _name(data) -> Params:
    return {"q": data.personnel.name_search}


def _period(data) -> Params:
    return {"since": data.personnel.since, "until": data.personnel.until}


W = "personnel:worker-list"
D = "personnel:dose-list"
CASES: list[Case] = [
    Case("worker-list page 1 (county)", W, "county", worker_page()),
    Case("worker-list page 1 (province)", W, "province", worker_page()),
    Case("worker-list name search", W, "province", worker_page(), params=_name),
    Case("worker-detail", "personnel:worker-detail", "county", worker_one, kwargs=_worker_pk),
    Case("dose-list page 1 (county)", D, "county", dose_page()),
    Case("dose-list page 1 (province)", D, "province", dose_page()),
    Case("dose-list worker filter", D, "county", dose_page(), params=_worker_filter),
    Case("dose-list period filter", D, "city", dose_page(), params=_period),
    Case("dose flags (county)", "personnel:dose-flags", "county", flag_records),
    Case("api worker-list", "api:worker-list", "city", worker_page(api_page_size)),
    Case("api dose-list", "api:dose-list", "city", dose_page(api_page_size)),
]
