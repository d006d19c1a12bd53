from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitStatus(models.TextChoices):
    NORMAL = "normal", _("正常")
    BANKRUPT = "bankrupt", _("破产")
    CLOSED = "closed", _("倒闭")
    RESTRUCTURING = "restructuring", _("重组")
    SUSPENDED = "suspended", _("长期停产")
    DEREGISTERED = "deregistered", _("注销")


class AuthorityLevel(models.TextChoices):
    PROVINCE = "province", _("省级（省生态环境厅）")
    CITY = "city", _("市级（市生态环境局）")


# The seed's industries (requirements.md §1) plus the usual neighbours; stored as reference rows
# (migration 0002) so a deployment can add its own.
INDUSTRIES: list[tuple[str, str]] = [
    ("irradiation", "工业辐照"),
    ("gamma_knife", "医疗γ刀"),
    ("afterloading", "后装治疗"),
    ("gamma_flaw", "γ射线移动探伤"),
    ("xray_flaw", "X射线移动探伤"),
    ("diagnosis", "医疗诊断"),
    ("nuclear_medicine", "核医学"),
    ("radiotherapy", "放射治疗"),
    ("interventional", "介入放射学"),
    ("gauging", "工业测量/料位计"),
    ("well_logging", "测井"),
    ("source_sales", "放射源销售"),
    ("device_sales", "射线装置销售"),
    ("scrap_smelting", "废旧金属熔炼"),
    ("associated_minerals", "伴生矿开发利用"),
    ("research", "科研教学"),
    ("security_inspection", "安检"),
    ("other", "其他"),
]
