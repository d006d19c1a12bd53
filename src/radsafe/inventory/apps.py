from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "radsafe.inventory"
    label = "inventory"
    verbose_name = _("源与装置台账")

    def ready(self) -> None:
        """Register this app's capabilities, menu links and home-page panels with `core`."""
        from radsafe.core import home, menu
        from radsafe.core.audit_display import register_actions
        from radsafe.core.permissions import register_capabilities
        from radsafe.inventory.audit_labels import ACTIONS
        from radsafe.inventory.capabilities import CAPABILITIES
        from radsafe.inventory.filtersets.assets import SourceFilterSet
        from radsafe.inventory.filtersets.register import IncidentFilterSet, MovementFilterSet
        from radsafe.inventory.selectors import assets, register
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
        # The 工作台 (issue 9): each number is its list's own rows, as the link filters them.
        # Reconciliation discrepancies are not an item: they are replayed per unit in Python and
        # no list gathers them across units (a unit's own page does, `unit-reconciliation`).
        for key, label, unit_text, capability, order, url_name, query, rows in (
            (
                "overdue_checkouts",
                _("出库超时未归还的放射源"),
                _("本单位有 %(count)s 枚放射源出库超时未归还"),
                "inventory.view",
                30,
                "inventory:source-list",
                {"overdue_checkout": "true"},
                (assets.source_list, SourceFilterSet),
            ),
            (
                "offsite_unfiled",
                _("异地使用未备案的出库"),
                _("本单位有 %(count)s 条异地使用未备案的出库"),
                "inventory.view",
                40,
                "inventory:movement-list",
                {"unfiled": "true"},
                (register.movement_list, MovementFilterSet),
            ),
            (
                "open_incidents",
                _("处置中的辐射事故"),
                _("本单位有 %(count)s 起辐射事故处置中"),
                "incident.view",
                50,
                "inventory:incident-list",
                {"status": "open"},
                (register.incident_list, IncidentFilterSet),
            ),
        ):
            home.add_work_item(
                home.WorkItem(
                    key=key,
                    label=label,
                    unit_text=unit_text,
                    capability=capability,
                    order=order,
                    url_name=url_name,
                    query=query,
                    rows=home.list_rows(*rows, query),
                    county_param="within",
                )
            )
        # The high-risk page has no filters: its per-county numbers are not links, its total is.
        home.add_work_item(
            home.WorkItem(
                key="high_risk",
                label=_("非正常经营仍持有放射源的单位"),
                unit_text=_("本单位非正常经营，仍持有放射源"),
                capability="highrisk.view",
                order=60,
                url_name="inventory:high-risk",
                rows=home.list_rows(assets.high_risk_units),
            )
        )
