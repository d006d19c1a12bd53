"""Writes on what a unit holds: sealed sources, ray devices and storage sites (design.md rule 1).

Each service validates (the Chinese message names the field), writes inside one transaction with
its audit event, refuses a write that leaves the row outside the author's scope, and checks the
version an edit started from. A source's `status`, `site` and `is_checked_out` are the projection
of its movement register: `source_create` writes the arrival event that starts it, and after that
only the register's services move them, so they are not editable here."""

import datetime
import math
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.audit import model_snapshot
from radsafe.core.writes import assign_fields, insert_row, refuse_unknown_fields, update_row
from radsafe.inventory import workflows
from radsafe.inventory.choices import (
    HELD_STATUSES,
    DeviceClass,
    DeviceStatus,
    MovementKind,
    SourceStatus,
)
from radsafe.inventory.codes import parse_source_code
from radsafe.inventory.models import DeviceType, Movement, Nuclide, RayDevice, Source, StorageSite
from radsafe.registry.models import Unit

# Corrections a unit may make to a source's record; each one is audited with before and after.
SOURCE_FIELDS = [
    "code",
    "nuclide",
    "activity_bq",
    "reference_date",
    "use",
    "work_place",
    "manufacturer",
    "model",
    "serial_number",
    "manufactured_on",
    "origin",
]
# What `source_create` takes besides its named arguments.
SOURCE_OPTIONAL_FIELDS = [
    "use",
    "manufacturer",
    "model",
    "serial_number",
    "manufactured_on",
    "origin",
]
DEVICE_FIELDS = [
    "name",
    "device_type",
    "device_class",
    "model",
    "serial_number",
    "rated_kv",
    "rated_ma",
    "energy_mev",
    "use",
    "location",
    "status",
]
SITE_FIELDS = ["name", "kind", "place", "dual_lock", "video", "alarm", "note"]

# The code's year may be NN only for sources made before 2005 (放射源编码规则, 2004).
CODED_FROM_YEAR = 2005


# --- shared checks ---------------------------------------------------------------------------
def _check_unit(actor, unit: Unit | None) -> None:
    """The unit must exist and be one the author may write for; one outside reads as missing."""
    if unit is None:
        raise ValidationError({"unit": _("请选择单位。")})
    if actor is not None and not Unit.objects.for_user(actor).filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("单位不存在或不在您的数据范围内。")})


def _resolve_nuclide(value: Nuclide | str | None) -> Nuclide:
    """A Nuclide, or its symbol / Chinese name as an import or an API client writes it."""
    if isinstance(value, Nuclide):
        return value
    text = (value or "").strip()
    if not text:
        raise ValidationError({"nuclide": _("请选择核素。")})
    found = Nuclide.objects.filter(symbol__iexact=text).first()
    found = found or Nuclide.objects.filter(name_zh=text).first()
    if found is None:
        raise ValidationError(
            {"nuclide": _("核素“%(value)s”不存在，请从核素表中选择。") % {"value": text}}
        )
    return found


def _resolve_device_type(value: DeviceType | str | None) -> DeviceType:
    if isinstance(value, DeviceType):
        return value
    text = (value or "").strip()
    found = DeviceType.objects.filter(name=text).first() if text else None
    if found is None:
        raise ValidationError(
            {
                "device_type": _("射线装置类型“%(value)s”不存在，请从类型表中选择。")
                % {"value": text}
            }
        )
    return found


