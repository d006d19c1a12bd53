"""Writes of the security administrator on accounts (kept apart from `services.py`, which the
account lifecycle owns): create, disable, enable, reset a password, unlock. Each checks the
actor's capability itself, whatever called it, and runs in one transaction with its audit event.
No audit event ever holds a password, clear or hashed."""

from axes.utils import reset as axes_reset
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radsafe.core.admin_selectors import failed_login_count
from radsafe.core.audit import audit_record, model_snapshot
from radsafe.core.choices import ADMIN_ROLES, JURISDICTION_ROLES, JurisdictionLevel, Role
from radsafe.core.models import Jurisdiction, PasswordHistory, User
from radsafe.core.passwords import temporary_password
from radsafe.core.workflows import require_capability
from radsafe.core.writes import insert_row

CHANGE = "account.change"
ACCOUNT_AUDIT_FIELDS = ["username", "first_name", "role", "jurisdiction", "unit", "is_active"]
USERNAME_TAKEN = _("用户名“%(username)s”已被使用，请换一个。")

# Which level of jurisdiction each jurisdiction role's scope is: a bureau lead runs a county
# bureau, an inspector a squad, oversight a city bureau or the province's department.
SCOPE_LEVELS: dict[str, tuple[str, ...]] = {
    Role.BUREAU_LEAD: (JurisdictionLevel.COUNTY,),
    Role.INSPECTOR: (JurisdictionLevel.SQUAD,),
    Role.OVERSIGHT: (JurisdictionLevel.CITY, JurisdictionLevel.PROVINCE),
}


def _scope_errors(role: str, jurisdiction: Jurisdiction | None, unit) -> dict[str, list]:
    """What is wrong with the scope given for the role (the role itself is known)."""
    errors: dict[str, list] = {}
    if role in JURISDICTION_ROLES:
        if jurisdiction is None:
            errors["jurisdiction"] = [_("该角色必须指定辖区。")]
        elif jurisdiction.level not in SCOPE_LEVELS[role]:
            levels = "、".join(str(JurisdictionLevel(level).label) for level in SCOPE_LEVELS[role])
            errors["jurisdiction"] = [
                _("%(role)s的辖区必须是：%(levels)s。")
                % {"role": Role(role).label, "levels": levels}
            ]
        if unit is not None:
            errors["unit"] = [_("该角色的数据范围是辖区，不绑定单位。")]
    elif role == Role.UNIT_OFFICER:
        if unit is None:
            errors["unit"] = [_("单位用户必须指定所属单位。")]
        if jurisdiction is not None:
            errors["jurisdiction"] = [_("单位用户的数据范围是所属单位，不选择辖区。")]
    elif role in ADMIN_ROLES:
        message = _("管理员账号不绑定业务数据范围（三权分立）。")
        if jurisdiction is not None:
            errors["jurisdiction"] = [message]
        if unit is not None:
            errors["unit"] = [message]
    return errors


def _full_clean(user: User) -> None:
    """The model's own checks (lengths, the username's characters), reported under the names the
    service takes (`full_name` for the model's `first_name`)."""
    try:
        user.full_clean(exclude=["password"], validate_unique=False)  # drawn after the checks
    except ValidationError as error:
        errors = error.message_dict
        if "first_name" in errors:
            errors["full_name"] = errors.pop("first_name")
        raise ValidationError(errors) from error


