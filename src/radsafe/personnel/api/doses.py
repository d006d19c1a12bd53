"""API of the dose records: /api/doses/ lists, reads, creates and corrects (PUT/PATCH with the
`version` read, the optimistic lock) through the pages' selector and services. A record stays
with its worker; nothing is deleted."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from radsafe.core.api.errors import service_errors
from radsafe.core.api.fields import ScopedPrimaryKeyRelatedField, refuse_owner_change
from radsafe.core.api.serializers import VersionedSerializer
from radsafe.core.api.viewsets import WriteViewSet, crud_capabilities, crud_schema
from radsafe.personnel.filtersets import DoseFilterSet
from radsafe.personnel.models import DoseRecord, Worker
from radsafe.personnel.selectors import doses as selectors_doses
from radsafe.personnel.services import doses as services_doses

WORKER_FIXED = _("剂量记录所属人员不能修改。")


class DoseRecordSerializer(VersionedSerializer):
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
            "version",
        ]
        read_only_fields = ["unit"]

    def validate(self, attrs):
        return refuse_owner_change(self.instance, super().validate(attrs), "worker", WORKER_FIXED)

    def create(self, validated_data):
        validated_data.pop("version", None)
        with service_errors():
            return services_doses.dose_record_create(
                actor=self.context["request"].user, **validated_data
            )

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        validated_data.pop("worker", None)
        with service_errors():
            return services_doses.dose_record_update(
                actor=self.context["request"].user,
                record=instance,
                expected_version=version,
                **validated_data,
            )


@crud_schema("个人剂量记录", create="登记个人剂量记录（监测周期不超过 90 天）")
class DoseRecordViewSet(WriteViewSet):
    selector = staticmethod(selectors_doses.dose_list)
    serializer_class = DoseRecordSerializer
    filterset_class = DoseFilterSet
    ordering_fields = ["id", "period_start", "period_end", "hp10_msv"]
    required_capabilities = crud_capabilities(view="dose.view", change="dose.change")
