"""Radiation workers and their assessment results (考核成绩报告单), issue 4 §1–§2.

A worker's ID number is personal data: the row holds it only encrypted (SM4-GCM), with a keyed
HMAC-SM3 index for exact look-up and duplicate detection and a masked copy for display, so no list,
export or API answer ever needs to decrypt it."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from radsafe.core.scoping import CopiedScopeQuerySet, ScopedQuerySet, ScopePathField
from radsafe.inventory.models import RayDevice, Source
from radsafe.personnel.choices import Sex, TrainingCategory, WorkType
from radsafe.registry.models import Unit

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
    scope_path = ScopePathField(max_length=255, editable=False)  # = unit.scope_path
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


class DoseRecordQuerySet(CopiedScopeQuerySet):
    ordered_by_own_index = True  # newest first: personnel_dose_period_idx


class DoseRecord(models.Model):
    """One monitoring period's personal dose (issue 4 §3). The unit's scope path is copied from
    the worker, as on Worker, because this is the table that grows to millions of rows.

    Two indexes serve the list. The order's (newest first) gives a city's or a province's first
    page without sorting their subtree (`ordered_by_own_index`). The scope's serves the narrow
    scopes, whose pages it bounds by the scope's size rather than the table's, and every count;
    it carries both period dates so that a count filtered by period never reads the table."""

    worker = models.ForeignKey(
        Worker, models.PROTECT, related_name="dose_records", verbose_name=_("人员")
    )
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("单位"))
    scope_path = ScopePathField(max_length=255, editable=False)  # = worker.scope_path
    period_start = models.DateField(_("监测开始日期"))
    period_end = models.DateField(_("监测结束日期"))
    hp10_msv = models.DecimalField(_("Hp(10)（mSv）"), max_digits=9, decimal_places=3)
    hp3_msv = models.DecimalField(
        _("Hp(3)（mSv）"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    hp007_msv = models.DecimalField(
        _("Hp(0.07)（mSv）"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    service = models.CharField(_("剂量监测机构"), max_length=100, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DoseRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-id"]
        verbose_name = _("个人剂量记录")
        verbose_name_plural = _("个人剂量记录")
        indexes = [
            models.Index(fields=["worker", "period_start"], name="personnel_dose_worker_idx"),
            # The path is collated C (ScopePathField), so PostgreSQL answers LIKE 'path%' from
            # this plain index; SQLite from its range.
            models.Index(
                fields=["scope_path", "period_start", "period_end"], name="personnel_dose_scope_idx"
            ),
            models.Index(fields=["-period_start", "-id"], name="personnel_dose_period_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"


class DoseInvestigation(models.Model):
    """The unit's note on one dose flag; a flag with a note is explained. A flag is named by its
    code and key (a record id, a year, a 5-year window or a gap's first day), not stored, because
    flags are recomputed from the records and the limits."""

    worker = models.ForeignKey(
        Worker, models.PROTECT, related_name="dose_investigations", verbose_name=_("人员")
    )
    code = models.CharField(max_length=20)
    key = models.CharField(max_length=30)
    note = models.TextField(_("调查说明"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True, blank=True
    )
    written_at = models.DateTimeField(auto_now_add=True)

    objects = TrainingScopedQuerySet.as_manager()  # scoped through the worker

    class Meta:
        ordering = ["-written_at", "-id"]
        verbose_name = _("剂量异常调查说明")
        verbose_name_plural = _("剂量异常调查说明")
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "code", "key"], name="personnel_dose_investigation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}:{self.key}"
