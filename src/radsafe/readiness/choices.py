from django.db import models
from django.utils.translation import gettext_lazy as _


class DrillKind(models.TextChoices):
    DRILL = "drill", _("演练")
    TRAINING = "training", _("培训")


class InstrumentKind(models.TextChoices):
    SURVEY_METER = "survey", _("辐射巡测仪")
    ALARM_DOSIMETER = "alarm", _("个人剂量报警仪")
    OTHER = "other", _("其他")
