"""Tables of the readiness pages. Each flag badge is computed from the row itself (its stored
due day, its dates), so a page of rows costs no query per row."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.tables import DATE_FORMAT, TABLE_CLASS
from radsafe.readiness.models import Drill, EquipmentFault, Instrument
from radsafe.readiness.selectors import fault_sick, instrument_overdue

NUMBER_ATTRS = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}
WRAP = {"td": {"class": "wrap"}}


def badge(text, tone: str = "danger") -> str:
    return format_html('<span class="badge text-bg-{}">{}</span>', tone, text)


class UnitColumnMixin:
    def render_unit(self, record):
        return record.unit.name


class DrillTable(UnitColumnMixin, tables.Table):
    held_on = tables.DateColumn(
        format=DATE_FORMAT, linkify=("readiness:drill-edit", [tables.A("pk")])
    )
    unit = tables.Column(order_by=("unit__name", "-held_on"), attrs=WRAP)
    kind = tables.Column()
    scenario = tables.Column(attrs=WRAP)
    participant_count = tables.Column(attrs=NUMBER_ATTRS)
    document_name = tables.Column(
        verbose_name=_("佐证材料"),
        linkify=lambda record: reverse("readiness:drill-evidence", args=[record.pk]),
        attrs=WRAP,
    )

    class Meta:
        model = Drill
        fields = ["held_on", "unit", "kind", "scenario", "participant_count", "document_name"]
        attrs = {"id": "drill-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的演练或培训记录。")


class InstrumentTable(UnitColumnMixin, tables.Table):
    model = tables.Column(linkify=("readiness:instrument-edit", [tables.A("pk")]))
    unit = tables.Column(order_by=("unit__name", "model"), attrs=WRAP)
    kind = tables.Column()
    serial_number = tables.Column()
    calibrated_on = tables.DateColumn(format=DATE_FORMAT, default="—")
    calibration_due = tables.Column()
    in_use = tables.BooleanColumn(yesno=("✓", "✗"))

    class Meta:
        model = Instrument
        fields = [
            "model",
            "unit",
            "kind",
            "serial_number",
            "calibrated_on",
            "calibration_due",
            "in_use",
        ]
        attrs = {"id": "instrument-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的监测仪器。")

    def render_calibration_due(self, record):
        if instrument_overdue(record, timezone.localdate()):
            return format_html("{} {}", record.calibration_due or "—", badge(_("校准超期")))
        return record.calibration_due

    def value_calibration_due(self, record):
        return record.calibration_due


class FaultTable(UnitColumnMixin, tables.Table):
    equipment = tables.Column(linkify=("readiness:fault-edit", [tables.A("pk")]), attrs=WRAP)
    unit = tables.Column(order_by=("unit__name", "-reported_on"), attrs=WRAP)
    reported_on = tables.DateColumn(format=DATE_FORMAT, default="—")
    repaired_on = tables.Column(empty_values=())
    stayed_in_use = tables.BooleanColumn(yesno=("✓", "✗"))

    class Meta:
        model = EquipmentFault
        fields = ["equipment", "unit", "reported_on", "repaired_on", "stayed_in_use"]
        attrs = {"id": "fault-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的设备故障。")

    def render_repaired_on(self, record):
        if record.repaired_on is not None:
            return record.repaired_on
        if fault_sick(record, timezone.localdate()):
            return badge(_("带病运行"))
        return badge(_("未修复"), "warning")


class UnitReadinessTable(tables.Table):
    name = tables.Column(
        verbose_name=_("单位"),
        linkify=("readiness:unit", [tables.A("pk")]),
        attrs=WRAP,
    )
    flags = tables.Column(verbose_name=_("问题"), empty_values=(), orderable=False)

    class Meta:
        attrs = {"id": "unit-readiness-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的单位。")

    def render_flags(self, record):
        return unit_flag_badges(record) or badge(_("无"), "success")


FLAG_LABELS = [
    ("no_plan", _("无应急预案")),
    ("no_recent_drill", _("未按期演练")),
    ("stale_supplies", _("应急物资超期未检查")),
    ("overdue_instruments", _("仪器校准超期")),
    ("sick_faults", _("设备带病运行")),
]


def unit_flag_badges(record) -> str:
    """Badges for the flags set on a unit row of `unit_readiness_list` or a `UnitReadiness`."""
    parts = [badge(label) for name, label in FLAG_LABELS if getattr(record, name)]
    return format_html(" ".join(["{}"] * len(parts)), *parts) if parts else ""
