"""Export of the unit list (台账) to Excel.

The workbook is written row by row (openpyxl write-only mode, the queryset read in chunks), so a
county's list and a province's cost the same memory. Every export is an audit event with the
filters and the row count (design.md rule 5): who took which data out of the system."""

import datetime
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.exports import ExportColumn, export_queryset
from radsafe.registry.models import Unit
from radsafe.registry.selectors import unit_risk_flags

__all__ = ["unit_export"]


def _field(name: str) -> str:
    return str(Unit._meta.get_field(name).verbose_name)


def _unit_columns(today: datetime.date) -> list[ExportColumn]:
    """(header, width, value) per column; headers in the interface language (Chinese first)."""
    columns = [
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
    return [ExportColumn(*column) for column in columns]


def unit_export(
    *, user, queryset: QuerySet[Unit], filters: dict[str, Any]
) -> tuple[IO[bytes], int]:
    """Write the (already scoped and filtered) units to an .xlsx file and record the export.
    Returns the file, positioned at its start, and the number of rows written."""
    return export_queryset(
        user=user,
        queryset=queryset,
        columns=_unit_columns(timezone.localdate()),
        sheet_title=_("单位名录"),
        action="unit.export",
        object_repr=_("单位名录导出"),
        filters=filters,
        too_large_message=_(
            "符合条件的单位共 %(count)d 个，超过单次导出上限 %(limit)d 个，请先筛选缩小范围。"
        ),
    )
