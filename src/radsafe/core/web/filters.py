"""Filter pieces every filterset shares (django-filter), for pages and API alike."""

import django_filters
from django import forms


class HiddenIdFilter(django_filters.NumberFilter):
    """An id passed by a link; a hidden field on the page, a plain integer in the API."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("min_value", 1)
        super().__init__(*args, **kwargs)
