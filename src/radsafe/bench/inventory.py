"""Synthetic inventory at national scale: storage sites, sealed sources with their movement
register, and ray devices, written with bulk_create like the units in `data.py`.

The rows are what the services would have left: a source's `status`, `site` and `is_checked_out`
agree with its events (an arrival for every source, a check-out still open for a few, the event
behind every status that is not the arrival's), and `category_at_manufacture` is the code's last
character. Proportions follow the national figures of domain.md ("How big it gets"): about a third
of the units hold sources, most hold ray devices, and the unit statuses of `data.py` make a tail of
破产 / 长期停产 holders for the high-risk list."""

import datetime
import math
import random
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from radsafe.inventory import physics
from radsafe.inventory.choices import HELD_STATUSES, MovementKind, SiteKind, SourceStatus
from radsafe.inventory.models import DeviceType, Movement, Nuclide, RayDevice, Source, StorageSite
from radsafe.registry.choices import UnitStatus
from radsafe.registry.models import Unit

BATCH = 5_000
SOURCES_PER_HOLDER = 6  # ≈170,000 sources over ≈30,000 of 140,000 units
DEVICES_PER_HOLDER = 4.5
SECOND_SITE_SHARE = 0.1
CHECKED_OUT_SHARE = 0.02  # of the sources kept in a site; half of them out longer than 24 h
BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class SourceKind:
    """One kind of source in the national mix: nuclide, code letters, activity range at
    manufacture (Bq), how far back its reference date may lie (days), its use and model."""

    weight: int
    symbol: str
    code: str
    activity: tuple[float, float]
    age_days: tuple[int, int]
    use: str
    model: str
    in_site: bool  # flaw-detection and store-kept sources live in a site; gauges at their place


