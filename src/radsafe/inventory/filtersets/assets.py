"""Filtersets of the asset lists (sources, ray devices, storage sites, nuclides), shared by the
pages and the API (design.md: one way to do a thing).

Units and sites are filtered by id, never offered as a drop-down: a province holds thousands of
them (design.md rule 6). The pages reach those filters through links (a unit's or a site's
page lists its sources) and keep them as hidden fields while other filters change."""

import re

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.filters import HiddenIdFilter, WithinFilter
from radsafe.inventory.choices import DeviceClass, DeviceStatus, SiteKind, SourceStatus
from radsafe.inventory.models import DeviceType, Nuclide, RayDevice, Source, StorageSite
from radsafe.inventory.physics import ROMAN
from radsafe.inventory.selectors.register import overdue_checkout_q

CATEGORY_CHOICES = [(str(n), roman) for n, roman in ROMAN.items()]


CODE_FRAGMENT = re.compile(r"[0-9A-Za-z]{1,12}")


class SourceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("编码或单位"))
    nuclide = django_filters.ModelChoiceFilter(
        queryset=Nuclide.objects.all(), to_field_name="symbol", label=_("核素")
    )
    status = django_filters.ChoiceFilter(choices=SourceStatus.choices, label=_("状态"))
    category_at_manufacture = django_filters.ChoiceFilter(
        choices=CATEGORY_CHOICES, label=_("出厂类别")
    )
    is_checked_out = django_filters.BooleanFilter(label=_("已出库"))
    unit = HiddenIdFilter(field_name="unit_id", label=_("单位"))
    site = HiddenIdFilter(field_name="site_id", label=_("贮存场所"))
    overdue_checkout = django_filters.BooleanFilter(
        method="filter_overdue_checkout", label=_("出库超时未归还")
    )
    within = WithinFilter()

    class Meta:
        model = Source
        fields = [
            "q",
            "nuclide",
            "status",
            "category_at_manufacture",
            "is_checked_out",
            "unit",
            "site",
        ]

    def filter_overdue_checkout(self, queryset, name, value):
        condition = overdue_checkout_q()
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if CODE_FRAGMENT.fullmatch(value):
            # Letters and digits are the start of a source code: an index range on the code.
            return queryset.filter(code__path_prefix=value.upper())
        return queryset.filter(unit__name__icontains=value)


class RayDeviceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("名称、型号、编号或单位"))
    device_type = django_filters.ModelChoiceFilter(
        queryset=DeviceType.objects.all(), label=_("类型")
    )
    device_class = django_filters.ChoiceFilter(choices=DeviceClass.choices, label=_("类别"))
    status = django_filters.ChoiceFilter(choices=DeviceStatus.choices, label=_("状态"))
    unit = HiddenIdFilter(field_name="unit_id", label=_("单位"))

    class Meta:
        model = RayDevice
        fields = ["q", "device_type", "device_class", "status", "unit"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(model__icontains=value)
            | Q(serial_number__istartswith=value)
            | Q(unit__name__icontains=value)
        )


class StorageSiteFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("名称、位置或单位"))
    kind = django_filters.ChoiceFilter(choices=SiteKind.choices, label=_("类型"))
    unit = HiddenIdFilter(field_name="unit_id", label=_("单位"))

    class Meta:
        model = StorageSite
        fields = ["q", "kind", "unit"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(place__icontains=value) | Q(unit__name__icontains=value)
        )


class NuclideFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("核素"))
    verified = django_filters.BooleanFilter(label=_("数据已核实"))

    class Meta:
        model = Nuclide
        fields = ["q", "verified"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(symbol__icontains=value) | Q(name_zh__icontains=value))


class DeviceTypeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("名称"))
    device_class = django_filters.ChoiceFilter(choices=DeviceClass.choices, label=_("类别"))

    class Meta:
        model = DeviceType
        fields = ["q", "device_class"]
