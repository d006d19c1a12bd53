from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "radsafe.registry"
    label = "registry"
    verbose_name = _("单位名录")

    def ready(self) -> None:
        """Register this app's capabilities, menu links and home-page panels with `core`."""
        from radsafe.core import home, menu
        from radsafe.core.audit_display import register_actions
        from radsafe.core.permissions import register_capabilities
        from radsafe.registry import selectors
        from radsafe.registry.audit_labels import ACTIONS
        from radsafe.registry.capabilities import CAPABILITIES

        register_capabilities(CAPABILITIES)
        register_actions(ACTIONS)
        menu.add_links(
            "units",
            ("registry:unit-list", _("单位名录"), "unit.view"),
            ("registry:licence-list", _("许可证"), "licence.view"),
        )
        menu.add_links("imports", ("registry:unit-import", _("单位及许可证"), "unit.import"))
        home.add_panel("summary", "unit.view", selectors.unit_summary_for_user)
