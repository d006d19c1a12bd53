"""Builds the demo county's inventory (`inventory_plan.py`) through the inventory services, then
plays a few weeks of the movement register so every page has something true to show.

Planted on purpose, one of each, so the reconciliation page and its test have work (README, "Demo
accounts"): a source on the inventory with no arrival event (华晋钢铁), a check-out three days old
never returned (恒信), a physical count that misses a source (建设工程质量检测), and an off-site
check-out with no filing (华安, the `unit2` account). The 破产 / 长期停产 / 重组 units that still
hold sources make the high-risk list. No source is marked lost: the browser test does that itself.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from radsafe.demo import inventory_plan as plan
from radsafe.demo.units import UNIT1_NAME, UnitSpec
from radsafe.inventory import physics
from radsafe.inventory.choices import DeviceStatus, SourceStatus
from radsafe.inventory.models import Nuclide, RayDevice, Source, StorageSite
from radsafe.inventory.services.assets import device_create, site_create, source_create
from radsafe.inventory.services.register.movements import (
    count_record,
    source_change_status,
    source_check_out,
    source_return,
)
from radsafe.inventory.services.register.offsite import offsite_create
from radsafe.inventory.services.register.transfers import transfer_create
from radsafe.personnel.models import Worker
from radsafe.registry.models import Unit

# Where a device of each type is used, for its `use` field.
DEVICE_USES = {
    "工业X射线探伤机": "工业无损检测",
    "工业CT": "工业无损检测",
    "行李包裹X射线安检机": "安全检查",
    "X射线衍射仪/荧光分析仪（XRD/XRF）": "教学科研",
    "医用直线加速器（<100MeV）": "放射治疗",
    "数字减影血管造影装置（DSA）": "介入放射学",
}
UNFILED_PLACE = "陕西省渭南市华州区化工园区管廊工地"
FILED_PLACE = "河南省三门峡市湖滨区输气管道工地"
OVERDUE_PLACE = "永济市电机大街热力管网改造工地"
# Gauges of the units that are 破产 or 长期停产 (units.py): idle, still held.
IDLE_SOURCES = ("xinyuan", "hongda", "paper")


@dataclass
class DemoInventory:
    sites: dict[tuple[str, str], StorageSite] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    devices: list[RayDevice] = field(default_factory=list)


class Clock:
    """Days before the demo's `today`, never after the real now: the services refuse the future,
    and a demo built with a later `--today` keeps its events real."""

    def __init__(self, today: datetime.date):
        self.base = min(today, timezone.localdate())

    def day(self, days_ago: int) -> datetime.date:
        return self.base - datetime.timedelta(days=days_ago)

    def at(self, days_ago: int, hour: int, minute: int = 0) -> datetime.datetime:
        moment = datetime.datetime.combine(self.day(days_ago), datetime.time(hour, minute))
        return timezone.make_aware(moment)


def source_code(spec: plan.SourceSpec, nuclide: Nuclide, made: datetime.date) -> str:
    """放射源编码: maker, year of manufacture, nuclide, serial, and the category at manufacture
    computed from the certificate's activity (so the code and the physics agree)."""
    category = physics.category_for_ratio(physics.ratio(spec.activity_bq, nuclide.d_value_tbq))
    nuclide_code = plan.NUCLIDE_CODES[spec.nuclide]
    return f"{spec.manufacturer}{made.year % 100:02d}{nuclide_code}{spec.serial:05d}{category}"


def _create_source(spec, units, sites, nuclides, clock: Clock) -> Source:
    made = clock.day(spec.made_days_ago)
    unit = units[spec.unit]
    return source_create(
        actor=None,
        unit=unit,
        code=source_code(spec, nuclides[spec.nuclide], made),
        nuclide=nuclides[spec.nuclide],
        activity_bq=spec.activity_bq,
        reference_date=made,
        status=spec.status,
        site=sites[spec.unit, spec.site] if spec.site else None,
        work_place=spec.work_place,
        arrived_at=clock.at(spec.made_days_ago - 3, 10),
        person=unit.contact_person,
        use=spec.use,
        manufacturer=plan.MANUFACTURERS[spec.manufacturer],
        model=spec.model,
        serial_number=f"{spec.model.split()[0]}-{spec.serial:05d}",
        manufactured_on=made,
        origin="从生产单位购入",
    )


