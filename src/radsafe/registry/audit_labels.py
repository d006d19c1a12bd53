"""What the registry's audit actions mean, for the auditor's page (registered at start-up)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "unit.create": _("登记单位"),
    "unit.update": _("修改单位信息"),
    "unit.change_status": _("变更经营状态"),
    "unit.import": _("批量导入单位"),
    "unit.export": _("导出单位名录"),
    "licence.create": _("登记许可证"),
    "licence.update": _("修改许可证"),
}
