"""Export of the readiness lists to Excel through the core writer (row by row, capped, audited with
the filters and the row count): the bureau's overview of units with their flags, the drills, the
instruments and the faults.

Every flag in a file is computed by the code the pages use: the overview's from the annotations
of `selectors.unit_readiness_list` and the labels of its table, a row's from the row-level twins
(`instrument_overdue`, `fault_sick`), so a file and the page it came from never disagree."""

import datetime
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.exports import ExportColumn, export_queryset
from radsafe.core.web.forms import field_label
from radsafe.readiness.models import Drill, EquipmentFault, Instrument
from radsafe.readiness.selectors import fault_sick, instrument_overdue
from radsafe.readiness.tables import FLAG_LABELS
from radsafe.registry.models import Unit


def _yes_no(value: bool) -> str:
    return _("是") if value else _("否")


def _flag_column(name: str, label) -> ExportColumn:
    return ExportColumn(str(label), 12, lambda unit: _yes_no(getattr(unit, name)))


def overview_columns() -> list[ExportColumn]:
    def problems(unit) -> str:
        return "；".join(str(label) for name, label in FLAG_LABELS if getattr(unit, name))

    columns = [
        ExportColumn(field_label(Unit, "name"), 32, lambda u: u.name),
        ExportColumn(field_label(Unit, "credit_code"), 22, lambda u: u.credit_code),
        ExportColumn(field_label(Unit, "jurisdiction"), 14, lambda u: u.jurisdiction.name),
        ExportColumn(field_label(Unit, "squad"), 14, lambda u: u.squad.name if u.squad_id else ""),
    ]
    columns += [_flag_column(name, label) for name, label in FLAG_LABELS]
    columns.append(ExportColumn(_("问题"), 40, problems))
    return columns


def overview_export(
    *, user, queryset: QuerySet[Unit], filters: dict[str, Any]
) -> tuple[IO[bytes], int]:
    """`queryset` is `selectors.unit_readiness_list`, filtered, with bureau and squad joined."""
    return export_queryset(
        user=user,
        queryset=queryset,
        filters=filters,
        columns=overview_columns(),
        sheet_title=_("应急准备情况"),
        action="readiness.export",
        object_repr=_("应急准备情况导出"),
        too_large_message=_(
            "符合条件的单位共 %(count)d 家，超过单次导出上限 %(limit)d 家，请先筛选缩小范围。"
        ),
    )


def drill_columns() -> list[ExportColumn]:
    columns = [
        (field_label(Drill, "held_on"), 12, lambda d: d.held_on),
        (field_label(Drill, "unit"), 28, lambda d: d.unit.name),
        (field_label(Drill, "kind"), 8, lambda d: d.get_kind_display()),
        (field_label(Drill, "scenario"), 28, lambda d: d.scenario),
        (field_label(Drill, "participant_count"), 10, lambda d: d.participant_count),
        (field_label(Drill, "participants"), 28, lambda d: d.participants),
        (field_label(Drill, "evidence"), 28, lambda d: d.evidence),
    ]
    return [ExportColumn(*column) for column in columns]


def drill_export(
    *, user, queryset: QuerySet[Drill], filters: dict[str, Any]
) -> tuple[IO[bytes], int]:
    return export_queryset(
        user=user,
        queryset=queryset,
        filters=filters,
        columns=drill_columns(),
        sheet_title=_("应急演练与培训"),
        action="drill.export",
        object_repr=_("应急演练与培训导出"),
        too_large_message=_(
            "符合条件的演练/培训记录共 %(count)d 条，超过单次导出上限 %(limit)d 条，"
            "请先筛选缩小范围。"
        ),
    )


def instrument_columns(today: datetime.date) -> list[ExportColumn]:
    columns = [
        (field_label(Instrument, "unit"), 28, lambda i: i.unit.name),
        (field_label(Instrument, "kind"), 14, lambda i: i.get_kind_display()),
        (field_label(Instrument, "model"), 16, lambda i: i.model),
        (field_label(Instrument, "serial_number"), 16, lambda i: i.serial_number),
        (field_label(Instrument, "calibrated_on"), 14, lambda i: i.calibrated_on),
        (field_label(Instrument, "calibration_due"), 14, lambda i: i.calibration_due),
        (field_label(Instrument, "in_use"), 6, lambda i: _yes_no(i.in_use)),
        (_("校准超期"), 8, lambda i: _yes_no(instrument_overdue(i, today))),
    ]
    return [ExportColumn(*column) for column in columns]


def instrument_export(
    *, user, queryset: QuerySet[Instrument], filters: dict[str, Any]
) -> tuple[IO[bytes], int]:
    return export_queryset(
        user=user,
        queryset=queryset,
        filters=filters,
        columns=instrument_columns(timezone.localdate()),
        sheet_title=_("监测仪器"),
        action="instrument.export",
        object_repr=_("监测仪器导出"),
        too_large_message=_(
            "符合条件的监测仪器共 %(count)d 台，超过单次导出上限 %(limit)d 台，请先筛选缩小范围。"
        ),
    )


def _fault_state(fault: EquipmentFault, today: datetime.date) -> str:
    if fault.repaired_on is not None:
        return _("已修复")
    return _("带病运行") if fault_sick(fault, today) else _("未修复")


def fault_columns(today: datetime.date) -> list[ExportColumn]:
    columns = [
        (field_label(EquipmentFault, "equipment"), 24, lambda f: f.equipment),
        (field_label(EquipmentFault, "unit"), 28, lambda f: f.unit.name),
        (field_label(EquipmentFault, "device"), 20, lambda f: f.device.name if f.device_id else ""),
        (
            field_label(EquipmentFault, "instrument"),
            20,
            lambda f: str(f.instrument) if f.instrument_id else "",
        ),
        (field_label(EquipmentFault, "description"), 32, lambda f: f.description),
        (field_label(EquipmentFault, "reported_on"), 12, lambda f: f.reported_on),
        (field_label(EquipmentFault, "repaired_on"), 12, lambda f: f.repaired_on),
        (field_label(EquipmentFault, "stayed_in_use"), 10, lambda f: _yes_no(f.stayed_in_use)),
        (_("状态"), 10, lambda f: _fault_state(f, today)),
    ]
    return [ExportColumn(*column) for column in columns]


def fault_export(
    *, user, queryset: QuerySet[EquipmentFault], filters: dict[str, Any]
) -> tuple[IO[bytes], int]:
    return export_queryset(
        user=user,
        queryset=queryset,
        filters=filters,
        columns=fault_columns(timezone.localdate()),
        sheet_title=_("设备故障"),
        action="fault.export",
        object_repr=_("设备故障导出"),
        too_large_message=_(
            "符合条件的设备故障共 %(count)d 条，超过单次导出上限 %(limit)d 条，请先筛选缩小范围。"
        ),
    )