# --- sources ---------------------------------------------------------------------------------
def _validate_source(source: Source, *, today: datetime.date) -> None:
    """The rules of domain.md "Radioactive sources" that a row can be checked against alone;
    every message names its field. The code's category is stored as the category at manufacture."""
    errors: dict[str, list[str]] = {}
    source.code = (source.code or "").strip()
    try:
        parsed = parse_source_code(source.code)
    except ValidationError as error:
        errors["code"] = error.messages
    else:
        source.category_at_manufacture = parsed.category_at_manufacture
        made = source.manufactured_on
        if parsed.year == "NN" and made is not None and made.year >= CODED_FROM_YEAR:
            errors["code"] = [
                _("放射源编码第 3–4 位年份为 NN（未知）只适用于 2005 年以前生产的放射源。")
            ]
        elif parsed.year != "NN" and made is not None and int(parsed.year) != made.year % 100:
            errors["manufactured_on"] = [
                _("出厂日期的年份与放射源编码第 3–4 位（%(year)s）不一致。") % {"year": parsed.year}
            ]
        duplicate = Source.objects.filter(code=source.code).exclude(pk=source.pk)
        if "code" not in errors and duplicate.exists():
            errors["code"] = [_("放射源编码 %(code)s 已登记。") % {"code": source.code}]
    activity = source.activity_bq
    if not isinstance(activity, int | float) or not math.isfinite(activity) or activity <= 0:
        errors["activity_bq"] = [_("出厂活度必须是大于 0 的数值（单位 Bq）。")]
    if source.reference_date is None:
        errors["reference_date"] = [_("请填写活度参考日期。")]
    elif source.reference_date > today:
        errors["reference_date"] = [_("活度参考日期不能晚于今天。")]
    if source.manufactured_on is not None and source.manufactured_on > today:
        errors.setdefault("manufactured_on", [_("出厂日期不能晚于今天。")])
    if source.site_id is not None and source.site.unit_id != source.unit_id:
        errors["site"] = [_("贮存场所必须属于该放射源的持有单位。")]
    try:
        source.full_clean(exclude=[*errors, "code"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


def _code_taken(code: str) -> ValidationError:
    return ValidationError({"code": [_("放射源编码 %(code)s 已登记。") % {"code": code}]})


def source_create(
    *,
    actor,
    unit: Unit,
    code: str,
    nuclide: Nuclide | str | None,
    activity_bq: float | None,
    reference_date: datetime.date | None,
    status: str = SourceStatus.STORED,
    site: StorageSite | None = None,
    work_place: str = "",
    arrived_at: datetime.datetime | None = None,
    person: str = "",
    **fields: Any,
) -> Source:
    """Register a source and its arrival in the register, so a source entered by hand reconciles
    like one that came through the movement pages (the inventory and the register agree)."""
    refuse_unknown_fields(fields, SOURCE_OPTIONAL_FIELDS, service="source_create")
    _check_unit(actor, unit)
    errors: dict[str, list[str]] = {}
    try:
        nuclide = _resolve_nuclide(nuclide)
    except ValidationError as error:
        errors.update(error.message_dict)
        nuclide = None
    if status not in HELD_STATUSES:
        errors["status"] = [_("新登记的放射源状态只能是在用、贮存、闲置或废旧待送贮。")]
    now = timezone.now()
    if arrived_at is not None and arrived_at > now:
        errors["arrived_at"] = [_("入库时间不能晚于当前时间。")]
    source = Source(
        unit=unit,
        scope_path=unit.scope_path,
        code=code,
        nuclide=nuclide,
        activity_bq=activity_bq,
        reference_date=reference_date,
        status=status,
        site=site,
        work_place=work_place,
        **fields,
    )
    try:
        _validate_source(source, today=timezone.localdate())
    except ValidationError as error:
        errors = {**error.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    person = (person or "").strip() or _actor_name(actor)

    def record_arrival() -> dict[str, Any]:
        arrival = Movement(
            unit=unit,
            source=source,
            kind=MovementKind.ARRIVAL,
            occurred_at=arrived_at or now,
            person=person,
            site=site,
            destination=work_place if site is None else "",
            to_status=status,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        arrival.full_clean()
        arrival.save()
        return {"arrival_movement": arrival.pk}

    return insert_row(
        source,
        actor=actor,
        action="source.create",
        unique=_code_taken(source.code),
        then=record_arrival,
    )


# Stored in the register as the person of an event made by no one signed in (a data migration, a
# command). Records are Chinese documents: the stored text must not follow the writer's UI
# language, so it is a plain constant, not a translated string.
SYSTEM_PERSON = "系统"


def _actor_name(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return SYSTEM_PERSON
    return (actor.get_full_name() or actor.get_username())[:100]


def source_update(*, source: Source, actor, expected_version: int | None, **fields: Any) -> Source:
    """Correct the record. Where the source is and its status change only through the register,
    so the two cannot disagree; a corrected code, nuclide or activity is audited like any edit."""
    before = model_snapshot(source)
    if "nuclide" in fields:
        fields["nuclide"] = _resolve_nuclide(fields["nuclide"])
    assign_fields(source, fields, SOURCE_FIELDS, service="source_update")
    _validate_source(source, today=timezone.localdate())
    return update_row(
        source,
        actor=actor,
        action="source.update",
        before=before,
        expected_version=expected_version,
        fields=[*SOURCE_FIELDS, "category_at_manufacture"],
        unique=_code_taken(source.code),
    )


# --- ray devices -----------------------------------------------------------------------------
def _validate_device(device: RayDevice) -> None:
    errors: dict[str, list[str]] = {}
    if device.device_class not in DeviceClass.values:
        errors["device_class"] = [_("射线装置类别必须是Ⅰ类、Ⅱ类或Ⅲ类。")]
    if device.status not in DeviceStatus.values:
        errors["status"] = [_("射线装置状态无效。")]
    for name in ("rated_kv", "rated_ma", "energy_mev"):
        value = getattr(device, name)
        if value is not None and (not math.isfinite(value) or value <= 0):
            label = RayDevice._meta.get_field(name).verbose_name
            errors[name] = [_("%(field)s必须大于 0。") % {"field": label}]
    device.name = (device.name or "").strip()
    if not device.name:
        errors["name"] = [_("请填写装置名称。")]
    try:
        device.full_clean(exclude=list(errors))
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


def device_create(
    *,
    actor,
    unit: Unit,
    name: str,
    device_type: DeviceType | str | None,
    device_class: int | None = None,
    status: str = DeviceStatus.IN_USE,
    **fields: Any,
) -> RayDevice:
    """The class defaults to the type's usual class (射线装置分类, 2017) and may be set apart from
    it, since the same kind of machine falls in different classes by its energy."""
    refuse_unknown_fields(fields, DEVICE_FIELDS, service="device_create")
    _check_unit(actor, unit)
    device_type = _resolve_device_type(device_type)
    device = RayDevice(
        unit=unit,
        scope_path=unit.scope_path,
        name=name,
        device_type=device_type,
        device_class=device_class if device_class is not None else device_type.device_class,
        status=status,
        **fields,
    )
    _validate_device(device)
    return insert_row(device, actor=actor, action="device.create")


def device_update(
    *, device: RayDevice, actor, expected_version: int | None, **fields: Any
) -> RayDevice:
    before = model_snapshot(device)
    old_status = device.status
    if "status" in fields and fields["status"] != old_status:
        workflows.require_device_status(actor, device, fields["status"])
    if "device_type" in fields:
        fields["device_type"] = _resolve_device_type(fields["device_type"])
    assign_fields(device, fields, DEVICE_FIELDS, service="device_update")
    refusal = workflows.device_status_refusal(old_status, device.status)
    if refusal is not None:
        raise refusal
    _validate_device(device)
    return update_row(
        device,
        actor=actor,
        action="device.update",
        before=before,
        expected_version=expected_version,
        fields=DEVICE_FIELDS,
    )


# --- storage sites ---------------------------------------------------------------------------
def _validate_site(site: StorageSite) -> None:
    errors: dict[str, list[str]] = {}
    site.name = (site.name or "").strip()
    duplicate = StorageSite.objects.filter(unit_id=site.unit_id, name=site.name).exclude(pk=site.pk)
    if site.name and duplicate.exists():
        errors["name"] = [_("该单位已有名为“%(name)s”的贮存场所。") % {"name": site.name}]
    try:
        site.full_clean(exclude=list(errors), validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


def site_create(*, actor, unit: Unit, **fields: Any) -> StorageSite:
    refuse_unknown_fields(fields, SITE_FIELDS, service="site_create")
    _check_unit(actor, unit)
    site = StorageSite(unit=unit, **fields)
    _validate_site(site)
    return insert_row(site, actor=actor, action="site.create", unique=_site_name_taken())


def site_update(
    *, site: StorageSite, actor, expected_version: int | None, **fields: Any
) -> StorageSite:
    """A site stays with its unit; its contents come from the register, not from this form."""
    before = model_snapshot(site)
    assign_fields(site, fields, SITE_FIELDS, service="site_update")
    _validate_site(site)
    return update_row(
        site,
        actor=actor,
        action="site.update",
        before=before,
        expected_version=expected_version,
        fields=SITE_FIELDS,
        unique=_site_name_taken(),
    )


def _site_name_taken() -> ValidationError:
    return ValidationError({"name": [_("该单位已有同名的贮存场所。")]})
