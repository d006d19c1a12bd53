"""What the three inventory imports share: the trial run through the services and the
all-or-nothing commit of `RowImport`, and the register's form of a source code (cells are read by
`radsafe.core.imports.RowReader`, units found by `radsafe.registry.imports.UnitFinder`).

Everything a row is checked against is loaded up front in a fixed number of queries; the rules
that depend on the database as the earlier rows leave it (a return needs its check-out) are the
services' and are checked by the trial run of `radsafe.core.imports.trial_rows`."""

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from radsafe.core.imports import (
    ImportPlan,
    apply_rows,
    cell_text,
    commit_plan,
    sort_errors,
    trial_rows,
)


def normal_code(value) -> str:
    """A source code as the register keeps it: no spaces, letters upper case."""
    return re.sub(r"\s", "", cell_text(value)).upper()


def with_trial(
    plan: ImportPlan, apply_row: Callable[[Any], None], *, field_labels: dict[str, str], order=None
) -> ImportPlan:
    """The dry run: the static checks' plan, with what the services refuse when the rows that
    passed are written (in `order`, default file order) and rolled back."""
    rows = order(plan.rows) if order else plan.rows
    refused = trial_rows(rows, apply_row, field_labels=field_labels)
    plan.errors = sort_errors([*plan.errors, *refused])
    return plan


def commit_rows(
    *,
    make_plan: Callable[[], ImportPlan],
    apply_row: Callable[[Any], None],
    field_labels: dict[str, str],
    actor,
    action: str,
    sha256: str,
    file_name: str,
    expected_fingerprint: str | None,
    order=None,
) -> ImportPlan:
    """All or nothing: every row through the services in one transaction; any refusal rolls back
    every row, and the rejection names every refused row, as the dry run would."""

    def checked_plan() -> ImportPlan:
        plan = make_plan()
        if plan.errors:  # refused anyway: name what the services would refuse too
            with_trial(plan, apply_row, field_labels=field_labels, order=order)
        return plan

    def apply_plan(plan: ImportPlan) -> None:
        rows = order(plan.rows) if order else plan.rows
        apply_rows(rows, apply_row, field_labels=field_labels, collect=True)

    return commit_plan(
        make_plan=checked_plan,
        apply_plan=apply_plan,
        actor=actor,
        action=action,
        sha256=sha256,
        file_name=file_name,
        expected_fingerprint=expected_fingerprint,
    )


@dataclass(frozen=True)
class RowImport:
    """One kind of inventory row: its static checks (`static_plan`) and the services that write a
    row (`apply_row`) make both the dry run and the all-or-nothing commit."""

    static_plan: Callable[[list, Any], ImportPlan]
    apply_row: Callable[..., None]
    field_labels: dict[str, str]
    action: str
    order: Callable | None = None

    def plan(self, *, rows: list, actor) -> ImportPlan:
        """The dry run: every row checked, then written through the services and rolled back."""
        return with_trial(
            self.static_plan(rows, actor),
            lambda row: self.apply_row(row, actor=actor),
            field_labels=self.field_labels,
            order=self.order,
        )

    def commit(
        self,
        *,
        rows: list,
        actor,
        sha256: str,
        file_name: str = "",
        expected_fingerprint: str | None = None,
    ) -> ImportPlan:
        return commit_rows(
            make_plan=lambda: self.static_plan(rows, actor),
            apply_row=lambda row: self.apply_row(row, actor=actor),
            field_labels=self.field_labels,
            actor=actor,
            action=self.action,
            sha256=sha256,
            file_name=file_name,
            expected_fingerprint=expected_fingerprint,
            order=self.order,
        )


def upsert_row(row, *, actor, existing, create, update, keyword: str) -> None:
    """Write one planned row through its services: nothing when unchanged, `create` when the row
    matched nothing, else a versioned `update` of a copy (the service changes the instance it is
    given, and the plan keeps the original for its fingerprint)."""
    if row.action == "unchanged":
        return
    if existing is None:
        create(actor=actor, unit=row.unit, **row.fields)
    else:
        update(
            **{keyword: copy.copy(existing)},
            actor=actor,
            expected_version=row.version,
            **row.fields,
        )
