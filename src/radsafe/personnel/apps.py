from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "radsafe.personnel"
    label = "personnel"
    verbose_name = _("辐射工作人员")

    def ready(self) -> None:
        """Register this app's capabilities, menu links and home-page panels with `core`."""
        from radsafe.core import menu
        from radsafe.core.audit_display import register_actions
        from radsafe.core.permissions import register_capabilities
        from radsafe.personnel.audit_labels import ACTIONS
        from radsafe.personnel.capabilities import CAPABILITIES

        register_capabilities(CAPABILITIES)
        register_actions(ACTIONS)
        menu.add_links(
            "people",
            ("personnel:worker-list", _("辐射工作人员"), "worker.view"),
            ("personnel:training-expiring", _("考核即将到期"), "worker.view"),
            ("personnel:unlicensed", _("无证上岗"), "worker.view"),
            ("personnel:dose-list", _("个人剂量记录"), "dose.view"),
            ("personnel:dose-flags", _("未说明的剂量异常"), "dose.view"),
        )
        menu.add_links(
            "imports",
            ("personnel:dose-import", _("个人剂量"), "dose.import"),
            ("personnel:worker-import", _("辐射工作人员"), "worker.change"),
        )
