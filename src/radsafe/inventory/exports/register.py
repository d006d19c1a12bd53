"""Export of the movement register (出入库记录) to Excel through the core writer: row by row,
audited with the filters and the row count, like every other list."""

from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.exports import ExportColumn, export_queryset
from radsafe.core.web.forms import field_label
from radsafe.inventory.choices import MovementKind
from radsafe.inventory.models import Movement


def _filing(movement: Movement) -> str:
    if movement.kind != MovementKind.CHECK_OUT or not movement.offsite:
        return ""
    if movement.offsite_use_id is None:
        return _("未备案")
    return movement.offsite_use.filing_number


def movement_columns() -> list[ExportColumn]:
    columns = [
        # Excel has no time zones: write the local wall-clock time the pages show.
        (
            field_label(Movement, "occurred_at"),
            17,
            lambda m: timezone.localtime(m.occurred_at).replace(tzinfo=None),
        ),
        (field_label(Movement, "source"), 16, lambda m: m.source.code),
        (field_label(Movement, "unit"), 28, lambda m: m.unit.name),
        (field_label(Movement, "kind"), 10, lambda m: m.get_kind_display()),
        (
            field_label(Movement, "to_status"),
            10,
            lambda m: m.get_to_status_display() if m.to_status else "",
        ),
        (field_label(Movement, "person"), 10, lambda m: m.person),
        (field_label(Movement, "purpose"), 20, lambda m: m.purpose),
        (field_label(Movement, "destination"), 24, lambda m: m.destination),
        (field_label(Movement, "site"), 14, lambda m: m.site.name if m.site_id else ""),
        (
            field_label(Movement, "counterparty"),
            24,
            lambda m: m.counterparty.name if m.counterparty_id else "",
        ),
        (_("异地使用备案"), 20, _filing),
        (field_label(Movement, "note"), 24, lambda m: m.note),
    ]
    return [ExportColumn(*column) for column in columns]


def movement_export(
    *, user, queryset: QuerySet[Movement], filters: dict[str, Any]
) -> tuple[IO[bytes], int]:
    """`queryset` is already scoped and filtered (`selectors_register.movement_list`)."""
    return export_queryset(
        user=user,
        queryset=queryset,
        columns=movement_columns(),
        sheet_title=_("出入库记录"),
        action="movement.export",
        object_repr=_("出入库记录导出"),
        filters=filters,
        too_large_message=_(
            "符合条件的出入库记录共 %(count)d 条，超过单次导出上限 %(limit)d 条，请先筛选缩小范围。"
        ),
    )
