"""Writing a unit import: all rows or none.

The plan is made again inside the transaction that writes it (`commit_plan`), so the rows are
checked against the database as it is at the moment of writing, not as it was at the preview;
every write goes through the registry services, so an imported unit has the same checks and audit
trail as one entered by hand, and any failure on any row rolls back every row."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.imports import ImportRejected, apply_rows, planned_commit

from .. import services
from ..choices import UnitStatus
from .columns import FIELD_LABELS
from .planning import ImportPlan, RowPlan, plan_import

__all__ = ["ImportRejected", "apply_plan", "commit_import"]


# Write the rows, or raise ImportRejected having written nothing; a preview's fingerprint that no
# longer matches what would be written is refused.
commit_import = planned_commit(
    plan=plan_import,
    apply=lambda plan, *, actor: apply_plan(plan, actor=actor),  # defined below
    action="unit.import",
)


def apply_plan(plan: ImportPlan, *, actor, today: datetime.date | None = None) -> None:
    """Execute a plan in one transaction; the first row that fails rolls back the rows before it."""
    today = today or timezone.localdate()
    apply_rows(
        plan.rows,
        lambda row: _apply_row(row, plan=plan, actor=actor, today=today),
        field_labels=FIELD_LABELS,
    )


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
