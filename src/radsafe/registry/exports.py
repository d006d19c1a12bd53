"""Export of the unit list (台账) to Excel.

The workbook is written row by row (openpyxl write-only mode, the queryset read in chunks), so a
county's list and a province's cost the same memory. Every export is an audit event with the
filters and the row count (design.md rule 5): who took which data out of the system."""

import datetime
import tempfile
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from radsafe.core.audit import audit_record

from .models import Unit
from .selectors import unit_risk_flags

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEFAULT_MAX_ROWS = 50_000
# Spooled to disk past this size, so a large export does not sit in a worker's memory.
_SPOOL_BYTES = 8 * 1024 * 1024


def export_max_rows() -> int:
    return getattr(settings, "RADSAFE_EXPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


class ExportTooLarge(Exception):
    def __init__(self, count: int, limit: int):
        self.count, self.limit = count, limit
        super().__init__(
            _("符合条件的单位共 %(count)d 个，超过单次导出上限 %(limit)d 个，请先筛选缩小范围。")
            % {"count": count, "limit": limit}
        )


def _field(name: str) -> str:
    return str(Unit._meta.get_field(name).verbose_name)


def _unit_columns(today: datetime.date) -> list[tuple[str, int, Callable[[Unit], Any]]]:
    """(header, width, value) per column; headers in the interface language (Chinese first)."""
    return [
        (_field("name"), 32, lambda u: u.name),
        (_field("credit_code"), 22, lambda u: u.credit_code),
        (_field("address"), 32, lambda u: u.address),
        (_field("industries"), 24, lambda u: "、".join(i.name for i in u.industries.all())),
        (_field("legal_representative"), 12, lambda u: u.legal_representative),
        (_field("contact_person"), 12, lambda u: u.contact_person),
        (_field("contact_phone"), 16, lambda u: u.contact_phone),
        (_field("jurisdiction"), 14, lambda u: u.jurisdiction.name),
        (_field("squad"), 14, lambda u: u.squad.name if u.squad_id else ""),
        (_field("status"), 10, lambda u: u.get_status_display()),
        (_field("status_since"), 12, lambda u: u.status_since),
        (_field("licence_expires_on"), 14, lambda u: u.licence_expires_on),
        (_("风险提示"), 30, lambda u: "；".join(str(f.label) for f in unit_risk_flags(u, today))),
    ]


def _cell(sheet, value: Any) -> WriteOnlyCell:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        # Text is text: a name starting with "=" must not become a formula in the reader's Excel.
        cell.data_type = "s"
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def unit_export(
    *, user, queryset: QuerySet[Unit], filters: dict[str, Any]
) -> tuple[IO[bytes], int]:
    """Write the (already scoped and filtered) units to an .xlsx file and record the export.
    Returns the file, positioned at its start, and the number of rows written."""
    limit = export_max_rows()
    count = queryset.count()
    if count > limit:
        raise ExportTooLarge(count, limit)
    columns = _unit_columns(timezone.localdate())
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("单位名录"))
    for index, (_header, width, _value) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title, _width, _value in columns:
        cell = _cell(sheet, title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    rows = 0
    for unit in queryset.iterator(chunk_size=2000):
        sheet.append([_cell(sheet, value(unit)) for _title, _width, value in columns])
        rows += 1
    # Handed to the response, which closes it once sent.
    output = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115
    workbook.save(output)
    output.seek(0)
    audit_record(
        actor=user,
        action="unit.export",
        object_type=Unit._meta.label_lower,
        object_repr=_("单位名录导出"),
        after={"filters": filters, "rows": rows},
    )
    return output, rows
