"""One demo account per role, all with the same published password, and the table `make run`
prints so a newcomer can log in without reading any code."""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from radsafe.core.choices import JurisdictionLevel, Role
from radsafe.core.models import User
from radsafe.core.services import user_create
from radsafe.demo.units import UNIT1_NAME, UNIT2_NAME

if TYPE_CHECKING:
    from radsafe.demo.county import DemoCounty

DEMO_PASSWORD = "RadSafe-demo-2024"


@dataclass(frozen=True)
class AccountSpec:
    username: str
    role: str
    full_name: str
    jurisdiction: Callable[["DemoCounty"], object] | None = None
    unit: Callable[["DemoCounty"], object] | None = None


ACCOUNTS = [
    AccountSpec("bureau", Role.BUREAU_LEAD, "张卫东", jurisdiction=lambda c: c.county),
    AccountSpec("inspector1", Role.INSPECTOR, "李海波", jurisdiction=lambda c: c.squads[1]),
    AccountSpec("inspector2", Role.INSPECTOR, "赵文斌", jurisdiction=lambda c: c.squads[2]),
    AccountSpec("unit1", Role.UNIT_OFFICER, "刘晓燕", unit=lambda c: c.units[UNIT1_NAME]),
    AccountSpec("unit2", Role.UNIT_OFFICER, "陈志刚", unit=lambda c: c.units[UNIT2_NAME]),
    AccountSpec("city", Role.OVERSIGHT, "杨国华", jurisdiction=lambda c: c.city),
    AccountSpec("sysadmin", Role.SYSADMIN, "系统管理员"),
    AccountSpec("secadmin", Role.SECADMIN, "安全管理员"),
    AccountSpec("auditor", Role.AUDITOR, "审计管理员"),
]


def create_accounts(county: "DemoCounty") -> list[User]:
    """`validate=False`: the demo password is published on purpose, so the policy that forbids
    guessable passwords must not refuse it; `is_demo` spares these accounts the forced change."""
    return [
        user_create(
            username=spec.username,
            password=DEMO_PASSWORD,
            role=spec.role,
            full_name=spec.full_name,
            jurisdiction=spec.jurisdiction(county) if spec.jurisdiction else None,
            unit=spec.unit(county) if spec.unit else None,
            is_demo=True,
            validate=False,
        )
        for spec in ACCOUNTS
    ]


def _scope(user: User) -> str:
    if user.unit_id:
        return user.unit.name
    if user.jurisdiction_id:
        node = user.jurisdiction
        if node.level == JurisdictionLevel.SQUAD:
            return f"{node.parent.name} {node.name}"
        return node.name
    return _("无业务数据（三权分立）")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def accounts_table() -> str:
    """The demo accounts present in the database, aligned for a terminal (CJK is two columns)."""
    order = {spec.username: i for i, spec in enumerate(ACCOUNTS)}
    users = sorted(
        User.objects.filter(is_demo=True, username__in=order).select_related(
            "unit", "jurisdiction__parent"
        ),
        key=lambda user: order[user.username],
    )
    if not users:
        return _("数据库中没有演示账号。")
    header = [_("用户名"), _("角色"), _("数据范围"), _("密码")]
    rows = [[u.username, u.get_role_display(), _scope(u), DEMO_PASSWORD] for u in users]
    widths = [max(_width(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [_("演示账号（首次登录无需修改密码）："), ""]
    for row in [header, ["-" * w for w in widths], *rows]:
        lines.append("  ".join(_pad(str(cell), w) for cell, w in zip(row, widths, strict=True)))
    return "\n".join(line.rstrip() for line in lines)
