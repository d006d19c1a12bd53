"""The dose import's downloadable template: the columns with an example row, and a sheet "说明"
with the rules (what a second import of the same file does, why the ID number column must be text)
and the other headers the reader accepts, so a dosimetry service's own file can be uploaded as it
is. The text is the file format, hence Chinese and not translated (core/imports/columns.py)."""

import datetime
from collections import defaultdict

from django.conf import settings

from radsafe.core.choices import Role
from radsafe.core.imports import ROWS_RULE, ColumnSet, ImportTemplate
from radsafe.core.imports.workbook import HelpSection

# GB 11643-1999's own example number: valid, and nobody's.
EXAMPLE_ID_NUMBER = "11010519491231002X"


def _rules() -> list[str]:
    max_days = settings.RADSAFE_DOSE_MAX_PERIOD_DAYS
    return [
        "第 2 行起是示例，导入前请删除；表头（第 1 行）请勿修改，带 * 的列必填。"
        "剂量监测机构出具的结果表格，表头为下方“可识别的表头”之一的，也可直接上传。",
        "每行是一名人员一个监测周期的剂量，新增为该人员的剂量记录。系统中已有同一人员、"
        "同一监测周期且数值相同的记录，该行视为无变化，同一文件重复导入不会产生任何变化；"
        "已有同一周期而数值不同的，导入不会覆盖，请在该人员页面更正。",
        "单位统一社会信用代码：单位用户可留空，即为本单位；管理部门导入时必填，"
        "且只能是您数据范围内的单位。",
        "人员须已在该单位登记（“人员”菜单），姓名须与登记的一致。",
        "身份证号码为 18 位，最后一位可以是 X。请先将该列设为“文本”格式再填写或粘贴："
        "Excel 把 18 位数字当作数值时只保留 15 位，末几位会变成 0。",
        f"监测周期：结束日期不能早于开始日期，周期最长 {max_days} 天；同一人员的监测周期"
        "不能相互重叠（文件内各行之间，以及与系统中已有的记录）。",
        "剂量单位为 mSv，不能为负数，最多 3 位小数；Hp(10) 必填，Hp(3)、Hp(0.07) 未监测的留空。",
        "日期可填 Excel 日期，或 YYYY-MM-DD 格式的文本。",
        ROWS_RULE,
    ]


def _examples(actor) -> list[dict]:
    own = own_unit(actor)
    return [
        {
            "unit": own.credit_code if own else "",
            "name": "示例：张三",
            "id_number": EXAMPLE_ID_NUMBER,
            "period_start": datetime.date(2024, 1, 1),
            "period_end": datetime.date(2024, 3, 31),
            "hp10_msv": 0.12,
            "hp3_msv": None,
            "hp007_msv": None,
            "service": "示例：某某职业卫生技术服务有限公司",
        }
    ]


def header_section(columns: ColumnSet) -> HelpSection:
    """The other headers the reader takes for each column, so a 台账 in use uploads as it is."""
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias, key in columns.aliases.items():
        aliases[key].append(alias)
    headers = [(column.label, "、".join(aliases[column.key])) for column in columns]
    return ("可识别的表头（模板列名：其他写法）", headers)


def own_unit(actor):
    """A unit officer's unit, whose code the examples carry; None for the bureau."""
    return actor.unit if actor.role == Role.UNIT_OFFICER and actor.unit_id else None


def dose_template(columns: ColumnSet) -> ImportTemplate:
    section = header_section(columns)
    return ImportTemplate(
        sheet_name="个人剂量",
        file_name="个人剂量导入模板.xlsx",
        examples=_examples,
        rules=_rules,
        sections=lambda actor: [section],
    )
