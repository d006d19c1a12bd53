"""One filterset per list, shared by the page and the API (design.md: one way to do a thing)."""

import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radsafe.core.choices import JurisdictionLevel
from radsafe.core.models import Jurisdiction
from radsafe.core.web.filters import WithinFilter
from radsafe.registry.choices import AuthorityLevel, UnitStatus
from radsafe.registry.models import Industry, Licence, Unit


class UnitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("名称或信用代码"))
    squad = django_filters.ModelChoiceFilter(
        queryset=Jurisdiction.objects.filter(level=JurisdictionLevel.SQUAD), label=_("责任中队")
    )
    industry = django_filters.ModelChoiceFilter(
        field_name="industries",
        queryset=Industry.objects.all(),
        label=_("行业"),
        to_field_name="code",
    )
    status = django_filters.ChoiceFilter(choices=UnitStatus.choices, label=_("经营状态"))
    licence_expiring_within = django_filters.NumberFilter(
        method="filter_expiring", label=_("许可证N天内到期"), min_value=0
    )
    licence_expired = django_filters.BooleanFilter(method="filter_expired", label=_("许可证已过期"))
    within = WithinFilter()

    class Meta:
        model = Unit
        fields = ["q", "squad", "industry", "status", "licence_expiring_within", "licence_expired"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            # Offer only the squads the user can see; a unit officer has none to choose from.
            squads = Jurisdiction.objects.filter(level=JurisdictionLevel.SQUAD)
            self.filters["squad"].queryset = (
                squads.filter(path__startswith=user.scope_path)
                if user.is_authenticated and user.scope_path
                else squads.none()
            )

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(credit_code__istartswith=value))

    def filter_expiring(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(
            licence_expires_on__gte=today,
            licence_expires_on__lte=today + datetime.timedelta(days=int(value)),
        )

    def filter_expired(self, queryset, name, value):
        today = timezone.localdate()
        if value:
            return queryset.filter(licence_expires_on__lt=today)
        return queryset.filter(licence_expires_on__gte=today)


class LicenceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("编号或单位"))
    unit = django_filters.NumberFilter(field_name="unit_id", label=_("单位"))
    authority_level = django_filters.ChoiceFilter(
        choices=AuthorityLevel.choices, label=_("发证机关层级")
    )
    expires_before = django_filters.DateFilter(
        field_name="expires_on", lookup_expr="lte", label=_("有效期至不晚于")
    )
    expires_after = django_filters.DateFilter(
        field_name="expires_on", lookup_expr="gte", label=_("有效期至不早于")
    )

    class Meta:
        model = Licence
        fields = ["q", "unit", "authority_level", "expires_before", "expires_after"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(number__icontains=value) | Q(unit__name__icontains=value))
