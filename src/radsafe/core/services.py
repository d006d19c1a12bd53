"""Writes on accounts and jurisdictions. Each runs in one transaction with its audit event."""

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from radsafe.core.audit import audit_record, model_snapshot
from radsafe.core.choices import JurisdictionLevel
from radsafe.core.models import Jurisdiction, PasswordHistory, User

USER_AUDIT_FIELDS = ["username", "role", "jurisdiction", "unit", "is_active", "is_demo"]


def jurisdiction_create(
    *, code: str, name: str, level: str, parent: Jurisdiction | None, actor=None
) -> Jurisdiction:
    jurisdiction = Jurisdiction(code=code, name=name, level=JurisdictionLevel(level), parent=parent)
    jurisdiction.path = f"{parent.path if parent else '/'}{code}/"
    jurisdiction.full_clean()
    with transaction.atomic():
        jurisdiction.save()
        audit_record(
            actor=actor,
            action="jurisdiction.create",
            obj=jurisdiction,
            after=model_snapshot(jurisdiction),
        )
    return jurisdiction


def user_create(
    *,
    username: str,
    password: str,
    role: str,
    actor=None,
    jurisdiction: Jurisdiction | None = None,
    unit=None,
    full_name: str = "",
    is_demo: bool = False,
    validate: bool = True,
) -> User:
    user = User(
        username=username,
        role=role,
        jurisdiction=jurisdiction,
        unit=unit,
        first_name=full_name,
        is_demo=is_demo,
        must_change_password=not is_demo,
    )
    if validate:
        validate_password(password, user)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.full_clean()
    with transaction.atomic():
        user.save()
        audit_record(
            actor=actor,
            action="user.create",
            obj=user,
            after=model_snapshot(user, USER_AUDIT_FIELDS),
        )
    return user


def user_change_password(*, user: User, new_password: str) -> User:
    """Validate against the policy (including reuse), keep the old hash for the history check, lift
    the forced-change flag, and revoke API tokens issued under the old password."""
    from rest_framework.authtoken.models import Token

    validate_password(new_password, user)
    with transaction.atomic():
        if user.password:
            PasswordHistory.objects.create(user=user, password=user.password)
        user.set_password(new_password)
        user.must_change_password = False
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password", "must_change_password", "password_changed_at"])
        revoked, _ = Token.objects.filter(user=user).delete()
        audit_record(
            actor=user, action="user.password_change", obj=user, after={"tokens_revoked": revoked}
        )
    return user
