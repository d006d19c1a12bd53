"""Registry pages. Each view names its capability, reads through the selectors or `for_user`
(so a row out of scope is a 404) and writes only through the forms, which call the services."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from radsafe.core.permissions import has_capability
from radsafe.core.web.autocomplete import AutocompleteView
from radsafe.core.web.exports import ExportView
from radsafe.core.web.views import (
    CapabilityFlagsMixin,
    CapabilityRequiredMixin,
    FilteredTableView,
    ScopedObjectMixin,
    ServiceFormView,
)
from radsafe.registry import selectors, workflows
from radsafe.registry.exports import unit_export
from radsafe.registry.filtersets import LicenceFilterSet, UnitFilterSet
from radsafe.registry.forms import LicenceForm, UnitForm, UnitStatusForm
from radsafe.registry.models import Licence, Unit
from radsafe.registry.tables import LicenceTable, UnitTable


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


class UnitDetailView(
    CapabilityRequiredMixin, CapabilityFlagsMixin, ScopedObjectMixin, TemplateView
):
    capability = "unit.view"
    template_name = "registry/unit_detail.html"
    object_selector = staticmethod(selectors.unit_detail)

    def get_context_data(self, **kwargs):
        unit = self.object
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
            can_change_status=workflows.can_change_status(unit, user=self.request.user),
            **kwargs,
        )


class RegistryFormView(ServiceFormView):
    """A registry form: back to the unit's page, for a unit or one of its licences."""

    def get_success_url(self, result):
        unit_id = result.unit_id if hasattr(result, "unit_id") else result.pk
        return reverse("registry:unit-detail", args=[unit_id])


class UnitCreateView(RegistryFormView):
    capability = "unit.create"
    template_name = "registry/unit_form.html"
    form_class = UnitForm

    @property
    def success_message(self):
        return _("单位已登记。")


class ScopedUnitMixin(ScopedObjectMixin):
    """The unit named in the URL (the shared loader: out of scope = 404, after the capability)."""

    object_model = Unit
    object_related = ("jurisdiction", "squad")

    @property
    def unit(self) -> Unit:
        return self.object

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, **kwargs)


class UnitEditView(ScopedUnitMixin, RegistryFormView):
    capability = "unit.change"
    template_name = "registry/unit_form.html"
    form_class = UnitForm

    @property
    def success_message(self):
        return _("单位信息已保存。")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.unit}


class UnitStatusView(ScopedUnitMixin, RegistryFormView):
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
        refusal = workflows.status_change_refusal(self.unit)
        return super().get_context_data(
            status_changes=changes,
            refusal=refusal.messages if refusal is not None else [],
            **kwargs,
        )


class LicenceListView(FilteredTableView):
    capability = "licence.view"
    template_name = "registry/licence_list.html"
    filterset_class = LicenceFilterSet
    table_class = LicenceTable

    def get_queryset(self):
        return selectors.licence_list(user=self.request.user)

    def get_table_kwargs(self):
        return {"can_edit": has_capability(self.request.user, "licence.change")}


class LicenceCreateView(ScopedUnitMixin, RegistryFormView):
    capability = "licence.change"
    template_name = "registry/licence_form.html"
    form_class = LicenceForm

    @property
    def success_message(self):
        return _("许可证已登记。")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.unit}


class LicenceEditView(ScopedObjectMixin, RegistryFormView):
    capability = "licence.change"
    template_name = "registry/licence_form.html"
    form_class = LicenceForm

    @property
    def success_message(self):
        return _("许可证已保存。")

    object_model = Licence
    object_related = ("unit",)

    @property
    def licence(self) -> Licence:
        return self.object

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.licence.unit, "licence": self.licence}

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.licence.unit, licence=self.licence, **kwargs)


# The unit picker's searches (core/autocomplete.py): a bureau lead's form offers units of the
# own scope by name or credit code, never the whole list.


class UnitAutocompleteView(AutocompleteView):
    capability = "unit.view"
    search_fields = ("name", "credit_code")

    def get_queryset(self):
        return Unit.objects.for_user(self.request.user).only("id", "name").order_by("name", "id")
