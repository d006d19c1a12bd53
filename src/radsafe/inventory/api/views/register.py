"""API of the movement register: movements, off-site filings, transfers and incidents. Rows come
from the same selectors as the pages (`for_user`), writes go through the same services."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from radsafe.core.api.viewsets import ScopedViewSetMixin, crud_capabilities, crud_schema
from radsafe.inventory.api.serializers.register import (
    IncidentCloseSerializer,
    IncidentSerializer,
    MovementCreateSerializer,
    MovementSerializer,
    OffsiteUseSerializer,
    TransferSerializer,
)
from radsafe.inventory.filtersets.register import (
    IncidentFilterSet,
    MovementFilterSet,
    OffsiteUseFilterSet,
    TransferFilterSet,
)
from radsafe.inventory.selectors import register as selectors


class ReadViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Events are never edited or deleted: a mistake is corrected by a further event."""


@extend_schema_view(
    list=extend_schema(summary="出入库记录列表"),
    retrieve=extend_schema(summary="出入库记录详情"),
)
class MovementViewSet(ReadViewSet):
    selector = staticmethod(selectors.movement_list)
    serializer_class = MovementSerializer
    filterset_class = MovementFilterSet
    ordering_fields = ["id", "occurred_at"]
    required_capabilities = {
        "list": "inventory.view",
        "retrieve": "inventory.view",
        "create": "movement.record",
    }

    @extend_schema(
        request=MovementCreateSerializer,
        responses={201: MovementSerializer},
        summary="登记出库、归还或状态变更",
        description=str(
            _(
                "kind=check_out 出库，须给出领用人 worker（本单位在岗的辐射工作人员；"
                "没有出库当日有效考核成绩报告单的会被拒绝，或按配置登记并在 warnings 中提示；"
                "已出库未归还、或状态不能出库（如废旧待送贮）的放射源会被拒绝）；"
                "kind=return 归还（须有未归还的出库记录）；"
                "kind=status_change 状态变更，标记丢失、被盗、失控时生成辐射事故。"
            )
        ),
    )
    def create(self, request, *args, **kwargs):
        serializer = MovementCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        movement = serializer.save()
        data = MovementSerializer(movement, context=self.get_serializer_context()).data
        # RADSAFE_CHECKOUT_UNQUALIFIED=warn: written, and the reason given (无证上岗).
        data["warnings"] = getattr(movement, "warnings", [])
        return Response(data, status=status.HTTP_201_CREATED)


@crud_schema("异地使用备案", create="新增异地使用备案")
class OffsiteUseViewSet(ReadViewSet, mixins.CreateModelMixin, mixins.UpdateModelMixin):
    selector = staticmethod(selectors.offsite_list)
    serializer_class = OffsiteUseSerializer
    filterset_class = OffsiteUseFilterSet
    ordering_fields = ["id", "starts_on", "ends_on", "filing_number"]
    required_capabilities = crud_capabilities(view="inventory.view", change="inventory.change")


@extend_schema_view(
    list=extend_schema(summary="转让记录列表"),
    retrieve=extend_schema(summary="转让记录详情"),
    create=extend_schema(summary="登记转让（两个单位的台账同时变更）"),
)
class TransferViewSet(ReadViewSet, mixins.CreateModelMixin):
    selector = staticmethod(selectors.transfer_list)
    serializer_class = TransferSerializer
    filterset_class = TransferFilterSet
    ordering_fields = ["id", "transferred_on"]
    required_capabilities = {
        "list": "inventory.view",
        "retrieve": "inventory.view",
        "create": "transfer.create",
    }


@extend_schema_view(
    list=extend_schema(summary="辐射事故列表"),
    retrieve=extend_schema(summary="辐射事故详情"),
)
class IncidentViewSet(ReadViewSet):
    selector = staticmethod(selectors.incident_list)
    serializer_class = IncidentSerializer
    filterset_class = IncidentFilterSet
    ordering_fields = ["id", "occurred_at", "grade"]
    required_capabilities = {
        "list": "incident.view",
        "retrieve": "incident.view",
        "close": "incident.close",
    }

    @extend_schema(
        request=IncidentCloseSerializer,
        responses={200: IncidentSerializer},
        summary="事故结案",
        description=str(_("仅分局和中队可结案；已结案的事故再次结案会被拒绝。")),
    )
    @action(detail=True, methods=["post"], url_path="close", url_name="close")
    def close(self, request, pk=None):
        incident = self.get_object()
        serializer = IncidentCloseSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        incident = serializer.save(incident=incident)
        return Response(IncidentSerializer(incident, context=self.get_serializer_context()).data)
