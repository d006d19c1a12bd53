from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from radsafe.core.choices import ADMIN_ROLES, JURISDICTION_ROLES, JobStatus, JurisdictionLevel, Role

PARENT_LEVEL = {
    JurisdictionLevel.PROVINCE: None,
    JurisdictionLevel.CITY: JurisdictionLevel.PROVINCE,
    JurisdictionLevel.COUNTY: JurisdictionLevel.CITY,
    JurisdictionLevel.SQUAD: JurisdictionLevel.COUNTY,
}


class Jurisdiction(models.Model):
    """A node of province › city › county bureau › squad.

    `path` is the materialised path of codes (``/14/1408/140881/140881-01/``) so that "everything in
    this subtree" is one indexed prefix match, on SQLite and PostgreSQL alike, and so that a future
    shard key (design.md, national scale) is already on every row that copies it."""

    code = models.CharField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=JurisdictionLevel.choices)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级"),
    )
    path = models.CharField(max_length=255, unique=True, editable=False)

    class Meta:
        ordering = ["path"]
        verbose_name = _("辖区")
        verbose_name_plural = _("辖区")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        expected = PARENT_LEVEL[JurisdictionLevel(self.level)]
        actual = self.parent.level if self.parent_id else None
        if expected != actual:
            raise ValidationError({"parent": _("上级辖区的层级不正确。")})


class User(AbstractUser):
    """A person with one functional role (what they may do) and one data scope (which rows).

    The scope is a jurisdiction for bureau and oversight roles, one unit for unit officers, and
    nothing for the three administrators, who run the system without reading its data."""

    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("辖区"),
    )
    unit = models.ForeignKey(
        "registry.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
        verbose_name=_("所属单位"),
    )
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    must_change_password = models.BooleanField(_("须修改密码"), default=True)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示账号"), default=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def scope_path(self) -> str:
        return self.jurisdiction.path if self.jurisdiction_id else ""

    def clean(self) -> None:
        super().clean()
        if self.role in JURISDICTION_ROLES and not self.jurisdiction_id:
            raise ValidationError({"jurisdiction": _("该角色必须指定辖区。")})
        if self.role == Role.UNIT_OFFICER and not self.unit_id:
            raise ValidationError({"unit": _("单位用户必须指定所属单位。")})
        inspector_off_squad = (
            self.role == Role.INSPECTOR
            and self.jurisdiction_id
            and self.jurisdiction.level != JurisdictionLevel.SQUAD
        )
        if inspector_off_squad:
            raise ValidationError({"jurisdiction": _("中队执法人员的辖区必须是中队。")})
        if self.role in ADMIN_ROLES and (self.unit_id or self.jurisdiction_id):
            raise ValidationError(_("管理员账号不绑定业务数据范围（三权分立）。"))


class PasswordHistory(models.Model):
    """Hashes of a user's previous passwords, so the policy can refuse reuse."""

    user = models.ForeignKey(User, models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d}"


class AuditEvent(models.Model):
    """One append-only audit log (design.md rule 5).

    Database triggers refuse UPDATE and DELETE (migration 0003); `hash` chains each row to the
    previous one so that a row altered behind the application's back is found by `audit_verify`.
    The actor's name is copied: the log must stay readable whatever happens to the account."""

    created_at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        User, models.DO_NOTHING, null=True, blank=True, db_constraint=False, related_name="+"
    )
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    request_id = models.CharField(_("请求号"), max_length=36, blank=True)
    ip = models.GenericIPAddressField(_("IP"), null=True, blank=True)
    action = models.CharField(_("操作"), max_length=50, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=50, blank=True, db_index=True)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action}"


class ImportJob(models.Model):
    """An Excel import committed by the background worker (a file of more than
    RADSAFE_IMPORT_JOB_ROWS rows): what the person confirmed — the stored file, its SHA-256 and
    the preview's fingerprint — and what came of it. The commit is one transaction that also
    marks the job done, so "done" and "written" cannot disagree; a job killed half-way has
    written nothing and may be run again (`attempt`). One job per previewed file: a second
    confirmation of the same preview finds the first job (the unique upload)."""

    spec_key = models.CharField(_("导入类型"), max_length=64)
    actor = models.ForeignKey(User, models.PROTECT, related_name="+", verbose_name=_("操作人"))
    upload_path = models.CharField(max_length=100, unique=True)
    sha256 = models.CharField(max_length=64)
    file_name = models.CharField(_("文件名"), max_length=255, blank=True)
    fingerprint = models.CharField(max_length=64)
    row_count = models.PositiveIntegerField(_("行数"))
    language = models.CharField(max_length=16, blank=True)
    request_id = models.CharField(max_length=36, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    attempt = models.PositiveIntegerField(default=1)
    task_id = models.CharField(max_length=64, blank=True)
    counts = models.JSONField(null=True, blank=True)
    errors = models.JSONField(null=True, blank=True)  # the first row errors shown on the page
    error_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["actor", "-id"], name="core_importjob_actor_idx")]
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")

    def __str__(self) -> str:
        return f"{self.spec_key} #{self.pk} {self.file_name}"

    @property
    def beat_name(self) -> str:
        return f"import-{self.pk}"
