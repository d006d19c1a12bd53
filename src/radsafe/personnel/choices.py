from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")


class WorkType(models.TextChoices):
    FLAW_DETECTION = "flaw_detection", _("探伤")
    RADIOTHERAPY = "radiotherapy", _("放射治疗")
    NUCLEAR_MEDICINE = "nuclear_medicine", _("核医学")
    INTERVENTIONAL = "interventional", _("介入")
    IRRADIATION = "irradiation", _("辐照")
    WELL_LOGGING = "well_logging", _("测井")
    GAUGING = "gauging", _("料位计/测量")
    XRAY_DIAGNOSIS = "xray_diagnosis", _("X射线诊断")
    OTHER = "other", _("其他")


class TrainingCategory(models.TextChoices):
    SAFETY_MANAGEMENT = "safety_management", _("辐射安全管理")
    FLAW_DETECTION = "flaw_detection", _("探伤")
    RADIOTHERAPY = "radiotherapy", _("放射治疗")
    NUCLEAR_MEDICINE = "nuclear_medicine", _("核医学")
    IRRADIATION = "irradiation", _("辐照")
    WELL_LOGGING = "well_logging", _("测井")
    XRAY_DIAGNOSIS = "xray_diagnosis", _("X射线诊断")
    OTHER = "other", _("其他")
    # Only for staff who work with Ⅲ类 ray devices alone (domain.md "People").
    SELF_ASSESSED = "self_assessed", _("自行考核（仅Ⅲ类射线装置）")
