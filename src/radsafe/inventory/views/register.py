"""Pages of the movement register: the register itself, check-out / return / status change of a
source, physical counts, reconciliation, off-site filings, transfers and incidents.

Each view names its capability, loads objects through `for_user` (out of scope = 404) and writes
only through the forms, which call the services."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from radsafe.core.permissions import has_capability
from radsafe.core.web.views import (
    CapabilityRequiredMixin,
    FilteredTableView,
    ScopedObjectMixin,
    ServiceFormView,
    scoped_from_query,
)
from radsafe.inventory import workflows
from radsafe.inventory.exports.register import movement_export
from radsafe.inventory.filtersets.register import (
    IncidentFilterSet,
    MovementFilterSet,
    OffsiteUseFilterSet,
    TransferFilterSet,
)
from radsafe.inventory.forms.register import (
    CheckOutForm,
    CountForm,
    IncidentCloseForm,
    OffsiteForm,
    ReturnForm,
    StatusForm,
    TransferForm,
)
from radsafe.inventory.models import Incident, OffsiteUse, RayDevice, Source, StorageSite
from radsafe.inventory.selectors import register as selectors
from radsafe.inventory.tables.register import (
    IncidentTable,
    MovementTable,
    OffsiteUseTable,
    TransferTable,
)
from radsafe.inventory.views.assets import InventoryExportView
from radsafe.registry.models import Unit


def source_url(source_id: int) -> str:
    return reverse("inventory:source-detail", args=[source_id])


# --- the register -------------------------------------------------------------------------------


class MovementListView(FilteredTableView):
    """A unit officer sees his own unit's register (the scope); staff filter by unit or source."""

    capability = "inventory.view"
    template_name = "inventory/movement_list.html"
    filterset_class = MovementFilterSet
    table_class = MovementTable
    flag_capabilities = ("movement.record", "inventory.export", "inventory.import")

    def get_queryset(self):
        return selectors.movement_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        """Name the source a link narrowed the list to (its id is a hidden filter), and offer the
        reconciliation of the unit the list is about."""
        context = super().get_context_data(**kwargs)
        user = self.request.user
        value = self.request.GET.get("source", "")
        if value.isdigit():
            sources = Source.objects.for_user(user).only("pk", "code")
            context["filtered_source"] = sources.filter(pk=int(value)).first()
        unit = self.request.GET.get("unit", "")
        context["reconcile_unit_id"] = int(unit) if unit.isdigit() else user.unit_id
        return context


class MovementExportView(InventoryExportView):
    filterset_class = MovementFilterSet
    list_url_name = "inventory:movement-list"
    selector = staticmethod(selectors.movement_list)
    export = staticmethod(movement_export)

    @property
    def file_title(self):
        return _("出入库记录")


class SourceActionView(ScopedObjectMixin, ServiceFormView):
    """A form about one source of the user's scope; success goes back to the source's page.
    When the workflow refuses the step now, the page says why in the service's own words
    (`refusal`) and offers no form."""

    capability = "movement.record"
    object_model = Source
    object_related = ("unit", "site")
    refusal = None  # the workflow's `*_refusal(source)`

    @property
    def source(self) -> Source:
        return self.object

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "source": self.source}

    def get_context_data(self, **kwargs):
        refusal = type(self).refusal(self.source) if type(self).refusal else None
        return super().get_context_data(
            source=self.source,
            refusal=refusal.messages if refusal is not None else [],
            **kwargs,
        )

    def get_success_url(self, result):
        return source_url(self.source.pk)


class CheckOutView(SourceActionView):
    template_name = "inventory/checkout_form.html"
    form_class = CheckOutForm
    refusal = staticmethod(workflows.check_out_refusal)

    @property
    def success_message(self):
        return _("已登记出库。")

    def get_context_data(self, **kwargs):
        return super().get_context_data(max_hours=settings.RADSAFE_CHECKOUT_MAX_HOURS, **kwargs)

    def form_valid(self, form):
        movement = form.save()
        if movement is None:
            return self.form_invalid(form)
        if movement.offsite and movement.offsite_use_id is None:
            messages.warning(
                self.request,
                _("已登记出库，但没有覆盖该地点和日期的异地使用备案：请先办理异地使用备案。"),
            )
        else:
            messages.success(self.request, self.success_message)
        # RADSAFE_CHECKOUT_UNQUALIFIED=warn: written, and the reason (无证上岗) shown with it.
        for warning in movement.warnings:
            messages.warning(self.request, warning)
        return redirect(self.get_success_url(movement))


class ReturnView(SourceActionView):
    template_name = "inventory/return_form.html"
    form_class = ReturnForm
    refusal = staticmethod(workflows.return_refusal)

    @property
    def success_message(self):
        return _("已登记归还入库。")


class StatusView(SourceActionView):
    template_name = "inventory/status_form.html"
    form_class = StatusForm
    refusal = staticmethod(workflows.status_change_refusal)

    def form_valid(self, form):
        result = form.save()
        if result is None:
            return self.form_invalid(form)
        if result.incident is not None:
            messages.error(
                self.request,
                _("已变更状态，并生成辐射事故首报（%(grade)s），请立即按应急预案报告。")
                % {"grade": result.incident.get_grade_display()},
            )
            return redirect("inventory:incident-detail", pk=result.incident.pk)
        messages.success(self.request, _("放射源状态已变更。"))
        return redirect(self.get_success_url(result))


