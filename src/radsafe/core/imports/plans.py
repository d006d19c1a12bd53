"""What a dry run produces and what a commit consumes, for any import.

A plan lists the rows that would be written (each knows its Excel row number, its action and what
it changes) and every error of every row, so a person fixes the file once rather than once per
upload. Its fingerprint ties a commit to the preview a person confirmed: the bulk form of
optimistic locking. `commit_plan` is the one way to write: the plan is made again inside the
transaction that writes it, any row that fails rolls every row back, and the import leaves one
summary audit event next to the services' own."""

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from radsafe.core.audit import audit_record
from radsafe.core.jobs import progress

ACTIONS = ("create", "update", "unchanged")
# Rows of the preview and of the error list drawn on a page, and the errors a job keeps: a
# 10,000-row file would otherwise make a page of megabytes on a phone; the counts above the table
# still cover every row.
SHOWN_ROWS = 500


def capped(items: list) -> dict:
    return {"items": items[:SHOWN_ROWS], "hidden": max(0, len(items) - SHOWN_ROWS)}


@dataclass(frozen=True)
class RowError:
    row: int  # as Excel shows it; 0 for an error about the whole import
    column: str
    message: str


class ImportRejected(Exception):
    """Nothing was written; `errors` say why, row by row."""

    def __init__(self, errors: list[RowError]):
        super().__init__(errors)
        self.errors = errors


class PlannedRow(Protocol):
    row: int
    changes: list[str]

    @property
    def action(self) -> str: ...

    def fingerprint_item(self) -> list[Any]: ...


@dataclass
class ImportPlan:
    rows: list[Any]  # PlannedRow
    errors: list[RowError]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ACTIONS, 0)
        for row in self.rows:
            counts[row.action] += 1
        return counts

    @property
    def error_rows(self) -> list[int]:
        return sorted({error.row for error in self.errors})

    @property
    def changed_rows(self) -> list[Any]:
        return [row for row in self.rows if row.action != "unchanged"]

    @property
    def fingerprint(self) -> str:
        """Changes whenever what the commit would write changes, including when somebody edits an
        affected record after the preview (each row puts the versions it relies on in its item)."""
        items = [[row.row, row.action, row.fingerprint_item()] for row in self.rows]
        return hashlib.sha256(json.dumps(items, default=str).encode()).hexdigest()


def validation_row_errors(
    row: int, error: ValidationError, field_labels: dict[str, str]
) -> list[RowError]:
    """A service's ValidationError as row errors, each on the column its field came from."""
    if not hasattr(error, "error_dict"):
        return [RowError(row, "", message) for message in error.messages]
    return [
        RowError(row, field_labels.get(name, ""), message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def _conflict_message() -> str:
    return _("与他人同时写入的数据冲突，请重新导入。")


def _counted(rows: Iterable[Any]) -> Iterator[Any]:
    """The rows, reporting each one done to the job that runs this, if any (core.jobs)."""
    total = len(rows) if isinstance(rows, Sized) else None
    for done, row in enumerate(rows, start=1):
        yield row
        progress.report(done, total)


def apply_rows(
    rows: Iterable[Any],
    apply_row: Callable[[Any], None],
    *,
    field_labels: dict[str, str],
    collect: bool = False,
) -> None:
    """Write rows in one transaction; a row that fails rolls back every row and is reported with
    its Excel row number. With `collect`, each row runs in its own savepoint and the rows after a
    failed one are still tried, so the rejection names every failing row, not just the first."""
    with transaction.atomic():
        if collect:
            errors = _apply_collecting(rows, apply_row, field_labels)
            if errors:
                raise ImportRejected(errors)
            return
        for row in _counted(rows):
            try:
                apply_row(row)
            except ValidationError as error:
                raise ImportRejected(validation_row_errors(row.row, error, field_labels)) from error
            except IntegrityError as error:
                raise ImportRejected([RowError(row.row, "", _conflict_message())]) from error


class _TrialOver(Exception):
    """Leaves the trial's transaction, rolling it back."""


def trial_rows(
    rows: Iterable[Any], apply_row: Callable[[Any], None], *, field_labels: dict[str, str]
) -> list[RowError]:
    """A dry run by the services themselves: write every row, each in its own savepoint, collect
    what the services refuse, then roll everything back. Used where a row's validity depends on
    the rows before it (a return needs the check-out of an earlier row), so the dry run says
    exactly what the commit will do without restating the services' rules. The objects passed
    to the services should be copies: a service may change the instance it was given."""
    errors: list[RowError] = []
    try:
        with transaction.atomic():
            errors = _apply_collecting(rows, apply_row, field_labels)
            raise _TrialOver
    except _TrialOver:
        pass
    return errors


def _apply_collecting(
    rows: Iterable[Any], apply_row: Callable[[Any], None], field_labels: dict[str, str]
) -> list[RowError]:
    errors: list[RowError] = []
    for row in _counted(rows):
        try:
            with transaction.atomic():
                apply_row(row)
        except ValidationError as error:
            errors.extend(validation_row_errors(row.row, error, field_labels))
        except IntegrityError:
            errors.append(RowError(row.row, "", _conflict_message()))
    return sorted(errors, key=lambda error: error.row)


def stale_preview_error() -> RowError:
    return RowError(0, "", _("自预览以来相关数据已被修改，请重新上传文件预览后再导入。"))


def commit_plan(
    *,
    make_plan: Callable[[], ImportPlan],
    apply_plan: Callable[[ImportPlan], None],
    actor,
    action: str,
    sha256: str,
    file_name: str = "",
    expected_fingerprint: str | None = None,
) -> ImportPlan:
    """Write the rows, or raise ImportRejected having written nothing. `expected_fingerprint`
    is the preview's: if what would be written differs from what the person confirmed, refuse.
    `action` names the summary audit event (``unit.import``), which records the file's SHA-256
    and the counts."""
    with transaction.atomic():
        progress.phase("checking")
        plan = make_plan()
        if plan.errors:
            raise ImportRejected(plan.errors)
        if expected_fingerprint is not None and plan.fingerprint != expected_fingerprint:
            raise ImportRejected([stale_preview_error()])
        progress.phase("writing", total=len(plan.changed_rows))
        apply_plan(plan)
        counts = plan.counts
        audit_record(
            actor=actor,
            action=action,
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


def planned_commit(
    *, plan: Callable[..., ImportPlan], apply: Callable[..., None], action: str
) -> Callable[..., ImportPlan]:
    """The commit of an import whose dry run is a plan made without writing: `plan(rows=,
    actor=)` again inside the transaction, then `apply(plan, actor=)`; an ImportSpec's `commit`."""

    def commit(
        *,
        rows: list,
        actor,
        sha256: str,
        file_name: str = "",
        expected_fingerprint: str | None = None,
    ) -> ImportPlan:
        return commit_plan(
            make_plan=lambda: plan(rows=rows, actor=actor),
            apply_plan=lambda planned: apply(planned, actor=actor),
            actor=actor,
            action=action,
            sha256=sha256,
            file_name=file_name,
            expected_fingerprint=expected_fingerprint,
        )

    return commit
