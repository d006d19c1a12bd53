"""Pages of the inventory's assets: sources, nuclides, the category changes by decay and the
high-risk list, and the bases the device and site pages (`views_devices_sites`) share. Each view
names its capability, reads through the selectors or `for_user` (out of scope = 404) and writes
only through the forms' services."""

import re

import qrcode
import qrcode.image.svg
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from radsafe.core.permissions import has_capability
from radsafe.core.web.exports import ExportView
from radsafe.core.web.forms import initial_unit
from radsafe.core.web.views import (
    PAGE_SIZE,
    CapabilityFlagsMixin,
    CapabilityRequiredMixin,
    FilteredTableView,
    ScopedObjectMixin,
    ServiceFormView,
)
from radsafe.inventory import workflows
from radsafe.inventory.choices import INCIDENT_STATUSES
from radsafe.inventory.exports.assets import device_export, source_export
from radsafe.inventory.filtersets.assets import (
    DeviceTypeFilterSet,
    NuclideFilterSet,
    RayDeviceFilterSet,
    SourceFilterSet,
    StorageSiteFilterSet,
)
from radsafe.inventory.forms.assets import (
    AtDateForm,
    DeviceForm,
    NuclideForm,
    PeriodForm,
    SiteForm,
    SourceCreateForm,
    SourceEditForm,
)
from radsafe.inventory.forms.reference import DeviceTypeForm
from radsafe.inventory.models import DeviceType, Nuclide, RayDevice, Source, StorageSite
from radsafe.inventory.selectors import assets as selectors
from radsafe.inventory.tables.assets import (
    DeviceTable,
    DeviceTypeTable,
    HeldSourceTable,
    NuclideTable,
    SiteTable,
    SourceTable,
    device_rating,
    half_life_text,
    security_badges,
)


class InventoryFlagsMixin(CapabilityFlagsMixin):
    """`can.inventory_change` etc.: buttons appear only for those who may use them (the target
    page checks again)."""

    flag_capabilities = (
        "inventory.change",
        "inventory.export",
        "movement.record",
        "transfer.create",
        "count.record",
        "nuclide.view",
        "nuclide.change",
        "reference.change",
        "highrisk.view",
    )


class InventoryListView(InventoryFlagsMixin, FilteredTableView):
    capability = "inventory.view"
    unit_columns = ("unit",)


class InventoryExportView(ExportView):
    """The inventory's lists export under one capability (the view itself is core's)."""

    capability = "inventory.export"


class InventoryFormView(ServiceFormView):
    capability = "inventory.change"


# --- sources ---------------------------------------------------------------------------------
class SourceListView(InventoryListView):
    template_name = "inventory/source_list.html"
    filterset_class = SourceFilterSet
    table_class = SourceTable
    selector = staticmethod(selectors.source_list)


class SourceExportView(InventoryExportView):
    filterset_class = SourceFilterSet
    list_url_name = "inventory:source-list"
    selector = staticmethod(selectors.source_list)
    export = staticmethod(source_export)

    @property
    def file_title(self):
        return _("放射源台账")


class SourceDetailView(
    CapabilityRequiredMixin, InventoryFlagsMixin, ScopedObjectMixin, TemplateView
):
    """The record, its activity and category today and on any other day (?at=YYYY-MM-DD), and
    the latest events of its register with links to record the next one."""

    capability = "inventory.view"
    template_name = "inventory/source_detail.html"
    object_selector = staticmethod(selectors.source_detail)

    def get_context_data(self, **kwargs):
        user = self.request.user
        source = self.object
        at_form = AtDateForm(self.request.GET or None)
        today = timezone.localdate()
        at = at_form.day()
        return super().get_context_data(
            source=source,
            today_state=selectors.source_state(source, today),
            at_state=selectors.source_state(source, at) if at != today else None,
            at_form=at_form,
            movements=selectors.source_movements(user=user, source=source),
            actions=workflows.source_actions(source, user),
            is_incident=source.status in INCIDENT_STATUSES,
            **kwargs,
        )


class SourceCreateView(InventoryFormView):
    template_name = "inventory/source_form.html"
    form_class = SourceCreateForm
    detail_url_name = "inventory:source-detail"

    @property
    def success_message(self):
        return _("放射源已登记，入库记录已生成。")

    def get_initial(self):
        return {**super().get_initial(), **initial_unit(self.request)}


