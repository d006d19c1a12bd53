"""Edits of the nuclide reference table by the system administrator.

The half-life is never among them: it comes from `radioactivedecay` (ICRP-107) through the data
migration, so a typing slip cannot change every source's decay. D-values and exemption activities
may be corrected as the law's tables are checked (and marked verified); every change is audited
with its before and after, since every source's category follows from them."""

import math
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from radsafe.core.audit import audit_record, changed, model_snapshot
from radsafe.core.permissions import has_capability
from radsafe.core.writes import assign_fields, insert_row, update_row
from radsafe.inventory.choices import DeviceClass
from radsafe.inventory.models import DeviceType, Nuclide

NUCLIDE_FIELDS = ["name_zh", "code", "d_value_tbq", "exemption_bq", "verified"]
CODE_RE = re.compile(r"[0-9A-Z]{2}")


def _validate_nuclide(nuclide: Nuclide) -> None:
    errors: dict[str, list[str]] = {}
    nuclide.name_zh = (nuclide.name_zh or "").strip()
    nuclide.code = (nuclide.code or "").strip()
    if not nuclide.name_zh:
        errors["name_zh"] = [_("请填写中文名。")]
    if nuclide.code:
        if not CODE_RE.fullmatch(nuclide.code):
            errors["code"] = [_("编码代码应为两位数字或大写字母（放射源编码第 5–6 位）。")]
        else:
            other = Nuclide.objects.filter(code=nuclide.code).exclude(pk=nuclide.pk).first()
            if other is not None:
                errors["code"] = [
                    _("编码代码 %(code)s 已由 %(other)s 使用。")
                    % {"code": nuclide.code, "other": other}
                ]
    d_value = nuclide.d_value_tbq
    if not isinstance(d_value, int | float) or not math.isfinite(d_value) or d_value <= 0:
        errors["d_value_tbq"] = [_("D 值必须是大于 0 的数值（单位 TBq）。")]
    exemption = nuclide.exemption_bq
    if exemption is not None and (
        not isinstance(exemption, int | float) or not math.isfinite(exemption) or exemption <= 0
    ):
        errors["exemption_bq"] = [_("豁免活度必须大于 0（单位 Bq），未知时留空。")]
    try:
        nuclide.full_clean(exclude=list(errors))
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


def nuclide_update(
    *, nuclide: Nuclide, actor, expected_version: int | None, **fields: Any
) -> Nuclide:
    """Reference data is not scoped, so the capability is checked here too: nothing but the
    administrator's own pages and endpoint may reach this, and they check it first."""
    if actor is not None and not has_capability(actor, "nuclide.change"):
        raise PermissionDenied
    before = model_snapshot(nuclide)
    assign_fields(nuclide, fields, NUCLIDE_FIELDS, service="nuclide_update")
    _validate_nuclide(nuclide)
    return update_row(
        nuclide,
        actor=actor,
        action="nuclide.update",
        before=before,
        expected_version=expected_version,
        fields=NUCLIDE_FIELDS,
    )


# Edits of the ray-device type list (射线装置分类) by the system administrator.
#
# The list starts from the 2017 classification (data migration) and is kept up to date by hand, so a
# new kind of device can be registered without a release. Types are never deleted: devices point at
# them (PROTECT) and the audit trail names them. A type's class is the usual class of its devices;
# changing it does not reclassify devices already registered, whose own class is on their record.
# Every change is audited with its before and after.


DEVICE_TYPE_FIELDS = ["name", "device_class", "order"]


def _check_actor(actor) -> None:
    # Reference data is not scoped, so only the capability guards it; the pages check it first.
    if actor is not None and not has_capability(actor, "reference.change"):
        raise PermissionDenied


def _duplicate_name(name: str) -> ValidationError:
    return ValidationError({"name": [_("射线装置类型“%(name)s”已存在。") % {"name": name}]})


def _validate_device_type(device_type: DeviceType) -> None:
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
    _validate_device_type(device_type)
    return insert_row(
        device_type,
        actor=actor,
        action="device_type.create",
        unique=_duplicate_name(device_type.name),
    )


def device_type_update(*, device_type: DeviceType, actor, **fields: Any) -> DeviceType:
    _check_actor(actor)
    before = model_snapshot(device_type)
    assign_fields(device_type, fields, DEVICE_TYPE_FIELDS, service="device_type_update")
    try:
        _validate_device_type(device_type)
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
