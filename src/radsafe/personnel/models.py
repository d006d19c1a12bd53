"""Radiation workers and their assessment results (考核成绩报告单), issue 4 §1–§2.

A worker's ID number is personal data: the row holds it only encrypted (SM4-GCM), with a keyed
HMAC-SM3 index for exact look-up and duplicate detection and a masked copy for display, so no list,
export or API answer ever needs to decrypt it."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from radsafe.core.scoping import ScopedQuerySet
from radsafe.inventory.models import RayDevice, Source
from radsafe.inventory.models.assets import CopiedScopeQuerySet
from radsafe.registry.models import Unit

from .choices import Sex, TrainingCategory, WorkType

VALIDITY_YEARS = 5


def training_valid_until(passed_on: datetime.date) -> datetime.date:
    """The last day a result is valid: the day before its fifth anniversary (a result of
    29 February counts its anniversary on 1 March). The one place this rule lives (design.md
    rule 4); the value is stored and indexed so "expiring" and "invalid on a day" are queries."""
    try:
        anniversary = passed_on.replace(year=passed_on.year + VALIDITY_YEARS)
    except ValueError:  # 29 February into a common year
        anniversary = datetime.date(passed_on.year + VALIDITY_YEARS, 3, 1)
    return anniversary - datetime.timedelta(days=1)


class Worker(models.Model):
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="workers", verbose_name=_("单位"))
    scope_path = models.CharField(max_length=255, editable=False)  # = unit.scope_path
    name = models.CharField(_("姓名"), max_length=50)
    id_number_cipher = models.BinaryField(editable=False)
    id_number_index = models.CharField(max_length=64, db_index=True, editable=False)
    id_number_masked = models.CharField(_("身份证号码"), max_length=18, editable=False)
    sex = models.CharField(_("性别"), max_length=10, choices=Sex.choices)
    post = models.CharField(_("岗位"), max_length=100, blank=True)
    work_type = models.CharField(_("工作类别"), max_length=20, choices=WorkType.choices)
    sources = models.ManyToManyField(
        Source, blank=True, related_name="operators", verbose_name=_("操作的放射源")
    )
    devices = models.ManyToManyField(
        RayDevice, blank=True, related_name="operators", verbose_name=_("操作的射线装置")
    )
    employed_on = models.DateField(_("入职日期"))
    left_on = models.DateField(_("离职日期"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CopiedScopeQuerySet.as_manager()

    class Meta:
        ordering = ["scope_path", "unit_id", "name", "id"]
        verbose_name = _("辐射工作人员")
        verbose_name_plural = _("辐射工作人员")
        indexes = [
            models.Index(fields=["scope_path", "unit", "name"], name="personnel_w_scope_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "id_number_index"], name="personnel_worker_unique_id_per_unit"
            )
        ]

    def __str__(self) -> str:
        return self.name


class TrainingScopedQuerySet(ScopedQuerySet):
    scope_path_field = "worker__scope_path"
    scope_unit_field = "worker__unit"


class TrainingResult(models.Model):
    worker = models.ForeignKey(
        Worker, models.PROTECT, related_name="training_results", verbose_name=_("人员")
    )
    number = models.CharField(_("成绩报告单编号"), max_length=60)
    category = models.CharField(_("考核类别"), max_length=20, choices=TrainingCategory.choices)
    passed_on = models.DateField(_("考核日期"))
    valid_until = models.DateField(_("有效期至"), db_index=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrainingScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-passed_on", "-id"]
        verbose_name = _("考核成绩报告单")
        verbose_name_plural = _("考核成绩报告单")
        indexes = [models.Index(fields=["worker", "passed_on", "valid_until"])]

    def __str__(self) -> str:
        return self.number