KINDS = [
    SourceKind(15, "Ir-192", "IR", (1.5e12, 3.7e12), (5, 400), "γ射线移动探伤", "TI-FF", True),
    SourceKind(8, "Se-75", "SE", (1.0e12, 3.0e12), (5, 500), "γ射线移动探伤", "SE-75A", True),
    SourceKind(32, "Cs-137", "CS", (1.0e9, 5.0e10), (200, 9000), "料位计", "LM-137", False),
    SourceKind(5, "Cs-137", "CS", (1.0e8, 9.0e8), (200, 9000), "核子秤", "HC-100", False),
    SourceKind(5, "Co-60", "CO", (1.0e9, 1.0e10), (200, 7000), "料位计", "LC-60", False),
    SourceKind(2, "Co-60", "CO", (1.0e14, 2.5e14), (5, 3000), "远距离治疗", "GWXJ80", True),
    SourceKind(1, "Ir-192", "IR", (3.7e11, 4.4e11), (5, 300), "后装治疗", "HDR-V2", True),
    SourceKind(8, "Am-241", "AM", (1.0e9, 1.1e10), (300, 9000), "料位计", "AM-LG", False),
    SourceKind(10, "Am-241/Be", "AB", (1.1e9, 1.85e9), (300, 6000), "核子密度湿度仪", "MC-3", True),
    SourceKind(5, "Sr-90", "SR", (1.85e9, 3.7e9), (300, 6000), "β测厚仪", "BT-90", False),
    SourceKind(3, "Kr-85", "KR", (1.85e10, 3.7e10), (100, 4000), "测厚仪", "KR-85T", False),
    SourceKind(4, "Ni-63", "NI", (3.7e8, 5.55e8), (100, 5000), "电子俘获检测器", "ECD-63", False),
    SourceKind(1, "Co-60", "CO", (1.0e15, 1.5e16), (5, 5000), "γ辐照", "IRR-60", True),
    SourceKind(1, "Cf-252", "CF", (1.0e9, 4.0e9), (5, 2000), "中子测水仪", "CF-252N", True),
]
MANUFACTURERS = [
    ("01", "中国同辐股份有限公司"),
    ("02", "原子高科股份有限公司"),
    ("05", "成都中核高通同位素股份有限公司"),
    ("07", "中核四〇四有限公司"),
    ("DE", "Eckert & Ziegler"),
    ("US", "QSA Global"),
    ("GB", "Hopewell Designs"),
]
# (status, share in per mille): mostly 在用 / 贮存, a tail of idle, disused and gone.
STATUS_MIX = [
    (SourceStatus.IN_USE, 600),
    (SourceStatus.STORED, 250),
    (SourceStatus.IDLE, 50),
    (SourceStatus.DISUSED, 50),
    (SourceStatus.SENT_FOR_STORAGE, 25),
    (SourceStatus.RETURNED, 10),
    (SourceStatus.TRANSFERRED, 15),
]
LAST_EVENT = {
    SourceStatus.IDLE: MovementKind.STATUS_CHANGE,
    SourceStatus.DISUSED: MovementKind.STATUS_CHANGE,
    SourceStatus.RETURNED: MovementKind.STATUS_CHANGE,
    SourceStatus.SENT_FOR_STORAGE: MovementKind.SENT_FOR_STORAGE,
    SourceStatus.TRANSFERRED: MovementKind.TRANSFER_OUT,
}
# device type name, weight, device name, (kV, mA) or None, MeV or None
DEVICE_MIX = [
    ("医用诊断X射线机", 28, "DR数字X射线摄影系统", (150, 630), None),
    ("口腔（牙科）X射线机", 18, "口腔CBCT", (90, 10), None),
    ("医用CT", 8, "多层螺旋CT", (140, 800), None),
    ("乳腺X射线机", 3, "乳腺X射线摄影系统", (35, 100), None),
    ("骨密度仪", 3, "双能X射线骨密度仪", (100, 3), None),
    ("数字减影血管造影装置（DSA）", 2, "血管造影X射线系统", (125, 1000), None),
    ("医用直线加速器（<100MeV）", 1, "医用电子直线加速器", None, 10),
    ("工业X射线探伤机", 14, "便携式X射线探伤机", (300, 5), None),
    ("工业CT", 1, "工业CT检测系统", (450, 3), None),
    ("行李包裹X射线安检机", 17, "通道式X射线安检机", (160, 1), None),
    ("X射线衍射仪/荧光分析仪（XRD/XRF）", 4, "X射线荧光分析仪", (50, 1), None),
    ("车辆/集装箱X射线检查系统", 1, "车辆X射线检查系统", None, 6),
]
DEVICE_STATUS_MIX = ["in_use"] * 90 + ["stopped"] * 6 + ["scrapped"] * 3 + ["transferred"]


@dataclass
class InventoryPick:
    """Rows the cases open: a unit with sources, sites and an overdue check-out, one of its
    sources and sites, and a code to search for."""

    unit_id: int
    source_id: int
    site_id: int
    code_search: str


def source_code(n: int, manufacturer: str, year: int, kind: SourceKind, category: int) -> str:
    """A valid, unique 12-character code: the serial (positions 7–11) is n in base 36."""
    serial = ""
    for _ in range(5):
        n, digit = divmod(n, 36)
        serial = BASE36[digit] + serial
    return f"{manufacturer}{year % 100:02d}{kind.code}{serial}{category}"


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _holders(
    rng: random.Random, units: list[tuple[int, str]], count: int, today: datetime.date
) -> list[tuple[int, str]]:
    """`count` units, always including the first (the unit the cases open) and one that is not
    正常, so the high-risk list has a row at any size."""
    count = max(1, min(len(units), count))
    chosen = [units[0], *rng.sample(units[1:], count - 1)]
    if count > 1 and all(status == UnitStatus.NORMAL for _, status in chosen):
        pk = chosen[-1][0]
        Unit.objects.filter(pk=pk).update(status=UnitStatus.SUSPENDED, status_since=today)
        chosen[-1] = (pk, UnitStatus.SUSPENDED)
    return sorted(chosen)


