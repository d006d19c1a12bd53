"""The plan of the demo county's radiation workers: who works where, at what, on which of the
unit's own sources and ray devices, and the few cases planted for the pages that look for trouble.

A team is written out by hand where the unit is one a tester will open (the two unit accounts'
units, the hospitals, the units with a planted case); every other unit gets the usual
team of its kind (two operators at a DR clinic, three flaw detectors at an X-ray flaw-detection
company …). Names, birthdays and ID numbers come from `random.Random(SEED)`; dates are days before
the demo's `today` (people.py), so the plan does not age."""

import datetime
import random
from dataclasses import dataclass

from radsafe.core.id_numbers import id_check_character
from radsafe.demo.inventory_plan import HENGXIN, XINYUAN, ZHONGTIAOSHAN
from radsafe.demo.units import (
    COUNTY_DIVISION,
    LOGGING_NAME,
    SURNAMES,
    UNIT1_NAME,
    UNIT2_NAME,
    UnitSpec,
)
from radsafe.personnel.choices import Sex
from radsafe.personnel.choices import TrainingCategory as Cat
from radsafe.personnel.choices import WorkType as Work
from radsafe.registry.choices import UnitStatus

SEED = 4004
ZHONGYI = "永济市中医医院"
IRRADIATION = "永济市恒辐辐照科技有限公司"
THIRD_HOSPITAL = "永济市第三人民医院"
JINSHI = "永济市金石无损检测有限公司"

CONTACT = "<contact>"  # a Role.name: the unit's contact person, who signs the check-outs

MALE_NAMES = (
    "建军", "志强", "国强", "海峰", "振宇", "俊杰", "浩然", "文斌", "晓东", "鹏飞", "卫国", "建华",
    "立新", "永刚", "明辉", "宇航", "晋生", "红军", "伟", "磊", "涛", "斌", "勇", "超", "亮", "鑫",
)  # fmt: skip
FEMALE_NAMES = (
    "丽娟", "海燕", "雪梅", "红霞", "晓丽", "秀英", "美玲", "佳怡", "慧敏", "晓燕", "婷婷", "春梅",
    "丽萍", "亚楠", "静", "敏", "芳", "娜", "霞", "燕", "颖", "洁", "琳", "蕾",
)  # fmt: skip

# Given names a woman usually has, also among units.py's (contact persons).
FEMALE_GIVEN = {*FEMALE_NAMES, "红梅", "婷"}


@dataclass(frozen=True)
class Role:
    """One worker of a team. `devices` names device types of the unit's own machines ("*": all of
    them); `sources` links every source the unit keeps in use, in store or idle.

    `training`: "valid" (one result, years left), "expiring" (one result ending in `days` days),
    "expired" (one result, ended `days` days ago), "renewed" (an expired result and a new one).
    `dose`: "" or a planted dose case — "explained", "unexplained" (a quarter above the
    investigation level, with or without the unit's note) or "gap" (one period missing)."""

    post: str
    work_type: str
    category: str
    devices: tuple[str, ...] = ()
    sources: bool = False
    sex: str = ""
    name: str = ""
    training: str = "valid"
    days: int = 0
    left_days_ago: int | None = None
    dose: str = ""
    periods: int = 0  # hired at the start of the period this many before the latest (0: drawn)

    @property
    def operates(self) -> bool:
        return bool(self.devices or self.sources)


M, F = Sex.MALE, Sex.FEMALE
ALL = ("*",)
DR, CT, DSA = "医用诊断X射线机", "医用CT", "数字减影血管造影装置（DSA）"
LINAC, MAMMO = "医用直线加速器（<100MeV）", "乳腺X射线机"

# The unit1 worker the browser test imports a dose quarter for (people.dose_import_period).
DOSE_IMPORT_NAME = "郭志明"
DOSE_IMPORT_ID = "140881198703154217"  # born 1987-03-15, order 421 (odd: a man)
UNLICENSED_NAME = "马卫东"  # operates the DR of 永济市第三人民医院; his only result has expired
DOSE_EXPLAINED_NAME = "韩晓东"  # 华安: a quarter above the investigation level, explained
DOSE_UNEXPLAINED_NAME = "许海峰"  # 恒信: a quarter above the investigation level, no note yet
DOSE_GAP_NAME = "冯丽萍"  # 恒辐: one quarter's report missing
PLANTED_NAMES = (
    DOSE_IMPORT_NAME,
    UNLICENSED_NAME,
    DOSE_EXPLAINED_NAME,
    DOSE_UNEXPLAINED_NAME,
    DOSE_GAP_NAME,
)
FACTORY_BIRTH = datetime.date(1985, 3, 12)  # tests/personnel/factories.id_number's default

