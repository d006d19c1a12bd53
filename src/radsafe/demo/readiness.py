"""Builds every demo unit's emergency readiness — plan, supplies, drills — and its monitoring
instruments and equipment faults, through the readiness services.

What a unit keeps follows what it does: lead rubber in a hospital, a shielded pot and long tongs
at a flaw-detection company, lead bricks at a gauge user; survey meters wherever a source or a
Ⅱ类 machine is, alarm dosimeters with the flaw detectors. Planted on purpose, and nothing else
flagged (`expected_flags`): the three unlicensed units have no plan (and so no drill), one unit's
supplies were last checked 15 months ago, one unit's last drill was 14 months ago, one survey
meter is a month past its calibration, one CT has run for 45 days with a broken door interlock
(带病运行). Not flags: a fault repaired, a fault reported last week, a retired meter."""

import datetime
import random
from dataclasses import dataclass, field

from radsafe.demo.inventory import Clock
from radsafe.demo.people import DemoPeople
from radsafe.demo.people_plan import IRRADIATION, ZHONGYI
from radsafe.demo.units import UNIT1_NAME, UNIT2_NAME, UnitSpec
from radsafe.inventory.models import RayDevice, Source
from radsafe.readiness.choices import DrillKind, InstrumentKind
from radsafe.readiness.deadlines import add_months
from radsafe.readiness.models import EquipmentFault, Instrument
from radsafe.readiness.services import (
    drill_create,
    fault_create,
    instrument_create,
    plan_create,
    supply_create,
)
from radsafe.registry.models import Unit

SEED = 4005
NO_PLAN_UNITS = ("永济市惠民口腔诊所", "永济市恒泰再生资源有限公司", "永济市中条山矿业有限公司")
STALE_SUPPLY_UNIT = "永济市蒲津水泥有限公司"
OLD_DRILL_UNIT = "永济市热电有限公司"
OVERDUE_INSTRUMENT_UNIT = "永济市精诚探伤检测有限公司"
SICK_FAULT_UNIT = "永济市第二人民医院"
REPAIRED_FAULT_UNIT = UNIT1_NAME
RECENT_FAULT_UNIT = UNIT2_NAME

SUPPLIES = {
    "flaw": [("铅罐（应急屏蔽容器）", 1), ("长柄夹具（1.5 m）", 2), ("警戒线（50 m）", 4),
             ("电离辐射警告标志牌", 6)],
    "gauge": [("铅砖", 20), ("长柄工具", 2), ("警戒线（50 m）", 2)],
    "irradiation": [("长柄工具", 2), ("应急照明灯", 4), ("警戒线（50 m）", 4)],
    "logging": [("铅罐（应急屏蔽容器）", 1), ("长柄夹具（1.5 m）", 2), ("警戒线（50 m）", 4)],
    "medical": [("铅橡胶防护服", 6), ("铅围脖", 6), ("铅防护眼镜", 2), ("警戒线（50 m）", 1)],
}  # fmt: skip
SCENARIOS = {
    "flaw": ("γ射线探伤源卡源应急演练", "探伤现场人员误入控制区应急演练"),
    "gauge": ("料位计放射源脱落应急演练", "放射源丢失被盗应急演练"),
    "irradiation": ("辐照室放射源升降故障（卡源）应急演练", "辐照室人员误入应急演练"),
    "logging": ("测井源落井应急演练", "放射源运输途中丢失应急演练"),
    "medical": ("X射线机房人员误照射应急演练", "防护门联锁失效应急演练"),
    "dental": ("口腔CBCT误照射应急演练",),
    "security": ("安检机射线泄漏应急演练",),
    "other": ("辐射事故应急演练",),
}
TRAININGS = ("辐射安全与防护知识培训", "辐射事故应急预案培训")
SURVEY_MODELS = ("BH3103B", "FH40G", "AT1123", "451P")
ALARM_MODEL = "RAD-60S"
EVIDENCE = "演练方案、签到表、现场照片、演练总结"