class SourceEditView(ScopedObjectMixin, InventoryFormView):
    template_name = "inventory/source_form.html"
    form_class = SourceEditForm
    detail_url_name = "inventory:source-detail"
    object_model = Source
    object_related = ("unit", "nuclide")

    @property
    def success_message(self):
        return _("放射源信息已保存。")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "source": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(source=self.object, **kwargs)


QR_XML_PROLOGUE = re.compile(r"^<\?xml[^>]*\?>\s*")


def qr_svg(text: str) -> str:
    """An inline SVG QR code (no image file, no outside service: the intranet is offline)."""
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    return QR_XML_PROLOGUE.sub("", image.to_string(encoding="unicode"))


class SourceLabelView(CapabilityRequiredMixin, ScopedObjectMixin, TemplateView):
    """A printable label: the code large, what the source is, and a QR code that opens its page."""

    capability = "inventory.view"
    template_name = "inventory/source_label.html"
    object_selector = staticmethod(selectors.source_detail)

    def get_context_data(self, **kwargs):
        source = self.object
        url = self.request.build_absolute_uri(reverse("inventory:source-detail", args=[source.pk]))
        return super().get_context_data(
            source=source,
            detail_url=url,
            qr=mark_safe(qr_svg(url)),  # generated by qrcode: paths only, no input echoed
            **kwargs,
        )


class CategoryChangeView(CapabilityRequiredMixin, TemplateView):
    """Sources whose category changed by decay in a period (default: the last twelve months)."""

    capability = "inventory.view"
    template_name = "inventory/category_changes.html"

    def get_context_data(self, **kwargs):
        form = PeriodForm(self.request.GET or None)
        start, end = form.period()
        changes = selectors.category_changes(user=self.request.user, start=start, end=end)
        page = Paginator(changes, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            form=form, start=start, end=end, page_obj=page, querystring=query.urlencode(), **kwargs
        )


class HighRiskView(CapabilityRequiredMixin, TemplateView):
    """Units not in normal operation that still hold sources (seed §三(一)1): the bureau arranges
    送贮 or 封存 for each."""

    capability = "highrisk.view"
    template_name = "inventory/highrisk.html"

    def get_context_data(self, **kwargs):
        units = selectors.high_risk_units(user=self.request.user)
        page = Paginator(units, PAGE_SIZE).get_page(self.request.GET.get("page"))
        today = timezone.localdate()
        for unit in page.object_list:
            unit.held = [
                selectors.HeldSource(source, selectors.source_state(source, today))
                for source in unit.held_sources
            ]
            unit.table = HeldSourceTable(unit.held, at=today)
        return super().get_context_data(page_obj=page, today=today, **kwargs)


# --- nuclides --------------------------------------------------------------------------------
class NuclideListView(InventoryListView):
    capability = "nuclide.view"
    template_name = "inventory/nuclide_list.html"
    filterset_class = NuclideFilterSet
    table_class = NuclideTable
    selector = staticmethod(selectors.nuclide_list)

    def get_table_kwargs(self):
        return {"can_edit": has_capability(self.request.user, "nuclide.change")}


class NuclideEditView(ScopedObjectMixin, ServiceFormView):
    capability = "nuclide.change"
    template_name = "inventory/nuclide_form.html"
    form_class = NuclideForm

    @property
    def success_message(self):
        return _("核素数据已保存。")

    def get_object_queryset(self):
        return Nuclide.objects.all()  # reference data: everyone's, edited by the administrator

    @property
    def nuclide(self) -> Nuclide:
        return self.object

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nuclide": self.nuclide}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            nuclide=self.nuclide, half_life=half_life_text(self.nuclide.half_life_s), **kwargs
        )

    def get_success_url(self, result):
        return reverse("inventory:nuclide-list")


# Pages of the ray devices, their type list and the storage sites. A site's page shows its
# security measures and its contents per the register, with their ΣA/D and the category the site is
# judged by (sources kept together, 原环保总局公告2005年第62号).


# --- ray devices -----------------------------------------------------------------------------
class DeviceListView(InventoryListView):
    template_name = "inventory/device_list.html"
    filterset_class = RayDeviceFilterSet
    table_class = DeviceTable
    selector = staticmethod(selectors.device_list)


class DeviceExportView(InventoryExportView):
    filterset_class = RayDeviceFilterSet
    list_url_name = "inventory:device-list"
    selector = staticmethod(selectors.device_list)
    export = staticmethod(device_export)

    @property
    def file_title(self):
        return _("射线装置台账")


