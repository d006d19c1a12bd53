"""Filters of the worker list, shared by the page and the API."""

import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.filters import HiddenIdFilter, WithinFilter
from radsafe.personnel.choices import TrainingCategory, WorkType
from radsafe.personnel.models import DoseRecord, TrainingResult, Worker


class WorkerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("姓名或单位"))
    work_type = django_filters.ChoiceFilter(choices=WorkType.choices, label=_("工作类别"))
    on_duty = django_filters.BooleanFilter(
        field_name="left_on", lookup_expr="isnull", label=_("在岗")
    )
    unit = HiddenIdFilter(field_name="unit_id", label=_("单位"))
    within = WithinFilter()

    class Meta:
        model = Worker
        fields = ["q", "work_type", "on_duty", "unit"]

    def filter_search(self, queryset, name, value):
        """No search by ID number: a GET parameter would put the clear number into the page's
        filter form and the server's access log."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(unit__name__icontains=value))


class TrainingFilterSet(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(choices=TrainingCategory.choices, label=_("考核类别"))
    worker = HiddenIdFilter(field_name="worker_id", label=_("人员"))
    within = WithinFilter()

    class Meta:
        model = TrainingResult
        fields = ["category", "worker"]


class ExpiringFilterSet(TrainingFilterSet):
    """`days` is always set (the page defaults it to 90): the list is what ends within it."""

    days = django_filters.NumberFilter(
        method="filter_days", min_value=1, max_value=3650, label=_("天数内到期")
    )

    class Meta(TrainingFilterSet.Meta):
        fields = ["days", "category", "worker"]

    def filter_days(self, queryset, name, value):
        last = timezone.localdate() + datetime.timedelta(days=int(value))
        return queryset.filter(valid_until__lte=last)


class DoseFilterSet(django_filters.FilterSet):
    """Unit and worker by hidden id (links from their pages); a period overlapping the dates."""

    unit = HiddenIdFilter(field_name="unit_id", label=_("单位"))
    worker = HiddenIdFilter(field_name="worker_id", label=_("人员"))
    since = django_filters.DateFilter(field_name="period_end", lookup_expr="gte", label=_("起"))
    until = django_filters.DateFilter(field_name="period_start", lookup_expr="lte", label=_("止"))

    class Meta:
        model = DoseRecord
        fields = ["unit", "worker", "since", "until"]