@dataclass
class DemoReadiness:
    # (unit name, flag) pairs the bureau's list must show, and no others.
    expected_flags: set[tuple[str, str]] = field(default_factory=set)
    sick_fault: EquipmentFault | None = None
    repaired_fault: EquipmentFault | None = None
    overdue_instrument: Instrument | None = None


def expected_flags() -> set[tuple[str, str]]:
    flags = {(name, flag) for name in NO_PLAN_UNITS for flag in ("no_plan", "no_recent_drill")}
    return flags | {
        (STALE_SUPPLY_UNIT, "stale_supplies"),
        (OLD_DRILL_UNIT, "no_recent_drill"),
        (OVERDUE_INSTRUMENT_UNIT, "overdue_instruments"),
        (SICK_FAULT_UNIT, "sick_faults"),
    }


def _kind(spec: UnitSpec, holds_sources: bool) -> str:
    industries = set(spec.industries)
    if "irradiation" in industries:
        return "irradiation"
    if "well_logging" in industries:
        return "logging"
    if "gamma_flaw" in industries or ("xray_flaw" in industries and not holds_sources):
        return "flaw"
    if holds_sources:
        return "gauge"
    if "口腔" in spec.name:
        return "dental"
    if "diagnosis" in industries:
        return "medical"
    if "security_inspection" in industries:
        return "security"
    return "other"


def _document_number(spec: UnitSpec, year: int, rng: random.Random) -> str:
    if spec.credit_code[:2] in ("11", "12"):  # 机关、事业单位 number their own papers
        return f"{'院发' if '医院' in spec.name else '办发'}〔{year}〕{rng.randint(3, 40)}号"
    return f"安环字〔{year}〕{rng.randint(1, 20):02d}号"


def _plans(unit: Unit, spec: UnitSpec, clock: Clock, rng: random.Random) -> None:
    issued = [clock.day(rng.randint(120, 1300))]
    if spec.name == UNIT1_NAME:  # the large hospital revised its plan when it took the DSA
        issued.insert(0, clock.day(rng.randint(1500, 2200)))
    for edition, day in enumerate(issued, start=1):
        plan_create(
            actor=None,
            unit=unit,
            title=f"{spec.name}辐射事故应急预案",
            edition=f"{day.year}版（第{edition}版）",
            document_number=_document_number(spec, day.year, rng),
            issued_on=day,
        )


def _supplies(unit: Unit, spec: UnitSpec, kind: str, clock: Clock, rng: random.Random) -> None:
    items = SUPPLIES.get(kind, [])
    if kind == "medical" and "医院" not in spec.name:
        items = []  # a clinic's one DR: the lead rubber hangs in the room, nothing kept apart
    for item, quantity in items:
        checked = clock.day(rng.randint(10, 300))
        if spec.name == STALE_SUPPLY_UNIT:
            checked = add_months(clock.base, -15) - datetime.timedelta(days=rng.randint(0, 20))
        supply_create(
            actor=None,
            unit=unit,
            item=item,
            quantity=quantity,
            last_checked_on=checked,
            note="",
        )


def _drills(unit, spec: UnitSpec, kind: str, names: list[str], clock, rng) -> None:
    scenarios = SCENARIOS[kind]
    big = len(names) >= 3
    held = [clock.day(rng.randint(20, 300))]
    if spec.name == OLD_DRILL_UNIT:
        held = [add_months(clock.base, -14)]
    if big:  # last year's drill too, on the other scenario
        held.insert(0, held[0] - datetime.timedelta(days=rng.randint(330, 400)))
    rows = [(day, DrillKind.DRILL, scenarios[i % len(scenarios)]) for i, day in enumerate(held)]
    if big and spec.name != OLD_DRILL_UNIT:
        rows.append((clock.day(rng.randint(30, 200)), DrillKind.TRAINING, rng.choice(TRAININGS)))
    for day, drill_kind, scenario in sorted(rows):
        staff = "、".join(names)
        drill_create(
            actor=None,
            unit=unit,
            held_on=day,
            kind=drill_kind,
            scenario=scenario,
            participant_count=max(len(names), 2) + rng.randint(2, 12),
            participants=f"辐射安全领导小组成员；{staff}" if staff else "辐射安全领导小组成员",
            evidence=EVIDENCE,
        )


