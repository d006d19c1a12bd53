"""Serializers of /api/workers/ and /api/trainings/. A worker's ID number is write-only: answers
carry `id_number_masked` alone, so no API response ever holds a clear number. Rules live in the
services, so the API answers with the pages' Chinese messages."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from radsafe.core.api.errors import service_errors
from radsafe.core.api.fields import ScopedPrimaryKeyRelatedField, refuse_owner_change
from radsafe.core.api.serializers import VersionedSerializer
from radsafe.inventory.models import RayDevice, Source
from radsafe.personnel.models import TrainingResult, Worker
from radsafe.personnel.services import workers as services
from radsafe.registry.models import Unit

UNIT_FIXED = _("所属单位不能修改。")
WORKER_FIXED = _("报告单所属人员不能修改。")


def _user(serializer):
    return serializer.context["request"].user


class WorkerSerializer(VersionedSerializer):
    unit = ScopedPrimaryKeyRelatedField(label=_("单位"), queryset=Unit.objects.all())
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    id_number = serializers.CharField(
        label=_("身份证号码"),
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=18,
        help_text=_("登记时必填；修改时留空则不变。只写，不会在响应中返回。"),
    )
    id_number_masked = serializers.CharField(read_only=True)
    sources = ScopedPrimaryKeyRelatedField(
        label=_("操作的放射源"), many=True, required=False, queryset=Source.objects.all()
    )
    devices = ScopedPrimaryKeyRelatedField(
        label=_("操作的射线装置"), many=True, required=False, queryset=RayDevice.objects.all()
    )

    class Meta:
        model = Worker
        fields = [
            "id",
            "unit",
            "unit_name",
            "name",
            "id_number",
            "id_number_masked",
            "sex",
            "post",
            "work_type",
            "sources",
            "devices",
            "employed_on",
            "left_on",
            "version",
        ]

    def validate(self, attrs):
        return refuse_owner_change(self.instance, super().validate(attrs), "unit", UNIT_FIXED)

    def create(self, validated_data):
        validated_data.pop("version", None)
        with service_errors():
            return services.worker_create(actor=_user(self), **validated_data)

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        validated_data.pop("unit", None)
        with service_errors():
            return services.worker_update(
                worker=instance, actor=_user(self), expected_version=version, **validated_data
            )


class TrainingSerializer(VersionedSerializer):
    worker = ScopedPrimaryKeyRelatedField(label=_("人员"), queryset=Worker.objects.all())
    worker_name = serializers.CharField(source="worker.name", read_only=True)

    class Meta:
        model = TrainingResult
        fields = [
            "id",
            "worker",
            "worker_name",
            "number",
            "category",
            "passed_on",
            "valid_until",
            "version",
        ]
        read_only_fields = ["valid_until"]

    def validate(self, attrs):
        return refuse_owner_change(self.instance, super().validate(attrs), "worker", WORKER_FIXED)

    def create(self, validated_data):
        validated_data.pop("version", None)
        with service_errors():
            return services.training_create(actor=_user(self), **validated_data)

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        validated_data.pop("worker", None)
        with service_errors():
            return services.training_update(
                result=instance, actor=_user(self), expected_version=version, **validated_data
            )
