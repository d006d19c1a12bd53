"""Refusing a bad file before any row is looked at (design.md rule 7: size, extension and magic
bytes agree), then reading the first sheet into rows keyed by column.

The file checks are core/files.py's `check_file`, the one implementation every upload uses: a
20 MB or non-xlsx upload is refused from its size and first four bytes without reading it; the zip
directory is checked before openpyxl inflates anything, so a small file that unpacks to gigabytes
is refused too."""

import os
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from radsafe.core import files
from radsafe.core.files import file_sha256
from radsafe.core.imports.columns import ColumnSet, cell_text
from radsafe.core.jobs import progress

MAX_COLUMNS = 60
# Rows above the header that a 台账 may use for its title.
MAX_TITLE_ROWS = 5
MAX_BLANK_RUN = 1000
# Spreadsheet XML compresses about tenfold; more than this is a zip bomb, not a 台账.
UNZIPPED_RATIO = 20


@dataclass(frozen=True)
class SheetRow:
    """One data row: `number` as Excel shows it; `values` holds only the columns the file has, so
    a column left out of the file leaves that field of existing records alone."""

    number: int
    values: dict[str, Any]


@dataclass
class ImportSheet:
    rows: list[SheetRow]
    sha256: str
    name: str = ""
    ignored_headers: list[str] = field(default_factory=list)


def too_large_message() -> str:
    return files.too_large_message(settings.RADSAFE_IMPORT_MAX_BYTES)


def not_xlsx_message() -> str:
    return _("文件不是有效的 xlsx 格式（请在 Excel 中“另存为”Excel 工作簿 .xlsx 后再上传）")


def row_limit() -> int:
    """The most data rows any import reads (RADSAFE_IMPORT_MAX_ROWS): one bound for every
    import, since a file past RADSAFE_IMPORT_JOB_ROWS is written by the background worker."""
    return settings.RADSAFE_IMPORT_MAX_ROWS


def validate_upload(file, *, columns: ColumnSet, max_rows: int | None = None) -> ImportSheet:
    """Check a Django `File` and read its rows; ValidationError with a Chinese message otherwise.
    `max_rows` defaults to `row_limit()`."""
    if max_rows is None:
        max_rows = row_limit()
    max_bytes = settings.RADSAFE_IMPORT_MAX_BYTES
    files.check_file(
        file,
        types={".xlsx": files.XLSX},
        max_bytes=max_bytes,
        max_unzipped=max_bytes * UNZIPPED_RATIO,
        wrong_type=not_xlsx_message(),
    )
    digest = file_sha256(file)
    rows, ignored = _read_rows(file, columns, max_rows)
    return ImportSheet(
        rows=rows, sha256=digest, name=os.path.basename(file.name), ignored_headers=ignored
    )


def _read_rows(file, columns: ColumnSet, max_rows: int) -> tuple[list[SheetRow], list[str]]:
    file.seek(0)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged package
        raise ValidationError(not_xlsx_message(), code="not_xlsx") from error
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise ValidationError(_("文件为空"), code="empty")
        lines = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        return _rows_of(lines, columns, max_rows)
    finally:
        workbook.close()


def _is_blank(values) -> bool:
    return all(cell_text(value) == "" for value in values)


def _rows_of(lines, columns: ColumnSet, max_rows: int) -> tuple[list[SheetRow], list[str]]:
    header: dict[int, str] | None = None
    ignored: list[str] = []
    rows: list[SheetRow] = []
    rows_before_header = 0
    blank_run = 0
    for number, values in enumerate(lines, start=1):
        if _is_blank(values):
            # Formatting often reaches far below the data; a long blank run is the end of it.
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        if header is None:
            header, ignored = _header(values, columns)
            if not header:
                # A title row above the header (永济市核技术利用单位台账): keep looking a little.
                rows_before_header += 1
                if rows_before_header >= MAX_TITLE_ROWS:
                    break
                header = None
                continue
            _require_columns(header, number, columns)
            continue
        if len(rows) >= max_rows:
            raise ValidationError(
                _("数据行过多（上限 %(max)d 行），请拆分为多个文件。") % {"max": max_rows},
                code="too_many_rows",
            )
        cells = {key: values[index] for index, key in header.items() if index < len(values)}
        rows.append(SheetRow(number=number, values=cells))
        if len(rows) % 1000 == 0:
            progress.report(len(rows))
    if header is None:
        if rows_before_header == 0:
            raise ValidationError(_("文件为空"), code="empty")
        raise ValidationError(_("未找到表头，请使用导入模板。"), code="no_header")
    if not rows:
        raise ValidationError(_("没有数据行"), code="no_rows")
    return rows, ignored


def _header(values, columns: ColumnSet) -> tuple[dict[int, str], list[str]]:
    found: dict[int, str] = {}
    ignored: list[str] = []
    for index, value in enumerate(values):
        key = columns.header_key(value)
        if key is None:
            if cell_text(value):
                ignored.append(cell_text(value))
            continue
        if key in found.values():
            raise ValidationError(
                _("表头中“%(column)s”列重复。") % {"column": columns.by_key[key].label},
                code="header",
            )
        found[index] = key
    return found, ignored


def _require_columns(header: dict[int, str], number: int, columns: ColumnSet) -> None:
    present = set(header.values())
    by_key = columns.by_key
    missing = [by_key[key].header for key in columns.required_keys if key not in present]
    if missing:
        raise ValidationError(
            _("第 %(row)d 行表头缺少必需的列：%(columns)s（请使用导入模板）。")
            % {"row": number, "columns": "、".join(missing)},
            code="header",
        )
