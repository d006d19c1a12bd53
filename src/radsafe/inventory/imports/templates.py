"""The downloadable templates of the three inventory imports: the columns with an example, and a
sheet "说明" with the rules (the upsert key of each, stated so a person knows what a second import
does) and the values the importing person may use."""

import datetime

from radsafe.core.choices import Role
from radsafe.core.imports import ROWS_RULE, ImportTemplate, choice_labels
from radsafe.inventory.choices import DeviceClass, DeviceStatus, MovementKind, SourceStatus
from radsafe.inventory.imports.movements import kind_labels
from radsafe.inventory.models import DeviceType, Nuclide, Source, StorageSite

# The sites listed on the 说明 sheet: all of a unit's, a county's first few hundred.
MAX_LISTED_SITES = 300

COMMON_HEAD = "第 2 行起是示例，导入前请删除；表头（第 1 行）请勿修改，带 * 的列必填。"
COMMON_UNIT = (
    "持有单位信用代码填写持有单位的统一社会信用代码，只能是您数据范围内的单位；"
    "单位用户可留空，即为本单位。"
)
COMMON_BLANK = "文件中有某一列而单元格为空，表示清空该项；文件中没有某一列，则不改动该项。"
COMMON_DATES = "日期可填 Excel 日期，或 YYYY-MM-DD 格式的文本；时间可填 YYYY-MM-DD HH:MM。"
COMMON_TAIL = ROWS_RULE


def _own_unit(actor):
    return actor.unit if actor.role == Role.UNIT_OFFICER and actor.unit_id else None


def _sites(actor) -> list[StorageSite]:
    sites = StorageSite.objects.for_user(actor).select_related("unit").order_by("unit_id", "name")
    return list(sites[:MAX_LISTED_SITES])


def _site_section(actor):
    return ("贮存场所", [(site.name, site.unit.name) for site in _sites(actor)])


def _labels(choices_class, values=None) -> list[str]:
    if values is None:
        return choice_labels(choices_class)
    return [str(choices_class(value).label) for value in values]


# --- sources ------------------------------------------------------------------------------------
NEW_SOURCE_STATUSES = (
    SourceStatus.IN_USE,
    SourceStatus.STORED,
    SourceStatus.IDLE,
    SourceStatus.DISUSED,
)
SOURCE_RULES = [
    COMMON_HEAD,
    "按放射源编码匹配：系统中没有的编码新增，并同时生成入库登记；已有的编码按文件内容更正；"
    "同一文件重复导入不会产生任何变化。",
    COMMON_UNIT,
    "放射源编码为 12 位（放射源编码规则）；核素填写符号（如 Co-60）或中文名（如 钴-60），"
    "须与下表一致。",
    "出厂活度单位为 Bq，须大于 0，可写作 3.7E10；活度参考日期不能晚于今天。",
    "状态填写中文；新登记的放射源只能是在用、贮存、闲置或废旧待送贮。已登记放射源的状态和"
    "贮存场所以出入库记录为准，文件须与之一致；需要变更时请导入出入库记录。",
    "贮存场所填写该单位已登记的贮存场所名称（见下表）。",
    "入库时间留空即为导入的时刻；如随后还要导入更早的出入库记录，请填写实际入库时间。",
    COMMON_BLANK,
    COMMON_DATES,
    COMMON_TAIL,
]


def _source_examples(actor) -> list[dict]:
    unit = _own_unit(actor)
    sites = _sites(actor) if unit else []
    return [
        {
            "unit": unit.credit_code if unit else "",
            "code": "0118CS000014",
            "nuclide": "Cs-137",
            "activity_bq": 3.7e9,
            "reference_date": datetime.date(2018, 1, 1),
            "status": str(SourceStatus.STORED.label),
            "site": sites[0].name if sites else "",
            "use": "料位计",
            "manufacturer": "示例：某某同位素有限公司",
            "model": "CS-100",
            "serial_number": "18001",
            "manufactured_on": datetime.date(2018, 1, 1),
            "origin": "购入",
        }
    ]


def _source_sections(actor):
    nuclides = [
        (n.symbol, f"{n.name_zh}；D 值 {n.d_value_tbq:g} TBq")
        for n in Nuclide.objects.order_by("symbol")
    ]
    return [
        ("可选核素", nuclides),
        ("状态", [(label, "") for label in choice_labels(SourceStatus)]),
        _site_section(actor),
    ]


SOURCE_TEMPLATE = ImportTemplate(
    sheet_name="放射源",
    file_name="放射源导入模板.xlsx",
    examples=_source_examples,
    rules=lambda: SOURCE_RULES,
    sections=_source_sections,
    choice_lists=lambda: {"status": _labels(SourceStatus, NEW_SOURCE_STATUSES)},
)


