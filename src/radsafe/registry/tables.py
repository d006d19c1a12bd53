"""The unit and licence tables. Every cell is computed from the row and what the selectors already
fetched (select_related / prefetch), so a page costs the same queries for ten units or a million."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.tables import DATE_FORMAT, TABLE_CLASS
from radsafe.registry.models import Licence, Unit
from radsafe.registry.selectors import renewal_deadline, unit_risk_flags


def risk_badges(flags) -> str:
    return format_html_join(
        " ", '<span class="badge text-bg-{}">{}</span>', ((f.level, f.label) for f in flags)
    )


class UnitTable(tables.Table):
    name = tables.Column(
        linkify=("registry:unit-detail", [tables.A("pk")]), attrs={"td": {"class": "wrap"}}
    )
    credit_code = tables.Column()
    squad = tables.Column(order_by=("squad__path", "name"), default="—")
    industries = tables.ManyToManyColumn(orderable=False, separator="、")
    status = tables.Column()
    licence_expires_on = tables.DateColumn(format=DATE_FORMAT, default="—")
    risk = tables.Column(verbose_name=_("风险提示"), empty_values=(), orderable=False)

    class Meta:
        model = Unit
        fields = [
            "name",
            "credit_code",
            "squad",
            "industries",
            "status",
            "licence_expires_on",
            "risk",
        ]
        attrs = {"id": "unit-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的单位。")

    def __init__(self, *args, today=None, **kwargs):
        self.today = today or timezone.localdate()
        super().__init__(*args, **kwargs)

    def render_risk(self, record):
        return risk_badges(unit_risk_flags(record, self.today)) or "—"


class LicenceTable(tables.Table):
    number = tables.Column()
    unit = tables.Column(
        linkify=("registry:unit-detail", [tables.A("unit_id")]),
        order_by=("unit__name", "number"),
        attrs={"td": {"class": "wrap"}},
    )
    authority = tables.Column()
    authority_level = tables.Column()
    issued_on = tables.DateColumn(format=DATE_FORMAT)
    expires_on = tables.DateColumn(format=DATE_FORMAT)
    state = tables.Column(verbose_name=_("状态"), empty_values=(), orderable=False)
    edit = tables.Column(verbose_name=_("操作"), empty_values=(), orderable=False)

    class Meta:
        model = Licence
        fields = [
            "number",
            "unit",
            "authority",
            "authority_level",
            "issued_on",
            "expires_on",
            "state",
            "edit",
        ]
        attrs = {"id": "licence-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的许可证。")

    def __init__(self, *args, today=None, can_edit=False, **kwargs):
        self.today = today or timezone.localdate()
        if not can_edit:
            kwargs["exclude"] = (*kwargs.get("exclude", ()), "edit")
        super().__init__(*args, **kwargs)

    def render_state(self, record):
        if record.expires_on < self.today:
            return format_html('<span class="badge text-bg-danger">{}</span>', _("已过期"))
        if record.expires_on <= renewal_deadline(self.today):
            return format_html('<span class="badge text-bg-warning">{}</span>', _("将到期"))
        return format_html('<span class="badge text-bg-success">{}</span>', _("有效"))

    def render_edit(self, record):
        url = reverse("registry:licence-edit", args=[record.pk])
        return format_html(
            '<a class="btn btn-sm btn-outline-primary" href="{}">{}</a>', url, _("编辑")
        )
