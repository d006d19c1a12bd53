"""The plan of the demo county's inventory: which unit keeps which stores, sources and ray
devices. Written out by hand so that every row is one an inspector would recognise (Ir-192 and
Se-75 in the flaw-detection companies' stores, Cs-137 level gauges in the cement and power plants,
an afterloader in the county hospital, X-ray machines in every clinic); dates are days before the
demo's `today`, so the plan does not age.

Activities are typical of each use (domain.md D-values give their categories): Ir-192 for flaw
detection 3.7e12 Bq (100 Ci), Se-75 3e12, Cs-137 level gauges 1e9–2e10, nuclear scales and small
liquid-level gauges under 1e9 (Ⅴ), Co-60 irradiation pencils 3.7e15 (Ⅰ)."""

from dataclasses import dataclass

from radsafe.demo.units import LOGGING_NAME, UNIT1_NAME, UNIT2_NAME
from radsafe.inventory.choices import DeviceStatus, SiteKind, SourceStatus

HENGXIN = "山西恒信工程检测有限公司永济分公司"
HUAJIN = "永济市华晋钢铁有限公司"
XINYUAN = "永济市鑫源铸造厂"
ZHONGTIAOSHAN = "永济市中条山水泥有限公司"
DEALER = "永济市晋辐同位素销售有限公司"
TESTING = "永济市建设工程质量检测有限公司"

# Positions 5–6 of a source code (放射源编码规则, 2004); the national table is not public, these are
# the letters the codes in circulation use.
NUCLIDE_CODES = {
    "Ir-192": "IR",
    "Se-75": "SE",
    "Cs-137": "CS",
    "Co-60": "CO",
    "Am-241/Be": "AB",
    "Kr-85": "KR",
}
MANUFACTURERS = {
    "01": "中国同辐股份有限公司",
    "02": "原子高科股份有限公司",
    "05": "成都中核高通同位素股份有限公司",
    "DE": "Eckert & Ziegler",
    "US": "QSA Global",
}


@dataclass(frozen=True)
class SiteSpec:
    unit: str
    name: str
    kind: str
    place: str
    dual_lock: bool = True
    video: bool = True
    alarm: bool = True


@dataclass(frozen=True)
class SourceSpec:
    """`key` names the source in the events below; `made_days_ago` is both the manufacture date
    and the reference date of the activity (what a source's certificate states)."""

    key: str
    unit: str
    nuclide: str
    activity_bq: float
    made_days_ago: int
    manufacturer: str  # a key of MANUFACTURERS
    serial: int
    use: str
    model: str
    site: str = ""  # a SiteSpec name of the same unit
    work_place: str = ""
    status: str = SourceStatus.STORED


SITES = [
    SiteSpec(UNIT2_NAME, "γ源暂存库", SiteKind.TEMPORARY, "虞乡镇工业园区公司院内东北角独立库房"),
    SiteSpec(HENGXIN, "探伤源暂存库", SiteKind.TEMPORARY, "公司仓库一层西侧", alarm=False),
    SiteSpec("永济市恒辐辐照科技有限公司", "辐照室贮源井", SiteKind.STORAGE, "辐照车间地下贮源井"),
    SiteSpec(DEALER, "放射源贮存库", SiteKind.STORAGE, "公司库房（专用）"),
    SiteSpec(TESTING, "仪器暂存间", SiteKind.TEMPORARY, "办公楼一层东侧", video=False),
    SiteSpec("永济市公路管理段", "核子仪暂存间", SiteKind.TEMPORARY, "养护站仓库"),
    SiteSpec(LOGGING_NAME, "测井源库", SiteKind.STORAGE, "公司院内西北角测井源库（地下贮源坑）"),
]

