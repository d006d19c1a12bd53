"""Pages of emergency readiness and equipment. Each view names its capability, reads through the
selectors (`for_user`: out of scope = 404) and writes only through the forms' services."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from radsafe.core.files import document_response
from radsafe.core.web.exports import ExportView
from radsafe.core.web.forms import initial_unit
from radsafe.core.web.views import (
    CapabilityFlagsMixin,
    CapabilityRequiredMixin,
    FilteredTableView,
    ScopedObjectMixin,
    ServiceFormView,
)
from radsafe.readiness import selectors
from radsafe.readiness.exports import drill_export, fault_export, instrument_export, overview_export
from radsafe.readiness.filtersets import (
    DrillFilterSet,
    FaultFilterSet,
    InstrumentFilterSet,
    UnitReadinessFilterSet,
)
from radsafe.readiness.forms import DrillForm, FaultForm, InstrumentForm, PlanForm, SupplyForm
from radsafe.readiness.models import (
    Drill,
    EmergencyPlan,
    EmergencySupply,
    EquipmentFault,
    Instrument,
)
from radsafe.readiness.tables import (
    FLAG_LABELS,
    DrillTable,
    FaultTable,
    InstrumentTable,
    UnitReadinessTable,
    unit_flag_badges,
)
from radsafe.registry.models import Unit


class ReadinessFlagsMixin(CapabilityFlagsMixin):
    flag_capabilities = ("readiness.change", "readiness.export")


# --- the bureau's overview and a unit's page --------------------------------------------------
class OverviewView(ReadinessFlagsMixin, FilteredTableView):
    """Units of the user's scope with their readiness flags (?flagged=true: only those with one)."""

    capability = "readiness.view"
    template_name = "readiness/overview.html"
    filterset_class = UnitReadinessFilterSet
    table_class = UnitReadinessTable

    def get_queryset(self):
        return selectors.unit_readiness_list(user=self.request.user, today=timezone.localdate())


class UnitReadinessView(
    CapabilityRequiredMixin, ReadinessFlagsMixin, ScopedObjectMixin, TemplateView
):
    capability = "readiness.view"
    template_name = "readiness/unit.html"
    object_model = Unit

    def get_context_data(self, **kwargs):
        user = self.request.user
        unit = self.object
        today = timezone.localdate()
        readiness = selectors.unit_readiness(user=user, unit=unit, today=today)
        for row in readiness.instruments:
            row.overdue = selectors.instrument_overdue(row, today)
        for row in readiness.faults:
            row.sick = selectors.fault_sick(row, today)
        return super().get_context_data(
            unit=unit,
            readiness=readiness,
            flag_badges=unit_flag_badges(readiness),
            flag_labels=dict(FLAG_LABELS),
            **kwargs,
        )


# --- lists -----------------------------------------------------------------------------------
class ReadinessListView(ReadinessFlagsMixin, FilteredTableView):
    """One template for the three lists: the title and the create link come from the view."""

    capability = "readiness.view"
    template_name = "readiness/list.html"
    unit_columns = ("unit",)
    title = ""
    create_url_name = ""
    create_label = ""
    export_url_name = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.title,
            create_url=reverse(self.create_url_name),
            create_label=self.create_label,
            export_url=reverse(self.export_url_name),
            **kwargs,
        )


class DrillListView(ReadinessListView):
    filterset_class = DrillFilterSet
    table_class = DrillTable
    selector = staticmethod(selectors.drill_list)
    title = _("应急演练与培训")
    create_url_name = "readiness:drill-create"
    export_url_name = "readiness:drill-export"
    create_label = _("登记演练/培训")


class InstrumentListView(ReadinessListView):
    filterset_class = InstrumentFilterSet
    table_class = InstrumentTable
    selector = staticmethod(selectors.instrument_list)
    title = _("监测仪器")
    create_url_name = "readiness:instrument-create"
    export_url_name = "readiness:instrument-export"
    create_label = _("登记监测仪器")


class FaultListView(ReadinessListView):
    filterset_class = FaultFilterSet
    table_class = FaultTable
    selector = staticmethod(selectors.fault_list)
    title = _("设备故障")
    create_url_name = "readiness:fault-create"
    export_url_name = "readiness:fault-export"
    create_label = _("登记设备故障")


