"""The downloadable template of an import: a data sheet with the headers (required ones in red),
example rows and drop-downs, and a sheet "说明" with the rules and the values the importing person
may use. Built from the import's columns, so the template and the reader cannot disagree."""

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.functional import lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from radsafe.core.imports.columns import ColumnSet
from radsafe.core.imports.reading import row_limit

HELP_SHEET = "说明"


def _rows_rule() -> str:
    return (
        f"每个文件最多 {row_limit()} 行；超过 {settings.RADSAFE_IMPORT_JOB_ROWS} 行的文件确认后在"
        "后台导入，页面显示进度；导入先预览，任何一行有错则整个文件都不会导入。"
    )


# The rule on the row limit, read when a template is built (the file format: Chinese, not
# translated); a lazy string, so an import's rules can name it in a module-level list.
ROWS_RULE = lazy(_rows_rule, str)()
# Excel refuses a list validation whose formula is longer than this; such lists go to 说明 only.
_MAX_LIST_FORMULA = 255
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

# (label, text) lines under a title on the 说明 sheet.
HelpSection = tuple[str, Sequence[tuple[str, str]]]


def _no_sections(actor) -> list[HelpSection]:
    return []


def _no_choices() -> dict[str, list[str]]:
    return {}


@dataclass(frozen=True)
class ImportTemplate:
    """What an import's template holds besides its columns. Callables take the importing user
    where the values depend on what they may import into (their squads, their sites)."""

    sheet_name: str
    file_name: str
    examples: Callable[[Any], list[dict[str, Any]]]
    rules: Callable[[], list[str]]
    sections: Callable[[Any], list[HelpSection]] = _no_sections
    choice_lists: Callable[[], dict[str, list[str]]] = _no_choices


def build_template(template: ImportTemplate, *, columns: ColumnSet, actor) -> bytes:
    """In Chinese whatever the interface language: the template is the file format, and the
    choice labels it offers are the ones the reader accepts."""
    with translation.override("zh-hans"):
        return _build(template, columns=columns, actor=actor)


def _build(template: ImportTemplate, *, columns: ColumnSet, actor) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = template.sheet_name
    _data_sheet(sheet, columns=columns, examples=template.examples(actor))
    for key, options in template.choice_lists().items():
        _choice_list(sheet, columns, key, options)
    _help_sheet(
        workbook.create_sheet(HELP_SHEET),
        rules=template.rules(),
        sections=template.sections(actor),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _data_sheet(sheet, *, columns: ColumnSet, examples: list[dict[str, Any]]) -> None:
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=column.header)
        header.font = Font(bold=True, color="C00000" if column.required else "000000")
        header.fill = _HEADER_FILL
        header.alignment = Alignment(horizontal="center")
        sheet.column_dimensions[letter].width = column.width
        for line, example in enumerate(examples or [{}], start=2):
            cell = sheet.cell(row=line, column=index, value=example.get(column.key))
            if column.is_text:
                cell.number_format = "@"
            if column.is_date:
                cell.number_format = "yyyy-mm-dd"
            if column.is_datetime:
                cell.number_format = "yyyy-mm-dd hh:mm"
    sheet.freeze_panes = "A2"


def _choice_list(sheet, columns: ColumnSet, key: str, options: list[str]) -> None:
    formula = '"{}"'.format(",".join(options))
    if len(formula) > _MAX_LIST_FORMULA:
        return
    index = next(i for i, column in enumerate(columns, start=1) if column.key == key)
    letter = get_column_letter(index)
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{row_limit() + 1}")


def _help_sheet(sheet, *, rules: list[str], sections: list[HelpSection]) -> None:
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 90
    line = 1

    def title(text: str) -> None:
        nonlocal line
        sheet.cell(row=line, column=1, value=text).font = Font(bold=True)
        line += 1

    def item(label: str, text: str = "") -> None:
        nonlocal line
        sheet.cell(row=line, column=1, value=label)
        sheet.cell(row=line, column=2, value=text or None)
        line += 1

    title("导入规则")
    for number, rule in enumerate(rules, start=1):
        item(str(number), str(rule))
    for heading, items in sections:
        line += 1
        title(heading)
        for label, text in items:
            item(label, text)