class CountCreateView(ScopedObjectMixin, ServiceFormView):
    capability = "count.record"
    template_name = "inventory/count_form.html"
    form_class = CountForm
    object_model = StorageSite
    object_related = ("unit",)

    @property
    def site(self) -> StorageSite:
        return self.object

    @property
    def success_message(self):
        return _("盘点结果已登记。")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "site": self.site}

    def get_context_data(self, **kwargs):
        return super().get_context_data(site=self.site, **kwargs)

    def get_success_url(self, result):
        return reverse("inventory:site-reconciliation", args=[self.site.pk])


# --- reconciliation -----------------------------------------------------------------------------


class ReconciliationView(CapabilityRequiredMixin, TemplateView):
    capability = "inventory.view"
    template_name = "inventory/reconciliation.html"

    def get_context_data(self, **kwargs):
        unit, site = self.subject()
        found = selectors.reconciliation(unit=unit, site=site, now=timezone.now())
        return super().get_context_data(
            unit=unit,
            site=site,
            discrepancies=found,
            kind_labels=selectors.KIND_LABELS,
            can_count=has_capability(self.request.user, "count.record"),
            can_record=has_capability(self.request.user, "movement.record"),
            **kwargs,
        )


class UnitReconciliationView(ScopedObjectMixin, ReconciliationView):
    object_model = Unit

    def subject(self):
        return self.object, None


class SiteReconciliationView(ScopedObjectMixin, ReconciliationView):
    object_model = StorageSite
    object_related = ("unit",)

    def subject(self):
        return self.object.unit, self.object


# --- off-site filings ---------------------------------------------------------------------------


class OffsiteListView(FilteredTableView):
    capability = "inventory.view"
    template_name = "inventory/offsite_list.html"
    filterset_class = OffsiteUseFilterSet
    table_class = OffsiteUseTable
    flag_capabilities = ("inventory.change",)

    def get_queryset(self):
        return selectors.offsite_list(user=self.request.user)

    def get_table_kwargs(self):
        return {"can_edit": has_capability(self.request.user, "inventory.change")}


class OffsiteCreateView(ServiceFormView):
    """Reached from a source or device page (?source= / ?device=), or from the list."""

    capability = "inventory.change"
    template_name = "inventory/offsite_form.html"
    form_class = OffsiteForm

    @property
    def success_message(self):
        return _("异地使用备案已登记。")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        source = scoped_from_query(self.request, Source, "source")
        device = scoped_from_query(self.request, RayDevice, "device")
        unit_id = self.request.user.unit_id or getattr(source or device, "unit_id", None)
        initial = {}
        if source is not None:
            initial["source"] = source.code
        if device is not None:
            initial["device"] = device.pk
        return {**kwargs, "unit_id": unit_id, "initial": {**kwargs.get("initial", {}), **initial}}

    def get_success_url(self, result):
        return reverse("inventory:offsite-list")


class OffsiteEditView(ScopedObjectMixin, ServiceFormView):
    capability = "inventory.change"
    template_name = "inventory/offsite_form.html"
    form_class = OffsiteForm

    @property
    def success_message(self):
        return _("异地使用备案已保存。")

    object_model = OffsiteUse
    object_related = ("source",)

    @property
    def filing(self) -> OffsiteUse:
        return self.object

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "filing": self.filing,
            "unit_id": self.filing.unit_id,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(filing=self.filing, **kwargs)

    def get_success_url(self, result):
        return reverse("inventory:offsite-list")


# --- transfers ----------------------------------------------------------------------------------


class TransferListView(FilteredTableView):
    capability = "inventory.view"
    template_name = "inventory/transfer_list.html"
    filterset_class = TransferFilterSet
    table_class = TransferTable
    flag_capabilities = ("transfer.create",)

    def get_queryset(self):
        return selectors.transfer_list(user=self.request.user)


class TransferCreateView(ServiceFormView):
    """?source=<pk> fills in the source from its page; the source is otherwise named by code."""

    capability = "transfer.create"
    template_name = "inventory/transfer_form.html"
    form_class = TransferForm

    @property
    def success_message(self):
        return _("转让已登记，两个单位的台账已同步变更。")

    def get_initial(self):
        initial = super().get_initial()
        source = scoped_from_query(self.request, Source, "source")
        if source is not None:
            initial["source"] = source.code
        return initial

    def get_success_url(self, result):
        return reverse("inventory:transfer-list")


# --- incidents ----------------------------------------------------------------------------------


class IncidentListView(FilteredTableView):
    capability = "incident.view"
    template_name = "inventory/incident_list.html"
    filterset_class = IncidentFilterSet
    table_class = IncidentTable

    def get_queryset(self):
        return selectors.incident_list(user=self.request.user)


class IncidentMixin(ScopedObjectMixin):
    def get_object_queryset(self):
        return selectors.incident_list(user=self.request.user)

    @property
    def incident(self) -> Incident:
        return self.object

    def get_context_data(self, **kwargs):
        return super().get_context_data(incident=self.incident, **kwargs)


class IncidentDetailView(IncidentMixin, CapabilityRequiredMixin, TemplateView):
    capability = "incident.view"
    template_name = "inventory/incident_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_close=workflows.can_close_incident(self.incident, self.request.user), **kwargs
        )


class IncidentCloseView(IncidentMixin, ServiceFormView):
    capability = "incident.close"
    template_name = "inventory/incident_close.html"
    form_class = IncidentCloseForm

    @property
    def success_message(self):
        return _("事故已结案。")

    def get(self, request, *args, **kwargs):
        refusal = workflows.close_refusal(self.incident)
        if refusal is not None:
            messages.info(request, refusal.messages[0])
            return redirect("inventory:incident-detail", pk=self.incident.pk)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "incident": self.incident}

    def get_success_url(self, result):
        return reverse("inventory:incident-detail", args=[self.incident.pk])
