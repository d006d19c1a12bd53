"""What the personnel audit actions mean, for the auditor's page (registered at start-up)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "worker.create": _("登记辐射工作人员"),
    "worker.update": _("修改辐射工作人员"),
    "worker.unmask": _("查看完整身份证号码"),
    "worker.import": _("批量导入辐射工作人员"),
    "worker.export": _("导出辐射工作人员"),
    "training.create": _("登记考核成绩报告单"),
    "training.update": _("修改考核成绩报告单"),
    "dose.create": _("登记个人剂量记录"),
    "dose.update": _("修改个人剂量记录"),
    "dose.explain": _("填写剂量异常调查说明"),
    "dose.import": _("批量导入个人剂量"),
    "dose.export": _("导出个人剂量记录"),
}
