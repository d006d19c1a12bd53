"""What happens to a unit's holdings: the movement register (出入库记录), physical counts,
off-site use filings (异地使用备案), transfers (转让) and incidents."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from radsafe.core.scoping import UnitScopedQuerySet
from radsafe.inventory.choices import (
    IncidentGrade,
    IncidentKind,
    IncidentStatus,
    MovementKind,
    SourceStatus,
)
from radsafe.inventory.models.assets import RayDevice, Source, StorageSite
from radsafe.registry.models import Unit


class OffsiteUse(models.Model):
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="offsite_uses", verbose_name=_("单位")
    )
    source = models.ForeignKey(
        Source,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="offsite_uses",
        verbose_name=_("放射源"),
    )
    device = models.ForeignKey(
        RayDevice,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="offsite_uses",
        verbose_name=_("射线装置"),
    )
    place = models.CharField(_("使用地点"), max_length=200)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    authority = models.CharField(_("备案机关"), max_length=100)
    filing_number = models.CharField(_("备案编号"), max_length=60)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("异地使用备案")
        verbose_name_plural = _("异地使用备案")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source__isnull=False) | models.Q(device__isnull=False),
                name="inventory_offsite_names_source_or_device",
            )
        ]

    def __str__(self) -> str:
        return f"{self.filing_number} {self.place}"


class Movement(models.Model):
    """One dated event of a source's register. Events are never edited or deleted; a mistake is
    corrected by a further event. `check_out` links a return to the check-out it closes.

    A check-out names its 领用人 by `worker` (a registered radiation worker of the unit) and
    keeps the name in `person` too, for the printed register; rows older than the link, and rows
    imported by name, have the name only."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="movements", verbose_name=_("单位"))
    source = models.ForeignKey(
        Source, models.PROTECT, related_name="movements", verbose_name=_("放射源")
    )
    kind = models.CharField(_("类型"), max_length=20, choices=MovementKind.choices)
    occurred_at = models.DateTimeField(_("时间"), db_index=True)
    person = models.CharField(_("经办人"), max_length=100)
    worker = models.ForeignKey(
        "personnel.Worker",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="movements",
        verbose_name=_("领用人"),
    )
    purpose = models.CharField(_("用途/事由"), max_length=200, blank=True)
    destination = models.CharField(_("去向"), max_length=200, blank=True)
    site = models.ForeignKey(
        StorageSite,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="movements",
        verbose_name=_("贮存场所"),
    )
    offsite = models.BooleanField(_("异地使用"), default=False)
    offsite_use = models.ForeignKey(
        OffsiteUse,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="movements",
        verbose_name=_("异地使用备案"),
    )
    check_out = models.OneToOneField(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="returned_by",
        verbose_name=_("对应出库"),
    )
    to_status = models.CharField(
        _("变更后状态"), max_length=20, choices=SourceStatus.choices, blank=True
    )
    counterparty = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("对方单位")
    )
    note = models.CharField(_("备注"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("出入库记录")
        verbose_name_plural = _("出入库记录")
        indexes = [models.Index(fields=["source", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.source_id}"


class PhysicalCount(models.Model):
    """A count of what was physically found at a site; reconciliation compares it with what the
    register says was there at that moment."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="physical_counts")
    site = models.ForeignKey(
        StorageSite, models.PROTECT, related_name="counts", verbose_name=_("贮存场所")
    )
    counted_at = models.DateTimeField(_("盘点时间"))
    counted_by = models.CharField(_("盘点人"), max_length=100)
    sources_found = models.ManyToManyField(
        Source, blank=True, related_name="+", verbose_name=_("实存放射源")
    )
    note = models.CharField(_("备注"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-counted_at", "-id"]
        verbose_name = _("实物盘点")
        verbose_name_plural = _("实物盘点")

    def __str__(self) -> str:
        return f"{self.site_id} @ {self.counted_at:%Y-%m-%d}"


class TransferQuerySet(models.QuerySet):
    """Both parties see a transfer: it is in scope when either unit is (fail closed, because
    `Unit.objects.for_user` is)."""

    def for_user(self, user):
        units = Unit.objects.for_user(user).values("pk")
        return self.filter(models.Q(unit__in=units) | models.Q(to_unit__in=units))


class Transfer(models.Model):
    source = models.ForeignKey(
        Source, models.PROTECT, related_name="transfers", verbose_name=_("放射源")
    )
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="transfers_out", verbose_name=_("转出单位")
    )
    to_unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="transfers_in", verbose_name=_("转入单位")
    )
    approval_number = models.CharField(_("审批文号"), max_length=60)
    transferred_on = models.DateField(_("转让日期"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TransferQuerySet.as_manager()

    class Meta:
        ordering = ["-transferred_on", "-id"]
        verbose_name = _("转让")
        verbose_name_plural = _("转让")

    def __str__(self) -> str:
        return f"{self.approval_number}"


class Incident(models.Model):
    """An incident with the first-report fields (domain.md "Incidents"), copied at the time of the
    report so the report stays what was reported."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="incidents", verbose_name=_("单位"))
    source = models.ForeignKey(
        Source,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("放射源"),
    )
    kind = models.CharField(_("事故类型"), max_length=20, choices=IncidentKind.choices)
    grade = models.PositiveSmallIntegerField(_("事故等级"), choices=IncidentGrade.choices)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=IncidentStatus.choices,
        default=IncidentStatus.OPEN,
        db_index=True,
    )
    occurred_at = models.DateTimeField(_("发生时间"))
    place = models.CharField(_("地点"), max_length=200)
    licence_number = models.CharField(_("许可证编号"), max_length=50, blank=True)
    nuclide = models.CharField(_("核素"), max_length=20, blank=True)
    activity_bq = models.FloatField(_("活度（Bq）"), null=True, blank=True)
    activity_date = models.DateField(_("活度日期"), null=True, blank=True)
    source_code = models.CharField(_("放射源编码"), max_length=12, blank=True)
    device_model = models.CharField(_("设备型号"), max_length=50, blank=True)
    device_serial = models.CharField(_("设备编号"), max_length=50, blank=True)
    description = models.TextField(_("情况说明"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(_("报告时间"), auto_now_add=True)
    closed_at = models.DateTimeField(_("结案时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    closing_note = models.TextField(_("结案说明"), blank=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("辐射事故")
        verbose_name_plural = _("辐射事故")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.source_code} {self.occurred_at:%Y-%m-%d}"
