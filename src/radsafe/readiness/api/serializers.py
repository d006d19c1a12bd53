"""Serializers of the readiness endpoints. They convert types and check scope; every rule beyond
that (dates, the repair after the report, the device's unit, versions) lives in the services, so
the API answers with the same Chinese messages as the pages.

Plans and drills show their stored document read-only (`document_name`, `document_sha256`, and
`document_url`, the scoped, audited download page). Uploading a document through the API is out
of scope: files come through the pages' multipart forms."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from radsafe.core.api.errors import service_errors
from radsafe.core.api.fields import ScopedPrimaryKeyRelatedField, refuse_owner_change
from radsafe.core.api.serializers import VersionedSerializer
from radsafe.inventory.models import RayDevice
from radsafe.readiness import services
from radsafe.readiness.models import Drill, EmergencyPlan, EquipmentFault, Instrument
from radsafe.readiness.selectors import fault_sick, instrument_overdue
from radsafe.registry.models import Unit

UNIT_FIXED = _("所属单位不能修改。")


class UnitRowSerializer(VersionedSerializer):
    """Create through `create_service`, versioned edit through `update_service`; the unit is
    chosen once, among the user's."""

    unit = ScopedPrimaryKeyRelatedField(label=_("单位"), queryset=Unit.objects.all())
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    allowed: list[str] = []
    create_service = None
    update_service = None
    row_keyword = ""

    def validate(self, attrs):
        return refuse_owner_change(self.instance, super().validate(attrs), "unit", UNIT_FIXED)

    def create(self, validated_data):
        validated_data.pop("version", None)
        data = {k: v for k, v in validated_data.items() if k in self.allowed}
        with service_errors():
            return type(self).create_service(
                actor=self.context["request"].user, unit=validated_data["unit"], **data
            )

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        data = {k: v for k, v in validated_data.items() if k in self.allowed}
        with service_errors():
            return type(self).update_service(
                **{self.row_keyword: instance},
                actor=self.context["request"].user,
                expected_version=version,
                **data,
            )


class DocumentFieldsMixin(serializers.Serializer):
    """The stored document, read-only; `download_url_name` is the page that serves it."""

    document_name = serializers.CharField(
        read_only=True, help_text=_("上传时的文件名；无文件时为空。")
    )
    document_sha256 = serializers.CharField(read_only=True, help_text=_("文件的 SHA-256。"))
    document_url = serializers.SerializerMethodField(
        help_text=_("下载地址（按数据范围校验并记入审计日志）。")
    )

    download_url_name = ""
    DOCUMENT_FIELDS = ["document_name", "document_sha256", "document_url"]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_document_url(self, row) -> str | None:
        if not row.document_path:
            return None
        path = reverse(self.download_url_name, args=[row.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class PlanSerializer(DocumentFieldsMixin, UnitRowSerializer):
    download_url_name = "readiness:plan-document"
    allowed = services.PLAN_FIELDS
    create_service = staticmethod(services.plan_create)
    update_service = staticmethod(services.plan_update)
    row_keyword = "plan"

    class Meta:
        model = EmergencyPlan
        fields = [
            "id",
            "unit",
            "unit_name",
            *services.PLAN_FIELDS,
            *DocumentFieldsMixin.DOCUMENT_FIELDS,
            "version",
        ]


class DrillSerializer(DocumentFieldsMixin, UnitRowSerializer):
    download_url_name = "readiness:drill-evidence"
    allowed = services.DRILL_FIELDS
    create_service = staticmethod(services.drill_create)
    update_service = staticmethod(services.drill_update)
    row_keyword = "drill"

    class Meta:
        model = Drill
        fields = [
            "id",
            "unit",
            "unit_name",
            *services.DRILL_FIELDS,
            *DocumentFieldsMixin.DOCUMENT_FIELDS,
            "version",
        ]


class InstrumentSerializer(UnitRowSerializer):
    overdue = serializers.SerializerMethodField(help_text=_("在用且检定/校准已过期或从未校准。"))
    allowed = services.INSTRUMENT_FIELDS
    create_service = staticmethod(services.instrument_create)
    update_service = staticmethod(services.instrument_update)
    row_keyword = "instrument"

    class Meta:
        model = Instrument
        fields = [
            "id",
            "unit",
            "unit_name",
            *services.INSTRUMENT_FIELDS,
            "calibration_due",
            "overdue",
            "version",
        ]

    def get_overdue(self, instrument: Instrument) -> bool:
        return instrument_overdue(instrument, timezone.localdate())


class FaultSerializer(UnitRowSerializer):
    device = ScopedPrimaryKeyRelatedField(
        label=_("射线装置"), queryset=RayDevice.objects.all(), required=False, allow_null=True
    )
    instrument = ScopedPrimaryKeyRelatedField(
        label=_("监测仪器"), queryset=Instrument.objects.all(), required=False, allow_null=True
    )
    sick = serializers.SerializerMethodField(help_text=_("带病运行：未修复、继续使用且超过期限。"))
    allowed = services.FAULT_FIELDS
    create_service = staticmethod(services.fault_create)
    update_service = staticmethod(services.fault_update)
    row_keyword = "fault"

    class Meta:
        model = EquipmentFault
        fields = ["id", "unit", "unit_name", *services.FAULT_FIELDS, "sick", "version"]

    def get_sick(self, fault: EquipmentFault) -> bool:
        return fault_sick(fault, timezone.localdate())
