"""The menu and the per-page counters, filled by each app at start-up (`AppConfig.ready()`), so
`core` names no app. Core fixes the groups and their order; an app adds its links to a group, and
within a group links keep the order the apps registered them in (INSTALLED_APPS order).

The menu shows what the role may open, nothing more: a link carries the capability its page
checks, and a group none of whose links the user may open is not shown."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Link:
    url_name: str
    label: str
    capability: str


@dataclass
class Group:
    key: str
    label: str | None  # None: its links stand in the top bar on their own
    links: list[Link] = field(default_factory=list)


GROUPS: dict[str, Group] = {
    group.key: group
    for group in (
        Group("home", None, [Link("home", _("首页"), "home.view")]),
        Group("units", pgettext_lazy("nav", "单位")),
        Group("ledger", pgettext_lazy("nav", "台账")),
        Group("people", pgettext_lazy("nav", "人员")),
        Group("readiness", pgettext_lazy("nav", "应急与设备")),
        Group("incidents", None),
        Group("imports", pgettext_lazy("nav", "导入")),
        Group(
            "admin",
            None,
            [
                Link("account-list", _("账号管理"), "account.view"),
                Link("audit-list", _("审计日志"), "audit.view"),
            ],
        ),
    )
}


@dataclass(frozen=True)
class Counter:
    """A number every page may show (the red banner of open incidents), counted only when a
    template reads it, at most once per request."""

    name: str
    capability: str
    count: Callable[..., int]  # count(user=...)


COUNTERS: dict[str, Counter] = {}


def add_links(group: str, *links: tuple[str, str, str]) -> None:
    """Add (url name, label, capability) links to one of core's groups."""
    GROUPS[group].links.extend(Link(*link) for link in links)


def add_counter(name: str, capability: str, count: Callable[..., int]) -> None:
    COUNTERS[name] = Counter(name, capability, count)
