"""Writing and verifying the append-only audit log (design.md rule 5).

Every service records its event through `audit_record`, inside its own transaction, so the event and
the change commit or roll back together. Each row stores the SHA-256 of its content and of the
previous row's hash; `audit_verify` recomputes the chain."""

import datetime
import decimal
import hashlib
import ipaddress
import json
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address
from django.utils.translation import gettext as _

from radsafe.core.audit_display import ACTION_LABELS
from radsafe.core.context import current_request
from radsafe.core.models import AuditEvent

GENESIS = "0" * 64
# Any constant: serialises writers of the chain on PostgreSQL. SQLite's IMMEDIATE transactions
# already admit one writer at a time.
_PG_CHAIN_LOCK = 7_245_001


# Timestamps the row keeps about itself: the audit event has its own time, so they add only noise.
BOOKKEEPING_FIELDS = frozenset({"created_at", "updated_at"})


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return str(value)


def to_json(value: Any) -> Any:
    """Plain JSON values, so what is hashed is exactly what the database gives back."""
    if value is None:
        return None
    return json.loads(json.dumps(value, default=_json_default, ensure_ascii=False))


def model_snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The instance's concrete field values (foreign keys as ids, many-to-many as sorted ids)."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in BOOKKEEPING_FIELDS:
            continue
        if fields is None or field.name in fields:
            data[field.attname if field.is_relation else field.name] = field.value_from_object(
                instance
            )
    for field in instance._meta.many_to_many:
        if (fields is None or field.name in fields) and instance.pk:
            data[field.name] = sorted(obj.pk for obj in field.value_from_object(instance))
    return to_json(data)


def changed(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    """Only the keys whose value differs, for a readable before/after pair."""
    before, after = before or {}, after or {}
    return {
        k: after.get(k) for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)
    }


def normal_ip(value: str | None) -> str | None:
    """The address as the database will give it back (IPv6 compressed), so the hash computed
    before the INSERT matches the row read later; anything that is not an address is dropped
    rather than failing the write (PostgreSQL's inet refuses it)."""
    if not value:
        return None
    value = value.strip()
    try:
        if ":" in value:
            return clean_ipv6_address(value)
        return str(ipaddress.IPv4Address(value))
    except (ValidationError, ValueError):
        return None


def audit_update(*, actor, action: str, obj: models.Model, before: dict, after: dict) -> None:
    """Record an edit as the fields it changed, before and after; an edit that changed nothing
    leaves no event."""
    diff = changed(before, after)
    if diff:
        audit_record(
            actor=actor, action=action, obj=obj, before={k: before.get(k) for k in diff}, after=diff
        )


def event_digest(event: AuditEvent) -> str:
    created = event.created_at.astimezone(datetime.UTC).isoformat()
    payload = json.dumps(
        [
            event.prev_hash,
            created,
            event.actor_id,
            event.actor_name,
            event.request_id,
            event.ip,
            event.action,
            event.object_type,
            event.object_id,
            event.object_repr,
            event.before,
            event.after,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _check_label(action: str) -> None:
    if settings.RADSAFE_STRICT_AUDIT_LABELS and action not in ACTION_LABELS:
        raise ImproperlyConfigured(
            f"Audit action {action!r} has no label: add it to the app's audit_labels.py."
        )


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    object_repr: str = "",
    before: Any = None,
    after: Any = None,
    actor_name: str = "",
) -> AuditEvent:
    _check_label(action)
    ctx = current_request.get()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_CHAIN_LOCK])
        prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        event = AuditEvent(
            created_at=timezone.now(),
            actor=actor,
            actor_name=(actor.get_username() if actor else actor_name)[:150],
            request_id=ctx.request_id,
            ip=normal_ip(ctx.ip),
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            object_repr=object_repr[:200],
            before=to_json(before),
            after=to_json(after),
            prev_hash=prev or GENESIS,
        )
        event.hash = event_digest(event)
        event.save(force_insert=True)
    return event


def audit_record_many(
    *, actor, action: str, objects: list[models.Model], after: Callable[[models.Model], Any]
) -> list[AuditEvent]:
    """One event per object, as `audit_record` would write them one by one, in one INSERT: the
    bulk path of an import (design.md rule 5), so 10,000 imported rows are 10,000 events without
    10,000 round trips. The chain lock is taken once and the hashes are chained in Python."""
    if not objects:
        return []
    _check_label(action)
    ctx = current_request.get()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    actor_name = actor.get_username()[:150] if actor else ""
    ip = normal_ip(ctx.ip)
    events = []
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_CHAIN_LOCK])
        prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        prev = prev or GENESIS
        now = timezone.now()
        for obj in objects:
            event = AuditEvent(
                created_at=now,
                actor=actor,
                actor_name=actor_name,
                request_id=ctx.request_id,
                ip=ip,
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                before=None,
                after=to_json(after(obj)),
                prev_hash=prev,
            )
            event.hash = prev = event_digest(event)
            events.append(event)
        AuditEvent.objects.bulk_create(events, batch_size=500)
    return events


def audit_chain_breaks() -> Iterator[tuple[int, str]]:
    """Yield (event id, reason) for every row whose content or link does not match the chain."""
    prev = GENESIS
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != prev:
            yield event.id, _("与前一条记录的哈希不衔接（前面的记录被删除或改动）")
        if event_digest(event) != event.hash:
            yield event.id, _("内容与其哈希不符（记录被改动）")
        prev = event.hash
