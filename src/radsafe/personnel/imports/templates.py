"""The dose import's downloadable template: the columns with an example row, and a sheet "说明"
with the rules (what a second import of the same file does, why the ID number column must be text)
and the other headers the reader accepts, so a dosimetry service's own file can be uploaded as it
is. The text is the file format, hence Chinese and not translated (core/imports/columns.py)."""

import datetime
from collections import defaultdict

from django.conf import settings

from radsafe.core.choices import Role
from radsafe.core.imports import ROWS_RULE, ColumnSet, ImportTemplate, choice_labels
from radsafe.core.imports.workbook import HelpSection
from radsafe.personnel.choices import Sex, TrainingCategory, WorkType

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


# The worker import's downloadable template: the columns with an example row and drop-downs, and
# a sheet "说明" with the rules (how a person is recognised, what a second import does, what is not
# imported), the values the choice columns take and the other headers the reader accepts. The text
# is the file format, hence Chinese and not translated (core/imports/columns.py).


def _worker_rules() -> list[str]:
    return [
        "第 2 行起是示例，导入前请删除；表头（第 1 行）请勿修改，带 * 的列必填。"
        "本单位已有的人员台账，表头为下方“可识别的表头”之一的，也可直接上传。",
        "每行一名人员。系统按“单位 + 身份证号码”识别人员：未登记的新增；已登记的按文件更新，"
        "只更新文件中有的列，与系统一致的视为无变化，同一文件重复导入不会产生任何变化。",
        "单位统一社会信用代码：单位用户可留空，即为本单位；管理部门导入时必填，"
        "且只能是您数据范围内的单位。",
        "身份证号码为 18 位，最后一位可以是 X。请先将该列设为“文本”格式再填写或粘贴："
        "Excel 把 18 位数字当作数值时只保留 15 位，末几位会变成 0。"
        "同一单位的同一人员在文件中只能有一行。",
        "性别填“男”或“女”；留空时，新增人员按身份证号码第 17 位确定（奇数为男，偶数为女），"
        "已登记人员保持不变。",
        "工作类别、考核类别须为下方“可选值”之一。",
        "离职日期不能早于入职日期，在职人员留空；文件中有“离职日期”列时，"
        "已登记人员的离职日期按文件更新（留空即清除）。",
        "考核成绩报告单编号、考核类别、考核日期：填写该人员最近一次的考核成绩，三列须同时填写"
        "或同时留空。该人员已有同一编号的成绩报告单的，视为无变化（考核类别或日期与系统不同的，"
        "导入不会覆盖，请在人员页面更正）；否则新增一份。“自行考核（仅Ⅲ类射线装置）”只适用于"
        "仅从事Ⅲ类射线装置工作的人员。",
        "人员操作的放射源和射线装置不通过本表导入：导入后请在人员页面关联。"
        "导入也不会改变已关联的放射源和射线装置。",
        "日期可填 Excel 日期，或 YYYY-MM-DD 格式的文本。",
        ROWS_RULE,
    ]


def _worker_examples(actor) -> list[dict]:
    own = own_unit(actor)
    return [
        {
            "unit": own.credit_code if own else "",
            "name": "示例：李芳",
            "id_number": EXAMPLE_ID_NUMBER,  # the 17th digit is even: 女
            "sex": "女",
            "post": "放射科技师",
            "work_type": "X射线诊断",
            "employed_on": datetime.date(2020, 3, 1),
            "left_on": None,
            "training_number": "FS20SX0100123",
            "training_category": "X射线诊断",
            "passed_on": datetime.date(2023, 5, 20),
        }
    ]


def _choices() -> dict[str, list[str]]:
    return {
        "sex": choice_labels(Sex),
        "work_type": choice_labels(WorkType),
        "training_category": choice_labels(TrainingCategory),
    }


def worker_template(columns: ColumnSet) -> ImportTemplate:
    labels = columns.labels

    def sections(actor) -> list[HelpSection]:
        values = [(labels[key], "、".join(options)) for key, options in _choices().items()]
        return [("可选值", values), header_section(columns)]

    return ImportTemplate(
        sheet_name="辐射工作人员",
        file_name="辐射工作人员导入模板.xlsx",
        examples=_worker_examples,
        rules=_worker_rules,
        sections=sections,
        choice_lists=_choices,
    )
