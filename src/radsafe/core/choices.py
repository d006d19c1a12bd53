from django.db import models
from django.utils.translation import gettext_lazy as _


class JurisdictionLevel(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县（分局）")
    SQUAD = "squad", _("中队")


class Role(models.TextChoices):
    BUREAU_LEAD = "bureau_lead", _("分局管理")
    INSPECTOR = "inspector", _("中队执法")
    UNIT_OFFICER = "unit_officer", _("单位用户")
    OVERSIGHT = "oversight", _("市局/省厅监督")
    SYSADMIN = "sysadmin", _("系统管理员")
    SECADMIN = "secadmin", _("安全管理员")
    AUDITOR = "auditor", _("审计管理员")


# Roles whose data scope is a jurisdiction subtree; the unit officer's scope is one unit and the
# three administrators (三权分立) see no business data at all.
JURISDICTION_ROLES = frozenset({Role.BUREAU_LEAD, Role.INSPECTOR, Role.OVERSIGHT})
ADMIN_ROLES = frozenset({Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR})


class JobStatus(models.TextChoices):
    """A background job's state as stored. A job whose worker died stays "running" in the
    database, since its last write was rolled back with it; pages show it failed
    (`radsafe.core.imports.jobs.JobState`)."""

    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")
