"""How the audit page shows an event's before/after JSON: one row per field, so an auditor reads
what changed instead of comparing two blobs."""

import json
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# What each action the code writes means, in the auditor's words. Core's own actions are here;
# each app registers its own from its AppConfig.ready() (`register_actions`), so `core` names no
# app. Under pytest, `audit_record` refuses an action missing from this table
# (RADSAFE_STRICT_AUDIT_LABELS), so the whole suite checks that every action written has a label.
ACTION_LABELS: dict[str, str] = {
    "auth.login": _("登录"),
    "auth.logout": _("退出"),
    "auth.login_failed": _("登录失败"),
    "auth.locked_out": _("账号锁定"),
    "auth.session_expired": _("会话超时"),
    "auth.token": _("获取接口令牌"),
    "auth.token_refused": _("接口令牌被拒绝"),
    "permission.denied": _("越权访问被拒绝"),
    "account.create": _("新建账号"),
    "account.disable": _("停用账号"),
    "account.enable": _("启用账号"),
    "account.reset_password": _("重置密码"),
    "account.unlock": _("解除锁定"),
    "user.create": _("创建账号"),
    "user.password_change": _("修改密码"),
    "jurisdiction.create": _("新增辖区"),
    "document.download": _("下载文件"),
    "import.queue": _("导入任务排队"),
    "import.rerun": _("导入任务重新运行"),
}


def register_actions(labels: dict[str, str]) -> None:
    """Add an app's action labels; an action labelled twice is a programming error."""
    for action, label in labels.items():
        if action in ACTION_LABELS:
            raise ImproperlyConfigured(f"Audit action {action!r} is labelled twice.")
        ACTION_LABELS[action] = label


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def action_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The action filter's drop-down: one group per object kind (the part before the dot), the
    whole kind first ("auth." = every login event), then its actions."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for action, label in sorted(ACTION_LABELS.items()):
        groups.setdefault(action.split(".")[0], []).append((action, str(label)))
    return [
        (prefix, [(f"{prefix}.", _("全部：%(label)s…") % {"label": items[0][1]}), *items])
        if len(items) > 1
        else (prefix, items)
        for prefix, items in groups.items()
    ]


def object_type_label(object_type: str) -> str:
    """`inventory.source` → 放射源: the model's own name; other object types as they are."""
    model = _model(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


def object_type_choices() -> list[tuple[str, str]]:
    """Every model of the project's apps, which is what `audit_record(obj=...)` names."""
    choices = [
        (model._meta.label_lower, str(model._meta.verbose_name))
        for model in apps.get_models()
        if model.__module__.startswith("radsafe.")
    ]
    return sorted(choices, key=lambda choice: choice[0])


def _model(object_type: str):
    try:
        return apps.get_model(object_type) if "." in object_type else None
    except LookupError:
        return None


MISSING = "—"


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str
    changed: bool


def _field(model, key: str):
    """The model field a snapshot key names (a foreign key is stored by its attname, `unit_id`)."""
    if model is None:
        return None
    for field in model._meta.get_fields():
        if getattr(field, "attname", None) == key or field.name == key:
            return field
    return None


def _show(value: Any, field=None) -> str:
    if value is None or value == "":
        return MISSING
    if isinstance(value, bool):
        return str(_("是") if value else _("否"))
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if choices and value in choices:
        return str(choices[value])
    if isinstance(value, str):
        return value
    if isinstance(value, list) and field is not None and field.many_to_many:
        return "、".join(f"#{item}" for item in value) or MISSING
    if field is not None and field.is_relation and isinstance(value, int):
        return f"#{value}"
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _key_label(model, key: str) -> str:
    field = _field(model, key)
    if field is not None and hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return str(EXTRA_KEY_LABELS.get(key, key))


# Keys of before/after that are not model fields but what a service adds to its event.
EXTRA_KEY_LABELS = {
    "arrival_movement": _("入库记录"),
    "changed_on": _("变更日期"),
    "reason": _("原因"),
    "needs": _("所需权限"),
    "file": _("文件"),
    "sha256": _("SHA-256"),
    "rows": _("行数"),
    "created": _("新增"),
    "updated": _("更新"),
    "unchanged": _("无变化"),
    "username": _("用户名"),
    "format": _("格式"),
    "filters": _("筛选条件"),
    "count": _("数量"),
}


def audit_changes(before: Any, after: Any, object_type: str = "") -> list[FieldChange]:
    """One row per field, labelled in Chinese and with its values as a person reads them (a
    status by its name, a yes/no as 是/否, nothing as —), never the raw JSON of the log."""
    if before is None and after is None:
        return []
    model = _model(object_type)
    if isinstance(before, dict | type(None)) and isinstance(after, dict | type(None)):
        before, after = before or {}, after or {}
        rows = []
        for key in sorted(set(before) | set(after)):
            field = _field(model, key)
            old = _show(before[key], field) if key in before else MISSING
            new = _show(after[key], field) if key in after else MISSING
            rows.append(FieldChange(_key_label(model, key), old, new, old != new))
        return rows
    old = _show(before)
    new = _show(after)
    return [FieldChange("", old, new, old != new)]
