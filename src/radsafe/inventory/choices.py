from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceStatus(models.TextChoices):
    IN_USE = "in_use", _("在用")
    STORED = "stored", _("贮存")
    IDLE = "idle", _("闲置")
    DISUSED = "disused", _("废旧待送贮")
    SENT_FOR_STORAGE = "sent_for_storage", _("已送贮")
    RETURNED = "returned", _("已返回生产单位")
    TRANSFERRED = "transferred", _("已转让")
    LOST = "lost", _("丢失")
    STOLEN = "stolen", _("被盗")
    OUT_OF_CONTROL = "out_of_control", _("失控")


# A source in one of these is still the unit's to keep safe (the high-risk list counts them).
HELD_STATUSES = frozenset(
    {SourceStatus.IN_USE, SourceStatus.STORED, SourceStatus.IDLE, SourceStatus.DISUSED}
)
# Marking a source so opens an incident (domain.md "Incidents").
INCIDENT_STATUSES = frozenset({SourceStatus.LOST, SourceStatus.STOLEN, SourceStatus.OUT_OF_CONTROL})
# The source has left the unit's hands for good.
GONE_STATUSES = frozenset(
    {SourceStatus.SENT_FOR_STORAGE, SourceStatus.RETURNED, SourceStatus.TRANSFERRED}
)


class DeviceClass(models.IntegerChoices):
    I = 1, _("Ⅰ类")  # noqa: E741
    II = 2, _("Ⅱ类")
    III = 3, _("Ⅲ类")


class DeviceStatus(models.TextChoices):
    IN_USE = "in_use", _("在用")
    STOPPED = "stopped", _("停用")
    SCRAPPED = "scrapped", _("报废")
    TRANSFERRED = "transferred", _("已转让")


class SiteKind(models.TextChoices):
    TEMPORARY = "temporary", _("暂存库")
    STORAGE = "storage", _("贮存库")


class MovementKind(models.TextChoices):
    ARRIVAL = "arrival", _("入库登记")
    CHECK_OUT = "check_out", _("出库")
    RETURN = "return", _("归还入库")
    TRANSFER_OUT = "transfer_out", _("转让转出")
    TRANSFER_IN = "transfer_in", _("转让转入")
    SENT_FOR_STORAGE = "sent_for_storage", _("送贮")
    STATUS_CHANGE = "status_change", _("状态变更")


class IncidentKind(models.TextChoices):
    EXPOSURE = "exposure", _("受照")
    CONTAMINATION = "contamination", _("污染")
    LOST = "lost", _("丢失")
    STOLEN = "stolen", _("被盗")
    OUT_OF_CONTROL = "out_of_control", _("失控")


class IncidentGrade(models.IntegerChoices):
    """环发〔2006〕145号: 1 is the gravest."""

    EXTREMELY_SERIOUS = 1, _("特别重大")
    SERIOUS = 2, _("重大")
    LARGER = 3, _("较大")
    GENERAL = 4, _("一般")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("处置中")
    CLOSED = "closed", _("已结案")
