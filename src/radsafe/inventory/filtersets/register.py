"""Filtersets of the register's lists, shared by the pages and the API (design.md: one way)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.filters import HiddenIdFilter, WithinFilter
from radsafe.inventory.choices import IncidentGrade, IncidentKind, IncidentStatus, MovementKind
from radsafe.inventory.models import Incident, Movement, OffsiteUse, Transfer


class MovementFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("放射源编码"))
    source = HiddenIdFilter(field_name="source_id", label=_("放射源"))
    unit = HiddenIdFilter(field_name="unit_id", label=_("单位"))
    kind = django_filters.ChoiceFilter(choices=MovementKind.choices, label=_("类型"))
    occurred_after = django_filters.DateFilter(
        field_name="occurred_at", lookup_expr="date__gte", label=_("时间不早于")
    )
    occurred_before = django_filters.DateFilter(
        field_name="occurred_at", lookup_expr="date__lte", label=_("时间不晚于")
    )
    unfiled = django_filters.BooleanFilter(method="filter_unfiled", label=_("异地使用未备案"))
    within = WithinFilter()

    class Meta:
        model = Movement
        fields = ["q", "source", "unit", "kind", "occurred_after", "occurred_before", "unfiled"]

    def filter_search(self, queryset, name, value):
        value = value.strip().upper()
        return queryset.filter(source__code__startswith=value) if value else queryset

    def filter_unfiled(self, queryset, name, value):
        unfiled = Q(kind=MovementKind.CHECK_OUT, offsite=True, offsite_use__isnull=True)
        return queryset.filter(unfiled) if value else queryset.exclude(unfiled)


class OffsiteUseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("备案编号或地点"))
    unit = HiddenIdFilter(field_name="unit_id", label=_("单位"))
    source = HiddenIdFilter(field_name="source_id", label=_("放射源"))
    device = HiddenIdFilter(field_name="device_id", label=_("射线装置"))
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("有效日期"))

    class Meta:
        model = OffsiteUse
        fields = ["q", "unit", "source", "device", "valid_on"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(filing_number__icontains=value) | Q(place__icontains=value))

    def filter_valid_on(self, queryset, name, value):
        return queryset.filter(starts_on__lte=value, ends_on__gte=value)


class TransferFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("审批文号或放射源编码"))
    unit = HiddenIdFilter(method="filter_unit", label=_("单位"))
    transferred_after = django_filters.DateFilter(
        field_name="transferred_on", lookup_expr="gte", label=_("转让日期不早于")
    )
    transferred_before = django_filters.DateFilter(
        field_name="transferred_on", lookup_expr="lte", label=_("转让日期不晚于")
    )

    class Meta:
        model = Transfer
        fields = ["q", "unit", "transferred_after", "transferred_before"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(approval_number__icontains=value) | Q(source__code__startswith=value.upper())
        )

    def filter_unit(self, queryset, name, value):
        """Either party: a unit's transfers out and in."""
        return queryset.filter(Q(unit_id=value) | Q(to_unit_id=value))


class IncidentFilterSet(django_filters.FilterSet):
    unit = HiddenIdFilter(field_name="unit_id", label=_("单位"))
    source = HiddenIdFilter(field_name="source_id", label=_("放射源"))
    status = django_filters.ChoiceFilter(choices=IncidentStatus.choices, label=_("状态"))
    kind = django_filters.ChoiceFilter(choices=IncidentKind.choices, label=_("事故类型"))
    grade = django_filters.ChoiceFilter(choices=IncidentGrade.choices, label=_("事故等级"))
    within = WithinFilter()

    class Meta:
        model = Incident
        fields = ["unit", "source", "status", "kind", "grade"]
