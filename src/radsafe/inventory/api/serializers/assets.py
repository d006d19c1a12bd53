"""Serializers of the asset endpoints. They convert and check types and scope; every rule beyond
that (the code, the activity, the dates, the site's unit, versions) lives in the services, so the
API answers with the same Chinese messages as the pages."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from radsafe.core.api.errors import service_errors
from radsafe.core.api.fields import ScopedPrimaryKeyRelatedField, refuse_owner_change
from radsafe.core.api.serializers import VersionedSerializer
from radsafe.inventory import workflows
from radsafe.inventory.choices import HELD_STATUSES, DeviceClass, DeviceStatus, SourceStatus
from radsafe.inventory.models import DeviceType, Nuclide, RayDevice, Source, StorageSite
from radsafe.inventory.selectors.assets import SourceState, site_contents, source_state
from radsafe.inventory.services import assets as services
from radsafe.inventory.services.reference import NUCLIDE_FIELDS, nuclide_update
from radsafe.registry.models import Unit

REGISTER_ONLY = _("状态和位置只能通过出入库登记变更。")
UNIT_FIXED = _("所属单位不能修改（放射源请办理转让）。")


def _user(serializer):
    return serializer.context["request"].user


def _unit_unchanged(instance, attrs):
    return refuse_owner_change(instance, attrs, "unit", UNIT_FIXED)


class NuclideSerializer(VersionedSerializer):
    half_life_days = serializers.FloatField(read_only=True)

    class Meta:
        model = Nuclide
        fields = [
            "id",
            "symbol",
            "name_zh",
            "decay_symbol",
            "code",
            "half_life_s",
            "half_life_days",
            "d_value_tbq",
            "exemption_bq",
            "verified",
            "version",
        ]
        read_only_fields = ["symbol", "decay_symbol", "half_life_s"]
        extra_kwargs = {"code": {"validators": []}}

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        data = {k: v for k, v in validated_data.items() if k in NUCLIDE_FIELDS}
        with service_errors():
            return nuclide_update(
                nuclide=instance, actor=_user(self), expected_version=version, **data
            )


class SourceSerializer(VersionedSerializer):
    """`current_*`, `ratio` and `below_exemption` are for today, or for the day of ?at=."""

    nuclide = serializers.SlugRelatedField(
        label=_("核素"),
        slug_field="symbol",
        queryset=Nuclide.objects.all(),
        error_messages={"does_not_exist": _("核素“{value}”不存在，请从核素表中选择。")},
        help_text=_("核素符号，如 Co-60、Cs-137。"),
    )
    nuclide_name = serializers.CharField(source="nuclide.name_zh", read_only=True)
    unit = ScopedPrimaryKeyRelatedField(label=_("持有单位"), queryset=Unit.objects.all())
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    site = ScopedPrimaryKeyRelatedField(
        label=_("贮存场所"), queryset=StorageSite.objects.all(), required=False, allow_null=True
    )
    status = serializers.ChoiceField(
        label=_("状态"),
        choices=SourceStatus.choices,
        required=False,
        help_text=_("仅登记时可填（在用、贮存、闲置、废旧待送贮）；之后由出入库登记产生。"),
    )
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    arrived_at = serializers.DateTimeField(
        label=_("入库时间"), write_only=True, required=False, allow_null=True
    )
    person = serializers.CharField(
        label=_("经办人"), write_only=True, required=False, allow_blank=True, max_length=100
    )
    state_date = serializers.SerializerMethodField()
    current_activity_bq = serializers.SerializerMethodField()
    current_category = serializers.SerializerMethodField()
    ratio = serializers.SerializerMethodField()
    below_exemption = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField(
        help_text=_(
            "当前用户现在可办理的出入库登记：check_out 出库、return 归还、"
            "change_status 状态变更、transfer 转让（与放射源页面的按钮一致）"
        )
    )
    status_targets = serializers.SerializerMethodField(
        help_text=_("当前用户现在可将该放射源变更为的状态")
    )

    class Meta:
        model = Source
        fields = [
            "id",
            "code",
            "nuclide",
            "nuclide_name",
            "activity_bq",
            "reference_date",
            "category_at_manufacture",
            "state_date",
            "current_activity_bq",
            "current_category",
            "ratio",
            "below_exemption",
            "unit",
            "unit_name",
            "site",
            "work_place",
            "status",
            "status_display",
            "is_checked_out",
            "use",
            "manufacturer",
            "model",
            "serial_number",
            "manufactured_on",
            "origin",
            "arrived_at",
            "person",
            "allowed_actions",
            "status_targets",
            "version",
        ]
        read_only_fields = ["category_at_manufacture", "is_checked_out"]
        extra_kwargs = {"code": {"validators": []}}

    def _state(self, source: Source) -> SourceState:
        at = self.context.get("at") or timezone.localdate()
        cached = getattr(source, "_api_state", None)
        if cached is None or cached.at != at:
            cached = source._api_state = source_state(source, at)
        return cached

    def get_state_date(self, source: Source) -> datetime.date:
        return self._state(source).at

    def get_current_activity_bq(self, source: Source) -> float:
        return self._state(source).activity_bq

    @extend_schema_field(serializers.IntegerField(min_value=1, max_value=5))
    def get_current_category(self, source: Source) -> int:
        return self._state(source).category

    def get_ratio(self, source: Source) -> float:
        return self._state(source).ratio

    def get_below_exemption(self, source: Source) -> bool:
        return self._state(source).below_exemption

    @extend_schema_field(serializers.DictField(child=serializers.BooleanField()))
    def get_allowed_actions(self, source: Source) -> dict[str, bool]:
        return workflows.source_actions(source, _user(self))

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(SourceStatus.choices)))
    def get_status_targets(self, source: Source) -> list[str]:
        return [str(status) for status in workflows.allowed_status_targets(source, _user(self))]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is None:
            return attrs
        errors = {}
        for name in ("site", "status", "arrived_at", "person"):
            if name in attrs and attrs[name] != getattr(self.instance, name, None):
                errors[name] = [REGISTER_ONLY]
        if "unit" in attrs and attrs["unit"].pk != self.instance.unit_id:
            errors["unit"] = [UNIT_FIXED]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def create(self, validated_data):
        validated_data.pop("version", None)
        validated_data.setdefault("status", SourceStatus.STORED)
        if validated_data["status"] not in HELD_STATUSES:
            raise serializers.ValidationError(
                {"status": [_("新登记的放射源状态只能是在用、贮存、闲置或废旧待送贮。")]}
            )
        with service_errors():
            return services.source_create(actor=_user(self), **validated_data)

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        data = {k: v for k, v in validated_data.items() if k in services.SOURCE_FIELDS}
        with service_errors():
            return services.source_update(
                source=instance, actor=_user(self), expected_version=version, **data
            )


class DeviceSerializer(VersionedSerializer):
    unit = ScopedPrimaryKeyRelatedField(label=_("单位"), queryset=Unit.objects.all())
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    device_type = serializers.PrimaryKeyRelatedField(
        label=_("类型"),
        queryset=DeviceType.objects.all(),
        error_messages={"does_not_exist": _("射线装置类型不存在。")},
    )
    device_type_name = serializers.CharField(source="device_type.name", read_only=True)
    device_class = serializers.ChoiceField(
        label=_("类别"),
        choices=DeviceClass.choices,
        required=False,
        allow_null=True,
        help_text=_("留空取该类型的常规类别。"),
    )
    status = serializers.ChoiceField(
        label=_("状态"), choices=DeviceStatus.choices, default=DeviceStatus.IN_USE
    )
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = RayDevice
        fields = [
            "id",
            "unit",
            "unit_name",
            "name",
            "device_type",
            "device_type_name",
            "device_class",
            "model",
            "serial_number",
            "rated_kv",
            "rated_ma",
            "energy_mev",
            "use",
            "location",
            "status",
            "status_display",
            "version",
        ]

    def validate(self, attrs):
        return _unit_unchanged(self.instance, super().validate(attrs))

    def create(self, validated_data):
        validated_data.pop("version", None)
        with service_errors():
            return services.device_create(actor=_user(self), **validated_data)

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        data = {k: v for k, v in validated_data.items() if k in services.DEVICE_FIELDS}
        if "device_class" in data and data["device_class"] is None:
            device_type = data.get("device_type") or instance.device_type
            data["device_class"] = device_type.device_class
        with service_errors():
            return services.device_update(
                device=instance, actor=_user(self), expected_version=version, **data
            )


class StorageSiteSerializer(VersionedSerializer):
    unit = ScopedPrimaryKeyRelatedField(label=_("单位"), queryset=Unit.objects.all())
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    source_count = serializers.SerializerMethodField()

    class Meta:
        model = StorageSite
        fields = [
            "id",
            "unit",
            "unit_name",
            "name",
            "kind",
            "place",
            "dual_lock",
            "video",
            "alarm",
            "note",
            "source_count",
            "version",
        ]
        validators = []  # the service checks the unit's site names, in Chinese

    def get_source_count(self, site: StorageSite) -> int:
        """Sources the register puts in the site now (annotated by the list's selector)."""
        return getattr(site, "source_count", 0)

    def validate(self, attrs):
        return _unit_unchanged(self.instance, super().validate(attrs))

    def create(self, validated_data):
        validated_data.pop("version", None)
        with service_errors():
            return services.site_create(actor=_user(self), **validated_data)

    def update(self, instance, validated_data):
        version = validated_data.pop("version")
        data = {k: v for k, v in validated_data.items() if k in services.SITE_FIELDS}
        with service_errors():
            return services.site_update(
                site=instance, actor=_user(self), expected_version=version, **data
            )


class SiteSourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    nuclide = serializers.CharField()
    current_activity_bq = serializers.FloatField()
    current_category = serializers.IntegerField(min_value=1, max_value=5)
    ratio = serializers.FloatField()


class StorageSiteDetailSerializer(StorageSiteSerializer):
    """The site with its contents per the register, their ΣA/D and the aggregate category."""

    state_date = serializers.SerializerMethodField()
    ratio_sum = serializers.SerializerMethodField()
    aggregate_category = serializers.SerializerMethodField()
    sources = serializers.SerializerMethodField()

    class Meta(StorageSiteSerializer.Meta):
        fields = [
            *StorageSiteSerializer.Meta.fields,
            "state_date",
            "ratio_sum",
            "aggregate_category",
            "sources",
        ]

    def _contents(self, site: StorageSite):
        at = self.context.get("at") or timezone.localdate()
        cached = getattr(site, "_api_contents", None)
        if cached is None or cached.at != at:
            cached = site._api_contents = site_contents(site, at)
        return cached

    def get_source_count(self, site: StorageSite) -> int:
        return len(self._contents(site).sources)

    def get_state_date(self, site: StorageSite) -> datetime.date:
        return self._contents(site).at

    def get_ratio_sum(self, site: StorageSite) -> float:
        return self._contents(site).ratio_sum

    @extend_schema_field(serializers.IntegerField(min_value=1, max_value=5, allow_null=True))
    def get_aggregate_category(self, site: StorageSite) -> int | None:
        return self._contents(site).category

    @extend_schema_field(SiteSourceSerializer(many=True))
    def get_sources(self, site: StorageSite) -> list[dict]:
        return [
            {
                "id": item.source.pk,
                "code": item.source.code,
                "nuclide": item.source.nuclide.symbol,
                "current_activity_bq": item.state.activity_bq,
                "current_category": item.state.category,
                "ratio": item.state.ratio,
            }
            for item in self._contents(site).sources
        ]
