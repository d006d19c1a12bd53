"""Filtersets of the readiness lists, shared by the pages and the API. Units are filtered by id
(a link from the unit's readiness page), never offered as a drop-down (design.md rule 6). The flag
filters ask the same conditions as the flags themselves (`selectors`)."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.filters import HiddenIdFilter, WithinFilter
from radsafe.readiness import selectors
from radsafe.readiness.choices import DrillKind, InstrumentKind
from radsafe.readiness.models import Drill, EmergencyPlan, EquipmentFault, Instrument


class PlanFilterSet(django_filters.FilterSet):
    unit = HiddenIdFilter(field_name="unit_id", label=_("单位"))

    class Meta:
        model = EmergencyPlan
        fields = ["unit"]


class DrillFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("科目或单位"))
    kind = django_filters.ChoiceFilter(choices=DrillKind.choices, label=_("类型"))
    held_from = django_filters.DateFilter(
        field_name="held_on", lookup_expr="gte", label=_("日期自")
    )
    held_to = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label=_("日期至"))
    unit = HiddenIdFilter(field_name="unit_id", label=_("单位"))

    class Meta:
        model = Drill
        fields = ["q", "kind", "held_from", "held_to", "unit"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(scenario__icontains=value) | Q(unit__name__icontains=value))


class InstrumentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("型号、编号或单位"))
    kind = django_filters.ChoiceFilter(choices=InstrumentKind.choices, label=_("类型"))
    in_use = django_filters.BooleanFilter(label=_("在用"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("校准超期"))
    unit = HiddenIdFilter(field_name="unit_id", label=_("单位"))
    within = WithinFilter()

    class Meta:
        model = Instrument
        fields = ["q", "kind", "in_use", "overdue", "unit"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(model__icontains=value)
            | Q(serial_number__istartswith=value)
            | Q(unit__name__icontains=value)
        )

    def filter_overdue(self, queryset, name, value):
        condition = selectors.overdue_instrument_q(timezone.localdate())
        return queryset.filter(condition) if value else queryset.exclude(condition)


class FaultFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("设备或单位"))
    open = django_filters.BooleanFilter(method="filter_open", label=_("未修复"))
    sick = django_filters.BooleanFilter(method="filter_sick", label=_("带病运行"))
    unit = HiddenIdFilter(field_name="unit_id", label=_("单位"))
    within = WithinFilter()

    class Meta:
        model = EquipmentFault
        fields = ["q", "open", "sick", "unit"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(equipment__icontains=value) | Q(unit__name__icontains=value))

    def filter_open(self, queryset, name, value):
        condition = selectors.open_fault_q()
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_sick(self, queryset, name, value):
        condition = selectors.sick_fault_q(timezone.localdate())
        return queryset.filter(condition) if value else queryset.exclude(condition)


class UnitReadinessFilterSet(django_filters.FilterSet):
    """On `selectors.unit_readiness_list`."""

    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("单位名称"))
    flagged = django_filters.BooleanFilter(method="filter_flagged", label=_("存在问题"))
    # One flag each (links from the 工作台): the annotations `unit_readiness_list` computes.
    no_recent_drill = django_filters.BooleanFilter(label=_("未按期演练"))
    stale_supplies = django_filters.BooleanFilter(label=_("应急物资超期未检查"))
    within = WithinFilter()

    def filter_flagged(self, queryset, name, value):
        condition = selectors.any_flag_q()
        return queryset.filter(condition) if value else queryset.exclude(condition)