_S, _U = SourceStatus.STORED, SourceStatus.IN_USE
SOURCES = [
    # Flaw detection: 华安 (the `unit2` account) and 恒信.
    SourceSpec("huaan-ir-a", UNIT2_NAME, "Ir-192", 3.7e12, 45, "01", 31, "γ射线移动探伤",
               "TI-FF", site="γ源暂存库"),
    SourceSpec("huaan-ir-b", UNIT2_NAME, "Ir-192", 3.7e12, 20, "01", 58, "γ射线移动探伤",
               "TI-FF", site="γ源暂存库"),
    SourceSpec("huaan-se", UNIT2_NAME, "Se-75", 3.0e12, 60, "02", 7, "γ射线移动探伤",
               "SE-75A", site="γ源暂存库"),
    SourceSpec("huaan-ir-old", UNIT2_NAME, "Ir-192", 3.7e12, 420, "01", 4, "γ射线移动探伤",
               "TI-FF", site="γ源暂存库"),
    SourceSpec("hengxin-ir", HENGXIN, "Ir-192", 3.7e12, 30, "US", 812, "γ射线移动探伤",
               "880 Delta", site="探伤源暂存库"),
    SourceSpec("hengxin-se", HENGXIN, "Se-75", 3.0e12, 50, "02", 19, "γ射线移动探伤",
               "SE-75A", site="探伤源暂存库"),
    SourceSpec("hengxin-ir-old", HENGXIN, "Ir-192", 3.7e12, 500, "US", 377, "γ射线移动探伤",
               "880 Delta", site="探伤源暂存库"),
    # Radiotherapy and irradiation.
    SourceSpec("hospital-hdr", UNIT1_NAME, "Ir-192", 3.7e11, 30, "DE", 2214, "后装治疗",
               "microSelectron HDR", work_place="放疗科后装治疗室", status=_U),
    SourceSpec("hospital-hdr-old", UNIT1_NAME, "Ir-192", 3.7e11, 130, "DE", 1987, "后装治疗",
               "microSelectron HDR", work_place="放疗科后装治疗室", status=_U),
    *(
        SourceSpec(f"irradiation-{n}", "永济市恒辐辐照科技有限公司", "Co-60", 3.7e15, 400, "01",
                   600 + n, "γ辐照", "CoP-100", site="辐照室贮源井", status=_U)
        for n in range(1, 5)
    ),
    # Level gauges, nuclear scales and moisture-density gauges.
    SourceSpec("zts-1", ZHONGTIAOSHAN, "Cs-137", 1.85e10, 4400, "02", 1203, "料位计", "LM-137",
               work_place="1#窑尾预热器", status=_U),
    SourceSpec("zts-2", ZHONGTIAOSHAN, "Cs-137", 3.7e9, 2900, "02", 2210, "料位计", "LM-137",
               work_place="生料磨料仓", status=_U),
    SourceSpec("pujin-1", "永济市蒲津水泥有限公司", "Cs-137", 7.4e9, 3300, "05", 418, "料位计",
               "FB-2000", work_place="熟料库顶", status=_U),
    SourceSpec("pujin-2", "永济市蒲津水泥有限公司", "Co-60", 3.7e9, 1500, "05", 420, "料位计",
               "FB-2000", work_place="煤粉仓", status=_U),
    SourceSpec("thermal-1", "永济市热电有限公司", "Cs-137", 7.4e8, 2500, "02", 3301, "料位计",
               "LM-137", work_place="2#锅炉原煤仓", status=_U),
    SourceSpec("thermal-2", "永济市热电有限公司", "Cs-137", 7.4e8, 2500, "02", 3302, "核子秤",
               "HC-100", work_place="输煤栈桥", status=_U),
    SourceSpec("coal-1", "永济市晋能煤炭储运有限公司", "Cs-137", 7.4e8, 3800, "02", 871, "核子秤",
               "HC-100", work_place="1#装车皮带", status=_U),
    SourceSpec("paper", "永济市舜华纸业有限公司", "Kr-85", 3.7e11, 2200, "US", 5521, "β测厚仪",
               "BW-85", work_place="2#纸机", status=_U),
    SourceSpec("chemical", "山西永济化工有限公司", "Cs-137", 7.4e8, 1800, "05", 733, "液位计",
               "LL-137", work_place="合成塔", status=_U),
    SourceSpec("crrc", "中车永济电机有限公司", "Cs-137", 5.55e8, 2000, "02", 4410, "料位计",
               "LM-137", work_place="铸造车间砂仓", status=_U),
    SourceSpec("huajin-1", HUAJIN, "Cs-137", 1.85e10, 3000, "02", 2291, "料位计", "LM-137",
               work_place="1#高炉料仓", status=_U),
    SourceSpec("huajin-2", HUAJIN, "Co-60", 3.7e9, 2600, "05", 511, "料位计", "FB-2000",
               work_place="连铸结晶器", status=_U),
    SourceSpec("xinyuan", XINYUAN, "Cs-137", 7.4e8, 3500, "05", 302, "料位计", "FB-2000",
               work_place="冲天炉料仓", status=_U),
    SourceSpec("hongda", "永济市宏达铝业有限公司", "Cs-137", 3.7e8, 3100, "05", 355, "料位计",
               "FB-2000", work_place="熔铝炉料仓", status=_U),
    SourceSpec("testing-ambe", TESTING, "Am-241/Be", 1.48e9, 1600, "US", 9012, "核子密度湿度仪",
               "3440", site="仪器暂存间"),
    SourceSpec("testing-cs", TESTING, "Cs-137", 3.0e8, 1600, "US", 9013, "核子密度湿度仪",
               "3440", site="仪器暂存间"),
    SourceSpec("road-ambe", "永济市公路管理段", "Am-241/Be", 1.48e9, 2300, "US", 7710,
               "核子密度湿度仪", "MC-3", site="核子仪暂存间"),
    SourceSpec("road-cs", "永济市公路管理段", "Cs-137", 3.0e8, 2300, "US", 7711,
               "核子密度湿度仪", "MC-3", site="核子仪暂存间"),
    # Logging: an Am-241/Be neutron source (15 Ci, Ⅲ) and a Cs-137 density source (2 Ci, Ⅳ).
    SourceSpec("logging-ambe", LOGGING_NAME, "Am-241/Be", 5.55e11, 1400, "02", 3120, "中子测井",
               "AmBe-N15", site="测井源库"),
    SourceSpec("logging-cs", LOGGING_NAME, "Cs-137", 7.4e10, 1300, "02", 3121, "密度测井",
               "CS-D2", site="测井源库"),
    # The dealer's stock: one sold to the cement plant (a transfer), one still in store.
    SourceSpec("dealer-cs", DEALER, "Cs-137", 3.7e10, 120, "02", 6120, "料位计", "LM-137",
               site="放射源贮存库"),
    SourceSpec("dealer-co", DEALER, "Co-60", 7.4e9, 90, "05", 977, "料位计", "FB-2000",
               site="放射源贮存库"),
]  # fmt: skip

