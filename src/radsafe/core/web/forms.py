"""The form layer every app shares: Bootstrap presentation, `call_service` (a service's
ValidationError back onto the form's fields), the optimistic-lock check, and the pieces of a form
for a row that belongs to a unit. Forms only collect input; the rules live in the services."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from radsafe.core.versioning import StaleEditError
from radsafe.core.web.widgets import AutocompleteSelect

# The largest id a request may name: the databases' 64-bit integer keys. A longer string is not an
# id of anything, and SQLite would fail on it rather than find nothing.
MAX_ID = 2**63 - 1


def field_label(model, name: str):
    """A form field's label is its model field's verbose name, so the two never drift apart."""
    return model._meta.get_field(name).verbose_name


def unit_model():
    """The unit model, reached through the user's `unit` key: `core` names no app (the contract),
    and every row a unit officer may touch belongs to a unit."""
    return get_user_model()._meta.get_field("unit").related_model


def call_service(form: forms.Form, service: Callable[..., Any], **kwargs: Any) -> Any | None:
    """Run a service for a valid form; on ValidationError put each message on its field (or on
    the form when the form has no such field) and return None, so the view re-renders the input."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                known = field != NON_FIELD_ERRORS and field in form.fields
                form.add_error(field if known else None, errors)
        else:
            form.add_error(None, error)
        return None


class TransitionChoiceField(forms.ChoiceField):
    """The target of a workflow step: offers only the targets the workflow allows (`offer`), but
    accepts any known status (`known`), so a stale form that posts one no longer allowed is
    answered by the service in its own words, not by "选择一个有效的选项"."""

    def __init__(self, *, known, **kwargs):
        self.known = [str(value) for value in known]
        super().__init__(choices=(), **kwargs)

    def offer(self, targets) -> None:
        self.choices = [(str(target.value), target.label) for target in targets]

    def valid_value(self, value) -> bool:
        return str(value) in self.known


def add_bootstrap_classes(form: forms.BaseForm) -> None:
    """Bootstrap 5 classes by widget type, and the browser's date picker for dates; used by these
    forms and by the shared filtersets' forms, which are declared without presentation."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.DateInput):
            widget.input_type, widget.format = "date", "%Y-%m-%d"
        if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):  # incl. checkbox lists
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        elif isinstance(widget, forms.HiddenInput):
            continue
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class BootstrapForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def clean(self):
        """An edit without the version it started from would skip the optimistic lock; refuse it
        as stale rather than let it overwrite (the hidden field's own error is not displayed)."""
        cleaned = super().clean()
        if "version" in self.fields and cleaned.get("version") is None:
            raise StaleEditError()
        return cleaned


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def unit_field(user) -> forms.ModelChoiceField:
    """A unit officer has the own unit, nothing to choose; bureau staff search their scope's
    units (a province holds 100,000: never preloaded)."""
    units = unit_model().objects.for_user(user).order_by("name")
    if user.unit_id is not None:
        field = forms.ModelChoiceField(label=_("持有单位"), queryset=units, empty_label=None)
    else:
        widget = AutocompleteSelect("registry:unit-autocomplete")
        field = forms.ModelChoiceField(label=_("持有单位"), queryset=units, widget=widget)
    field.widget.attrs["class"] = "form-select"
    return field


class UnitRowForm(BootstrapForm):
    """Create (in a unit of the user's scope) or versioned edit of one unit-owned row through its
    two services. Subclasses name the services, the row's keyword in the update service, and the
    model fields the services take."""

    FIELDS: list[str] = []
    create_service = None
    update_service = None
    row_keyword = ""

    def __init__(self, *args, user, row=None, **kwargs):
        self.user, self.row = user, row
        if row is not None:
            initial = {name: getattr(row, name) for name in self.FIELDS}
            kwargs["initial"] = {**initial, "version": row.version}
        super().__init__(*args, **kwargs)
        if row is None:
            del self.fields["version"]
            self.fields["unit"] = unit_field(user)
            self.fields["unit"].label = _("单位")
            self.order_fields(["unit"])
        else:
            del self.fields["unit"]

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}

    def save(self):
        data = self.service_data()
        if self.row is None:
            return call_service(
                self,
                type(self).create_service,
                actor=self.user,
                unit=self.cleaned_data["unit"],
                **data,
            )
        return call_service(
            self,
            type(self).update_service,
            **{self.row_keyword: self.row},
            actor=self.user,
            expected_version=self.cleaned_data["version"],
            **data,
        )


def initial_unit(request) -> dict:
    """?unit=<id> from a unit's page preselects it (the form offers only units in scope)."""
    unit = request.GET.get("unit", "")
    return {"unit": unit} if unit.isdigit() and int(unit) <= MAX_ID else {}
