"""Tables of the personnel pages. Every cell comes from the row and what its selector joined or
annotated; the ID number column is the stored mask, so a list never decrypts."""

import django_tables2 as tables
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.tables import DATE_FORMAT, TABLE_CLASS
from radsafe.personnel.models import TrainingResult, Worker


class WorkerTable(tables.Table):
    name = tables.Column(linkify=("personnel:worker-detail", [tables.A("pk")]))
    id_number_masked = tables.Column(attrs={"td": {"class": "font-monospace"}})
    unit = tables.Column(order_by=("unit__name", "name"), attrs={"td": {"class": "wrap"}})
    sex = tables.Column()
    work_type = tables.Column()
    post = tables.Column()
    employed_on = tables.DateColumn(format=DATE_FORMAT)
    left_on = tables.DateColumn(format=DATE_FORMAT)

    class Meta:
        model = Worker
        fields = [
            "name",
            "id_number_masked",
            "unit",
            "sex",
            "work_type",
            "post",
            "employed_on",
            "left_on",
        ]
        attrs = {"id": "worker-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的人员。")

    def render_unit(self, record):
        return record.unit.name


class UnlicensedTable(tables.Table):
    name = tables.Column(linkify=("personnel:worker-detail", [tables.A("pk")]))
    id_number_masked = tables.Column(attrs={"td": {"class": "font-monospace"}})
    unit = tables.Column(order_by=("unit__name", "name"), attrs={"td": {"class": "wrap"}})
    work_type = tables.Column()
    employed_on = tables.DateColumn(format=DATE_FORMAT)
    reasons = tables.Column(verbose_name=_("无证上岗情形"), empty_values=(), orderable=False)

    class Meta:
        model = Worker
        fields = ["name", "id_number_masked", "unit", "work_type", "employed_on", "reasons"]
        attrs = {"id": "unlicensed-table", "class": TABLE_CLASS}
        empty_text = _("未发现无证上岗。")

    def render_unit(self, record):
        return record.unit.name

    def render_reasons(self, record):
        badges = []
        if record.operates_unlicensed:
            badges.append(_("操作放射源或射线装置但无有效考核成绩"))
        if record.unlicensed_checkouts:
            badges.append(_("出库经办时无有效考核成绩"))
        return format_html_join(
            " ", '<span class="badge text-bg-danger">{}</span>', ((badge,) for badge in badges)
        )


class TrainingTable(tables.Table):
    worker = tables.Column(
        linkify=("personnel:worker-detail", [tables.A("worker_id")]),
        order_by=("worker__name",),
    )
    unit = tables.Column(
        verbose_name=_("单位"), accessor="worker__unit__name", order_by=("worker__unit__name",)
    )
    number = tables.Column()
    category = tables.Column()
    passed_on = tables.DateColumn(format=DATE_FORMAT)
    valid_until = tables.DateColumn(format=DATE_FORMAT)

    class Meta:
        model = TrainingResult
        fields = ["worker", "unit", "number", "category", "passed_on", "valid_until"]
        attrs = {"id": "training-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的考核成绩报告单。")

    def render_worker(self, record):
        return record.worker.name
