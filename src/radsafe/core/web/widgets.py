"""Widgets every app's forms share: the search pickers that stand in for a drop-down of a large
table (design.md rule 6: a province holds 100,000 units, never preloaded)."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class AutocompleteMixin:
    """`url_name` answers the searches; `forward` names another field of the form whose value is
    sent along (the unit a worker's sources must belong to); `params` are fixed parameters."""

    def __init__(self, url_name: str, *, forward: str = "", params: dict | None = None, attrs=None):
        self.url_name, self.forward, self.params = url_name, forward, params or {}
        super().__init__(attrs=attrs)

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        url = reverse(self.url_name)
        if self.params:
            url += "?" + "&".join(f"{key}={value}" for key, value in self.params.items())
        attrs.update(
            {
                "data-autocomplete-url": url,
                "data-placeholder": str(_("输入名称或编码搜索…")),
                "data-empty": str(_("没有匹配的结果")),
                "data-remove": str(_("移除")),
            }
        )
        if self.forward:
            attrs["data-autocomplete-forward"] = self.forward
        return attrs

    def optgroups(self, name, value, attrs=None):
        """Only the chosen options (plus the empty one of an optional single choice)."""
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        field = self.choices.field
        chosen = {str(v) for v in value if str(v) not in field.empty_values}
        if chosen:
            key = field.to_field_name or "pk"
            for obj in self.choices.queryset.filter(**{f"{key}__in": chosen}):
                option_value = field.prepare_value(obj)
                options.append(
                    self.create_option(
                        name, option_value, field.label_from_instance(obj), True, len(options)
                    )
                )
        return [(None, options, 0)]


class AutocompleteSelect(AutocompleteMixin, forms.Select):
    pass


class AutocompleteSelectMultiple(AutocompleteMixin, forms.SelectMultiple):
    pass
