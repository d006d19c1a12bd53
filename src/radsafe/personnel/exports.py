"""Export of the worker and dose lists (台账) to Excel, through the core writer (row by row, capped,
audited with the filters and the row count).

The ID number column is the stored mask: the selectors do not even read the cipher, so a file that
leaves the system can never carry a clear number. Doses are written as numbers, so the bureau can
sum and sort them in Excel."""

from typing import IO, Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from radsafe.core.exports import ExportColumn, export_queryset
from radsafe.core.web.forms import field_label
from radsafe.personnel.dose_flags import above_investigation_level, period_days
from radsafe.personnel.models import DoseRecord, Worker


def _yes_no(value: bool) -> str:
    return _("是") if value else _("否")


def worker_columns() -> list[ExportColumn]:
    columns = [
        (field_label(Worker, "name"), 12, lambda w: w.name),
        (field_label(Worker, "id_number_masked"), 20, lambda w: w.id_number_masked),
        (field_label(Worker, "unit"), 28, lambda w: w.unit.name),
        (field_label(Worker, "sex"), 6, lambda w: w.get_sex_display()),
        (field_label(Worker, "work_type"), 14, lambda w: w.get_work_type_display()),
        (field_label(Worker, "post"), 14, lambda w: w.post),
        (field_label(Worker, "employed_on"), 12, lambda w: w.employed_on),
        (field_label(Worker, "left_on"), 12, lambda w: w.left_on),
    ]
    return [ExportColumn(*column) for column in columns]


def worker_export(
    *, user, queryset: QuerySet[Worker], filters: dict[str, Any]
) -> tuple[IO[bytes], int]:
    """`queryset` is already scoped and filtered (`selectors.worker_list`: unit joined)."""
    return export_queryset(
        user=user,
        queryset=queryset,
        columns=worker_columns(),
        sheet_title=_("辐射工作人员"),
        action="worker.export",
        object_repr=_("辐射工作人员名录导出"),
        filters=filters,
        too_large_message=_(
            "符合条件的人员共 %(count)d 人，超过单次导出上限 %(limit)d 人，请先筛选缩小范围。"
        ),
    )


def _above_investigation(record: DoseRecord) -> str:
    days = period_days(record.period_start, record.period_end)
    return _yes_no(above_investigation_level(record.hp10_msv, days))


def dose_columns() -> list[ExportColumn]:
    columns = [
        (field_label(DoseRecord, "worker"), 12, lambda r: r.worker.name),
        (field_label(Worker, "id_number_masked"), 20, lambda r: r.worker.id_number_masked),
        (field_label(DoseRecord, "unit"), 28, lambda r: r.unit.name),
        (field_label(DoseRecord, "period_start"), 12, lambda r: r.period_start),
        (field_label(DoseRecord, "period_end"), 12, lambda r: r.period_end),
        (field_label(DoseRecord, "hp10_msv"), 12, lambda r: r.hp10_msv),
        (field_label(DoseRecord, "hp3_msv"), 12, lambda r: r.hp3_msv),
        (field_label(DoseRecord, "hp007_msv"), 12, lambda r: r.hp007_msv),
        # The per-record flag needs nothing but the row (dose_flags); the yearly ones need all
        # of a worker's records and stay on the worker's page.
        (_("超过调查水平"), 10, _above_investigation),
        (field_label(DoseRecord, "service"), 20, lambda r: r.service),
    ]
    return [ExportColumn(*column) for column in columns]


def dose_export(
    *, user, queryset: QuerySet[DoseRecord], filters: dict[str, Any]
) -> tuple[IO[bytes], int]:
    """`queryset` is already scoped and filtered (`selectors_doses.dose_list`: worker and unit
    prefetched, the worker's cipher deferred)."""
    return export_queryset(
        user=user,
        queryset=queryset,
        columns=dose_columns(),
        sheet_title=_("个人剂量记录"),
        action="dose.export",
        object_repr=_("个人剂量记录导出"),
        filters=filters,
        too_large_message=_(
            "符合条件的剂量记录共 %(count)d 条，超过单次导出上限 %(limit)d 条，请先筛选缩小范围。"
        ),
    )
