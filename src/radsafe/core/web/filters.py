"""Filter pieces every filterset shares (django-filter), for pages and API alike."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


class HiddenIdFilter(django_filters.NumberFilter):
    """An id passed by a link; a hidden field on the page, a plain integer in the API."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("min_value", 1)
        super().__init__(*args, **kwargs)


class WithinFilter(HiddenIdFilter):
    """`?within=<jurisdiction id>`: the rows under that jurisdiction (a county, a squad), by the
    path the queryset's own scope reads (`scope_path_field`), so one filter serves every scoped
    list. It only narrows what `for_user` already allows; an unknown id leaves no row. A link
    from the 工作台's per-county table (core.home)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("辖区"))
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if value in (None, ""):
            return queryset
        from radsafe.core.models import Jurisdiction

        path = Jurisdiction.objects.filter(pk=value).values_list("path", flat=True).first()
        if path is None:
            return queryset.none()
        return queryset.filter(**{f"{queryset.scope_path_field}__path_prefix": path})
