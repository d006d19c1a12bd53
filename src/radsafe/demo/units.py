"""The plan of the demo county's units: a pure function of `today`, so two builds on the same day
produce the same rows and a build on another day keeps every date at the same distance from it.

The catalogue is written out by hand (real-sounding 永济 organisations across the seed's
industries); `random.Random(2024)` only fills in what nobody reads closely — addresses, people,
phone numbers, credit-code bodies, the exact days of licence expiries."""

import datetime
import random
from dataclasses import dataclass

from radsafe.registry.choices import AuthorityLevel, UnitStatus
from radsafe.registry.validators import CREDIT_CODE_ALPHABET, credit_code_check_char

SEED = 2024
COUNTY_DIVISION = "140881"  # 永济市 in GB/T 2260, the middle of every local credit code

# A squad covers a part of the county; a unit's town decides its squad.
SQUAD_TOWNS = {
    1: ("城西街道", "城北街道", "城东街道"),
    2: ("虞乡镇", "卿头镇", "开张镇", "栲栳镇"),
    3: ("蒲州镇", "韩阳镇", "张营镇"),
}
TOWN_SQUAD = {town: squad for squad, towns in SQUAD_TOWNS.items() for town in towns}
CITY_STREETS = ("舜都大道", "银杏东街", "涑水西街", "电机大街", "中山东街", "府东街", "北郊路")
TOWN_PLACES = ("工业园区", "政府街", "东街", "西街", "南大街", "北大街")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶"
GIVEN_NAMES = (
    "建国", "志强", "海燕", "丽娟", "晓东", "卫东", "红梅", "俊杰", "文博", "雪梅", "振华", "国栋",
    "小龙", "静", "磊", "婷", "强", "敏", "涛", "鹏", "霞", "芳", "军", "斌", "燕",
)  # fmt: skip
MOBILE_PREFIXES = ("135", "136", "137", "138", "139", "150", "151", "152", "158", "186", "187")

AUTHORITIES = {
    AuthorityLevel.PROVINCE: "山西省生态环境厅",
    AuthorityLevel.CITY: "运城市生态环境局",
}
P, C = AuthorityLevel.PROVINCE, AuthorityLevel.CITY
III = "使用Ⅲ类射线装置"
DENTAL = "使用Ⅲ类射线装置（口腔CT、牙片机）"
II_DEVICE = "使用Ⅱ类射线装置"
SECURITY = "使用Ⅲ类射线装置（X射线安检机）"
GAUGE = "使用Ⅳ类、Ⅴ类放射源（料位计）"

# Names of the units the demo accounts `unit1` and `unit2` belong to.
UNIT1_NAME = "永济市人民医院"
UNIT2_NAME = "山西永济华安无损检测有限公司"
# A coal-field and hydrogeology logging contractor (neutron and density logging sources).
LOGGING_NAME = "山西中条地质勘查测井有限公司"