def account_create(
    *,
    actor,
    username: str,
    full_name: str,
    role: str,
    jurisdiction: Jurisdiction | None = None,
    unit=None,
) -> tuple[User, str]:
    """A new account with a temporary password, returned once to show to the security
    administrator and never stored in clear; its holder must change it at the first login."""
    require_capability(actor, CHANGE)
    if role not in Role.values:
        raise ValidationError({"role": [_("未知的角色。")]})
    errors = _scope_errors(role, jurisdiction, unit)
    if errors:
        raise ValidationError(errors)
    username = username.strip()
    user = User(
        username=username,
        first_name=full_name.strip(),
        role=role,
        jurisdiction=jurisdiction,
        unit=unit,
        must_change_password=True,
    )
    _full_clean(user)
    taken = ValidationError({"username": [USERNAME_TAKEN % {"username": username}]})
    if User.objects.filter(username=username).exists():
        raise taken
    password = temporary_password()
    user.set_password(password)
    user.password_changed_at = timezone.now()
    insert_row(
        user,
        actor=actor,
        action="account.create",
        unique=taken,  # a concurrent create of the same username: the same message
        snapshot=lambda row: model_snapshot(row, ACCOUNT_AUDIT_FIELDS),
    )
    return user, password


def end_sessions(user: User) -> int:
    """Delete every live session of the user, returning how many. Sessions are not indexed by
    user, so the live ones are read and decoded: a few hundred rows, once per disable or reset."""
    live = Session.objects.filter(expire_date__gt=timezone.now())
    own = [
        session.pk
        for session in live.iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk)
    ]
    deleted, _deleted_by_model = Session.objects.filter(pk__in=own).delete()
    return deleted


def revoke_tokens(user: User) -> int:
    from rest_framework.authtoken.models import Token

    revoked, _revoked_by_model = Token.objects.filter(user=user).delete()
    return revoked


def _locked(user: User) -> User:
    return User.objects.select_for_update(of=("self",)).get(pk=user.pk)


def account_disable(*, user: User, actor) -> User:
    """The account can no longer log in; its sessions end and its API tokens are revoked."""
    require_capability(actor, CHANGE, obj=user)
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(_("不能停用自己的账号。"))
    with transaction.atomic():
        row = _locked(user)
        if not row.is_active:
            raise ValidationError(_("该账号已停用。"))
        row.is_active = False
        row.save(update_fields=["is_active"])
        ended, revoked = end_sessions(row), revoke_tokens(row)
        audit_record(
            actor=actor,
            action="account.disable",
            obj=row,
            before={"is_active": True},
            after={"is_active": False, "sessions_ended": ended, "tokens_revoked": revoked},
        )
    user.is_active = False
    return row


def account_enable(*, user: User, actor) -> User:
    require_capability(actor, CHANGE, obj=user)
    with transaction.atomic():
        row = _locked(user)
        if row.is_active:
            raise ValidationError(_("该账号已是启用状态。"))
        row.is_active = True
        row.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="account.enable",
            obj=row,
            before={"is_active": False},
            after={"is_active": True},
        )
    user.is_active = True
    return row


def account_reset_password(*, user: User, actor) -> str:
    """A new temporary password, returned once to show to the security administrator; the holder
    must change it at the next login. The old password goes to the history (it cannot come back),
    and the account's sessions and API tokens end with it."""
    require_capability(actor, CHANGE, obj=user)
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(_("请在“修改密码”页面修改自己的密码。"))
    password = temporary_password()
    with transaction.atomic():
        row = _locked(user)
        if row.password:
            PasswordHistory.objects.create(user=row, password=row.password)
        row.set_password(password)
        row.must_change_password = True
        row.password_changed_at = timezone.now()
        row.save(update_fields=["password", "must_change_password", "password_changed_at"])
        ended, revoked = end_sessions(row), revoke_tokens(row)
        audit_record(
            actor=actor,
            action="account.reset_password",
            obj=row,
            after={
                "must_change_password": True,
                "sessions_ended": ended,
                "tokens_revoked": revoked,
            },
        )
    return password


def account_unlock(*, user: User, actor) -> int:
    """Lift every lockout of the username (all addresses), returning how many failure records
    were cleared. The audit event keeps the count, so an unlock of a live attack is visible."""
    with transaction.atomic():
        failures = failed_login_count(username=user.get_username())
        cleared = axes_reset(username=user.get_username())
        audit_record(
            actor=actor,
            action="account.unlock",
            obj=user,
            before={"failed_logins": failures},
            after={"failed_logins": 0, "records_cleared": cleared},
        )
    return cleared
