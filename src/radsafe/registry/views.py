"""Registry pages. Each view names its capability, reads through the selectors or `for_user`
(so a row out of scope is a 404) and writes only through the forms, which call the services."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from radsafe.core.autocomplete import AutocompleteView
from radsafe.core.export_views import ExportView
from radsafe.core.permissions import has_capability
from radsafe.core.views import CapabilityRequiredMixin
from radsafe.registry import selectors
from radsafe.registry.exports import unit_export
from radsafe.registry.filtersets import LicenceFilterSet, UnitFilterSet
from radsafe.registry.forms import LicenceForm, UnitForm, UnitStatusForm, add_bootstrap_classes
from radsafe.registry.models import Licence, Unit
from radsafe.registry.tables import LicenceTable, UnitTable

PAGE_SIZE = 25


class CapabilityFlagsMixin:
    """`can.unit_create` etc. in the template, so buttons appear only for those who may use them
    (the target page checks again)."""

    flag_capabilities = (
        "unit.create",
        "unit.change",
        "unit.change_status",
        "unit.export",
        "licence.view",
        "licence.change",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can"] = {
            name.replace(".", "_"): has_capability(user, name) for name in self.flag_capabilities
        }
        return context


def present_filter_form(form) -> None:
    """Bootstrap classes, and "全部" instead of "---------" / "未知" as the no-filter choice."""
    add_bootstrap_classes(form)
    everything = _("全部")
    for field in form.fields.values():
        if isinstance(field.widget, forms.NullBooleanSelect):
            field.widget.choices = [("unknown", everything), ("true", _("是")), ("false", _("否"))]
        elif getattr(field, "empty_label", None) is not None:
            field.empty_label = everything
            field.widget.choices = field.choices  # the widget's copy may still read the old label


class FilteredTableView(
    CapabilityRequiredMixin, CapabilityFlagsMixin, SingleTableMixin, FilterView
):
    table_pagination = {"per_page": PAGE_SIZE}

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        self.adapt_filters(filterset.filters)
        present_filter_form(filterset.form)
        return filterset

    def adapt_filters(self, filters) -> None:
        """Drop filters that mean nothing to this user (before the form is built)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        return context


class UnitListView(FilteredTableView):
    capability = "unit.view"
    template_name = "registry/unit_list.html"
    filterset_class = UnitFilterSet
    table_class = UnitTable

    def get_queryset(self):
        return selectors.unit_list(user=self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def adapt_filters(self, filters) -> None:
        # A unit officer has no squads to choose from; the shared filterset would offer them all.
        if not self.request.user.scope_path:
            filters.pop("squad", None)


class UnitExportView(ExportView):
    capability = "unit.export"
    filterset_class = UnitFilterSet
    list_url_name = "registry:unit-list"
    selector = staticmethod(selectors.unit_list)
    export = staticmethod(unit_export)

    def get_filterset_kwargs(self):
        return {"user": self.request.user}

    @property
    def file_title(self):
        return _("单位名录")


class UnitDetailView(CapabilityRequiredMixin, CapabilityFlagsMixin, TemplateView):
    capability = "unit.view"
    template_name = "registry/unit_detail.html"

    def get_context_data(self, **kwargs):
        try:
            unit = selectors.unit_detail(user=self.request.user, pk=self.kwargs["pk"])
        except Unit.DoesNotExist as missing:
            raise Http404 from missing
        today = timezone.localdate()
        return super().get_context_data(
            unit=unit,
            risk_flags=selectors.unit_risk_flags(unit, today),
            licence_table=LicenceTable(
                unit.licences.all(),  # prefetched: no query of its own
                today=today,
                can_edit=has_capability(self.request.user, "licence.change"),
                exclude=("unit",),
                orderable=False,
            ),
            **kwargs,
        )


class ServiceFormView(CapabilityRequiredMixin, FormView):
    """A form page whose `form.save()` calls a service and returns None when it refused."""

    success_message = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        result = form.save()
        if result is None:
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url(result))

    def get_success_url(self, result):
        unit_id = result.unit_id if hasattr(result, "unit_id") else result.pk
        return reverse("registry:unit-detail", args=[unit_id])


class UnitCreateView(ServiceFormView):
    capability = "unit.create"
    template_name = "registry/unit_form.html"
    form_class = UnitForm

    @property
    def success_message(self):
        return _("单位已登记。")


class ScopedUnitMixin:
    """The unit named in the URL, loaded through the user's scope (out of scope = 404). Loaded
    lazily, so only after `dispatch` has checked the capability: a refused role gets its 403."""

    @cached_property
    def unit(self) -> Unit:
        units = Unit.objects.for_user(self.request.user).select_related("jurisdiction", "squad")
        return get_object_or_404(units, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, **kwargs)


class UnitEditView(ScopedUnitMixin, ServiceFormView):
    capability = "unit.change"
    template_name = "registry/unit_form.html"
    form_class = UnitForm

    @property
    def success_message(self):
        return _("单位信息已保存。")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.unit}

    def form_invalid(self, form):
        # The service may have set the refused values on the instance; show the stored ones.
        self.unit.refresh_from_db()
        return super().form_invalid(form)


class UnitStatusView(ScopedUnitMixin, ServiceFormView):
    capability = "unit.change_status"
    template_name = "registry/unit_status_form.html"
    form_class = UnitStatusForm

    @property
    def success_message(self):
        return _("经营状态已变更。")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.unit}

    def get_context_data(self, **kwargs):
        changes = self.unit.status_changes.select_related("actor")
        return super().get_context_data(status_changes=changes, **kwargs)


class LicenceListView(FilteredTableView):
    capability = "licence.view"
    template_name = "registry/licence_list.html"
    filterset_class = LicenceFilterSet
    table_class = LicenceTable

    def get_queryset(self):
        return selectors.licence_list(user=self.request.user)

    def get_table_kwargs(self):
        return {"can_edit": has_capability(self.request.user, "licence.change")}


class LicenceCreateView(ScopedUnitMixin, ServiceFormView):
    capability = "licence.change"
    template_name = "registry/licence_form.html"
    form_class = LicenceForm

    @property
    def success_message(self):
        return _("许可证已登记。")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.unit}


class LicenceEditView(ServiceFormView):
    capability = "licence.change"
    template_name = "registry/licence_form.html"
    form_class = LicenceForm

    @property
    def success_message(self):
        return _("许可证已保存。")

    @cached_property
    def licence(self) -> Licence:
        licences = Licence.objects.for_user(self.request.user).select_related("unit")
        return get_object_or_404(licences, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.licence.unit, "licence": self.licence}

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.licence.unit, licence=self.licence, **kwargs)

    def form_invalid(self, form):
        self.licence.refresh_from_db()
        return super().form_invalid(form)


# --- from views_autocomplete ---
# The unit picker's searches (core/autocomplete.py): a bureau lead's form offers units of the
# own scope by name or credit code, never the whole list.


class UnitAutocompleteView(AutocompleteView):
    capability = "unit.view"
    search_fields = ("name", "credit_code")

    def get_queryset(self):
        return Unit.objects.for_user(self.request.user).only("id", "name").order_by("name", "id")
