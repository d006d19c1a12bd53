from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "radsafe.readiness"
    label = "readiness"
    verbose_name = _("应急准备与监测设备")

    def ready(self) -> None:
        """Register this app's capabilities, menu links and home-page panels with `core`."""
        from django.utils import timezone

        from radsafe.core import home, menu
        from radsafe.core.audit_display import register_actions
        from radsafe.core.permissions import register_capabilities
        from radsafe.readiness import selectors
        from radsafe.readiness.audit_labels import ACTIONS
        from radsafe.readiness.capabilities import CAPABILITIES
        from radsafe.readiness.filtersets import (
            FaultFilterSet,
            InstrumentFilterSet,
            UnitReadinessFilterSet,
        )

        def unit_flags(*, user):  # the overview page's selector, as its view calls it
            return selectors.unit_readiness_list(user=user, today=timezone.localdate())

        register_capabilities(CAPABILITIES)
        register_actions(ACTIONS)
        menu.add_links(
            "readiness",
            ("readiness:overview", _("应急准备"), "readiness.view"),
            ("readiness:drill-list", _("演练与培训"), "readiness.view"),
            ("readiness:instrument-list", _("监测仪器"), "readiness.view"),
            ("readiness:fault-list", _("设备故障"), "readiness.view"),
        )
        # The 工作台 (issue 9): each number is its list's own rows, as the link filters them.
        for key, label, unit_text, order, url_name, query, rows in (
            (
                "no_recent_drill",
                _("未按期组织应急演练的单位"),
                _("本单位未按期组织应急演练"),
                90,
                "readiness:overview",
                {"no_recent_drill": "true"},
                (unit_flags, UnitReadinessFilterSet),
            ),
            (
                "stale_supplies",
                _("应急物资超期未检查的单位"),
                _("本单位应急物资超期未检查"),
                100,
                "readiness:overview",
                {"stale_supplies": "true"},
                (unit_flags, UnitReadinessFilterSet),
            ),
            (
                "overdue_instruments",
                _("检定/校准超期的在用仪器"),
                _("本单位有 %(count)s 台在用仪器检定/校准超期"),
                110,
                "readiness:instrument-list",
                {"overdue": "true"},
                (selectors.instrument_list, InstrumentFilterSet),
            ),
            (
                "sick_faults",
                _("带病运行的设备故障"),
                _("本单位有 %(count)s 台设备带病运行"),
                120,
                "readiness:fault-list",
                {"sick": "true"},
                (selectors.fault_list, FaultFilterSet),
            ),
        ):
            home.add_work_item(
                home.WorkItem(
                    key=key,
                    label=label,
                    unit_text=unit_text,
                    capability="readiness.view",
                    order=order,
                    url_name=url_name,
                    query=query,
                    rows=home.list_rows(*rows, query),
                    county_param="within",
                )
            )
