"""Filters of the administrators' lists. Audit filters stay index-friendly on a table that only
grows: dates become a half-open range on `created_at`, codes are exact or prefix matches."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radsafe.core.audit_display import action_choices, object_type_choices
from radsafe.core.choices import Role
from radsafe.core.models import AuditEvent, User


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        css = "form-select form-select-sm" if isinstance(widget, forms.Select) else None
        widget.attrs.setdefault("class", css or "form-control form-control-sm")


class IPAddressFilter(django_filters.CharFilter):
    """Validated before it reaches the query: PostgreSQL's inet column rejects a malformed
    address with an error instead of an empty result."""

    field_class = forms.GenericIPAddressField


class AuditEventFilterSet(django_filters.FilterSet):
    actor = django_filters.CharFilter(
        field_name="actor_name", lookup_expr="icontains", label=_("操作人")
    )
    action = django_filters.CharFilter(
        field_name="action", lookup_expr="startswith", label=_("操作")
    )
    object_type = django_filters.CharFilter(
        field_name="object_type", lookup_expr="startswith", label=_("对象类型")
    )
    object_id = django_filters.CharFilter(field_name="object_id", label=_("对象编号"))
    date_from = django_filters.DateFilter(method="filter_date_from", label=_("起始日期"))
    date_to = django_filters.DateFilter(method="filter_date_to", label=_("截止日期"))
    request_id = django_filters.CharFilter(field_name="request_id", label=_("请求号"))
    ip = IPAddressFilter(field_name="ip", label=_("IP"))

    class Meta:
        model = AuditEvent
        fields = [
            "actor",
            "action",
            "object_type",
            "object_id",
            "date_from",
            "date_to",
            "request_id",
            "ip",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("date_from", "date_to"):
            self.form.fields[name].widget = forms.DateInput(attrs={"type": "date"})
        # Drop-downs of what the log holds, in the auditor's words; the values stay prefixes
        # ("auth." is every login event), so a link may still narrow by any prefix.
        everything = [("", _("全部"))]
        self.form.fields["action"].widget = forms.Select(choices=everything + action_choices())
        self.form.fields["object_type"].widget = forms.Select(
            choices=everything + object_type_choices()
        )
        _style(self.form)

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(created_at__gte=_day_start(value))

    def filter_date_to(self, queryset, name, value):
        """Inclusive of the whole day the user picked, in the site's time zone."""
        return queryset.filter(created_at__lt=_day_start(value + datetime.timedelta(days=1)))


class AccountFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("用户名或姓名"))
    role = django_filters.ChoiceFilter(choices=Role.choices, label=_("角色"), empty_label=_("全部"))
    is_active = django_filters.BooleanFilter(
        label=_("启用"),
        widget=forms.Select(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))]),
    )

    class Meta:
        model = User
        fields = ["q", "role", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self.form)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(username__icontains=value)
            | Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
        )
