"""Edits of the ray-device type list (射线装置分类) by the system administrator.

The list starts from the 2017 classification (data migration) and is kept up to date by hand, so a
new kind of device can be registered without a release. Types are never deleted: devices point at
them (PROTECT) and the audit trail names them. A type's class is the usual class of its devices;
changing it does not reclassify devices already registered, whose own class is on their record.
Every change is audited with its before and after."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from radsafe.core.audit import audit_record, changed, model_snapshot
from radsafe.core.permissions import has_capability

from ..choices import DeviceClass
from ..models import DeviceType

DEVICE_TYPE_FIELDS = ["name", "device_class", "order"]


def _check_actor(actor) -> None:
    # Reference data is not scoped, so only the capability guards it; the pages check it first.
    if actor is not None and not has_capability(actor, "reference.change"):
        raise PermissionDenied


def _duplicate_name(name: str) -> ValidationError:
    return ValidationError({"name": [_("射线装置类型“%(name)s”已存在。") % {"name": name}]})


def _validate(device_type: DeviceType) -> None:
    errors: dict[str, list[str]] = {}
    device_type.name = (device_type.name or "").strip()
    if not device_type.name:
        errors["name"] = [_("请填写类型名称。")]
    elif DeviceType.objects.filter(name=device_type.name).exclude(pk=device_type.pk).exists():
        errors["name"] = _duplicate_name(device_type.name).message_dict["name"]
    device_class = device_type.device_class
    if isinstance(device_class, bool) or device_class not in DeviceClass.values:
        errors["device_class"] = [_("类别必须是Ⅰ类、Ⅱ类或Ⅲ类。")]
    order = device_type.order
    if isinstance(order, bool) or not isinstance(order, int) or not 0 <= order <= 32767:
        errors["order"] = [_("排序必须是 0–32767 的整数。")]
    try:
        device_type.full_clean(exclude=list(errors), validate_unique=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


def _save(device_type: DeviceType, **kwargs) -> None:
    """A name taken by a concurrent writer between the check and the save gets the same message."""
    try:
        with transaction.atomic():
            device_type.save(**kwargs)
    except IntegrityError:
        raise _duplicate_name(device_type.name) from None


def device_type_create(*, actor, name: str, device_class: int, order: int = 0) -> DeviceType:
    _check_actor(actor)
    device_type = DeviceType(name=name, device_class=device_class, order=order)
    _validate(device_type)
    with transaction.atomic():
        _save(device_type)
        audit_record(
            actor=actor,
            action="device_type.create",
            obj=device_type,
            after=model_snapshot(device_type),
        )
    return device_type


def device_type_update(*, device_type: DeviceType, actor, **fields: Any) -> DeviceType:
    _check_actor(actor)
    before = model_snapshot(device_type)
    for name, value in fields.items():
        if name not in DEVICE_TYPE_FIELDS:
            raise ValueError(f"device_type_update cannot change {name!r}")
        setattr(device_type, name, value)
    try:
        _validate(device_type)
        after = model_snapshot(device_type)
        if after == before:
            return device_type
        diff = changed(before, after)
        with transaction.atomic():
            _save(device_type, update_fields=list(diff))
            audit_record(
                actor=actor,
                action="device_type.update",
                obj=device_type,
                before={k: before.get(k) for k in diff},
                after=diff,
            )
    except ValidationError:
        device_type.refresh_from_db()  # a refused edit leaves the caller's object as stored
        raise
    return device_type