# name | industry codes | credit-code prefix (12 事业单位, 11 机关, 91 企业, 92 个体, 52 民非)
# | licence scope | issuing level (None: holds no licence) | town | licence state
# | (status, reason) when not 正常.
CATALOGUE = [
    (UNIT1_NAME, "diagnosis interventional nuclear_medicine radiotherapy", "12",
     "使用Ⅲ类放射源（后装治疗机）；使用Ⅱ类、Ⅲ类射线装置；乙级非密封放射性物质工作场所", P,
     "城西街道", "valid", None),
    ("永济市中医医院", "diagnosis interventional", "12", "使用Ⅱ类、Ⅲ类射线装置", P, "城北街道",
     "valid", None),
    ("永济市妇幼保健计划生育服务中心", "diagnosis", "12", III, C, "城东街道", "valid", None),
    ("永济市第二人民医院", "diagnosis", "12", III, C, "城东街道", "valid", None),
    ("永济市第三人民医院", "diagnosis", "12", III, C, "张营镇", "valid", None),
    ("永济电机医院", "diagnosis", "12", III, C, "城北街道", "valid", None),
    ("永济仁和医院", "diagnosis", "52", III, C, "城西街道", "expiring", None),
    ("永济市骨科医院", "diagnosis", "52", III, C, "城西街道", "valid", None),
    ("永济众康医院", "diagnosis", "52", III, C, "卿头镇", "valid", None),
    ("永济市城西街道社区卫生服务中心", "diagnosis", "12", III, C, "城西街道", "valid", None),
    ("永济市虞乡镇中心卫生院", "diagnosis", "12", III, C, "虞乡镇", "valid", None),
    ("永济市卿头镇卫生院", "diagnosis", "12", III, C, "卿头镇", "valid", None),
    ("永济市开张镇中心卫生院", "diagnosis", "12", III, C, "开张镇", "expired", None),
    ("永济市栲栳镇卫生院", "diagnosis", "12", III, C, "栲栳镇", "valid", None),
    ("永济市蒲州镇中心卫生院", "diagnosis", "12", III, C, "蒲州镇", "valid", None),
    ("永济市韩阳镇卫生院", "diagnosis", "12", III, C, "韩阳镇", "expiring", None),
    ("永济市张营镇卫生院", "diagnosis", "12", III, C, "张营镇", "valid", None),
    ("永济市康宁健康体检中心", "diagnosis", "91", III, C, "城东街道", "valid", None),
    ("永济市爱宠动物医院", "diagnosis", "92", III, C, "城北街道", "valid", None),
    ("永济市德美口腔诊所", "diagnosis", "92", DENTAL, C, "城西街道", "valid", None),
    ("永济舜都口腔门诊部", "diagnosis", "91", DENTAL, C, "城北街道", "valid", None),
    ("永济市华美口腔诊所", "diagnosis", "92", DENTAL, C, "城东街道", "expired", None),
    ("永济市佳美口腔诊所", "diagnosis", "92", DENTAL, C, "虞乡镇", "valid", None),
    ("永济市惠民口腔诊所", "diagnosis", "92", DENTAL, None, "蒲州镇", "none", None),
    ("永济市雅洁口腔门诊部", "diagnosis", "91", DENTAL, C, "城西街道", "expiring", None),
    ("永济市百姓口腔诊所", "diagnosis", "92", DENTAL, C, "韩阳镇", "valid", None),
    (UNIT2_NAME, "gamma_flaw xray_flaw", "91", "使用Ⅱ类放射源；使用Ⅱ类射线装置", P, "虞乡镇",
     "valid", None),
    ("永济市精诚探伤检测有限公司", "xray_flaw", "91", II_DEVICE, P, "开张镇", "valid", None),
    ("山西恒信工程检测有限公司永济分公司", "gamma_flaw", "91", "使用Ⅱ类放射源", P, "城东街道",
     "expiring", None),
    ("永济市金石无损检测有限公司", "xray_flaw", "91", II_DEVICE, P, "张营镇", "valid",
     (UnitStatus.SUSPENDED, "业务停滞，探伤机封存于暂存间")),
    ("永济市特种设备检验所", "xray_flaw", "12", II_DEVICE, P, "城北街道", "valid", None),
    ("中车永济电机有限公司", "xray_flaw gauging", "91", "使用Ⅱ类射线装置；使用Ⅴ类放射源", P,
     "城北街道", "valid", None),
    ("山西永济电机修造有限公司", "xray_flaw", "91", II_DEVICE, P, "卿头镇", "valid", None),
    ("国网山西省电力公司永济市供电公司", "xray_flaw", "91", "使用Ⅲ类射线装置（便携式X射线检测仪）",
     C, "城东街道", "valid", None),
    ("永济市华晋钢铁有限公司", "scrap_smelting gauging", "91", GAUGE, C, "栲栳镇", "valid",
     (UnitStatus.RESTRUCTURING, "并入运城钢铁集团，许可证待变更")),
    ("山西永济铸造有限公司", "scrap_smelting", "91", III, C, "开张镇", "valid", None),
    ("永济市鑫源铸造厂", "scrap_smelting", "91", "使用Ⅴ类放射源", C, "韩阳镇", "expired",
     (UnitStatus.BANKRUPT, "法院裁定破产清算，放射源尚未送贮")),
    ("永济市恒泰再生资源有限公司", "scrap_smelting", "91", "", None, "蒲州镇", "none", None),
    ("永济市宏达铝业有限公司", "scrap_smelting", "91", "使用Ⅴ类放射源", C, "张营镇", "valid",
     (UnitStatus.SUSPENDED, "环保整治停产一年以上")),
    ("永济市通达精密铸造有限公司", "scrap_smelting xray_flaw", "91", II_DEVICE, P, "卿头镇",
     "valid", None),
    ("永济市中条山水泥有限公司", "gauging", "91", GAUGE, C, "韩阳镇", "valid", None),
    ("永济市蒲津水泥有限公司", "gauging", "91", GAUGE, C, "蒲州镇", "valid", None),
    ("永济市热电有限公司", "gauging", "91", "使用Ⅴ类放射源（料位计、核子秤）", C, "张营镇", "valid",
     None),
    ("永济市晋能煤炭储运有限公司", "gauging", "91", "使用Ⅴ类放射源（核子秤）", C, "栲栳镇",
     "expired", None),
    ("永济市舜华纸业有限公司", "gauging", "91", "使用Ⅳ类放射源（β测厚仪）", C, "虞乡镇", "valid",
     (UnitStatus.SUSPENDED, "长期停产，测厚仪放射源闲置")),
    ("山西永济化工有限公司", "gauging", "91", "使用Ⅴ类放射源（液位计）", C, "开张镇", "valid",
     None),
    ("永济市果蔬汁饮品有限公司", "gauging", "91", "使用Ⅲ类射线装置（灌装液位检测仪）", C, "卿头镇",
     "valid", None),
    ("永济市建设工程质量检测有限公司", "gauging", "91", "使用Ⅳ类、Ⅴ类放射源（核子密度湿度仪）", C,
     "城东街道", "valid", None),
    ("永济市公路管理段", "gauging", "12", "使用Ⅳ类、Ⅴ类放射源（核子密度湿度仪）", C, "城西街道",
     "valid", None),
    ("永济市中条山矿业有限公司", "associated_minerals", "91", "", None, "虞乡镇", "none", None),
    ("永济市晋辐同位素销售有限公司", "source_sales", "91", "销售Ⅱ类、Ⅲ类、Ⅳ类、Ⅴ类放射源", P,
     "城东街道", "valid", None),
    ("永济市博瑞医疗设备有限公司", "device_sales", "91", "销售Ⅱ类、Ⅲ类射线装置", P, "城西街道",
     "valid", None),
    ("永济市恒辐辐照科技有限公司", "irradiation", "91", "使用Ⅰ类放射源（钴-60辐照装置）", P,
     "卿头镇", "valid", None),
    ("永济市第一职业中学", "research", "12", "使用Ⅲ类射线装置（教学用X射线衍射仪）", C, "城北街道",
     "valid", None),
    ("永济市农业科学研究所", "research", "12", "使用Ⅲ类射线装置（种子X光检测仪）", C, "城东街道",
     "valid", None),
    ("中国铁路太原局集团有限公司永济站", "security_inspection", "91", SECURITY, C, "城西街道",
     "valid", None),
    ("永济市汽车客运站", "security_inspection", "91", SECURITY, C, "城北街道", "expiring", None),
    ("中国邮政集团有限公司永济市分公司", "security_inspection", "91", SECURITY, C, "城东街道",
     "valid", None),
    ("永济市人民法院", "security_inspection", "11", SECURITY, C, "城西街道", "valid", None),
    ("永济市人民检察院", "security_inspection", "11", SECURITY, C, "城北街道", "valid", None),
    ("永济市看守所", "security_inspection", "11", SECURITY, C, "韩阳镇", "valid", None),
    ("永济市顺达快递服务有限公司", "security_inspection", "91", SECURITY, C, "栲栳镇", "valid",
     None),
    (LOGGING_NAME, "well_logging", "91", "使用Ⅲ类、Ⅳ类放射源（测井）", P, "蒲州镇", "valid", None),
]  # fmt: skip


