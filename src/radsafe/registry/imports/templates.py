"""The unit import's template: the data sheet with one example row, and a sheet "说明" with the
rules and the values the importing person may use (industries, statuses, their squads)."""

import datetime

from django.core.exceptions import ValidationError

from radsafe.core.choices import JurisdictionLevel
from radsafe.core.imports import ROWS_RULE, ImportTemplate, choice_labels
from radsafe.core.imports import build_template as _build_template
from radsafe.core.models import Jurisdiction
from radsafe.registry.choices import UnitStatus
from radsafe.registry.imports.units import COLUMNS, import_county
from radsafe.registry.models import Industry
from radsafe.registry.validators import credit_code_check_char

DATA_SHEET = "单位及许可证"
_FIRST17 = "91140881MA0K00001"
EXAMPLE = {
    "name": "示例：永济市某某医院",
    "credit_code": _FIRST17 + credit_code_check_char(_FIRST17),
    "address": "山西省永济市某某路 1 号",
    "industries": "医疗诊断、核医学",
    "legal_representative": "张三",
    "contact_person": "李四",
    "contact_phone": "0359-8000000",
    "status": "正常",
    "licence_number": "晋环辐证[00001]",
    "licence_authority": "山西省生态环境厅",
    "licence_authority_level": "省级",
    "licence_scope": "使用Ⅲ类射线装置",
    "licence_issued_on": datetime.date(2023, 1, 1),
    "licence_expires_on": datetime.date(2028, 1, 1),
}
RULES = [
    "第 2 行是示例，导入前请删除；表头（第 1 行）请勿修改，带 * 的列必填。",
    "按统一社会信用代码匹配：系统中已有的单位按文件内容更新，没有的新增；"
    "同一文件重复导入不会产生任何变化。",
    "文件中有某一列而单元格为空，表示清空该项；文件中没有某一列，则不改动该项。",
    "行业可填多个，用顿号（、）、逗号或分号分隔，名称须与下表一致。",
    "责任中队填写本分局下属中队的名称；中队执法人员只能导入本中队负责的单位。",
    "经营状态留空即为“正常”。",
    "许可证各列（许可证编号至有效期至）须整组填写或整组留空；"
    "新的许可证编号为该单位新增一张许可证，已有编号则更新该许可证。",
    "日期可填 Excel 日期，或 YYYY-MM-DD 格式的文本。",
    ROWS_RULE,
]


def _examples(actor) -> list[dict]:
    squads = _squads(actor)
    return [{**EXAMPLE, "squad": squads[0].name if squads else ""}]


def _sections(actor):
    return [
        ("可选行业", [(i.name, "") for i in Industry.objects.order_by("order", "id")]),
        ("经营状态", [(label, "") for label in choice_labels(UnitStatus)]),
        ("发证机关层级", [("省级", "省生态环境厅发证"), ("市级", "市生态环境局发证")]),
        ("责任中队", [(squad.name, "") for squad in _squads(actor)]),
    ]


def _choice_lists() -> dict[str, list[str]]:
    return {"status": choice_labels(UnitStatus), "licence_authority_level": ["省级", "市级"]}


TEMPLATE = ImportTemplate(
    sheet_name=DATA_SHEET,
    file_name="单位及许可证导入模板.xlsx",
    examples=_examples,
    rules=lambda: RULES,
    sections=_sections,
    choice_lists=_choice_lists,
)


def build_template(*, actor) -> bytes:
    return _build_template(TEMPLATE, columns=COLUMNS, actor=actor)


def _squads(actor) -> list[Jurisdiction]:
    try:
        county = import_county(actor)
    except ValidationError:  # an account without a county still gets the template
        return []
    squads = Jurisdiction.objects.filter(parent=county, level=JurisdictionLevel.SQUAD)
    return list(squads.filter(path__startswith=actor.scope_path))