def _sites(rng: random.Random, holders: list[tuple[int, str]]) -> dict[int, list[int]]:
    rows = []
    for unit_id, _status in holders:
        rows.append(
            StorageSite(
                unit_id=unit_id,
                name="放射源暂存库",
                kind=SiteKind.TEMPORARY,
                place="厂区东北角独立库房",
                dual_lock=rng.random() < 0.9,
                video=rng.random() < 0.85,
                alarm=rng.random() < 0.8,
            )
        )
        if rng.random() < SECOND_SITE_SHARE:
            rows.append(
                StorageSite(
                    unit_id=unit_id,
                    name="废旧源贮存库",
                    kind=SiteKind.STORAGE,
                    place="地下一层贮源室",
                    dual_lock=True,
                    video=True,
                    alarm=True,
                )
            )
    StorageSite.objects.bulk_create(rows, batch_size=BATCH)
    by_unit: dict[int, list[int]] = {}
    for site in rows:
        by_unit.setdefault(site.unit_id, []).append(site.pk)
    return by_unit


def _source(rng, n, unit_id, sites, kinds, nuclides, statuses, today) -> Source:
    """Source 0 is the cases' own: a flaw-detection Ir-192 kept in its unit's store."""
    kind = rng.choices(KINDS, weights=kinds)[0] if n else KINDS[0]
    nuclide = nuclides[kind.symbol]
    reference = today - datetime.timedelta(days=rng.randint(*kind.age_days))
    activity = rng.uniform(*kind.activity)
    category = physics.category_for_ratio(physics.ratio(activity, nuclide.d_value_tbq))
    manufacturer, maker = rng.choice(MANUFACTURERS)
    status = rng.choice(statuses) if n else SourceStatus.STORED
    held = status in HELD_STATUSES
    in_site = held and (kind.in_site or status != SourceStatus.IN_USE)
    return Source(
        code=source_code(n, manufacturer, reference.year, kind, category),
        nuclide_id=nuclide.pk,
        activity_bq=activity,
        reference_date=reference,
        category_at_manufacture=category,
        use=kind.use,
        unit_id=unit_id,
        site_id=sites[n % len(sites)] if in_site else None,
        work_place="" if in_site or not held else "生产线料仓",
        status=status,
        manufacturer=maker,
        model=kind.model,
        serial_number=f"{kind.code}{n:07d}",
        manufactured_on=reference,
        origin="生产单位购入",
    )


def _events(
    rng: random.Random, batch: list[Source], today, other_unit: int, first_batch: bool
) -> list[Movement]:
    """The arrival of every source, the event that set a later status, and an open check-out
    for a few of those kept in a site (`is_checked_out` already set on the row). Replayed in time
    order (registers `project()`), they give the row's status, site and check-out flag."""
    events = []
    midnight = _at(today, 0)
    for source in batch:
        # Arrivals and status changes at least four days back, check-outs within the last three.
        arrived = min(
            source.reference_date + datetime.timedelta(days=rng.randint(1, 20)),
            today - datetime.timedelta(days=4),
        )
        if source.status in (SourceStatus.IN_USE, SourceStatus.STORED):
            first_status = source.status
        else:
            first_status = SourceStatus.STORED if source.site_id else SourceStatus.IN_USE
        events.append(
            Movement(
                unit_id=source.unit_id,
                source_id=source.pk,
                kind=MovementKind.ARRIVAL,
                occurred_at=_at(arrived, 9),
                person="王建国",
                purpose="新源入库",
                site_id=source.site_id,
                destination="" if source.site_id else source.work_place,
                to_status=first_status,
            )
        )
        last = LAST_EVENT.get(source.status)
        if last is not None:
            changed_on = min(arrived + datetime.timedelta(days=30), today - datetime.timedelta(4))
            events.append(
                Movement(
                    unit_id=source.unit_id,
                    source_id=source.pk,
                    kind=last,
                    occurred_at=_at(changed_on, 10),
                    person="王建国",
                    purpose="状态变更",
                    to_status=source.status,
                    counterparty_id=other_unit if last == MovementKind.TRANSFER_OUT else None,
                )
            )
        if source.is_checked_out:
            offsite = rng.random() < 0.25  # without a filing: the reconciliation flags it
            # Source 0's check-out is overdue, so the reconciliation case has a row to show.
            hours = 72 if source is batch[0] and first_batch else rng.choice((2, 6, 30, 72))
            events.append(
                Movement(
                    unit_id=source.unit_id,
                    source_id=source.pk,
                    kind=MovementKind.CHECK_OUT,
                    occurred_at=midnight - datetime.timedelta(hours=hours),
                    person="李志强",
                    purpose="现场探伤",
                    destination="陕西省渭南市工地" if offsite else "厂区管道焊口",
                    offsite=offsite,
                    site_id=source.site_id,
                )
            )
    return events


