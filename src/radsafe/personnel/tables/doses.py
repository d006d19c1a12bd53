"""Table of the dose list; every cell comes from the row and what the selector joined."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.tables import DATE_FORMAT, TABLE_CLASS
from radsafe.personnel.models import DoseRecord


class DoseTable(tables.Table):
    worker = tables.Column(
        linkify=("personnel:worker-detail", [tables.A("worker_id")]), order_by=("worker__name",)
    )
    unit = tables.Column(verbose_name=_("单位"), accessor="unit__name", order_by=("unit__name",))
    period_start = tables.DateColumn(format=DATE_FORMAT)
    period_end = tables.DateColumn(format=DATE_FORMAT)
    hp10_msv = tables.Column()
    hp3_msv = tables.Column()
    hp007_msv = tables.Column()
    service = tables.Column()
    edit = tables.Column(verbose_name=_("操作"), empty_values=(), orderable=False)

    class Meta:
        model = DoseRecord
        fields = ["worker", "unit", "period_start", "period_end", "hp10_msv", "hp3_msv"]
        sequence = [*fields, "hp007_msv", "service", "edit"]
        attrs = {"id": "dose-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的剂量记录。")

    def __init__(self, *args, can_edit: bool = False, **kwargs):
        if not can_edit:
            kwargs["exclude"] = (*kwargs.get("exclude", ()), "edit")
        super().__init__(*args, **kwargs)

    def render_edit(self, record):
        url = reverse("personnel:dose-edit", args=[record.pk])
        return format_html(
            '<a class="btn btn-sm btn-outline-primary" href="{}">{}</a>', url, _("修改")
        )

    def render_worker(self, record):
        return record.worker.name
