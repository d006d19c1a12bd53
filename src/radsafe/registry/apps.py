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
        from radsafe.registry.filtersets import UnitFilterSet

        register_capabilities(CAPABILITIES)
        register_actions(ACTIONS)
        menu.add_links(
            "units",
            ("registry:unit-list", _("单位名录"), "unit.view"),
            ("registry:licence-list", _("许可证"), "licence.view"),
        )
        menu.add_links("imports", ("registry:unit-import", _("单位及许可证"), "unit.import"))
        home.add_panel("summary", "unit.view", selectors.unit_summary_for_user)
        # The 工作台 (issue 9): each number is its list's own rows, as the link filters them.
        for key, label, unit_text, order, query in (
            (
                "licence_expired",
                _("许可证已过期的单位"),
                _("本单位的辐射安全许可证已过期"),
                70,
                {"licence_expired": "true"},
            ),
            (
                "licence_expiring",
                _("许可证 30 天内到期的单位"),
                _("本单位的辐射安全许可证将在 30 天内到期"),
                80,
                {"licence_expiring_within": "30"},
            ),
        ):
            home.add_work_item(
                home.WorkItem(
                    key=key,
                    label=label,
                    unit_text=unit_text,
                    capability="unit.view",
                    order=order,
                    url_name="registry:unit-list",
                    query=query,
                    rows=home.list_rows(
                        selectors.unit_list, UnitFilterSet, query, user=lambda user: user
                    ),
                    county_param="within",
                )
            )
