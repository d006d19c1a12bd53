"""Serializers convert and check types and scope; every rule beyond that lives in the services,
which these call (design.md rule 1). Uniqueness and the credit-code check are left to the services
too, so the API answers with the same Chinese messages as the pages."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from radsafe.core.api.errors import service_errors
from radsafe.core.api.fields import ScopedJurisdictionField, ScopedPrimaryKeyRelatedField
from radsafe.core.api.serializers import VersionedSerializer
from radsafe.registry import services, workflows
from radsafe.registry.choices import UnitStatus
from radsafe.registry.models import Industry, Licence, Unit
from radsafe.registry.selectors import unit_risk_flags


class RiskFlagSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class UnitSerializer(VersionedSerializer):
    industries = serializers.SlugRelatedField(
        label=_("行业"),
        many=True,
        slug_field="code",
        queryset=Industry.objects.all(),
        error_messages={"does_not_exist": _("行业代码“{value}”不存在。")},
        help_text=_("行业代码列表"),
    )
    jurisdiction = ScopedJurisdictionField(label=_("属地分局"))
    jurisdiction_name = serializers.CharField(source="jurisdiction.name", read_only=True)
    squad = ScopedJurisdictionField(label=_("责任中队"), required=False, allow_null=True)
    squad_name = serializers.CharField(source="squad.name", read_only=True, default=None)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    risk_flags = serializers.SerializerMethodField()
    status_targets = serializers.SerializerMethodField(
        help_text=_("当前用户可将该单位变更为的经营状态")
    )

    class Meta:
        model = Unit
        fields = [
            "id",
            "name",
            "credit_code",
            "address",
            "industries",
            "legal_representative",
            "contact_person",
            "contact_phone",
            "jurisdiction",
            "jurisdiction_name",
            "squad",
            "squad_name",
            "status",
            "status_display",
            "status_since",
            "licence_expires_on",
            "risk_flags",
            "status_targets",
            "version",
        ]
        read_only_fields = ["status", "status_since", "licence_expires_on"]
        extra_kwargs = {"credit_code": {"validators": []}}

    @extend_schema_field(RiskFlagSerializer(many=True))
    def get_risk_flags(self, unit: Unit) -> list[dict[str, str]]:
        return [{"code": f.code, "label": str(f.label)} for f in unit_risk_flags(unit)]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(UnitStatus.choices)))
    def get_status_targets(self, unit: Unit) -> list[str]:
        request = self.context.get("request")
        user = request.user if request is not None else None
        if user is None:
            return []
        return [str(status) for status in workflows.allowed_status_targets(unit, user)]

    def create(self, validated_data):
        validated_data.pop("version", None)
        with service_errors():
            return services.unit_create(actor=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        with service_errors():
            return services.unit_update(
                unit=instance,
                actor=self.context["request"].user,
                expected_version=version,
                **validated_data,
            )


class UnitStatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(label=_("新状态"), choices=UnitStatus.choices)
    changed_on = serializers.DateField(label=_("变更日期"))
    reason = serializers.CharField(
        label=_("说明"), max_length=500, required=False, allow_blank=True, default=""
    )

    def save(self, *, unit: Unit):
        with service_errors():
            return services.unit_change_status(
                unit=unit, actor=self.context["request"].user, **self.validated_data
            )


class LicenceSerializer(VersionedSerializer):
    unit = ScopedPrimaryKeyRelatedField(label=_("单位"), queryset=Unit.objects.all())
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    authority_level_display = serializers.CharField(
        source="get_authority_level_display", read_only=True
    )

    class Meta:
        model = Licence
        fields = [
            "id",
            "unit",
            "unit_name",
            "number",
            "authority",
            "authority_level",
            "authority_level_display",
            "scope",
            "issued_on",
            "expires_on",
            "version",
        ]
        extra_kwargs = {"number": {"validators": []}}

    def validate(self, attrs):
        attrs = super().validate(attrs)
        unit = attrs.get("unit")
        if self.instance is not None and unit is not None and unit.pk != self.instance.unit_id:
            raise serializers.ValidationError({"unit": [_("许可证所属单位不能修改。")]})
        return attrs

    def create(self, validated_data):
        validated_data.pop("version", None)
        with service_errors():
            return services.licence_create(actor=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        validated_data.pop("unit", None)
        with service_errors():
            return services.licence_update(
                licence=instance,
                actor=self.context["request"].user,
                expected_version=version,
                **validated_data,
            )
