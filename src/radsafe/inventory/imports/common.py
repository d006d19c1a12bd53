"""What the three inventory imports share: reading a row's cells into typed values with a row
error naming the column, and finding the unit a row belongs to within the importer's scope.

Everything a row is checked against is loaded up front in a fixed number of queries; the rules
that depend on the database as the earlier rows leave it (a return needs its check-out) are the
services' and are checked by the trial run of `radsafe.core.imports.trial_rows`."""

import copy
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from radsafe.core.choices import Role
from radsafe.core.imports import (
    ColumnSet,
    ImportPlan,
    RowError,
    SheetRow,
    apply_rows,
    cell_bool,
    cell_date,
    cell_datetime,
    cell_number,
    cell_text,
    commit_plan,
    trial_rows,
)
from radsafe.registry.models import Unit
from radsafe.registry.validators import normalize_credit_code

UNIT_KEY = "unit"
# Every row of an inventory import is a service call (with its audit event) in the dry run and
# again in the commit, both within one request: about 4 ms a row on SQLite, so 2,000 rows stay
# well inside a worker's timeout. A unit's 台账 is far smaller; a county's is split by unit.
MAX_ROWS = 2_000


class RowReader:
    """Typed cell values of a row; each bad cell adds a row error on its column and gives None.
    A column the file does not have reads as `missing` (None), which the planners take as "leave
    this field alone" for an existing record."""

    def __init__(self, columns: ColumnSet):
        self.labels = columns.labels
        self.errors: list[RowError] = []

    def error(self, row: SheetRow, key: str, message: str) -> None:
        self.errors.append(RowError(row.number, self.labels.get(key, ""), str(message)))

    def errors_since(self, count: int) -> bool:
        return len(self.errors) > count

    def text(self, row: SheetRow, key: str, *, required: bool = False) -> str | None:
        if key not in row.values:
            if required:
                self.error(row, key, _("不能为空"))
            return None
        text = cell_text(row.values[key])
        if required and not text:
            self.error(row, key, _("不能为空"))
            return None
        return text

    def number(self, row: SheetRow, key: str, *, required: bool = False) -> float | None:
        text = self.text(row, key, required=required)
        if not text:
            return None
        try:
            return cell_number(row.values[key])
        except ValueError:
            self.error(row, key, _("“%(value)s”不是数值") % {"value": text})
            return None

    def date(self, row: SheetRow, key: str, *, required: bool = False) -> datetime.date | None:
        if not self.text(row, key, required=required):
            return None
        try:
            return cell_date(row.values[key])
        except ValueError:
            self.error(row, key, _("日期无效，应为日期或 YYYY-MM-DD 格式的文本"))
            return None

    def moment(self, row: SheetRow, key: str, *, required: bool = False):
        if not self.text(row, key, required=required):
            return None
        try:
            return cell_datetime(row.values[key])
        except ValueError:
            self.error(row, key, _("时间无效，应为日期时间或 YYYY-MM-DD HH:MM 格式的文本"))
            return None

    def flag(self, row: SheetRow, key: str) -> bool | None:
        if key not in row.values:
            return None
        try:
            return cell_bool(row.values[key])
        except ValueError:
            self.error(row, key, _("“%(value)s”无效，应为“是”或“否”") % {"value": row.values[key]})
            return None

    def choice(
        self, row: SheetRow, key: str, lookup: dict[str, Any], allowed: list[str], **kwargs
    ) -> Any | None:
        text = self.text(row, key, **kwargs)
        if not text:
            return None
        value = lookup.get(text)
        if value is None:
            self.error(
                row,
                key,
                _("“%(value)s”无效，应为：%(allowed)s")
                % {"value": text, "allowed": "、".join(allowed)},
            )
        return value


class UnitFinder:
    """The units named in a file that the importer may import for, in one query. A unit officer
    may leave the column blank (their own unit); a code outside the importer's scope and a code
    not registered read the same, so the answer does not tell whether a unit exists elsewhere."""

    def __init__(self, *, actor, rows: list[SheetRow]):
        codes = {normalize_credit_code(cell_text(r.values.get(UNIT_KEY))) for r in rows}
        codes.discard("")
        self.own_unit_id = actor.unit_id if actor.role == Role.UNIT_OFFICER else None
        self.units = {
            unit.credit_code: unit
            for unit in Unit.objects.for_user(actor).filter(credit_code__in=codes)
        }
        self.own_unit = (
            Unit.objects.for_user(actor).filter(pk=self.own_unit_id).first()
            if self.own_unit_id
            else None
        )

    def find(self, reader: RowReader, row: SheetRow) -> Unit | None:
        code = normalize_credit_code(cell_text(row.values.get(UNIT_KEY)))
        if not code:
            if self.own_unit is not None:
                return self.own_unit
            reader.error(row, UNIT_KEY, _("不能为空"))
            return None
        unit = self.units.get(code)
        if unit is None:
            reader.error(row, UNIT_KEY, _("该单位不在您的数据范围内（或尚未登记）"))
        return unit

    @property
    def unit_ids(self) -> set[int]:
        ids = {unit.pk for unit in self.units.values()}
        if self.own_unit is not None:
            ids.add(self.own_unit.pk)
        return ids


def normal_code(value) -> str:
    """A source code as the register keeps it: no spaces, letters upper case."""
    return re.sub(r"\s", "", cell_text(value)).upper()


def sort_errors(errors: list[RowError]) -> list[RowError]:
    """By Excel row, keeping each row's errors in the order of its columns."""
    return sorted(errors, key=lambda error: error.row)


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
