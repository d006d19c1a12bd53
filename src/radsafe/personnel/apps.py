from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Assessments ending within this many days are a task on the 工作台 (its labels say 90).
EXPIRING_DAYS = 90


class PersonnelConfig(AppConfig):
    name = "radsafe.personnel"
    label = "personnel"
    verbose_name = _("辐射工作人员")

    def ready(self) -> None:
        """Register this app's capabilities, menu links and home-page panels with `core`."""
        from radsafe.core import home, menu
        from radsafe.core.audit_display import register_actions
        from radsafe.core.permissions import register_capabilities
        from radsafe.personnel.audit_labels import ACTIONS
        from radsafe.personnel.capabilities import CAPABILITIES
        from radsafe.personnel.filtersets import ExpiringFilterSet, WorkerFilterSet
        from radsafe.personnel.selectors import workers as selectors

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
        # The 工作台 (issue 9): each number is its list's own rows, as the link filters them.
        # Unexplained dose flags are not here: they are computed per worker in Python and their
        # list pages over workers, so no COUNT gives them (see the report of issue 9).
        home.add_work_item(
            home.WorkItem(
                key="unlicensed",
                label=_("无证上岗人员"),
                unit_text=_("本单位有 %(count)s 名人员无证上岗"),
                capability="worker.view",
                order=10,
                url_name="personnel:unlicensed",
                rows=home.list_rows(selectors.unlicensed_workers, WorkerFilterSet),
                county_param="within",
            )
        )
        expiring = {"days": str(EXPIRING_DAYS)}
        home.add_work_item(
            home.WorkItem(
                key="trainings_expiring",
                label=_("90 天内到期的考核成绩"),
                unit_text=_("本单位有 %(count)s 份考核成绩将在 90 天内到期"),
                capability="worker.view",
                order=20,
                url_name="personnel:training-expiring",
                query=expiring,
                rows=home.list_rows(selectors.trainings_not_expired, ExpiringFilterSet, expiring),
                county_param="within",
            )
        )
