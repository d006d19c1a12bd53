from functools import cache

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from radsafe.core.permissions import has_capability

# The menu shows what the role may open, nothing more. An entry is a link
# (url name, label, capability) or a group (label, [links]) shown as a drop-down.
NAVIGATION = [
    ("home", _("首页"), "home.view"),
    (
        pgettext_lazy("nav", "单位"),
        [
            ("registry:unit-list", _("单位名录"), "unit.view"),
            ("registry:licence-list", _("许可证"), "licence.view"),
            ("inventory:high-risk", _("高风险单位"), "highrisk.view"),
        ],
    ),
    (
        pgettext_lazy("nav", "台账"),
        [
            ("inventory:source-list", _("放射源"), "inventory.view"),
            ("inventory:device-list", _("射线装置"), "inventory.view"),
            ("inventory:site-list", _("贮存场所"), "inventory.view"),
            ("inventory:movement-list", _("出入库记录"), "inventory.view"),
            ("inventory:transfer-list", _("转让"), "inventory.view"),
            ("inventory:offsite-list", _("异地使用备案"), "inventory.view"),
            ("inventory:category-changes", _("衰变类别变化"), "inventory.view"),
            ("inventory:nuclide-list", _("核素"), "nuclide.view"),
            ("inventory:device-type-list", _("射线装置类型"), "nuclide.view"),
        ],
    ),
    (
        pgettext_lazy("nav", "人员"),
        [
            ("personnel:worker-list", _("辐射工作人员"), "worker.view"),
            ("personnel:training-expiring", _("考核即将到期"), "worker.view"),
            ("personnel:unlicensed", _("无证上岗"), "worker.view"),
            ("personnel:dose-list", _("个人剂量记录"), "dose.view"),
            ("personnel:dose-flags", _("未说明的剂量异常"), "dose.view"),
        ],
    ),
    (
        pgettext_lazy("nav", "应急与设备"),
        [
            ("readiness:overview", _("应急准备"), "readiness.view"),
            ("readiness:drill-list", _("演练与培训"), "readiness.view"),
            ("readiness:instrument-list", _("监测仪器"), "readiness.view"),
            ("readiness:fault-list", _("设备故障"), "readiness.view"),
        ],
    ),
    ("inventory:incident-list", _("辐射事故"), "incident.view"),
    (
        pgettext_lazy("nav", "导入"),
        [
            ("registry:unit-import", _("单位及许可证"), "unit.import"),
            ("inventory:source-import", _("放射源"), "inventory.import"),
            ("inventory:device-import", _("射线装置"), "inventory.import"),
            ("inventory:movement-import", _("出入库记录"), "inventory.import"),
            ("personnel:dose-import", _("个人剂量"), "dose.import"),
            ("personnel:worker-import", _("辐射工作人员"), "worker.change"),
        ],
    ),
    ("account-list", _("账号管理"), "account.view"),
    ("audit-list", _("审计日志"), "audit.view"),
]


def _links(request, user, entries) -> list[dict]:
    links = []
    for name, label, capability in entries:
        if has_capability(user, capability):
            url = reverse(name)
            active = request.path == url or (url != "/" and request.path.startswith(url))
            links.append({"url": url, "label": label, "active": active})
    return links


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "open_incidents": 0}
    items = []
    for entry in NAVIGATION:
        if isinstance(entry[1], list):
            children = _links(request, user, entry[1])
            if children:
                active = any(child["active"] for child in children)
                items.append({"label": entry[0], "children": children, "active": active})
        else:
            items.extend(_links(request, user, [entry]))
    return {"nav_items": items, "open_incidents": _open_incidents(user)}


def _open_incidents(user):
    """Open incidents in the user's scope, for the red banner of every page (issue 3 §8). A
    callable, which templates call when they read it: one COUNT per rendered page, cached for the
    request, and none for a redirect or a JSON answer."""
    if not has_capability(user, "incident.view"):
        return 0

    @cache
    def count() -> int:
        from radsafe.inventory.selectors.register import open_incident_count

        return open_incident_count(user=user)

    return count
