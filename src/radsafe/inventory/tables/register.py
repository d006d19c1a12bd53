"""Tables of the register's lists. Every cell comes from the row and what the selectors joined,
so a page costs the same queries for ten rows or a million."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.tables import TABLE_CLASS
from radsafe.inventory.choices import IncidentStatus, MovementKind
from radsafe.inventory.models import Incident, Movement, OffsiteUse, Transfer

DATETIME_FORMAT = "Y-m-d H:i"
DATE_FORMAT = "Y-m-d"


def badge(level: str, text) -> str:
    return format_html('<span class="badge text-bg-{}">{}</span>', level, text)


class MovementTable(tables.Table):
    occurred_at = tables.DateTimeColumn(format=DATETIME_FORMAT)
    source = tables.Column(
        linkify=("inventory:source-detail", [tables.A("source_id")]),
        order_by=("source__code", "occurred_at"),
    )
    unit = tables.Column(order_by=("unit__name", "occurred_at"), attrs={"td": {"class": "wrap"}})
    kind = tables.Column()
    to_status = tables.Column(default="—")
    person = tables.Column()
    purpose = tables.Column(default="—", attrs={"td": {"class": "wrap"}})
    destination = tables.Column(default="—", attrs={"td": {"class": "wrap"}})
    site = tables.Column(default="—", order_by=("site__name", "occurred_at"))
    counterparty = tables.Column(default="—", orderable=False)
    flag = tables.Column(verbose_name=_("提示"), empty_values=(), orderable=False)

    class Meta:
        model = Movement
        fields = [
            "occurred_at",
            "source",
            "unit",
            "kind",
            "to_status",
            "person",
            "purpose",
            "destination",
            "site",
            "counterparty",
            "flag",
        ]
        attrs = {"id": "movement-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的出入库记录。")

    def render_flag(self, record: Movement):
        if record.kind == MovementKind.CHECK_OUT and record.offsite:
            if record.offsite_use_id is None:
                return badge("danger", _("异地使用未备案"))
            return badge("info", _("备案 %s") % record.offsite_use.filing_number)
        return "—"


class OffsiteUseTable(tables.Table):
    filing_number = tables.Column()
    unit = tables.Column(order_by=("unit__name", "-starts_on"), attrs={"td": {"class": "wrap"}})
    subject = tables.Column(verbose_name=_("放射源/射线装置"), empty_values=(), orderable=False)
    place = tables.Column(attrs={"td": {"class": "wrap"}})
    starts_on = tables.DateColumn(format=DATE_FORMAT)
    ends_on = tables.DateColumn(format=DATE_FORMAT)
    authority = tables.Column()
    edit = tables.Column(verbose_name=_("操作"), empty_values=(), orderable=False)

    class Meta:
        model = OffsiteUse
        fields = [
            "filing_number",
            "unit",
            "subject",
            "place",
            "starts_on",
            "ends_on",
            "authority",
            "edit",
        ]
        attrs = {"id": "offsite-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的异地使用备案。")

    def __init__(self, *args, can_edit=False, **kwargs):
        if not can_edit:
            kwargs["exclude"] = (*kwargs.get("exclude", ()), "edit")
        super().__init__(*args, **kwargs)

    def render_subject(self, record: OffsiteUse):
        parts = []
        if record.source_id:
            parts.append(record.source.code)
        if record.device_id:
            parts.append(str(record.device))
        return " / ".join(parts)

    def render_edit(self, record: OffsiteUse):
        url = reverse("inventory:offsite-edit", args=[record.pk])
        return format_html(
            '<a class="btn btn-sm btn-outline-primary" href="{}">{}</a>', url, _("编辑")
        )


class TransferTable(tables.Table):
    transferred_on = tables.DateColumn(format=DATE_FORMAT)
    source = tables.Column(order_by=("source__code",))
    unit = tables.Column(order_by=("unit__name",), attrs={"td": {"class": "wrap"}})
    to_unit = tables.Column(order_by=("to_unit__name",), attrs={"td": {"class": "wrap"}})
    approval_number = tables.Column()

    class Meta:
        model = Transfer
        fields = ["transferred_on", "source", "unit", "to_unit", "approval_number"]
        attrs = {"id": "transfer-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的转让记录。")


class IncidentTable(tables.Table):
    occurred_at = tables.DateTimeColumn(
        format=DATETIME_FORMAT, linkify=("inventory:incident-detail", [tables.A("pk")])
    )
    unit = tables.Column(order_by=("unit__name", "-occurred_at"), attrs={"td": {"class": "wrap"}})
    kind = tables.Column()
    grade = tables.Column()
    source_code = tables.Column(default="—")
    nuclide = tables.Column(default="—")
    place = tables.Column(attrs={"td": {"class": "wrap"}})
    status = tables.Column()

    class Meta:
        model = Incident
        fields = [
            "occurred_at",
            "unit",
            "kind",
            "grade",
            "source_code",
            "nuclide",
            "place",
            "status",
        ]
        attrs = {"id": "incident-table", "class": TABLE_CLASS}
        row_attrs = {
            "class": lambda record: "table-danger" if record.status == IncidentStatus.OPEN else ""
        }
        empty_text = _("没有符合条件的辐射事故。")

    def render_status(self, record: Incident):
        level = "danger" if record.status == IncidentStatus.OPEN else "secondary"
        return badge(level, record.get_status_display())