def _plant_unregistered_source(units, nuclides, clock: Clock) -> Source:
    """Written straight to the table, not through `source_create`, on purpose: the service always
    writes an arrival event with the source, and this row models a source found on site that was
    never registered (an orphan source detected in a scrap lot), which is exactly the "no arrival"
    discrepancy the reconciliation must find."""
    spec = plan.FOUND_SOURCE
    made = clock.day(spec.made_days_ago)
    nuclide = nuclides[spec.nuclide]
    code = source_code(spec, nuclide, made)
    return Source.objects.create(
        code=code,
        nuclide=nuclide,
        activity_bq=spec.activity_bq,
        reference_date=made,
        category_at_manufacture=int(code[-1]),
        use=spec.use,
        unit=units[spec.unit],
        scope_path=units[spec.unit].scope_path,
        work_place=spec.work_place,
        status=SourceStatus.STORED,
        manufactured_on=made,
        origin="废钢料场辐射监测报警后检出，来源不明",
    )


def _trip(source, worker: Worker, clock: Clock, out: tuple, back: tuple, **check_out) -> None:
    source_check_out(
        actor=None, source=source, occurred_at=clock.at(*out), worker=worker, **check_out
    )
    source_return(actor=None, source=source, occurred_at=clock.at(*back), person=worker.name)


def _play_register(inv: DemoInventory, units, clock: Clock) -> None:
    """The register's older events, oldest first (the services refuse an event dated before the
    source's latest); the check-outs follow the workers (`play_check_outs`)."""
    s = inv.sources
    huaan = units[plan.UNIT2_NAME].contact_person
    hengxin = units[plan.HENGXIN].contact_person
    source_change_status(
        actor=None,
        source=s["hengxin-ir-old"],
        to_status=SourceStatus.SENT_FOR_STORAGE,
        occurred_at=clock.at(200, 10),
        person=hengxin,
        note="活度衰减，送山西省城市放射性废物库贮存",
    )
    source_change_status(
        actor=None,
        source=s["huaan-ir-old"],
        to_status=SourceStatus.DISUSED,
        occurred_at=clock.at(90, 10),
        person=huaan,
        note="活度衰减，已不能满足探伤需要，待送贮",
    )
    source_change_status(
        actor=None,
        source=s["hospital-hdr-old"],
        to_status=SourceStatus.RETURNED,
        occurred_at=clock.at(26, 15),
        person=units[UNIT1_NAME].contact_person,
        note="后装机换源，旧源由生产单位回收",
    )
    for key in IDLE_SOURCES:  # their units stopped work: the high-risk list asks for 送贮 or 封存
        source_change_status(
            actor=None,
            source=s[key],
            to_status=SourceStatus.IDLE,
            occurred_at=clock.at(30, 9),
            person=s[key].unit.contact_person,
            note="单位停产，放射源闲置",
        )
    transfer_create(
        actor=None,
        source=s["dealer-cs"],
        to_unit=units[plan.ZHONGTIAOSHAN],
        approval_number=f"晋环辐转〔{clock.base.year}〕15号",
        transferred_on=clock.day(10),
    )


