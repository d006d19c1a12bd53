"""How the audit page shows an event's before/after JSON: one row per field, so an auditor reads
what changed instead of comparing two blobs."""

import json
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

# Offered as suggestions in the action filter (a <datalist>); any prefix may be typed.
KNOWN_AUDIT_ACTIONS = [
    ("auth.", _("全部登录相关")),
    ("auth.login", _("登录")),
    ("auth.logout", _("退出")),
    ("auth.login_failed", _("登录失败")),
    ("auth.locked_out", _("账号锁定")),
    ("auth.session_expired", _("会话超时")),
    ("permission.denied", _("越权访问被拒绝")),
    ("account.", _("账号管理")),
    ("account.create", _("新建账号")),
    ("account.disable", _("停用账号")),
    ("account.enable", _("启用账号")),
    ("account.reset_password", _("重置密码")),
    ("account.unlock", _("解除锁定")),
    ("user.", _("账号变更")),
    ("user.password_change", _("修改密码")),
    ("unit.", _("单位变更")),
    ("licence.", _("许可证变更")),
]

MISSING = "—"


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str
    changed: bool


def _show(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def audit_changes(before: Any, after: Any) -> list[FieldChange]:
    if before is None and after is None:
        return []
    if isinstance(before, dict | type(None)) and isinstance(after, dict | type(None)):
        before, after = before or {}, after or {}
        rows = []
        for key in sorted(set(before) | set(after)):
            old = _show(before[key]) if key in before else MISSING
            new = _show(after[key]) if key in after else MISSING
            rows.append(FieldChange(key, old, new, old != new))
        return rows
    old = MISSING if before is None else _show(before)
    new = MISSING if after is None else _show(after)
    return [FieldChange("", old, new, old != new)]