# The planted discrepancy "on the inventory with no arrival": a source found in a scrap lot.
FOUND_SOURCE = SourceSpec("huajin-found", HUAJIN, "Cs-137", 3.7e9, 6200, "02", 88, "不明",
                          "", work_place="废钢料场隔离区")  # fmt: skip

_I, _II, _III, _H = "医用诊断X射线机", "医用CT", "口腔（牙科）X射线机", "行李包裹X射线安检机"
_FLAW = "工业X射线探伤机"
# unit, device type, name, model, kV, mA, MeV, room, status
DEVICES = [
    (UNIT1_NAME, _I, "数字X射线摄影系统", "uDR 780i", 150, 630, None, "放射科1号机房", None),
    (UNIT1_NAME, _I, "移动式DR", "uDR 370i", 125, 320, None, "住院部", None),
    (UNIT1_NAME, _II, "64排螺旋CT", "uCT 760", 140, 833, None, "放射科CT室", None),
    (UNIT1_NAME, "数字减影血管造影装置（DSA）", "血管造影X射线系统", "Artis zee", 125, 1000,
     None, "介入导管室", None),
    (UNIT1_NAME, "乳腺X射线机", "乳腺X射线摄影系统", "Senographe Essential", 49, 100, None,
     "放射科乳腺室", None),
    (UNIT1_NAME, "医用直线加速器（<100MeV）", "医用电子直线加速器", "VitalBeam", None, None, 10,
     "放疗科加速器机房", None),
    ("永济市中医医院", _I, "数字X射线摄影系统", "DigitalDiagnost", 150, 500, None, "放射科", None),
    ("永济市中医医院", _II, "16排螺旋CT", "Optima CT540", 140, 440, None, "CT室", None),
    ("永济市中医医院", "数字减影血管造影装置（DSA）", "血管造影X射线系统", "Optima IGS 330", 125,
     800, None, "介入导管室", None),
    ("永济市妇幼保健计划生育服务中心", _I, "数字X射线摄影系统", "DRX-Evolution", 150, 500, None,
     "放射科", None),
    ("永济市妇幼保健计划生育服务中心", "乳腺X射线机", "乳腺X射线摄影系统", "Mammomat", 49, 100,
     None, "乳腺室", None),
    ("永济市妇幼保健计划生育服务中心", "骨密度仪", "双能X射线骨密度仪", "Prodigy", 76, 3, None,
     "骨密度室", None),
    ("永济市第二人民医院", _II, "16排螺旋CT", "NeuViz 16", 140, 350, None, "CT室", None),
    ("永济市骨科医院", _I, "移动式C形臂X射线机", "PLX118F", 110, 60, None, "手术室", None),
    ("永济市康宁健康体检中心", "骨密度仪", "双能X射线骨密度仪", "OsteoSys", 76, 3, None, "体检二部",
     None),
    ("永济市爱宠动物医院", _I, "兽用DR", "VetDR-1", 125, 400, None, "影像室", None),
    ("永济市金石无损检测有限公司", _FLAW, "便携式X射线探伤机", "XXG-2505", 250, 5, None,
     "暂存间（封存）", DeviceStatus.STOPPED),
    ("永济市金石无损检测有限公司", _FLAW, "便携式X射线探伤机", "XXG-3005", 300, 5, None,
     "暂存间（封存）", DeviceStatus.STOPPED),
    ("中车永济电机有限公司", "工业CT", "工业CT检测系统", "CD-450BX", 450, 3, None, "质检中心",
     None),
]  # fmt: skip
# Units whose X-ray machines are all listed above; every other clinic gets the usual DR.
OWN_DR = {UNIT1_NAME, "永济市中医医院", "永济市妇幼保健计划生育服务中心", "永济市爱宠动物医院"}
# (device type, name, model, kV, mA, room) repeated for every unit of a kind.
CLINIC_DR = (_I, "数字X射线摄影系统", "DR-500", 150, 500, "放射科")
HEALTH_CENTRE_DR = (_I, "数字X射线摄影系统", "DR-300", 125, 400, "放射科")
DENTAL = [(_III, "口腔CBCT", "Smart3D-X", 90, 10, "口腔影像室"),
          (_III, "牙片机", "X-Mind DC", 70, 7, "诊室")]  # fmt: skip
FLAW = (_FLAW, "便携式X射线探伤机", "XXG-2505", 250, 5, "探伤暂存间")
SECURITY = (_H, "通道式X射线安检机", "SF6550", 160, 1, "安检口")
XRD = ("X射线衍射仪/荧光分析仪（XRD/XRF）", "X射线衍射仪", "D8 Advance", 40, 40, "物理实验室")