@dataclass(frozen=True)
class LicenceSpec:
    number: str
    authority: str
    authority_level: str
    scope: str
    issued_on: datetime.date
    expires_on: datetime.date
    source_categories: str = ""
    device_classes: str = ""


ROMAN_DIGITS = {"Ⅰ": "1", "Ⅱ": "2", "Ⅲ": "3", "Ⅳ": "4", "Ⅴ": "5"}


def scope_classes(scope: str) -> tuple[str, str]:
    """The structured part of 种类和范围 read from its text, so the two never disagree:
    "使用Ⅳ类、Ⅴ类放射源；使用Ⅱ类射线装置" → ("45", "2"). Transfers are checked against it."""
    sources: set[str] = set()
    devices: set[str] = set()
    for clause in scope.split("；"):
        digits = {ROMAN_DIGITS[ch] for ch in clause if ch in ROMAN_DIGITS}
        if "放射源" in clause:
            sources |= digits
        elif "射线装置" in clause:
            devices |= digits
    return "".join(sorted(sources)), "".join(sorted(devices))


@dataclass(frozen=True)
class UnitSpec:
    name: str
    credit_code: str
    address: str
    industries: tuple[str, ...]
    squad: int
    legal_representative: str
    contact_person: str
    contact_phone: str
    licence: LicenceSpec | None
    status: str = UnitStatus.NORMAL
    status_days_ago: int = 0
    status_reason: str = ""


