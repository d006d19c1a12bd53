from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "radsafe.readiness"
    label = "readiness"
    verbose_name = _("应急准备与监测设备")

    def ready(self) -> None:
        """Register this app's capabilities, menu links and home-page panels with `core`."""
        from radsafe.core import menu
        from radsafe.core.audit_display import register_actions
        from radsafe.core.permissions import register_capabilities
        from radsafe.readiness.audit_labels import ACTIONS
        from radsafe.readiness.capabilities import CAPABILITIES

        register_capabilities(CAPABILITIES)
        register_actions(ACTIONS)
        menu.add_links(
            "readiness",
            ("readiness:overview", _("应急准备"), "readiness.view"),
            ("readiness:drill-list", _("演练与培训"), "readiness.view"),
            ("readiness:instrument-list", _("监测仪器"), "readiness.view"),
            ("readiness:fault-list", _("设备故障"), "readiness.view"),
        )