# --- forms -----------------------------------------------------------------------------------
class RowFormView(ScopedObjectMixin, ServiceFormView):
    """Create (no pk in the URL) or edit (the row through the user's scope, 404 outside it; loaded
    after `dispatch` checked the capability, so a refused role gets its 403). After saving, back
    to the unit's readiness page."""

    capability = "readiness.change"
    template_name = "readiness/form.html"
    object_model = None
    object_related = ("unit",)
    title_create = ""
    title_edit = ""
    success_message = _("已保存。")

    def get_initial(self):
        return {**super().get_initial(), **initial_unit(self.request)}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "row": self.object}

    def get_success_url(self, result):
        return reverse("readiness:unit", args=[result.unit_id])

    def get_context_data(self, **kwargs):
        title = self.title_create if self.object is None else self.title_edit
        unit_id = self.object.unit_id if self.object is not None else self.request.GET.get("unit")
        back = (
            reverse("readiness:unit", args=[unit_id])
            if str(unit_id or "").isdigit()
            else reverse("readiness:overview")
        )
        return super().get_context_data(title=title, row=self.object, back_url=back, **kwargs)


class PlanFormView(RowFormView):
    form_class = PlanForm
    object_model = EmergencyPlan
    title_create = _("登记应急预案")
    title_edit = _("编辑应急预案")


class SupplyFormView(RowFormView):
    form_class = SupplyForm
    object_model = EmergencySupply
    title_create = _("登记应急物资")
    title_edit = _("编辑应急物资")


class DrillFormView(RowFormView):
    form_class = DrillForm
    object_model = Drill
    title_create = _("登记演练/培训")
    title_edit = _("编辑演练/培训")


class InstrumentFormView(RowFormView):
    form_class = InstrumentForm
    object_model = Instrument
    title_create = _("登记监测仪器")
    title_edit = _("编辑监测仪器")


class FaultFormView(RowFormView):
    form_class = FaultForm
    object_model = EquipmentFault
    title_create = _("登记设备故障")
    title_edit = _("编辑设备故障")


# Downloads of the stored documents: an emergency plan's file and a drill's evidence.
#
# The only way a stored document leaves the system (design.md rule 7): the row is loaded through
# the user's scope, so a row out of scope is a 404 like a row without a file, and
# `document_response`
# records the download (rule 5) and serves it as an attachment that the browser may not sniff.


class DocumentDownloadView(CapabilityRequiredMixin, ScopedObjectMixin, View):
    capability = "readiness.view"
    http_method_names = ["get"]

    def get(self, request, pk):
        row = self.object
        return document_response(user=request.user, obj=row, document=row.document)


class PlanDocumentView(DocumentDownloadView):
    object_model = EmergencyPlan


class DrillEvidenceView(DocumentDownloadView):
    object_model = Drill


# Excel exports of the readiness pages: each the list page's own filterset over its own selector
# (core's ExportView), so a file holds exactly the rows, and the flags, the page shows this user.


class ReadinessExportView(ExportView):
    capability = "readiness.export"


class OverviewExportView(ReadinessExportView):
    filterset_class = UnitReadinessFilterSet
    list_url_name = "readiness:overview"
    export = staticmethod(overview_export)

    def selector(self, user):
        # The page's selector (its flags), plus the two names the file adds to each row.
        today = timezone.localdate()
        units = selectors.unit_readiness_list(user=user, today=today)
        return units.select_related("jurisdiction", "squad")

    file_title = _("应急准备情况")


class DrillExportView(ReadinessExportView):
    filterset_class = DrillFilterSet
    list_url_name = "readiness:drill-list"
    selector = staticmethod(selectors.drill_list)
    export = staticmethod(drill_export)

    file_title = _("应急演练与培训")


class InstrumentExportView(ReadinessExportView):
    filterset_class = InstrumentFilterSet
    list_url_name = "readiness:instrument-list"
    selector = staticmethod(selectors.instrument_list)
    export = staticmethod(instrument_export)

    file_title = _("监测仪器")


class FaultExportView(ReadinessExportView):
    filterset_class = FaultFilterSet
    list_url_name = "readiness:fault-list"
    selector = staticmethod(selectors.fault_list)
    export = staticmethod(fault_export)

    file_title = _("设备故障")