class DeviceDetailView(
    CapabilityRequiredMixin, InventoryFlagsMixin, ScopedObjectMixin, TemplateView
):
    capability = "inventory.view"
    template_name = "inventory/device_detail.html"

    def get_object_queryset(self):
        return selectors.device_list(user=self.request.user).select_related("unit__squad")

    def get_context_data(self, **kwargs):
        device = self.object
        return super().get_context_data(device=device, rating=device_rating(device), **kwargs)


class DeviceCreateView(InventoryFormView):
    template_name = "inventory/device_form.html"
    form_class = DeviceForm
    detail_url_name = "inventory:device-detail"

    @property
    def success_message(self):
        return _("射线装置已登记。")

    def get_initial(self):
        return {**super().get_initial(), **initial_unit(self.request)}


class DeviceEditView(ScopedObjectMixin, InventoryFormView):
    template_name = "inventory/device_form.html"
    form_class = DeviceForm
    detail_url_name = "inventory:device-detail"
    object_model = RayDevice
    object_related = ("unit",)

    @property
    def success_message(self):
        return _("射线装置信息已保存。")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "row": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(device=self.object, **kwargs)


# --- ray-device types (reference list, kept by the system administrator) ----------------------
class DeviceTypeListView(InventoryListView):
    capability = "nuclide.view"  # who may read the reference data
    template_name = "inventory/device_type_list.html"
    filterset_class = DeviceTypeFilterSet
    table_class = DeviceTypeTable
    selector = staticmethod(selectors.device_type_list)

    def get_table_kwargs(self):
        return {"can_edit": has_capability(self.request.user, "reference.change")}


class DeviceTypeCreateView(ServiceFormView):
    capability = "reference.change"
    template_name = "inventory/device_type_form.html"
    form_class = DeviceTypeForm

    @property
    def success_message(self):
        return _("射线装置类型已添加。")

    def get_success_url(self, result):
        return reverse("inventory:device-type-list")


class DeviceTypeEditView(ScopedObjectMixin, DeviceTypeCreateView):
    @property
    def success_message(self):
        return _("射线装置类型已保存。")

    def get_object_queryset(self):
        return DeviceType.objects.all()  # reference data: everyone's, edited by the administrator

    @property
    def device_type(self) -> DeviceType:
        return self.object

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device_type": self.device_type}

    def get_context_data(self, **kwargs):
        return super().get_context_data(device_type=self.device_type, **kwargs)


# --- storage sites ---------------------------------------------------------------------------
class SiteListView(InventoryListView):
    template_name = "inventory/site_list.html"
    filterset_class = StorageSiteFilterSet
    table_class = SiteTable
    selector = staticmethod(selectors.site_list)


class SiteDetailView(CapabilityRequiredMixin, InventoryFlagsMixin, ScopedObjectMixin, TemplateView):
    """Security measures, and the contents the register puts in the site with their ΣA/D and the
    category the site is judged by (sources kept together)."""

    capability = "inventory.view"
    template_name = "inventory/site_detail.html"
    object_model = StorageSite
    object_related = ("unit",)

    def get_context_data(self, **kwargs):
        site = self.object
        at_form = AtDateForm(self.request.GET or None)
        contents = selectors.site_contents(site, at_form.day())
        table = HeldSourceTable(contents.sources, at=contents.at)
        RequestConfig(self.request, paginate={"per_page": PAGE_SIZE}).configure(table)
        return super().get_context_data(
            site=site,
            contents=contents,
            contents_table=table,
            at_form=at_form,
            security=security_badges(site),
            **kwargs,
        )


class SiteCreateView(InventoryFormView):
    template_name = "inventory/site_form.html"
    form_class = SiteForm
    detail_url_name = "inventory:site-detail"

    @property
    def success_message(self):
        return _("贮存场所已登记。")

    def get_initial(self):
        return {**super().get_initial(), **initial_unit(self.request)}


class SiteEditView(ScopedObjectMixin, InventoryFormView):
    template_name = "inventory/site_form.html"
    form_class = SiteForm
    detail_url_name = "inventory:site-detail"
    object_model = StorageSite
    object_related = ("unit",)

    @property
    def success_message(self):
        return _("贮存场所已保存。")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "row": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(site=self.object, **kwargs)
