"""API of the assets: nuclides, sources, ray devices, storage sites. Rows come from the same
selectors as the pages (`for_user`), writes go through the same services; nothing is deleted
(statuses record endings). Sources and sites answer for today or for the day of ?at=YYYY-MM-DD."""

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from radsafe.core.api.viewsets import (
    ScopedViewSetMixin,
    WriteViewSet,
    crud_capabilities,
    crud_schema,
)
from radsafe.inventory.api.serializers.assets import (
    DeviceSerializer,
    NuclideSerializer,
    SourceSerializer,
    StorageSiteDetailSerializer,
    StorageSiteSerializer,
)
from radsafe.inventory.filtersets.assets import (
    NuclideFilterSet,
    RayDeviceFilterSet,
    SourceFilterSet,
    StorageSiteFilterSet,
)
from radsafe.inventory.selectors import assets as selectors

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
BAD_AT = _("日期参数 at 应为 YYYY-MM-DD 格式的有效日期，例如 2025-06-30。")
AT_PARAMETER = OpenApiParameter(
    "at",
    OpenApiTypes.DATE,
    description="计算当前活度和类别的日期（YYYY-MM-DD），默认今天。",
)


def at_date(request) -> datetime.date:
    raw = (request.query_params.get("at") or "").strip()
    if not raw:
        return timezone.localdate()
    try:
        if not DATE_RE.fullmatch(raw):
            raise ValueError(raw)
        return datetime.date.fromisoformat(raw)
    except ValueError as error:
        raise serializers.ValidationError({"at": [BAD_AT]}) from error


class AtDateMixin:
    """?at= for the serializers' decay computation; a bad date is a 400 in Chinese."""

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "request", None) is not None and self.request.method == "GET":
            context["at"] = at_date(self.request)
        return context


@extend_schema_view(
    list=extend_schema(summary="核素列表"),
    retrieve=extend_schema(summary="核素详情"),
    update=extend_schema(summary="修改核素参数（须提供 version；半衰期不可改）"),
    partial_update=extend_schema(summary="部分修改核素参数（须提供 version）"),
)
class NuclideViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Reference data for everyone who reads the inventory; only the system administrator edits
    it, and never the half-life (radioactivedecay, ICRP-107)."""

    selector = staticmethod(selectors.nuclide_list)
    serializer_class = NuclideSerializer
    filterset_class = NuclideFilterSet
    ordering_fields = ["id", "symbol", "half_life_s", "d_value_tbq"]
    required_capabilities = {
        "list": "nuclide.view",
        "retrieve": "nuclide.view",
        "update": "nuclide.change",
        "partial_update": "nuclide.change",
    }


@extend_schema_view(
    list=extend_schema(summary="放射源列表", parameters=[AT_PARAMETER]),
    retrieve=extend_schema(summary="放射源详情（含当前活度与类别）", parameters=[AT_PARAMETER]),
    create=extend_schema(summary="登记放射源（同时生成入库记录）"),
    update=extend_schema(summary="更正放射源信息（须提供 version）"),
    partial_update=extend_schema(summary="部分更正放射源信息（须提供 version）"),
)
class SourceViewSet(AtDateMixin, WriteViewSet):
    """Status, site and check-out come from the movement register (/api/movements/) and are
    read-only here; a source changes unit only by a transfer (/api/transfers/)."""

    selector = staticmethod(selectors.source_list)
    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    ordering_fields = ["id", "code", "reference_date", "activity_bq", "status", "unit__name"]
    required_capabilities = crud_capabilities(view="inventory.view", change="inventory.change")


@crud_schema("射线装置")
class DeviceViewSet(WriteViewSet):
    selector = staticmethod(selectors.device_list)
    serializer_class = DeviceSerializer
    filterset_class = RayDeviceFilterSet
    ordering_fields = ["id", "name", "device_class", "status", "unit__name"]
    required_capabilities = crud_capabilities(view="inventory.view", change="inventory.change")


@extend_schema_view(
    list=extend_schema(summary="贮存场所列表"),
    retrieve=extend_schema(
        summary="贮存场所详情（在库放射源、ΣA/D 与合计类别）",
        parameters=[AT_PARAMETER],
        responses=StorageSiteDetailSerializer,
    ),
    create=extend_schema(summary="登记贮存场所"),
    update=extend_schema(summary="修改贮存场所（须提供 version）"),
    partial_update=extend_schema(summary="部分修改贮存场所（须提供 version）"),
)
class StorageSiteViewSet(AtDateMixin, WriteViewSet):
    selector = staticmethod(selectors.site_list)
    serializer_class = StorageSiteSerializer
    filterset_class = StorageSiteFilterSet
    ordering_fields = ["id", "name", "kind", "unit__name"]
    required_capabilities = crud_capabilities(view="inventory.view", change="inventory.change")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return StorageSiteDetailSerializer
        return super().get_serializer_class()
