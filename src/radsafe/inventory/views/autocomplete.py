"""Source and device pickers' searches (core/autocomplete.py), optionally narrowed to one unit
(`?unit=`: the worker whose sources are being chosen belongs to one unit)."""

from radsafe.core.web.autocomplete import AutocompleteView
from radsafe.inventory.models import RayDevice, Source, StorageSite


class SourceAutocompleteView(AutocompleteView):
    capability = "inventory.view"
    search_fields = ("code", "nuclide__name_zh", "unit__name")
    filters = {"unit": "unit_id"}

    def get_queryset(self):
        return (
            Source.objects.for_user(self.request.user)
            .select_related("unit", "nuclide")
            .only("id", "code", "unit__name", "nuclide__name_zh")
            .order_by("code", "id")
        )

    def label(self, obj) -> str:
        return f"{obj.code} {obj.nuclide.name_zh}（{obj.unit.name}）"


class DeviceAutocompleteView(AutocompleteView):
    capability = "inventory.view"
    search_fields = ("name", "model", "serial_number", "unit__name")
    filters = {"unit": "unit_id"}

    def get_queryset(self):
        return (
            RayDevice.objects.for_user(self.request.user)
            .select_related("unit")
            .only("id", "name", "model", "unit__name")
            .order_by("name", "id")
        )

    def label(self, obj) -> str:
        return f"{obj.name} {obj.model}（{obj.unit.name}）".replace(" （", "（")


class SiteAutocompleteView(AutocompleteView):
    capability = "inventory.view"
    search_fields = ("name", "unit__name")
    filters = {"unit": "unit_id"}

    def get_queryset(self):
        return (
            StorageSite.objects.for_user(self.request.user)
            .select_related("unit")
            .only("id", "name", "unit__name")
            .order_by("unit__name", "name", "id")
        )

    def label(self, obj) -> str:
        return f"{obj.unit.name} · {obj.name}"