TEAMS: dict[str, list[Role]] = {
    UNIT1_NAME: [
        Role("介入科主治医师", Work.INTERVENTIONAL, Cat.XRAY_DIAGNOSIS, (DSA,), sex=M,
             name=DOSE_IMPORT_NAME, periods=8),
        Role("介入科护师", Work.INTERVENTIONAL, Cat.XRAY_DIAGNOSIS, (DSA,), sex=F),
        Role("放射科技师", Work.XRAY_DIAGNOSIS, Cat.XRAY_DIAGNOSIS, (DR, CT)),
        Role("放射科技师", Work.XRAY_DIAGNOSIS, Cat.XRAY_DIAGNOSIS, (DR, MAMMO), sex=F),
        Role("放疗科物理师", Work.RADIOTHERAPY, Cat.RADIOTHERAPY, (LINAC,), sources=True),
        Role("核医学科技师", Work.NUCLEAR_MEDICINE, Cat.NUCLEAR_MEDICINE),
    ],
    ZHONGYI: [
        Role("介入科医师", Work.INTERVENTIONAL, Cat.XRAY_DIAGNOSIS, (DSA,)),
        Role("放射科技师", Work.XRAY_DIAGNOSIS, Cat.XRAY_DIAGNOSIS, (DR, CT)),
        Role("放射科技师", Work.XRAY_DIAGNOSIS, Cat.XRAY_DIAGNOSIS, (DR, CT), sex=F),
    ],
    UNIT2_NAME: [
        Role("探伤作业负责人", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ALL, True, name=CONTACT),
        Role("探伤工", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ALL, True, M,
             DOSE_EXPLAINED_NAME, dose="explained", periods=9),
        Role("探伤工", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ALL, True, M),
        Role("探伤工", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ALL, True, M),
        Role("辐射安全管理员", Work.OTHER, Cat.SAFETY_MANAGEMENT, sex=F),
    ],
    HENGXIN: [
        Role("探伤作业负责人", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ALL, True, name=CONTACT),
        Role("探伤工", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ALL, True, M,
             DOSE_UNEXPLAINED_NAME, dose="unexplained", periods=7),
        Role("探伤工", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ALL, True, M),
    ],
    IRRADIATION: [
        Role("辐照车间主任", Work.IRRADIATION, Cat.IRRADIATION, sources=True, sex=M),
        Role("辐照操作员", Work.IRRADIATION, Cat.IRRADIATION, sources=True),
        Role("辐照操作员", Work.IRRADIATION, Cat.IRRADIATION, sources=True, sex=F,
             name=DOSE_GAP_NAME, dose="gap", periods=10),
        Role("辐照操作员", Work.IRRADIATION, Cat.IRRADIATION, sources=True),
    ],
    THIRD_HOSPITAL: [
        Role("放射科技师", Work.XRAY_DIAGNOSIS, Cat.XRAY_DIAGNOSIS, ALL, sex=M,
             name=UNLICENSED_NAME, training="expired", days=20),
        Role("放射科技师", Work.XRAY_DIAGNOSIS, Cat.XRAY_DIAGNOSIS, ALL),
    ],
    "永济电机医院": [
        Role("放射科技师", Work.XRAY_DIAGNOSIS, Cat.XRAY_DIAGNOSIS, ALL, training="expiring",
             days=12),
        Role("放射科技师", Work.XRAY_DIAGNOSIS, Cat.XRAY_DIAGNOSIS, ALL),
        Role("放射科主任", Work.XRAY_DIAGNOSIS, Cat.XRAY_DIAGNOSIS, ALL),
    ],
    "永济市精诚探伤检测有限公司": [
        Role("探伤工", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ALL, sex=M),
        Role("探伤工", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ALL, sex=M, training="expiring",
             days=35),
        Role("探伤工", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ALL, sex=M, training="renewed"),
    ],
    JINSHI: [  # 停业: one keeps the sealed machines, one has left
        Role("设备保管员", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ALL, sex=M),
        Role("探伤工", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ALL, sex=M, training="expired",
             days=40, left_days_ago=150),
    ],
    "中车永济电机有限公司": [
        Role("无损检测工程师", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ("工业CT",)),
        Role("无损检测工程师", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ("工业CT",)),
        Role("仪表工", Work.GAUGING, Cat.OTHER, sources=True, sex=M),
    ],
    XINYUAN: [  # 破产: both have left; the idle gauge waits for 送贮
        Role("仪表工", Work.GAUGING, Cat.OTHER, sources=True, sex=M, left_days_ago=200),
        Role("仪表工", Work.GAUGING, Cat.OTHER, sources=True, sex=M, training="expired", days=90,
             left_days_ago=260),
    ],
    ZHONGTIAOSHAN: [
        Role("仪表工", Work.GAUGING, Cat.OTHER, sources=True, sex=M),
        Role("仪表工", Work.GAUGING, Cat.OTHER, sources=True, sex=M),
        # Operates nothing, so a lapsed result is not 无证上岗.
        Role("辐射安全管理员", Work.OTHER, Cat.SAFETY_MANAGEMENT, training="expired", days=75),
    ],
    "永济市热电有限公司": [
        Role("热控仪表工", Work.GAUGING, Cat.OTHER, sources=True, sex=M, training="expiring",
             days=52),
        Role("热控仪表工", Work.GAUGING, Cat.OTHER, sources=True, sex=M),
    ],
    LOGGING_NAME: [
        Role("测井队长", Work.WELL_LOGGING, Cat.WELL_LOGGING, sources=True, sex=M),
        Role("测井工", Work.WELL_LOGGING, Cat.WELL_LOGGING, sources=True, sex=M),
        Role("测井工", Work.WELL_LOGGING, Cat.WELL_LOGGING, sources=True, sex=M),
        Role("源库保管员", Work.WELL_LOGGING, Cat.WELL_LOGGING, sources=True, sex=F),
    ],
}  # fmt: skip


