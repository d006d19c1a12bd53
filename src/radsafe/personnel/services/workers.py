"""Writes on workers and their assessment results (design.md rule 1).

The clear ID number enters here and leaves only through `worker_unmask`: the row keeps it encrypted,
indexed and masked, and the audit log sees only the masked form (AUDIT_FIELDS), so not even the
append-only log, which can never be cleaned, holds a clear number."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from radsafe.core import crypto
from radsafe.core.audit import audit_record, model_snapshot
from radsafe.core.id_numbers import mask_id_number, normalize_id_number, validate_id_number
from radsafe.core.workflows import deny, require_capability
from radsafe.core.writes import assign_fields, insert_row, update_row
from radsafe.inventory.choices import DeviceClass
from radsafe.personnel.choices import TrainingCategory
from radsafe.personnel.models import TrainingResult, Worker, training_valid_until
from radsafe.registry.models import Unit

WORKER_FIELDS = ["name", "sex", "post", "work_type", "employed_on", "left_on"]
# What the audit log may keep of a worker: never the cipher or the index, only the masked number.
AUDIT_FIELDS = [*WORKER_FIELDS, "unit", "id_number_masked", "sources", "devices"]
TRAINING_FIELDS = ["number", "category", "passed_on"]
DUPLICATE_MESSAGE = gettext_lazy("该单位已登记身份证号码相同的人员。")
# Kept by the services themselves: the unit's, and the ID number's three forms.
_NOT_TYPED = ["unit", "scope_path", "id_number_cipher", "id_number_index", "id_number_masked"]
# Whoever operates one of these may not hold a self-assessed result (domain.md "People").
RESTRICTED_DEVICE_CLASSES = (DeviceClass.I, DeviceClass.II)


def _check_unit(actor, unit: Unit | None) -> None:
    if unit is None:
        raise ValidationError({"unit": _("请选择单位。")})
    if actor is not None and not Unit.objects.for_user(actor).filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("单位不存在或不在您的数据范围内。")})


def _set_id_number(worker: Worker, raw: str, errors: dict) -> None:
    value = normalize_id_number(raw)
    if not value:
        errors["id_number"] = [_("请填写身份证号码。")]
        return
    try:
        validate_id_number(value)
    except ValidationError as error:
        errors["id_number"] = error.messages
        return
    worker.id_number_index = crypto.blind_index(value)
    worker.id_number_cipher = crypto.encrypt(value)
    worker.id_number_masked = mask_id_number(value)


def worker_rule_errors(worker: Worker) -> dict[str, list[str]]:
    """The rules of a worker's typed fields that need no database (dates in order, lengths,
    choices, required), by field. The one place they live: the services and the Excel import both
    ask here, so the import's dry run refuses what the services would without a query per row."""
    errors: dict[str, list[str]] = {}
    worker.name = (worker.name or "").strip()
    if worker.left_on and worker.employed_on and worker.left_on < worker.employed_on:
        errors["left_on"] = [_("离职日期不能早于入职日期。")]
    try:
        worker.full_clean(
            exclude=[*errors, *_NOT_TYPED], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    return errors


def _validate_worker(worker: Worker, *, sources, devices, errors: dict) -> None:
    """Field rules, the same-unit rule for what the worker operates, and the per-unit duplicate."""
    for name, messages in worker_rule_errors(worker).items():
        errors.setdefault(name, messages)
    if any(source.unit_id != worker.unit_id for source in sources):
        errors["sources"] = [_("操作的放射源必须属于该人员所在单位。")]
    if any(device.unit_id != worker.unit_id for device in devices):
        errors["devices"] = [_("操作的射线装置必须属于该人员所在单位。")]
    if "id_number" not in errors and worker.id_number_index:
        same = Worker.objects.filter(unit_id=worker.unit_id, id_number_index=worker.id_number_index)
        if same.exclude(pk=worker.pk).exists():
            errors["id_number"] = [DUPLICATE_MESSAGE]
    try:
        worker.full_clean(exclude=[*errors, "id_number_cipher"], validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


def _snapshot(worker: Worker) -> dict[str, Any]:
    return model_snapshot(worker, fields=AUDIT_FIELDS)


def worker_create(
    *,
    actor,
    unit: Unit,
    name: str,
    id_number: str,
    sex: str,
    work_type: str,
    employed_on: datetime.date | None,
    post: str = "",
    left_on: datetime.date | None = None,
    sources=(),
    devices=(),
) -> Worker:
    _check_unit(actor, unit)
    worker = Worker(
        unit=unit,
        scope_path=unit.scope_path,
        name=name,
        sex=sex,
        post=post,
        work_type=work_type,
        employed_on=employed_on,
        left_on=left_on,
    )
    errors: dict[str, list[str]] = {}
    _set_id_number(worker, id_number, errors)
    sources, devices = list(sources), list(devices)
    _validate_worker(worker, sources=sources, devices=devices, errors=errors)

    def assign_work() -> None:
        worker.sources.set(sources)
        worker.devices.set(devices)

    return insert_row(
        worker,
        actor=actor,
        action="worker.create",
        unique=ValidationError({"id_number": [DUPLICATE_MESSAGE]}),  # the same person at once
        then=assign_work,
        snapshot=_snapshot,
    )


def worker_update(
    *,
    worker: Worker,
    actor,
    expected_version: int | None,
    id_number: str = "",
    sources=None,
    devices=None,
    **fields: Any,
) -> Worker:
    """`id_number` empty keeps the stored one; `sources`/`devices` None keep the current sets."""
    before = _snapshot(worker)
    assign_fields(worker, fields, WORKER_FIELDS, service="worker_update")
    errors: dict[str, list[str]] = {}
    if id_number:
        _set_id_number(worker, id_number, errors)
    sources = list(worker.sources.all()) if sources is None else list(sources)
    devices = list(worker.devices.all()) if devices is None else list(devices)
    _validate_worker(worker, sources=sources, devices=devices, errors=errors)
    stored = [*WORKER_FIELDS, "id_number_cipher", "id_number_index", "id_number_masked"]

    def assign_work() -> None:
        worker.sources.set(sources)
        worker.devices.set(devices)

    return update_row(
        worker,
        actor=actor,
        action="worker.update",
        before=before,
        expected_version=expected_version,
        fields=stored,
        unique=ValidationError({"id_number": [DUPLICATE_MESSAGE]}),
        then=assign_work,
        snapshot=_snapshot,
    )


def worker_unmask(*, worker: Worker, actor) -> str:
    """The clear number, for the one who asked, once; the event says who saw whose number.

    Only a person with `worker.unmask` sees it, and only for a worker of the own scope, whatever
    called the service: anyone else gets PermissionDenied and a `permission.denied` event, as
    on the pages. Unlike the writes, `actor=None` is refused too: a clear number is shown to
    someone, never to "the system"."""
    if actor is None:
        raise PermissionDenied
    require_capability(actor, "worker.unmask", obj=worker)
    if not Worker.objects.for_user(actor).filter(pk=worker.pk).exists():
        deny(actor, capability="worker.unmask", obj=worker)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="worker.unmask",
            obj=worker,
            after={"id_number_masked": worker.id_number_masked},
        )
    return crypto.decrypt(worker.id_number_cipher)


# --- assessment results ----------------------------------------------------------------------
def workers_with_restricted_work(worker_ids) -> set[int]:
    """Those of `worker_ids` who operate a source or a Ⅰ/Ⅱ类 ray device, in one query however
    many they are (the import asks for a whole file at once)."""
    operating = Q(sources__isnull=False) | Q(devices__device_class__in=RESTRICTED_DEVICE_CLASSES)
    return set(
        Worker.objects.filter(operating, pk__in=worker_ids).values_list("pk", flat=True).distinct()
    )


def training_rule_errors(result: TrainingResult, *, restricted: bool) -> dict[str, list[str]]:
    """The rules of a result that need no database, by field, given whether its worker operates
    sources or Ⅰ/Ⅱ类 devices (`restricted`). The one place they live: the services and the Excel
    import both ask here."""
    errors: dict[str, list[str]] = {}
    result.number = (result.number or "").strip()
    if result.passed_on is not None:
        result.valid_until = training_valid_until(result.passed_on)
    if result.category == TrainingCategory.SELF_ASSESSED and restricted:
        errors["category"] = [
            _("自行考核只适用于仅从事Ⅲ类射线装置工作的人员；该人员操作放射源或Ⅰ、Ⅱ类射线装置。")
        ]
    try:
        result.full_clean(
            exclude=[*errors, "valid_until", "worker"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    return errors


def _validate_training(result: TrainingResult) -> None:
    restricted = result.category == TrainingCategory.SELF_ASSESSED and bool(
        workers_with_restricted_work([result.worker_id])
    )
    errors = training_rule_errors(result, restricted=restricted)
    try:
        result.full_clean(exclude=[*errors, "valid_until"])
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


def training_create(
    *, actor, worker: Worker, number: str, category: str, passed_on: datetime.date | None
) -> TrainingResult:
    result = TrainingResult(worker=worker, number=number, category=category, passed_on=passed_on)
    _validate_training(result)
    return insert_row(result, actor=actor, action="training.create")


def training_update(
    *, result: TrainingResult, actor, expected_version: int | None, **fields: Any
) -> TrainingResult:
    before = model_snapshot(result)
    assign_fields(result, fields, TRAINING_FIELDS, service="training_update")
    _validate_training(result)
    return update_row(
        result,
        actor=actor,
        action="training.update",
        before=before,
        expected_version=expected_version,
        fields=[*TRAINING_FIELDS, "valid_until"],
    )
