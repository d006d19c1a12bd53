"""What the inventory's audit actions mean, for the auditor's page (registered at start-up)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "source.create": _("登记放射源"),
    "source.update": _("更正放射源信息"),
    "source.import": _("批量导入放射源"),
    "source.export": _("导出放射源台账"),
    "device.create": _("登记射线装置"),
    "device.update": _("修改射线装置"),
    "device.import": _("批量导入射线装置"),
    "device.export": _("导出射线装置台账"),
    "device_type.create": _("新增射线装置类型"),
    "device_type.update": _("修改射线装置类型"),
    "nuclide.update": _("修改核素参数"),
    "site.create": _("登记贮存场所"),
    "site.update": _("修改贮存场所"),
    "movement.arrival": _("入库登记"),
    "movement.check_out": _("出库"),
    "movement.return": _("归还入库"),
    "movement.status_change": _("变更放射源状态"),
    "movement.import": _("批量导入出入库记录"),
    "movement.export": _("导出出入库记录"),
    "count.record": _("登记盘点结果"),
    "transfer.create": _("登记转让"),
    "offsite.create": _("登记异地使用备案"),
    "offsite.update": _("修改异地使用备案"),
    "incident.open": _("辐射事故首报"),
    "incident.close": _("辐射事故结案"),
}
