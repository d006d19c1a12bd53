"""The downloadable import template: the data sheet with one example row, and a sheet "说明" with
the rules and the values the importing person may use (industries, statuses, their squads)."""

import datetime
import io

from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from radsafe.core.choices import JurisdictionLevel
from radsafe.core.models import Jurisdiction

from ..choices import UnitStatus
from ..models import Industry
from ..validators import credit_code_check_char
from .columns import COLUMNS
from .planning import import_county
from .reading import MAX_ROWS

DATA_SHEET = "单位及许可证"
HELP_SHEET = "说明"
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
    f"每个文件最多 {MAX_ROWS} 行；导入先预览，任何一行有错则整个文件都不会导入。",
]
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def build_template(*, actor) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    squads = _squads(actor)
    _data_sheet(sheet, example={**EXAMPLE, "squad": squads[0].name if squads else ""})
    _help_sheet(workbook.create_sheet(HELP_SHEET), squads=squads)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _data_sheet(sheet, *, example: dict) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=column.header)
        header.font = Font(bold=True, color="C00000" if column.required else "000000")
        header.fill = _HEADER_FILL
        header.alignment = Alignment(horizontal="center")
        sheet.column_dimensions[letter].width = column.width
        cell = sheet.cell(row=2, column=index, value=example.get(column.key))
        if column.is_text:
            cell.number_format = "@"
        if column.is_date:
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    _choice_list(sheet, "status", _status_labels())
    _choice_list(sheet, "licence_authority_level", ["省级", "市级"])


def _choice_list(sheet, key: str, options: list[str]) -> None:
    index = next(i for i, column in enumerate(COLUMNS, start=1) if column.key == key)
    letter = get_column_letter(index)
    validation = DataValidation(
        type="list", formula1='"{}"'.format(",".join(options)), allow_blank=True
    )
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")


def _status_labels() -> list[str]:
    with translation.override("zh-hans"):
        return [str(label) for label in UnitStatus.labels]


def _help_sheet(sheet, *, squads: list[Jurisdiction]) -> None:
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 90
    line = 1

    def title(text: str) -> None:
        nonlocal line
        sheet.cell(row=line, column=1, value=text).font = Font(bold=True)
        line += 1

    def item(label: str, text: str = "") -> None:
        nonlocal line
        sheet.cell(row=line, column=1, value=label)
        sheet.cell(row=line, column=2, value=text)
        line += 1

    title("导入规则")
    for number, rule in enumerate(RULES, start=1):
        item(str(number), rule)
    line += 1
    title("可选行业")
    for industry in Industry.objects.order_by("order", "id"):
        item(industry.name)
    line += 1
    title("经营状态")
    for label in _status_labels():
        item(label)
    line += 1
    title("发证机关层级")
    item("省级", "省生态环境厅发证")
    item("市级", "市生态环境局发证")
    line += 1
    title("责任中队")
    for squad in squads:
        item(squad.name)


def _squads(actor) -> list[Jurisdiction]:
    try:
        county = import_county(actor)
    except ValidationError:  # an account without a county still gets the template
        return []
    squads = Jurisdiction.objects.filter(parent=county, level=JurisdictionLevel.SQUAD)
    return list(squads.filter(path__startswith=actor.scope_path))