def default_team(spec: UnitSpec, has_sources: bool, has_devices: bool) -> list[Role]:
    """The usual team of a unit of its kind, for the units not written out above."""
    industries, name = set(spec.industries), spec.name
    if "口腔" in name:
        return [
            Role("口腔医师", Work.XRAY_DIAGNOSIS, Cat.SELF_ASSESSED, ALL),
            Role("口腔护士", Work.XRAY_DIAGNOSIS, Cat.SELF_ASSESSED, ALL, sex=F),
        ]
    if "动物医院" in name:
        return [Role("兽医师", Work.XRAY_DIAGNOSIS, Cat.SELF_ASSESSED, ALL)] * 2
    if "diagnosis" in industries:
        # Hospitals send their operators to the national assessment; Ⅲ-only clinics may assess
        # their own (domain.md, "People").
        category = Cat.XRAY_DIAGNOSIS if "医院" in name else Cat.SELF_ASSESSED
        count = 3 if "医院" in name else 2
        return [Role("放射科技师", Work.XRAY_DIAGNOSIS, category, ALL)] * count
    if "security_inspection" in industries:
        return [Role("安检员", Work.OTHER, Cat.SELF_ASSESSED, ALL)] * 2
    if "research" in industries and has_devices:
        return [Role("实验室教师", Work.OTHER, Cat.SELF_ASSESSED, ALL)] * 2
    if "xray_flaw" in industries and has_devices:
        return [Role("探伤工", Work.FLAW_DETECTION, Cat.FLAW_DETECTION, ALL, sex=M)] * 3
    if "source_sales" in industries and has_sources:
        return [Role("放射源库管员", Work.OTHER, Cat.OTHER, sources=True)] * 2
    if has_sources:
        if spec.status in (UnitStatus.SUSPENDED, UnitStatus.BANKRUPT):  # one keeps, one left
            return [
                Role("设备保管员", Work.GAUGING, Cat.OTHER, sources=True, sex=M),
                Role("仪表工", Work.GAUGING, Cat.OTHER, sources=True, left_days_ago=300),
            ]
        return [Role("仪表工", Work.GAUGING, Cat.OTHER, sources=True)] * 2
    return []


@dataclass(frozen=True)
class Person:
    name: str
    sex: str
    birth: datetime.date
    id_number: str


class People:
    """Draws names and ID numbers that no other demo worker has. The order digit is odd for a man
    and even for a woman (GB 11643); birthdays fall in 1965–2000."""

    def __init__(self):
        self.rng = random.Random(SEED)
        self.names: set[str] = set(PLANTED_NAMES)
        self.numbers: set[str] = {DOSE_IMPORT_ID}

    def draw(self, role: Role, contact: str) -> Person:
        rng = self.rng
        sex = role.sex or rng.choice((M, F))
        name = role.name
        if name == CONTACT:  # the unit's own contact person: the sex their given name suggests
            name = contact
            sex = F if name[1:] in FEMALE_GIVEN else M
        while not name or (name in self.names and not role.name):
            given = MALE_NAMES if sex == M else FEMALE_NAMES
            name = rng.choice(SURNAMES) + rng.choice(given)
        self.names.add(name)
        if name == DOSE_IMPORT_NAME:
            return Person(name, M, datetime.date(1987, 3, 15), DOSE_IMPORT_ID)
        while True:
            birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randrange(13149))
            order = rng.randrange(0, 500) * 2 + (1 if sex == M else 0)
            first17 = f"{COUNTY_DIVISION}{birth:%Y%m%d}{order:03d}"
            number = first17 + id_check_character(first17)
            # The test factories issue numbers born on FACTORY_BIRTH: never the same person.
            if number not in self.numbers and birth != FACTORY_BIRTH:
                self.numbers.add(number)
                return Person(name, sex, birth, number)