def play_check_outs(
    inv: DemoInventory, units, crews: dict[str, list[Worker]], *, today: datetime.date
) -> None:
    """The check-outs and counts of the last ten days, played once the units' workers exist: each
    check-out names a registered worker of the unit with a valid assessment result (the service
    refuses any other), the unit's own 探伤作业负责人."""
    clock = Clock(today)
    s = inv.sources
    huaan = crews[plan.UNIT2_NAME][0]
    hengxin = crews[plan.HENGXIN][0]
    _trip(s["huaan-ir-a"], huaan, clock, (10, 8), (10, 17, 30), purpose="厂区管道焊缝探伤",
          destination="永济市电机大街热力站")  # fmt: skip
    filing = offsite_create(
        actor=None,
        source=s["huaan-ir-b"],
        place=FILED_PLACE,
        starts_on=clock.day(9),
        ends_on=clock.day(5),
        authority="河南省生态环境厅",
        filing_number=f"豫环辐异备〔{clock.base.year}〕062号",
    )
    _trip(s["huaan-ir-b"], huaan, clock, (8, 7), (6, 19), purpose="长输管道环焊缝探伤",
          destination=filing.place, offsite=True)  # fmt: skip
    # Planted: off-site use in another province with no filing (条例第二十五条).
    _trip(s["huaan-se"], huaan, clock, (6, 7, 30), (4, 18), purpose="管廊焊缝探伤",
          destination=UNFILED_PLACE, offsite=True)  # fmt: skip
    _trip(s["huaan-ir-a"], huaan, clock, (5, 8), (5, 18), purpose="厂区管道焊缝探伤",
          destination="永济市电机大街热力站")  # fmt: skip
    huaan_site = inv.sites[plan.UNIT2_NAME, "γ源暂存库"]
    count_record(
        actor=None,
        site=huaan_site,
        counted_at=clock.at(3, 16),
        counted_by=huaan.name,
        sources_found=[s[k] for k in ("huaan-ir-a", "huaan-ir-b", "huaan-se", "huaan-ir-old")],
        note="月度盘点，账物相符",
    )
    # Planted: checked out three days ago and never returned (limit 24 h, domain.md).
    source_check_out(
        actor=None,
        source=s["hengxin-ir"],
        occurred_at=clock.at(3, 8),
        worker=hengxin,
        purpose="热力管网焊缝探伤",
        destination=OVERDUE_PLACE,
    )
    # Planted: a count that misses the Cs-137 of the moisture-density gauge.
    count_record(
        actor=None,
        site=inv.sites[plan.TESTING, "仪器暂存间"],
        counted_at=clock.at(2, 15),
        counted_by=units[plan.TESTING].contact_person,
        sources_found=[s["testing-ambe"]],
        note="季度盘点",
    )


def _device_rows(plan_units: list[UnitSpec]) -> list[tuple]:
    """The hand-written devices, then the usual machines of each kind of unit (a DR in every
    clinic, a CBCT and a dental film unit in the first dental clinics, two flaw detectors per
    X-ray flaw-detection company, one baggage scanner per security user)."""
    rows = [(*row[:8], row[8] or DeviceStatus.IN_USE) for row in plan.DEVICES]
    explicit = {row[0] for row in plan.DEVICES}  # their machines are all listed
    dental = 0
    for spec in plan_units:
        kinds = []
        if "口腔" in spec.name:
            kinds = plan.DENTAL if dental < 3 else plan.DENTAL[:1]
            dental += 1
        elif "diagnosis" in spec.industries and spec.name not in plan.OWN_DR:
            kinds = [plan.CLINIC_DR]
        elif "xray_flaw" in spec.industries and spec.name not in explicit:
            kinds = [plan.FLAW, plan.FLAW]
        elif "security_inspection" in spec.industries:
            kinds = [plan.SECURITY]
        elif spec.name == "永济市第一职业中学":
            kinds = [plan.XRD]
        for kind, name, model, kv, ma, room in kinds:
            rows.append((spec.name, kind, name, model, kv, ma, None, room, DeviceStatus.IN_USE))
    return rows


def _create_devices(units, plan_units: list[UnitSpec]) -> list[RayDevice]:
    devices = []
    for n, (unit, kind, name, model, kv, ma, mev, room, status) in enumerate(
        _device_rows(plan_units), start=1
    ):
        devices.append(
            device_create(
                actor=None,
                unit=units[unit],
                name=name,
                device_type=kind,
                status=status,
                model=model,
                serial_number=f"{model.split()[0]}-{2016 + n % 8}{n:04d}",
                rated_kv=kv,
                rated_ma=ma,
                energy_mev=mev,
                use=DEVICE_USES.get(kind, "医学影像诊断"),
                location=room,
            )
        )
    return devices


def build_inventory(
    units: dict[str, Unit], plan_units: list[UnitSpec], *, today: datetime.date
) -> DemoInventory:
    clock = Clock(today)
    nuclides = Nuclide.objects.in_bulk(field_name="symbol")
    inv = DemoInventory()
    for site in plan.SITES:
        inv.sites[site.unit, site.name] = site_create(
            actor=None,
            unit=units[site.unit],
            name=site.name,
            kind=site.kind,
            place=site.place,
            dual_lock=site.dual_lock,
            video=site.video,
            alarm=site.alarm,
        )
    for spec in plan.SOURCES:
        inv.sources[spec.key] = _create_source(spec, units, inv.sites, nuclides, clock)
    inv.sources[plan.FOUND_SOURCE.key] = _plant_unregistered_source(units, nuclides, clock)
    _play_register(inv, units, clock)
    inv.devices = _create_devices(units, plan_units)
    return inv
