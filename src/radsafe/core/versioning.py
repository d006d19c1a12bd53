"""Optimistic locking: concurrent edits must not overwrite each other silently.

A versioned model carries `version`; an edit states the version it started from, and the UPDATE
matches on it. Zero rows updated means somebody saved in between, and the second editor is told."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STALE_MESSAGE = _("该记录已被他人修改，请刷新页面后重新编辑。")


class StaleEditError(ValidationError):
    def __init__(self):
        super().__init__(STALE_MESSAGE, code="stale")


def save_versioned(instance: models.Model, *, expected_version: int | None, fields: list[str]):
    """Save `fields` of an already-validated instance if nobody saved it since `expected_version`
    (None skips the check, for system writes such as imports that hold their own lock)."""
    model = type(instance)
    query = model.objects.filter(pk=instance.pk)
    if expected_version is not None:
        query = query.filter(version=expected_version)
    values = {name: getattr(instance, model._meta.get_field(name).attname) for name in fields}
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        values["updated_at"] = instance.updated_at = timezone.now()  # .update() skips auto_now
    if not query.update(**values, version=F("version") + 1):
        raise StaleEditError()
    instance.version = model.objects.values_list("version", flat=True).get(pk=instance.pk)
    return instance


def ensure_in_scope(queryset, instance: models.Model) -> None:
    """After a write, the object must still be visible to its author; otherwise the caller's
    transaction rolls back (design.md rule 2)."""
    if not queryset.filter(pk=instance.pk).exists():
        raise ValidationError(_("该操作会使记录超出您的数据范围。"), code="out_of_scope")