def generate_sources(
    rng: random.Random, *, units: list[tuple[int, str]], count: int, today: datetime.date
) -> InventoryPick | None:
    """`units` are the bench's (pk, status) in creation order; the first is the one the cases
    open, so it always holds sources."""
    if count < 1:
        return None
    holders = _holders(rng, units, math.ceil(count / SOURCES_PER_HOLDER), today)
    sites = _sites(rng, holders)
    nuclides = {n.symbol: n for n in Nuclide.objects.all()}
    weights = [kind.weight for kind in KINDS]
    statuses = [status for status, share in STATUS_MIX for _ in range(share)]
    other_unit = units[-1][0]
    pick = None
    for start in range(0, count, BATCH):
        batch = []
        for n in range(start, min(count, start + BATCH)):
            # Every holder gets one source, then the rest fall at random (a long tail).
            unit_id = holders[n][0] if n < len(holders) else rng.choice(holders)[0]
            source = _source(rng, n, unit_id, sites[unit_id], weights, nuclides, statuses, today)
            source.is_checked_out = n == 0 or (
                source.site_id is not None and rng.random() < CHECKED_OUT_SHARE
            )
            batch.append(source)
        Source.objects.bulk_create(batch, batch_size=BATCH)
        events = _events(rng, batch, today, other_unit, first_batch=start == 0)
        Movement.objects.bulk_create(events, batch_size=BATCH)
        if pick is None:
            first = batch[0]
            pick = InventoryPick(
                unit_id=first.unit_id,
                source_id=first.pk,
                site_id=sites[first.unit_id][0],
                code_search=first.code,
            )
    copy_scope_paths(Source)
    return pick


def copy_scope_paths(model) -> None:
    """What source_create / device_create would have written: the unit's scope path, in one UPDATE
    after the bulk insert."""
    unit_path = Unit.objects.filter(pk=OuterRef("unit_id")).values("scope_path")[:1]
    model.objects.filter(scope_path="").update(scope_path=Subquery(unit_path))


def generate_devices(rng: random.Random, *, units: list[tuple[int, str]], count: int) -> int:
    """Ray devices over most units; returns the id of one of the first unit's."""
    if count < 1:
        return 0
    holders = max(1, min(len(units), math.ceil(count / DEVICES_PER_HOLDER)))
    chosen = [units[0][0], *(pk for pk, _status in rng.sample(units[1:], holders - 1))]
    types = {t.name: t for t in DeviceType.objects.all()}
    weights = [row[1] for row in DEVICE_MIX]
    first_id = 0
    for start in range(0, count, BATCH):
        batch = []
        for n in range(start, min(count, start + BATCH)):
            name, _weight, label, tube, mev = rng.choices(DEVICE_MIX, weights=weights)[0]
            device_type = types[name]
            batch.append(
                RayDevice(
                    unit_id=chosen[n] if n < len(chosen) else rng.choice(chosen),
                    name=label,
                    device_type_id=device_type.pk,
                    device_class=device_type.device_class,
                    model=f"RS-{n % 97:02d}",
                    serial_number=f"SN{n:08d}",
                    rated_kv=tube[0] if tube else None,
                    rated_ma=tube[1] if tube else None,
                    energy_mev=mev,
                    use=name,
                    location=f"{n % 9 + 1}号机房",
                    status=rng.choice(DEVICE_STATUS_MIX),
                )
            )
        RayDevice.objects.bulk_create(batch, batch_size=BATCH)
        if start == 0:
            first_id = batch[0].pk
    copy_scope_paths(RayDevice)
    return first_id
