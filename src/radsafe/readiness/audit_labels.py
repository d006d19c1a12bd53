"""What the readiness audit actions mean, for the auditor's page (registered at start-up)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "plan.create": _("登记应急预案"),
    "plan.update": _("修改应急预案"),
    "supply.create": _("登记应急物资"),
    "supply.update": _("修改应急物资"),
    "drill.create": _("登记演练/培训"),
    "drill.update": _("修改演练/培训"),
    "drill.export": _("导出演练与培训"),
    "instrument.create": _("登记监测仪器"),
    "instrument.update": _("修改监测仪器"),
    "instrument.export": _("导出监测仪器"),
    "fault.create": _("登记设备故障"),
    "fault.update": _("修改设备故障"),
    "fault.export": _("导出设备故障"),
    "readiness.export": _("导出应急准备情况"),
}
