from functools import cache

from django.urls import reverse

from radsafe.core.menu import COUNTERS, GROUPS
from radsafe.core.permissions import has_capability


def _links(request, user, links) -> list[dict]:
    shown = []
    for link in links:
        if has_capability(user, link.capability):
            url = reverse(link.url_name)
            active = request.path == url or (url != "/" and request.path.startswith(url))
            shown.append({"url": url, "label": link.label, "active": active})
    return shown


def navigation(request):
    user = getattr(request, "user", None)
    counters = {name: 0 for name in COUNTERS}
    if user is None or not user.is_authenticated:
        return {"nav_items": [], **counters}
    items = []
    for group in GROUPS.values():
        children = _links(request, user, group.links)
        if group.label is None:
            items.extend(children)
        elif children:
            active = any(child["active"] for child in children)
            items.append({"label": group.label, "children": children, "active": active})
    for counter in COUNTERS.values():
        if has_capability(user, counter.capability):
            counters[counter.name] = _lazy_count(counter, user)
    return {"nav_items": items, **counters}


def _lazy_count(counter, user):
    """A callable, which templates call when they read it: one COUNT per rendered page, cached for
    the request, and none for a redirect or a JSON answer."""

    @cache
    def count() -> int:
        return counter.count(user=user)

    return count
