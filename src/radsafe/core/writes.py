"""The one skeleton of every create and edit service (design.md rule 1), so each app writes only
what is its own: which fields, what is valid, what else the same action writes.

A create INSERTs, an edit saves against the version its author started from (optimistic
locking); both run in one transaction together with whatever else the action writes (`then`),
refuse a row that the write leaves outside its author's scope, and record the audit event, so no
service can forget one of the four. A unique key that a concurrent writer took since the service's
own check becomes that check's message (`unique`) instead of an IntegrityError."""

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from radsafe.core.audit import audit_record, audit_update, model_snapshot
from radsafe.core.versioning import ensure_in_scope, save_versioned

Snapshot = Callable[[models.Model], dict[str, Any]]


def refuse_unknown_fields(fields: Iterable[str], allowed: Iterable[str], *, service: str) -> None:
    """A field the service does not take is a programming error, not bad input."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"{service} cannot set {sorted(unknown)}")


def assign_fields(row: models.Model, fields: dict[str, Any], allowed, *, service: str) -> None:
    refuse_unknown_fields(fields, allowed, service=service)
    for name, value in fields.items():
        setattr(row, name, value)


def _guarded(write: Callable[[], Any], unique: ValidationError | None) -> None:
    if unique is None:
        write()
        return
    try:
        with transaction.atomic():  # a savepoint, so the outer transaction survives the error
            write()
    except IntegrityError as error:
        raise unique from error


def _ensure_in_scope(row: models.Model, actor) -> None:
    # None: the system itself (a migration, a command). Reference data (nuclides, device types)
    # belongs to no unit and has no scope; its services check the administrator's capability.
    manager = type(row).objects
    if actor is not None and hasattr(manager, "for_user"):
        ensure_in_scope(manager.for_user(actor), row)


def insert_row(
    row: models.Model,
    *,
    actor,
    action: str,
    unique: ValidationError | None = None,
    then: Callable[[], dict[str, Any] | None] | None = None,
    snapshot: Snapshot = model_snapshot,
):
    """INSERT a validated row; `then` writes what else the action writes and may return fields
    to add to the audit event (the arrival movement a new source comes with)."""
    with transaction.atomic():
        _guarded(lambda: row.save(force_insert=True), unique)
        extra = then() if then is not None else None
        _ensure_in_scope(row, actor)
        audit_record(actor=actor, action=action, obj=row, after={**snapshot(row), **(extra or {})})
    return row


def update_row(
    row: models.Model,
    *,
    actor,
    action: str,
    before: dict[str, Any],
    expected_version: int | None,
    fields: Iterable[str],
    unique: ValidationError | None = None,
    then: Callable[[], None] | None = None,
    snapshot: Snapshot = model_snapshot,
):
    """Save `fields` of a validated row if nobody saved it since `expected_version`; the audit
    event holds only what changed (nothing when nothing did)."""
    with transaction.atomic():
        _guarded(
            lambda: save_versioned(row, expected_version=expected_version, fields=list(fields)),
            unique,
        )
        if then is not None:
            then()
        _ensure_in_scope(row, actor)
        audit_update(actor=actor, action=action, obj=row, before=before, after=snapshot(row))
    return row


def unique_error(row: models.Model, field: str) -> ValidationError:
    """The message Django's own uniqueness check gives for `field`, for the race it cannot see:
    two writers past the check at once, the second stopped by the database's unique index."""
    return ValidationError({field: [row.unique_error_message(type(row), (field,))]})
