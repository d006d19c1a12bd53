"""What a unit holds: sealed sources, ray devices and the stores that keep sources.

Every row belongs to one unit and is scoped through it: the small tables join the unit
(`unit__scope_path`), the large ones carry a copy of its path (`CopiedScopeQuerySet`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from radsafe.core.scoping import CopiedScopeQuerySet, ScopePathField, UnitScopedQuerySet
from radsafe.inventory.choices import DeviceClass, DeviceStatus, SiteKind, SourceStatus
from radsafe.inventory.codes import validate_source_code
from radsafe.inventory.models.reference import Nuclide
from radsafe.registry.models import Unit


class StorageSite(models.Model):
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="storage_sites", verbose_name=_("单位")
    )
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=10, choices=SiteKind.choices)
    place = models.CharField(_("位置"), max_length=200)
    dual_lock = models.BooleanField(_("双人双锁"), default=False)
    video = models.BooleanField(_("视频监控"), default=False)
    alarm = models.BooleanField(_("入侵报警"), default=False)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["unit_id", "name"]
        verbose_name = _("贮存场所")
        verbose_name_plural = _("贮存场所")
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="inventory_site_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Source(models.Model):
    """A sealed source. `status`, `site` and `is_checked_out` are the projection of its movement
    register, written only by the movement services in the same transaction as the event."""

    code = models.CharField(
        _("放射源编码"), max_length=12, unique=True, validators=[validate_source_code]
    )
    nuclide = models.ForeignKey(
        Nuclide, models.PROTECT, related_name="sources", verbose_name=_("核素")
    )
    activity_bq = models.FloatField(_("出厂活度（Bq）"))
    reference_date = models.DateField(_("活度参考日期"))
    category_at_manufacture = models.PositiveSmallIntegerField(
        _("出厂类别"), null=True, blank=True, editable=False
    )
    use = models.CharField(_("用途"), max_length=100, blank=True)
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="sources", verbose_name=_("持有单位")
    )
    scope_path = ScopePathField(max_length=255, editable=False)  # = unit.scope_path
    site = models.ForeignKey(
        StorageSite,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="sources",
        verbose_name=_("贮存场所"),
    )
    work_place = models.CharField(_("使用场所"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=SourceStatus.choices)
    is_checked_out = models.BooleanField(_("已出库"), default=False, editable=False)
    manufacturer = models.CharField(_("生产厂家"), max_length=100, blank=True)
    model = models.CharField(_("型号"), max_length=50, blank=True)
    serial_number = models.CharField(_("出厂编号"), max_length=50, blank=True)
    manufactured_on = models.DateField(_("出厂日期"), null=True, blank=True)
    origin = models.CharField(_("来源"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CopiedScopeQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("放射源")
        verbose_name_plural = _("放射源")
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["scope_path", "code"], name="inventory_s_scope_p_code_idx"),
        ]

    def __str__(self) -> str:
        return self.code


class DeviceType(models.Model):
    """Reference list of ray-device types with their usual class (射线装置分类, 2017)."""

    name = models.CharField(_("名称"), max_length=60, unique=True)
    device_class = models.PositiveSmallIntegerField(_("类别"), choices=DeviceClass.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["device_class", "order", "id"]
        verbose_name = _("射线装置类型")
        verbose_name_plural = _("射线装置类型")

    def __str__(self) -> str:
        return self.name


class RayDevice(models.Model):
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="ray_devices", verbose_name=_("单位")
    )
    scope_path = ScopePathField(max_length=255, editable=False)  # = unit.scope_path
    name = models.CharField(_("装置名称"), max_length=100)
    device_type = models.ForeignKey(
        DeviceType, models.PROTECT, related_name="devices", verbose_name=_("类型")
    )
    device_class = models.PositiveSmallIntegerField(_("类别"), choices=DeviceClass.choices)
    model = models.CharField(_("型号"), max_length=50, blank=True)
    serial_number = models.CharField(_("出厂编号"), max_length=50, blank=True)
    rated_kv = models.FloatField(_("额定管电压（kV）"), null=True, blank=True)
    rated_ma = models.FloatField(_("额定管电流（mA）"), null=True, blank=True)
    energy_mev = models.FloatField(_("能量（MeV）"), null=True, blank=True)
    use = models.CharField(_("用途"), max_length=100, blank=True)
    location = models.CharField(_("场所"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=DeviceStatus.choices, default=DeviceStatus.IN_USE
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CopiedScopeQuerySet.as_manager()

    class Meta:
        ordering = ["scope_path", "unit_id", "name", "id"]  # the scope index gives it
        verbose_name = _("射线装置")
        verbose_name_plural = _("射线装置")
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["scope_path", "unit"], name="inventory_r_scope_p_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.model}".strip()