# --- ray devices ----------------------------------------------------------------------------------
DEVICE_RULES = [
    COMMON_HEAD,
    "按“持有单位 + 型号 + 出厂编号”匹配：系统中没有的新增，已有的按文件内容更新；"
    "同一文件重复导入不会产生任何变化。出厂编号因此必填：没有它就无法判断装置是否已登记。",
    COMMON_UNIT,
    "类型须与下表一致；类别填 Ⅰ、Ⅱ 或 Ⅲ，留空时新增的装置取该类型的常见类别，已登记的装置不改动。",
    "状态留空时新增的装置为“在用”，已登记的装置不改动；已报废或已转让的装置不能再变更状态。",
    "额定管电压(kV)、额定管电流(mA)、能量(MeV) 填数值，须大于 0。",
    COMMON_BLANK,
    COMMON_TAIL,
]


def _device_examples(actor) -> list[dict]:
    unit = _own_unit(actor)
    return [
        {
            "unit": unit.credit_code if unit else "",
            "name": "示例：DR 摄影系统",
            "device_type": "医用诊断X射线机",
            "device_class": "Ⅲ",
            "model": "DR-100",
            "serial_number": "SN0001",
            "rated_kv": 150,
            "rated_ma": 630,
            "use": "医疗诊断",
            "location": "放射科一号机房",
            "status": str(DeviceStatus.IN_USE.label),
        }
    ]


def _device_sections(actor):
    classes = {value: str(label) for value, label in DeviceClass.choices}
    types = [(t.name, classes[t.device_class]) for t in DeviceType.objects.all()]
    return [
        ("射线装置类型", types),
        ("类别", [("Ⅰ", ""), ("Ⅱ", ""), ("Ⅲ", "")]),
        ("状态", [(label, "") for label in choice_labels(DeviceStatus)]),
    ]


DEVICE_TEMPLATE = ImportTemplate(
    sheet_name="射线装置",
    file_name="射线装置导入模板.xlsx",
    examples=_device_examples,
    rules=lambda: DEVICE_RULES,
    sections=_device_sections,
    choice_lists=lambda: {
        "device_class": ["Ⅰ", "Ⅱ", "Ⅲ"],
        "status": choice_labels(DeviceStatus),
    },
)


# --- movements ------------------------------------------------------------------------------------
MOVEMENT_RULES = [
    COMMON_HEAD,
    "每行一条出入库记录，类型为出库、归还入库、状态变更或送贮；入库登记随放射源导入生成，"
    "转让请通过“转让登记”办理。",
    "记录按时间先后逐条登记：同一放射源须先出库后归还，已出库未归还的不能再出库，"
    "且不能早于系统中该放射源最近一条记录的时间。",
    "放射源编码、类型和时间都与系统中已有记录相同的行视为已登记，不会重复登记；"
    "同一文件重复导入不会产生任何变化。",
    "归还入库可填贮存场所（该单位已登记的名称），留空即回到出库前的场所。",
    "异地使用填“是”或“否”；异地使用须填写去向（使用地点），"
    "系统自动关联覆盖该地点和日期的异地使用备案。",
    "状态变更须填写变更后状态；变更为丢失、被盗或失控时须在“去向”填写事故地点，"
    "系统同时登记辐射事故。",
    COMMON_DATES,
    COMMON_TAIL,
]


def _movement_examples(actor) -> list[dict]:
    unit = _own_unit(actor)
    source = Source.objects.filter(unit=unit).order_by("code").first() if unit else None
    code = source.code if source else "0118CS000014"
    base = {"code": code, "person": "张三", "offsite": "否"}
    return [
        {
            **base,
            "kind": str(MovementKind.CHECK_OUT.label),
            "occurred_at": datetime.datetime(2024, 5, 6, 8, 30),
            "purpose": "现场检测",
            "destination": "本厂二号车间",
        },
        {
            **base,
            "kind": str(MovementKind.RETURN.label),
            "occurred_at": datetime.datetime(2024, 5, 6, 17, 30),
        },
    ]


def _movement_sections(actor):
    explained = {
        "出库": "放射源离开贮存场所",
        "归还入库": "关闭该放射源未归还的出库",
        "状态变更": "须填写变更后状态",
        "送贮": "送交贮存单位，状态变为已送贮",
    }
    return [
        ("类型", [(label, explained.get(label, "")) for label in kind_labels()]),
        ("变更后状态", [(label, "") for label in choice_labels(SourceStatus)]),
        ("异地使用", [("是", ""), ("否", "")]),
        _site_section(actor),
    ]


MOVEMENT_TEMPLATE = ImportTemplate(
    sheet_name="出入库记录",
    file_name="出入库记录导入模板.xlsx",
    examples=_movement_examples,
    rules=lambda: MOVEMENT_RULES,
    sections=_movement_sections,
    choice_lists=lambda: {
        "kind": kind_labels(),
        "offsite": ["是", "否"],
        "to_status": choice_labels(SourceStatus),
    },
)
