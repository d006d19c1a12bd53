from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from radsafe.core.api.filters import UserFilterBackend
from radsafe.core.api.viewsets import WriteViewSet, crud_capabilities, crud_schema
from radsafe.registry import selectors
from radsafe.registry.api.serializers import (
    LicenceSerializer,
    UnitSerializer,
    UnitStatusChangeSerializer,
)
from radsafe.registry.filtersets import LicenceFilterSet, UnitFilterSet


@crud_schema("单位", create="新增单位")
class UnitViewSet(WriteViewSet):
    """Same rows as the unit pages (`selectors.unit_list`). The status is not an editable field:
    a change goes through its own action so that it lands in the status history."""

    selector = staticmethod(selectors.unit_list)
    serializer_class = UnitSerializer
    filter_backends = [UserFilterBackend, OrderingFilter]
    filterset_class = UnitFilterSet
    ordering_fields = ["id", "name", "credit_code", "status", "status_since", "licence_expires_on"]
    required_capabilities = crud_capabilities(
        view="unit.view",
        change="unit.change",
        create="unit.create",
        change_status="unit.change_status",
    )

    @extend_schema(
        request=UnitStatusChangeSerializer,
        responses={200: UnitSerializer},
        summary="变更经营状态",
        description=str(
            _(
                "状态变更会记入历史；经营状态变更表不允许的变更（如已注销的单位）、"
                "与当前状态相同或日期晚于今天会被拒绝。"
            )
        ),
    )
    @action(detail=True, methods=["post"], url_path="status", url_name="status")
    def change_status(self, request, pk=None):
        unit = self.get_object()
        serializer = UnitStatusChangeSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        serializer.save(unit=unit)
        return Response(UnitSerializer(unit, context=self.get_serializer_context()).data)


@crud_schema("许可证", create="新增许可证")
class LicenceViewSet(WriteViewSet):
    """A licence can be filed only for a unit the user can see, and stays with that unit."""

    selector = staticmethod(selectors.licence_list)
    serializer_class = LicenceSerializer
    filterset_class = LicenceFilterSet
    ordering_fields = ["id", "number", "issued_on", "expires_on", "unit__name"]
    required_capabilities = crud_capabilities(view="licence.view", change="licence.change")