def _five_years_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 5)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 5, day=28)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def _credit_code(rng: random.Random, prefix: str) -> str:
    first17 = prefix + COUNTY_DIVISION + "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(9))
    return first17 + credit_code_check_char(first17)


def _address(rng: random.Random, town: str) -> str:
    if TOWN_SQUAD[town] == 1:
        return f"山西省永济市{rng.choice(CITY_STREETS)}{rng.randint(1, 399)}号"
    return f"山西省永济市{town}{rng.choice(TOWN_PLACES)}{rng.randint(1, 99)}号"


def _licence(rng, *, number: int, scope: str, level, state: str, today) -> LicenceSpec:
    days = {
        "valid": rng.randint(60, 1800),
        "expiring": rng.randint(3, 28),
        "expired": -rng.randint(15, 400),
    }[state]
    expires = today + datetime.timedelta(days=days)
    source_categories, device_classes = scope_classes(scope)
    return LicenceSpec(
        number=f"晋环辐证[{number:05d}]",
        authority=AUTHORITIES[level],
        authority_level=level,
        scope=scope,
        issued_on=_five_years_before(expires),
        expires_on=expires,
        source_categories=source_categories,
        device_classes=device_classes,
    )


def demo_units(today: datetime.date) -> list[UnitSpec]:
    rng = random.Random(SEED)
    numbers = rng.sample(range(1000, 20000), len(CATALOGUE))
    plan = []
    for (name, industries, prefix, scope, level, town, state, status), number in zip(
        CATALOGUE, numbers, strict=True
    ):
        address = _address(rng, town)
        legal, contact = _person(rng), _person(rng)
        phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"
        code = _credit_code(rng, prefix)
        licence = None
        if level is not None:
            licence = _licence(
                rng, number=number, scope=scope, level=level, state=state, today=today
            )
        extra = {}
        if status is not None:
            extra = {
                "status": status[0],
                "status_reason": status[1],
                "status_days_ago": rng.randint(60, 500),
            }
        plan.append(
            UnitSpec(
                name=name,
                credit_code=code,
                address=address,
                industries=tuple(industries.split()),
                squad=TOWN_SQUAD[town],
                legal_representative=legal,
                contact_person=contact,
                contact_phone=phone,
                licence=licence,
                **extra,
            )
        )
    if len({spec.credit_code for spec in plan}) != len(plan):
        raise AssertionError("demo credit codes collide; change SEED")
    return plan
