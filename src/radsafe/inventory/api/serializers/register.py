"""Serializers of the register's API. They convert types and check scope; every rule lives in the
services they call, so the API answers with the same Chinese messages as the pages."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from radsafe.core.api.errors import service_errors
from radsafe.core.api.fields import ScopedPrimaryKeyRelatedField
from radsafe.core.api.serializers import VersionedSerializer
from radsafe.inventory.choices import MovementKind, SourceStatus
from radsafe.inventory.models import (
    Incident,
    Movement,
    OffsiteUse,
    RayDevice,
    Source,
    StorageSite,
    Transfer,
)
from radsafe.inventory.services.register import incidents, offsite, transfers
from radsafe.inventory.services.register import movements as register
from radsafe.personnel.models import Worker
from radsafe.registry.models import Unit


class MovementSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    source_code = serializers.CharField(source="source.code", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    site_name = serializers.CharField(source="site.name", read_only=True, default=None)
    unfiled_offsite = serializers.SerializerMethodField(
        help_text=_("异地出库且没有覆盖的异地使用备案")
    )

    class Meta:
        model = Movement
        fields = [
            "id",
            "unit",
            "unit_name",
            "source",
            "source_code",
            "kind",
            "kind_display",
            "occurred_at",
            "person",
            "worker",
            "purpose",
            "destination",
            "site",
            "site_name",
            "offsite",
            "offsite_use",
            "unfiled_offsite",
            "check_out",
            "to_status",
            "counterparty",
            "note",
        ]
        read_only_fields = fields

    def get_unfiled_offsite(self, movement: Movement) -> bool:
        return (
            movement.kind == MovementKind.CHECK_OUT
            and movement.offsite
            and movement.offsite_use_id is None
        )


WRITABLE_KINDS = [
    (MovementKind.CHECK_OUT.value, MovementKind.CHECK_OUT.label),
    (MovementKind.RETURN.value, MovementKind.RETURN.label),
    (MovementKind.STATUS_CHANGE.value, MovementKind.STATUS_CHANGE.label),
]


class MovementCreateSerializer(serializers.Serializer):
    """One request per event: a check-out, a return, or a status change (送贮 included; lost,
    stolen and out of control open an incident)."""

    kind = serializers.ChoiceField(label=_("类型"), choices=WRITABLE_KINDS)
    source = ScopedPrimaryKeyRelatedField(label=_("放射源"), queryset=Source.objects.all())
    occurred_at = serializers.DateTimeField(label=_("时间"))
    worker = ScopedPrimaryKeyRelatedField(
        label=_("领用人"),
        queryset=Worker.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("出库必填：本单位登记的辐射工作人员的编号（经办人即取其姓名）"),
    )
    person = serializers.CharField(
        label=_("经办人"),
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("归还和状态变更必填"),
    )
    purpose = serializers.CharField(
        label=_("用途/事由"), max_length=200, required=False, allow_blank=True, default=""
    )
    destination = serializers.CharField(
        label=_("去向"), max_length=200, required=False, allow_blank=True, default=""
    )
    offsite = serializers.BooleanField(label=_("异地使用"), required=False, default=False)
    site = ScopedPrimaryKeyRelatedField(
        label=_("归还至贮存场所"),
        queryset=StorageSite.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    to_status = serializers.ChoiceField(
        label=_("变更后状态"), choices=SourceStatus.choices, required=False
    )
    note = serializers.CharField(
        label=_("备注"), max_length=500, required=False, allow_blank=True, default=""
    )
    place = serializers.CharField(
        label=_("事故地点"), max_length=200, required=False, allow_blank=True, default=""
    )
    description = serializers.CharField(
        label=_("情况说明"), required=False, allow_blank=True, default=""
    )

    def validate(self, attrs):
        if attrs["kind"] == MovementKind.STATUS_CHANGE and not attrs.get("to_status"):
            raise serializers.ValidationError({"to_status": [_("变更状态时必须提供 to_status。")]})
        if attrs["kind"] == MovementKind.CHECK_OUT and attrs.get("worker") is None:
            raise serializers.ValidationError(
                {"worker": [_("出库须指定领用人（本单位登记的辐射工作人员）。")]}
            )
        return attrs

    def save(self) -> Movement:
        data = self.validated_data
        actor = self.context["request"].user
        common = {
            "actor": actor,
            "source": data["source"],
            "occurred_at": data["occurred_at"],
            "person": data["person"],
        }
        with service_errors():
            if data["kind"] == MovementKind.CHECK_OUT:
                return register.source_check_out(
                    **common,
                    worker=data["worker"],
                    purpose=data["purpose"],
                    destination=data["destination"],
                    offsite=data["offsite"],
                )
            if data["kind"] == MovementKind.RETURN:
                return register.source_return(**common, site=data["site"], note=data["note"])
            return register.source_change_status(
                **common,
                to_status=data["to_status"],
                note=data["note"],
                place=data["place"],
                description=data["description"],
            ).movement


class OffsiteUseSerializer(VersionedSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    source = ScopedPrimaryKeyRelatedField(
        label=_("放射源"), queryset=Source.objects.all(), required=False, allow_null=True
    )
    source_code = serializers.CharField(source="source.code", read_only=True, default=None)
    device = ScopedPrimaryKeyRelatedField(
        label=_("射线装置"), queryset=RayDevice.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = OffsiteUse
        fields = [
            "id",
            "unit",
            "unit_name",
            "source",
            "source_code",
            "device",
            "place",
            "starts_on",
            "ends_on",
            "authority",
            "filing_number",
            "version",
        ]
        read_only_fields = ["unit"]

    def create(self, validated_data):
        validated_data.pop("version", None)
        with service_errors():
            return offsite.offsite_create(actor=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        with service_errors():
            return offsite.offsite_update(
                actor=self.context["request"].user,
                filing=instance,
                expected_version=version,
                **validated_data,
            )


class TransferSerializer(serializers.ModelSerializer):
    source = ScopedPrimaryKeyRelatedField(label=_("放射源"), queryset=Source.objects.all())
    source_code = serializers.CharField(source="source.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    to_unit_name = serializers.CharField(source="to_unit.name", read_only=True)
    to_unit_credit_code = serializers.SlugRelatedField(
        label=_("转入单位统一社会信用代码"),
        slug_field="credit_code",
        queryset=Unit.objects.all(),
        write_only=True,
        error_messages={"does_not_exist": _("没有统一社会信用代码为 {value} 的已登记单位。")},
    )

    class Meta:
        model = Transfer
        fields = [
            "id",
            "source",
            "source_code",
            "unit",
            "unit_name",
            "to_unit",
            "to_unit_name",
            "to_unit_credit_code",
            "approval_number",
            "transferred_on",
            "created_at",
        ]
        read_only_fields = ["unit", "to_unit", "created_at"]

    def create(self, validated_data):
        with service_errors():
            return transfers.transfer_create(
                actor=self.context["request"].user,
                source=validated_data["source"],
                to_unit=validated_data["to_unit_credit_code"],
                approval_number=validated_data["approval_number"],
                transferred_on=validated_data["transferred_on"],
            )


class IncidentSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    grade_display = serializers.CharField(source="get_grade_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Incident
        fields = [
            "id",
            "unit",
            "unit_name",
            "source",
            "kind",
            "kind_display",
            "grade",
            "grade_display",
            "status",
            "status_display",
            "occurred_at",
            "place",
            "licence_number",
            "nuclide",
            "activity_bq",
            "activity_date",
            "source_code",
            "device_model",
            "device_serial",
            "description",
            "reported_at",
            "closed_at",
            "closing_note",
        ]
        read_only_fields = fields


class IncidentCloseSerializer(serializers.Serializer):
    closing_note = serializers.CharField(label=_("结案说明"))

    def save(self, *, incident: Incident) -> Incident:
        with service_errors():
            return incidents.incident_close(
                actor=self.context["request"].user,
                incident=incident,
                closing_note=self.validated_data["closing_note"],
            )
