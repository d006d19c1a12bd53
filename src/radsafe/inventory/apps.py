from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "radsafe.inventory"
    label = "inventory"
    verbose_name = _("源与装置台账")

    def ready(self) -> None:
        """Register this app's capabilities, menu links and home-page panels with `core`."""
        from radsafe.core import menu
        from radsafe.core.audit_display import register_actions
        from radsafe.core.permissions import register_capabilities
        from radsafe.inventory.audit_labels import ACTIONS
        from radsafe.inventory.capabilities import CAPABILITIES
        from radsafe.inventory.selectors.register import open_incident_count

        register_capabilities(CAPABILITIES)
        register_actions(ACTIONS)
        menu.add_links("units", ("inventory:high-risk", _("高风险单位"), "highrisk.view"))
        menu.add_links(
            "ledger",
            ("inventory:source-list", _("放射源"), "inventory.view"),
            ("inventory:device-list", _("射线装置"), "inventory.view"),
            ("inventory:site-list", _("贮存场所"), "inventory.view"),
            ("inventory:movement-list", _("出入库记录"), "inventory.view"),
            ("inventory:transfer-list", _("转让"), "inventory.view"),
            ("inventory:offsite-list", _("异地使用备案"), "inventory.view"),
            ("inventory:category-changes", _("衰变类别变化"), "inventory.view"),
            ("inventory:nuclide-list", _("核素"), "nuclide.view"),
            ("inventory:device-type-list", _("射线装置类型"), "nuclide.view"),
        )
        menu.add_links("incidents", ("inventory:incident-list", _("辐射事故"), "incident.view"))
        menu.add_links(
            "imports",
            ("inventory:source-import", _("放射源"), "inventory.import"),
            ("inventory:device-import", _("射线装置"), "inventory.import"),
            ("inventory:movement-import", _("出入库记录"), "inventory.import"),
        )
        # The red banner of every page (issue 3 §8): open incidents in the user's scope.
        menu.add_counter("open_incidents", "incident.view", open_incident_count)
