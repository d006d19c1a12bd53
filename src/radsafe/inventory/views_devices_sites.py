"""Pages of the ray devices, their type list and the storage sites. A site's page shows its
security measures and its contents per the register, with their ΣA/D and the category the site is
judged by (sources kept together, 原环保总局公告2005年第62号)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from radsafe.core.permissions import has_capability
from radsafe.core.views import CapabilityRequiredMixin
from radsafe.registry.views import PAGE_SIZE, ServiceFormView

from . import selectors
from .exports import device_export
from .filtersets import DeviceTypeFilterSet, RayDeviceFilterSet, StorageSiteFilterSet
from .forms_assets import AtDateForm, DeviceForm, SiteForm
from .forms_reference import DeviceTypeForm
from .models import DeviceType, RayDevice, StorageSite
from .tables_assets import (
    DeviceTable,
    DeviceTypeTable,
    HeldSourceTable,
    SiteTable,
    device_rating,
    security_badges,
)
from .views_assets import (
    InventoryExportView,
    InventoryFlagsMixin,
    InventoryFormView,
    InventoryListView,
    ScopedObjectMixin,
    initial_unit,
)


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


class DeviceDetailView(CapabilityRequiredMixin, InventoryFlagsMixin, TemplateView):
    capability = "inventory.view"
    template_name = "inventory/device_detail.html"

    def get_context_data(self, **kwargs):
        device = get_object_or_404(
            selectors.device_list(user=self.request.user).select_related("unit__squad"),
            pk=self.kwargs["pk"],
        )
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


class DeviceTypeEditView(DeviceTypeCreateView):
    @property
    def success_message(self):
        return _("射线装置类型已保存。")

    @cached_property
    def device_type(self) -> DeviceType:
        # Loaded lazily, after `dispatch` has checked the capability: a refused role gets 403.
        return get_object_or_404(DeviceType, pk=self.kwargs["pk"])

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


class SiteDetailView(CapabilityRequiredMixin, InventoryFlagsMixin, TemplateView):
    """Security measures, and the contents the register puts in the site with their ΣA/D and the
    category the site is judged by (sources kept together)."""

    capability = "inventory.view"
    template_name = "inventory/site_detail.html"

    def get_context_data(self, **kwargs):
        sites = StorageSite.objects.for_user(self.request.user).select_related("unit")
        site = get_object_or_404(sites, pk=self.kwargs["pk"])
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

    @property
    def success_message(self):
        return _("贮存场所已保存。")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "row": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(site=self.object, **kwargs)
