"""API of the dose records: /api/doses/ lists, reads and creates through the pages' selector and
service (a record is corrected by the dosimetry service's next report, not edited here)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from radsafe.core.api.errors import service_errors
from radsafe.core.api.fields import ScopedPrimaryKeyRelatedField
from radsafe.core.api.viewsets import ScopedViewSetMixin

from .. import selectors_doses, services_doses
from ..filtersets import DoseFilterSet
from ..models import DoseRecord, Worker


class DoseRecordSerializer(serializers.ModelSerializer):
    worker = ScopedPrimaryKeyRelatedField(label=_("人员"), queryset=Worker.objects.all())
    worker_name = serializers.CharField(source="worker.name", read_only=True)

    class Meta:
        model = DoseRecord
        fields = [
            "id",
            "worker",
            "worker_name",
            "unit",
            "period_start",
            "period_end",
            "hp10_msv",
            "hp3_msv",
            "hp007_msv",
            "service",
        ]
        read_only_fields = ["unit"]

    def create(self, validated_data):
        with service_errors():
            return services_doses.dose_record_create(
                actor=self.context["request"].user, **validated_data
            )


@extend_schema_view(
    list=extend_schema(summary="个人剂量记录列表"),
    retrieve=extend_schema(summary="个人剂量记录详情"),
    create=extend_schema(summary="登记个人剂量记录（监测周期不超过 90 天）"),
)
class DoseRecordViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    selector = staticmethod(selectors_doses.dose_list)
    serializer_class = DoseRecordSerializer
    filterset_class = DoseFilterSet
    ordering_fields = ["id", "period_start", "period_end", "hp10_msv"]
    required_capabilities = {"list": "dose.view", "retrieve": "dose.view", "create": "dose.change"}