def _instruments(unit, spec: UnitSpec, kind: str, flaw_workers: int, clock, rng) -> list:
    if kind not in ("flaw", "gauge", "irradiation", "logging") and spec.name not in (
        UNIT1_NAME,
        ZHONGYI,
    ):
        return []
    rows = [(InstrumentKind.SURVEY_METER, rng.choice(SURVEY_MODELS), True)]
    if kind == "flaw" or kind == "logging":
        rows += [(InstrumentKind.ALARM_DOSIMETER, ALARM_MODEL, True)] * max(flaw_workers, 1)
    if spec.name == IRRADIATION:  # replaced last year, kept in the cupboard
        rows.append((InstrumentKind.SURVEY_METER, "FJ-347A", False))
    made = []
    for n, (instrument_kind, model, in_use) in enumerate(rows):
        calibrated = clock.day(rng.randint(20, 320)) if in_use else clock.day(1100)
        if spec.name == OVERDUE_INSTRUMENT_UNIT and n == 0:
            calibrated = add_months(clock.base, -13)
        made.append(
            instrument_create(
                actor=None,
                unit=unit,
                kind=instrument_kind,
                model=model,
                serial_number=f"{model.split('-')[0]}{rng.randint(10000, 99999)}",
                calibrated_on=calibrated,
                in_use=in_use,
            )
        )
    return made


def _faults(units: dict[str, Unit], instruments: dict[str, list], clock: Clock, out) -> None:
    def device(unit_name: str, type_name: str) -> RayDevice:
        return RayDevice.objects.filter(
            unit=units[unit_name], device_type__name=type_name
        ).earliest("id")

    out.repaired_fault = fault_create(
        actor=None,
        unit=units[REPAIRED_FAULT_UNIT],
        equipment="DSA 机房门灯联锁",
        device=device(REPAIRED_FAULT_UNIT, "数字减影血管造影装置（DSA）"),
        description="机房门上工作状态指示灯不亮；当即停机，厂家更换指示灯控制板后恢复。",
        reported_on=clock.day(75),
        repaired_on=clock.day(68),
        stayed_in_use=False,
    )
    out.sick_fault = fault_create(
        actor=None,
        unit=units[SICK_FAULT_UNIT],
        equipment="CT 机房防护门门机联锁",
        device=device(SICK_FAULT_UNIT, "医用CT"),
        description="防护门门机联锁失效，开门时不能中断曝光；已报厂家，配件未到，期间继续开展检查。",
        reported_on=clock.day(45),
        stayed_in_use=True,
    )
    fault_create(
        actor=None,
        unit=units[RECENT_FAULT_UNIT],
        equipment="X-γ辐射剂量率仪",
        instrument=instruments[RECENT_FAULT_UNIT][0],
        description="显示屏无读数；已停用送修，现场借用备用巡测仪。",
        reported_on=clock.day(6),
        stayed_in_use=False,
    )


def build_readiness(
    units: dict[str, Unit],
    plan_units: list[UnitSpec],
    people: DemoPeople,
    *,
    today: datetime.date,
) -> DemoReadiness:
    clock = Clock(today)
    rng = random.Random(SEED)
    out = DemoReadiness(expected_flags=expected_flags())
    holders = set(Source.objects.values_list("unit_id", flat=True))
    instruments: dict[str, list] = {}
    for spec in plan_units:
        if spec.name in NO_PLAN_UNITS:
            continue
        unit = units[spec.name]
        kind = _kind(spec, unit.pk in holders)
        team = [w for w in people.workers.get(spec.name, []) if w.left_on is None]
        names = [w.name for w in team]
        _plans(unit, spec, clock, rng)
        _supplies(unit, spec, kind, clock, rng)
        _drills(unit, spec, kind, names, clock, rng)
        flaw = sum(1 for w in team if w.work_type in ("flaw_detection", "well_logging"))
        instruments[spec.name] = _instruments(unit, spec, kind, flaw, clock, rng)
        if spec.name == OVERDUE_INSTRUMENT_UNIT:
            out.overdue_instrument = instruments[spec.name][0]
    _faults(units, instruments, clock, out)
    return out
