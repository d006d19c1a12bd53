from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from radsafe.core.models import Jurisdiction
from radsafe.core.scoping import ScopedQuerySet, ScopePathField, UnitScopedQuerySet
from radsafe.registry.choices import AuthorityLevel, UnitStatus
from radsafe.registry.validators import DigitSetValidator, validate_credit_code


class Industry(models.Model):
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("行业")
        verbose_name_plural = _("行业")

    def __str__(self) -> str:
        return self.name


class UnitQuerySet(ScopedQuerySet):
    scope_path_field = "scope_path"
    scope_unit_field = "pk"


class Unit(models.Model):
    """A 核技术利用单位. `scope_path` copies the path of its squad (or of its bureau while it has
    none) so scoping is one indexed prefix match; services keep it in step with the squad.
    `licence_expires_on` copies the latest expiry of its licences so the expiring/expired filters
    are an indexed range, not an aggregate over every licence."""

    name = models.CharField(_("单位名称"), max_length=200, db_index=True)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    address = models.CharField(_("地址"), max_length=255, blank=True)
    industries = models.ManyToManyField(Industry, related_name="units", verbose_name=_("行业"))
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    contact_person = models.CharField(_("辐射安全联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    jurisdiction = models.ForeignKey(
        Jurisdiction, models.PROTECT, related_name="units", verbose_name=_("属地分局")
    )
    squad = models.ForeignKey(
        Jurisdiction,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="squad_units",
        verbose_name=_("责任中队"),
    )
    scope_path = ScopePathField(max_length=255, editable=False)
    status = models.CharField(
        _("经营状态"), max_length=20, choices=UnitStatus.choices, default=UnitStatus.NORMAL
    )
    status_since = models.DateField(_("状态起始日"), null=True, blank=True)
    licence_expires_on = models.DateField(
        _("许可证有效期至"), null=True, blank=True, db_index=True, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("核技术利用单位")
        verbose_name_plural = _("核技术利用单位")
        # Not db_index: on PostgreSQL that adds a pattern-ops twin, needless on a C column.
        indexes = [
            models.Index(fields=["scope_path"], name="registry_unit_scope_path_idx"),
            models.Index(fields=["status", "scope_path"]),
        ]

    def __str__(self) -> str:
        return self.name


class UnitStatusChange(models.Model):
    """The history of a unit's operating status; the current status stays on the unit."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="status_changes")
    from_status = models.CharField(_("原状态"), max_length=20, choices=UnitStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=20, choices=UnitStatus.choices)
    changed_on = models.DateField(_("变更日期"))
    reason = models.CharField(_("说明"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-id"]
        verbose_name = _("经营状态变更")
        verbose_name_plural = _("经营状态变更")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.from_status} → {self.to_status} ({self.changed_on})"


class Licence(models.Model):
    """辐射安全许可证: valid five years, renewal due 30 days before expiry (domain.md)."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="licences", verbose_name=_("单位"))
    number = models.CharField(_("许可证编号"), max_length=50, unique=True)
    authority = models.CharField(_("发证机关"), max_length=100)
    authority_level = models.CharField(
        _("发证机关层级"), max_length=10, choices=AuthorityLevel.choices
    )
    scope = models.CharField(_("种类和范围"), max_length=500)
    # The structured part of 种类和范围 that transfers are checked against: digits, e.g. "345".
    source_categories = models.CharField(
        _("许可的放射源类别"), max_length=5, blank=True, validators=[DigitSetValidator("12345")]
    )
    device_classes = models.CharField(
        _("许可的射线装置类别"), max_length=3, blank=True, validators=[DigitSetValidator("123")]
    )
    issued_on = models.DateField(_("发证日期"))
    expires_on = models.DateField(_("有效期至"), db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-expires_on", "id"]
        verbose_name = _("辐射安全许可证")
        verbose_name_plural = _("辐射安全许可证")

    def __str__(self) -> str:
        return self.number
