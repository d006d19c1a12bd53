from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .permissions import has_capability

# (url name, label, capability): the menu shows what the role may open, nothing more.
NAVIGATION = [
    ("home", _("首页"), "home.view"),
    ("registry:unit-list", _("单位名录"), "unit.view"),
    ("registry:licence-list", _("许可证"), "licence.view"),
    ("registry:unit-import", _("批量导入"), "unit.import"),
    ("account-list", _("账号管理"), "account.view"),
    ("audit-list", _("审计日志"), "audit.view"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for name, label, capability in NAVIGATION:
        if has_capability(user, capability):
            url = reverse(name)
            active = request.path == url or (url != "/" and request.path.startswith(url))
            items.append({"url": url, "label": label, "active": active})
    return {"nav_items": items}
