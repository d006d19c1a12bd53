"""Export of the source and ray-device lists (台账) to Excel, through the core writer (row by row,
audited with the filters and the row count). Activities are written as numbers in Bq, so the
bureau can sum and sort them in Excel; the current ones are decay-corrected to the export day."""

import datetime
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.exports import ExportColumn, export_queryset
from radsafe.core.web.forms import field_label
from radsafe.inventory.models import RayDevice, Source
from radsafe.inventory.selectors.assets import source_state


def _source_columns(today: datetime.date) -> list[ExportColumn]:
    def state(source: Source):
        # Each row's state is asked for by three columns; compute it once per row.
        if getattr(source, "_export_state", None) is None:
            source._export_state = source_state(source, today)
        return source._export_state

    def location(source: Source) -> str:
        if source.is_checked_out:
            return _("已出库")
        return source.site.name if source.site_id else source.work_place

    columns = [
        (field_label(Source, "code"), 16, lambda s: s.code),
        (field_label(Source, "nuclide"), 12, lambda s: s.nuclide.symbol),
        (field_label(Source, "activity_bq"), 14, lambda s: s.activity_bq),
        (field_label(Source, "reference_date"), 12, lambda s: s.reference_date),
        (_("当前活度（Bq）"), 14, lambda s: state(s).activity_bq),
        (_("当前类别"), 8, lambda s: state(s).category),
        (_("A/D"), 12, lambda s: state(s).ratio),
        (field_label(Source, "category_at_manufacture"), 8, lambda s: s.category_at_manufacture),
        (field_label(Source, "unit"), 28, lambda s: s.unit.name),
        (field_label(Source, "status"), 10, lambda s: s.get_status_display()),
        (_("位置"), 20, location),
        (field_label(Source, "use"), 14, lambda s: s.use),
        (field_label(Source, "manufacturer"), 20, lambda s: s.manufacturer),
        (field_label(Source, "model"), 12, lambda s: s.model),
        (field_label(Source, "serial_number"), 14, lambda s: s.serial_number),
        (field_label(Source, "manufactured_on"), 12, lambda s: s.manufactured_on),
        (field_label(Source, "origin"), 20, lambda s: s.origin),
    ]
    return [ExportColumn(*column) for column in columns]


def source_export(
    *, user, queryset: QuerySet[Source], filters: dict[str, Any]
) -> tuple[IO[bytes], int]:
    """`queryset` is already scoped and filtered (with nuclide, unit and site joined)."""
    today = timezone.localdate()
    return export_queryset(
        user=user,
        queryset=queryset,
        columns=_source_columns(today),
        sheet_title=_("放射源台账"),
        action="source.export",
        object_repr=_("放射源台账导出"),
        filters=filters,
        too_large_message=_(
            "符合条件的放射源共 %(count)d 枚，超过单次导出上限 %(limit)d 枚，请先筛选缩小范围。"
        ),
    )


def _device_columns() -> list[ExportColumn]:
    columns = [
        (field_label(RayDevice, "name"), 24, lambda d: d.name),
        (field_label(RayDevice, "unit"), 28, lambda d: d.unit.name),
        (field_label(RayDevice, "device_type"), 24, lambda d: d.device_type.name),
        (field_label(RayDevice, "device_class"), 8, lambda d: d.get_device_class_display()),
        (field_label(RayDevice, "model"), 14, lambda d: d.model),
        (field_label(RayDevice, "serial_number"), 14, lambda d: d.serial_number),
        (field_label(RayDevice, "rated_kv"), 10, lambda d: d.rated_kv),
        (field_label(RayDevice, "rated_ma"), 10, lambda d: d.rated_ma),
        (field_label(RayDevice, "energy_mev"), 10, lambda d: d.energy_mev),
        (field_label(RayDevice, "use"), 14, lambda d: d.use),
        (field_label(RayDevice, "location"), 20, lambda d: d.location),
        (field_label(RayDevice, "status"), 8, lambda d: d.get_status_display()),
    ]
    return [ExportColumn(*column) for column in columns]


def device_export(
    *, user, queryset: QuerySet[RayDevice], filters: dict[str, Any]
) -> tuple[IO[bytes], int]:
    return export_queryset(
        user=user,
        queryset=queryset,
        columns=_device_columns(),
        sheet_title=_("射线装置台账"),
        action="device.export",
        object_repr=_("射线装置台账导出"),
        filters=filters,
        too_large_message=_(
            "符合条件的射线装置共 %(count)d 台，超过单次导出上限 %(limit)d 台，请先筛选缩小范围。"
        ),
    )
