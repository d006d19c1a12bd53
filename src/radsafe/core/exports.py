"""Writing a list (台账) to Excel, for every app's export.

The workbook is written row by row (openpyxl write-only mode, the queryset read in chunks), so a
county's list and a province's cost the same memory, and spooled to disk past a few megabytes.
Every export is an audit event with the filters and the row count (design.md rule 5): who took
which data out of the system."""

import datetime
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from radsafe.core.audit import audit_record

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEFAULT_MAX_ROWS = 50_000
# Spooled to disk past this size, so a large export does not sit in a worker's memory.
SPOOL_BYTES = 8 * 1024 * 1024


def export_max_rows() -> int:
    return getattr(settings, "RADSAFE_EXPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


class ExportTooLarge(Exception):
    def __init__(self, count: int, limit: int, message: str | None = None):
        self.count, self.limit = count, limit
        super().__init__(
            message
            or _("符合条件的记录共 %(count)d 条，超过单次导出上限 %(limit)d 条，请先筛选缩小范围。")
            % {"count": count, "limit": limit}
        )


@dataclass(frozen=True)
class ExportColumn:
    header: str
    width: int
    value: Callable[[Any], Any]


def xlsx_cell(sheet, value: Any) -> WriteOnlyCell:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        # Text is text: a name starting with "=" must not become a formula in the reader's Excel.
        cell.data_type = "s"
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def write_workbook(
    *, sheet_title: str, columns: list[ExportColumn], records: Iterable[Any]
) -> tuple[IO[bytes], int]:
    """One sheet with a bold, frozen header row; returns the file at its start and the rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = xlsx_cell(sheet, str(column.header))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    rows = 0
    for record in records:
        sheet.append([xlsx_cell(sheet, column.value(record)) for column in columns])
        rows += 1
    # Handed to the response, which closes it once sent.
    output = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    workbook.save(output)
    output.seek(0)
    return output, rows


def export_queryset(
    *,
    user,
    queryset: QuerySet,
    columns: list[ExportColumn],
    sheet_title: str,
    action: str,
    object_repr: str,
    filters: dict[str, Any],
    too_large_message: str | None = None,
) -> tuple[IO[bytes], int]:
    """Write the (already scoped and filtered) rows and record the export; refuse more rows than
    the deployment's limit before reading any of them."""
    limit = export_max_rows()
    count = queryset.count()
    if count > limit:
        message = too_large_message and too_large_message % {"count": count, "limit": limit}
        raise ExportTooLarge(count, limit, message)
    output, rows = write_workbook(
        sheet_title=sheet_title, columns=columns, records=queryset.iterator(chunk_size=2000)
    )
    audit_record(
        actor=user,
        action=action,
        object_type=queryset.model._meta.label_lower,
        object_repr=object_repr,
        after={"filters": filters, "rows": rows},
    )
    return output, rows
