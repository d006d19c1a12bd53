"""Writing an import: all rows or none.

The plan is made again inside the transaction that writes it, so the rows are checked against the
database as it is at the moment of writing, not as it was at the preview; every write goes through
the registry services, so an imported unit has the same checks and audit trail as one entered by
hand, and any failure on any row rolls back every row."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.audit import audit_record

from .. import services
from ..choices import UnitStatus
from .columns import FIELD_LABELS
from .planning import ImportPlan, RowError, RowPlan, plan_import
from .reading import SheetRow


class ImportRejected(Exception):
    """Nothing was written; `errors` say why, row by row."""

    def __init__(self, errors: list[RowError]):
        super().__init__(errors)
        self.errors = errors


def commit_import(
    *,
    rows: list[SheetRow],
    actor,
    sha256: str,
    file_name: str = "",
    expected_fingerprint: str | None = None,
) -> ImportPlan:
    """Write the rows, or raise ImportRejected having written nothing. `expected_fingerprint`
    is the preview's: if what would be written differs from what the person confirmed, refuse."""
    with transaction.atomic():
        plan = plan_import(rows=rows, actor=actor)
        if plan.errors:
            raise ImportRejected(plan.errors)
        if expected_fingerprint is not None and plan.fingerprint != expected_fingerprint:
            raise ImportRejected(
                [RowError(0, "", _("自预览以来相关数据已被修改，请重新上传文件预览后再导入。"))]
            )
        apply_plan(plan, actor=actor)
        counts = plan.counts
        audit_record(
            actor=actor,
            action="unit.import",
            object_type="import",
            object_id=sha256[:16],
            object_repr=file_name or sha256,
            after={
                "file": file_name,
                "sha256": sha256,
                "rows": len(plan.rows),
                "created": counts["create"],
                "updated": counts["update"],
                "unchanged": counts["unchanged"],
            },
        )
    return plan


def apply_plan(plan: ImportPlan, *, actor, today: datetime.date | None = None) -> None:
    """Execute a plan in one transaction; the first row that fails rolls back the rows before it."""
    today = today or timezone.localdate()
    with transaction.atomic():
        for row in plan.rows:
            try:
                _apply_row(row, plan=plan, actor=actor, today=today)
            except ValidationError as error:
                raise ImportRejected(_row_errors(row, error)) from error
            except IntegrityError as error:
                message = _("与他人同时写入的数据冲突，请重新导入。")
                raise ImportRejected([RowError(row.row, "", message)]) from error


def _apply_row(row: RowPlan, *, plan: ImportPlan, actor, today: datetime.date) -> None:
    if row.action == "unchanged":
        return
    unit = row.unit
    if unit is None:
        unit = services.unit_create(
            actor=actor,
            industries=row.industries or [],
            status=row.status or UnitStatus.NORMAL,
            jurisdiction=plan.county,
            **row.unit_fields,
        )
    else:
        if row.unit_fields or row.industries is not None:
            services.unit_update(
                unit=unit,
                actor=actor,
                expected_version=unit.version,
                industries=row.industries,
                **row.unit_fields,
            )
        if row.status is not None:
            services.unit_change_status(
                unit=unit, actor=actor, status=row.status, changed_on=today, reason=_("批量导入")
            )
    if row.licence_fields is None:
        return
    if row.licence is None:
        services.licence_create(actor=actor, unit=unit, **row.licence_fields)
    elif row.licence_fields:
        services.licence_update(
            licence=row.licence,
            actor=actor,
            expected_version=row.licence.version,
            **row.licence_fields,
        )


def _row_errors(row: RowPlan, error: ValidationError) -> list[RowError]:
    if not hasattr(error, "error_dict"):
        return [RowError(row.row, "", message) for message in error.messages]
    return [
        RowError(row.row, FIELD_LABELS.get(name, ""), message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]
