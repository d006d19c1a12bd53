"""Emergency readiness (plan, supplies, drills) and monitoring equipment (instruments and faults)
of a unit (issue 4 §4–§5). Every row belongs to one unit and is scoped through it: these tables
are small (a handful of rows per unit), so the join to the unit is cheap."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from radsafe.core.files import StoredDocument
from radsafe.core.scoping import UnitScopedQuerySet
from radsafe.inventory.models import RayDevice
from radsafe.readiness.choices import DrillKind, InstrumentKind
from radsafe.registry.models import Unit


class UnitRow(models.Model):
    """What every readiness row has: its unit, the optimistic-lock version, its timestamps."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("单位"))
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class DocumentRow(UnitRow):
    """A row with one optional stored document (design.md rule 7): where it is in the storage
    (a generated name), the person's file name, its SHA-256 and size. Written only by the
    services through `attach`; replacing it keeps the old file, whose name and hash stay in the
    audit log."""

    document_path = models.CharField(_("存储名"), max_length=255, blank=True, editable=False)
    document_name = models.CharField(_("文件名"), max_length=200, blank=True, editable=False)
    document_sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)
    document_size = models.PositiveBigIntegerField(
        _("文件大小（字节）"), null=True, blank=True, editable=False
    )

    DOCUMENT_FIELDS = ["document_path", "document_name", "document_sha256", "document_size"]

    class Meta:
        abstract = True

    @property
    def document(self) -> StoredDocument | None:
        if not self.document_path:
            return None
        return StoredDocument(
            name=self.document_path,
            sha256=self.document_sha256,
            original_name=self.document_name,
            size=self.document_size or 0,
        )

    def attach(self, stored: StoredDocument) -> None:
        self.document_path = stored.name
        self.document_name = stored.original_name
        self.document_sha256 = stored.sha256
        self.document_size = stored.size


class EmergencyPlan(DocumentRow):
    title = models.CharField(_("预案名称"), max_length=200)
    edition = models.CharField(_("版本"), max_length=30)
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    issued_on = models.DateField(_("发布日期"))

    class Meta:
        ordering = ["unit_id", "-issued_on", "-id"]
        verbose_name = _("应急预案")
        verbose_name_plural = _("应急预案")

    def __str__(self) -> str:
        return f"{self.title}（{self.edition}）"


class EmergencySupply(UnitRow):
    item = models.CharField(_("物资名称"), max_length=100)
    quantity = models.PositiveIntegerField(_("数量"))
    last_checked_on = models.DateField(_("最近检查日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        ordering = ["unit_id", "item", "id"]
        verbose_name = _("应急物资")
        verbose_name_plural = _("应急物资")

    def __str__(self) -> str:
        return self.item


class Drill(DocumentRow):
    """`evidence` describes the evidence; the stored document, if any, is the file itself
    (photos, the sign-in sheet, the summary)."""

    held_on = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=10, choices=DrillKind.choices)
    scenario = models.CharField(_("科目/场景"), max_length=200)
    participant_count = models.PositiveIntegerField(_("参加人数"))
    participants = models.TextField(_("参加人员"), blank=True)
    evidence = models.TextField(_("佐证材料"), blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("应急演练/培训")
        verbose_name_plural = _("应急演练/培训")
        indexes = [models.Index(fields=["unit", "kind", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on} {self.scenario}"


class Instrument(UnitRow):
    kind = models.CharField(_("类型"), max_length=10, choices=InstrumentKind.choices)
    model = models.CharField(_("型号"), max_length=50)
    serial_number = models.CharField(_("出厂编号"), max_length=50, blank=True)
    calibrated_on = models.DateField(_("最近检定/校准日期"), null=True, blank=True)
    # = deadlines.calibration_due(calibrated_on), written by the services only.
    calibration_due = models.DateField(_("检定/校准有效期至"), null=True, editable=False)
    in_use = models.BooleanField(_("在用"), default=True)

    class Meta:
        ordering = ["unit_id", "kind", "model", "id"]
        verbose_name = _("监测仪器")
        verbose_name_plural = _("监测仪器")
        indexes = [models.Index(fields=["unit", "in_use", "calibration_due"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.model} {self.serial_number}".strip()


class EquipmentFault(UnitRow):
    equipment = models.CharField(_("故障设备"), max_length=200)
    device = models.ForeignKey(
        RayDevice,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("射线装置"),
    )
    instrument = models.ForeignKey(
        Instrument,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="faults",
        verbose_name=_("监测仪器"),
    )
    description = models.TextField(_("故障情况"))
    reported_on = models.DateField(_("报告日期"))
    repaired_on = models.DateField(_("修复日期"), null=True, blank=True)
    stayed_in_use = models.BooleanField(_("故障期间继续使用"), default=False)

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = _("设备故障")
        verbose_name_plural = _("设备故障")
        indexes = [models.Index(fields=["unit", "repaired_on", "reported_on"])]

    def __str__(self) -> str:
        return f"{self.equipment} {self.reported_on}"
