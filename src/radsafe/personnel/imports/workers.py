"""Import of the radiation-worker roster (人员台账, issue 4 point 6) with each worker's latest
assessment result: how units and the bureau onboard a county from the Excel they already keep.

A row names a worker by unit and ID number (its blind index, as `worker_create` computes it): a
registered worker is updated with the columns the file has, through `worker_update` with the
version the preview read, or left alone when nothing differs; anyone else is created through
`worker_create`. A result number the worker already holds is unchanged; another is created
through `training_create`. What the worker operates is not imported (it is linked on the
worker's page), so an import never unlinks a source.

As in the dose import the dry run is static: what a row is judged against is loaded up front in
a fixed number of queries (the units, the workers, their results with the file's numbers and,
only for self-assessed results of registered workers, whether they operate sources or Ⅰ/Ⅱ类
devices), and each row is judged with the services' own rules (`worker_rule_errors`,
`training_rule_errors`), so the preview names every row the services would refuse without a
query per row. The commit plans again in its transaction and writes row by row through the
services — a county has hundreds of workers — collecting any refusal as a row error, so either
every row is written or none."""

import copy
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from radsafe.core.imports import (
    Column,
    ColumnSet,
    ImportPlan,
    RowReader,
    SheetRow,
    apply_rows,
    cell_text,
    choice_labels,
    choice_lookup,
    planned_commit,
    sort_errors,
)
from radsafe.personnel.choices import Sex, TrainingCategory, WorkType
from radsafe.personnel.imports.common import (
    ID_COLUMN,
    NAME_COLUMN,
    PERSON_ALIASES,
    UNIT_COLUMN,
    IdCell,
    WorkerFinder,
    same_name,
)
from radsafe.personnel.models import TrainingResult, Worker
from radsafe.personnel.services.workers import (
    training_create,
    training_rule_errors,
    worker_create,
    worker_rule_errors,
    worker_update,
    workers_with_restricted_work,
)
from radsafe.registry.models import Unit

TRAINING_KEYS = ("training_number", "training_category", "passed_on")
COLUMNS = ColumnSet(
    columns=(
        UNIT_COLUMN,
        NAME_COLUMN,
        ID_COLUMN,
        Column("sex", "性别", width=8),
        Column("post", "岗位", width=16),
        Column("work_type", "工作类别", required=True, width=14),
        Column("employed_on", "入职日期", required=True, width=14, is_date=True),
        Column("left_on", "离职日期", width=14, is_date=True),
        Column("training_number", "考核成绩报告单编号", width=22, is_text=True),
        Column("training_category", "考核类别", width=22),
        Column("passed_on", "考核日期", width=14, is_date=True),
    ),
    # What units' own 人员台账 write (spaces, stars and bracket widths aside).
    aliases={
        **PERSON_ALIASES,
        "工作岗位": "post",
        "职务": "post",
        "岗位/职务": "post",
        "辐射工作类别": "work_type",
        "从事工作类别": "work_type",
        "工作种类": "work_type",
        "职业类别": "work_type",
        "入职时间": "employed_on",
        "上岗日期": "employed_on",
        "上岗时间": "employed_on",
        "离职时间": "left_on",
        "成绩报告单编号": "training_number",
        "成绩单编号": "training_number",
        "考核报告单编号": "training_number",
        "报告单编号": "training_number",
        "考核成绩报告单": "training_number",
        "考核科目": "training_category",
        "考核时间": "passed_on",
        "考核合格日期": "passed_on",
    },
)
LABELS = COLUMNS.labels
# Service errors by field → the column the value came from.
FIELD_LABELS = {
    **LABELS,
    "number": LABELS["training_number"],
    "category": LABELS["training_category"],
}
TRAINING_FIELDS = {"number": "training_number", "category": "training_category"}
# Spellings 台账 use besides the labels.
WORK_TYPE_SPELLINGS = {
    "工业探伤": WorkType.FLAW_DETECTION,
    "无损检测": WorkType.FLAW_DETECTION,
    "放疗": WorkType.RADIOTHERAPY,
    "介入放射学": WorkType.INTERVENTIONAL,
    "放射诊断": WorkType.XRAY_DIAGNOSIS,
    "X射线影像诊断": WorkType.XRAY_DIAGNOSIS,
    "料位计": WorkType.GAUGING,
}
CATEGORY_SPELLINGS = {"自行考核": TrainingCategory.SELF_ASSESSED}
WORKER_KEYS = ("name", "sex", "post", "work_type", "employed_on", "left_on")


@dataclass
class WorkerRowPlan:
    """A row that passed every check. `fields` are what `worker_create` takes for a new worker,
    or only what differs for a registered one; `training` a result to create; `held` the result
    with the file's number the worker already has (unchanged)."""

    row: int
    unit: Unit
    cell: IdCell
    name: str
    worker: Worker | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] | None = None
    held: TrainingResult | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def action(self) -> str:
        if self.worker is None:
            return "create"
        return "update" if self.changes else "unchanged"

    @property
    def masked_id(self) -> str:
        return self.cell.masked

    @property
    def training_number(self) -> str:
        if self.training:
            return self.training["number"]
        return self.held.number if self.held else ""

    def fingerprint_item(self) -> list[Any]:
        held = [self.held.pk, self.held.version] if self.held else None
        training = sorted(self.training.items()) if self.training else None
        worker = [self.worker.pk, self.worker.version] if self.worker else None
        fields = sorted(self.fields.items())
        return [self.unit.pk, self.cell.index, worker, fields, training, held]


class _Planner:
    """Everything the rows are checked against, loaded once: at most 3 queries for the units and
    workers, one for their results with the file's numbers and one for who operates sources or
    Ⅰ/Ⅱ类 devices (only if a registered worker's row is self-assessed), whatever the rows."""

    def __init__(self, *, rows: list[SheetRow], actor):
        self.reader = RowReader(COLUMNS)
        self.people = WorkerFinder(rows=rows, actor=actor)
        workers = [worker.pk for worker in self.people.workers.values()]
        numbers = {cell_text(row.values.get("training_number")) for row in rows} - {""}
        held = (
            TrainingResult.objects.filter(worker_id__in=workers, number__in=numbers)
            if workers and numbers
            else []
        )
        self.held = {(result.worker_id, result.number): result for result in held}
        self.first_row: dict[tuple[int, str], int] = {}
        self._restricted: set[int] | None = None
        # The file's (Chinese) labels, whatever the interface language.
        self.sexes, self.sex_labels = choice_lookup(Sex), choice_labels(Sex)
        self.work_types = choice_lookup(WorkType, WORK_TYPE_SPELLINGS)
        self.work_type_labels = choice_labels(WorkType)
        self.categories = choice_lookup(TrainingCategory, CATEGORY_SPELLINGS)
        self.category_labels = choice_labels(TrainingCategory)

    def plan(self, rows: list[SheetRow]) -> ImportPlan:
        plans = [plan for plan in map(self.plan_row, rows) if plan is not None]
        return ImportPlan(rows=plans, errors=sort_errors(self.reader.errors))

    def plan_row(self, row: SheetRow) -> WorkerRowPlan | None:
        reader, before = self.reader, len(self.reader.errors)
        unit = self.people.units.find(reader, row)
        cell = self.people.ids[row.number]
        for message in cell.errors:
            reader.error(row, "id_number", message)
        values = self._values(row)
        training = self._training(row)
        if reader.errors_since(before) or unit is None:
            return None
        if not self._first_in_file(row, unit, cell):
            return None
        worker = self.people.worker(unit.pk, cell)
        plan = WorkerRowPlan(row=row.number, unit=unit, cell=cell, name=values["name"])
        if worker is None:
            self._new_worker(row, plan, values)
        else:
            self._registered_worker(row, plan, worker, values)
        if training is not None:
            self._plan_training(row, plan, training)
        return None if reader.errors_since(before) else plan

    def _values(self, row: SheetRow) -> dict[str, Any]:
        """The worker's columns the file has; a blank 性别 is left out (derived or kept)."""
        reader = self.reader
        values: dict[str, Any] = {
            "name": reader.text(row, "name", required=True),
            "work_type": reader.choice(
                row, "work_type", self.work_types, self.work_type_labels, required=True
            ),
            "employed_on": reader.date(row, "employed_on", required=True),
        }
        sex = reader.choice(row, "sex", self.sexes, self.sex_labels)
        if sex is not None:
            values["sex"] = sex
        if "post" in row.values:
            values["post"] = reader.text(row, "post") or ""
        if "left_on" in row.values:
            values["left_on"] = reader.date(row, "left_on")
        return values

    def _training(self, row: SheetRow) -> dict[str, Any] | None:
        """The three result columns, all filled or all blank."""
        reader = self.reader
        filled = [key for key in TRAINING_KEYS if cell_text(row.values.get(key))]
        if not filled:
            return None
        if len(filled) < len(TRAINING_KEYS):
            names = "、".join(LABELS[key] for key in TRAINING_KEYS)
            for key in TRAINING_KEYS:
                if key not in filled:
                    reader.error(
                        row,
                        key,
                        _("%(columns)s须同时填写或同时留空") % {"columns": names},
                    )
            return None
        return {
            "number": reader.text(row, "training_number"),
            "category": reader.choice(
                row, "training_category", self.categories, self.category_labels
            ),
            "passed_on": reader.date(row, "passed_on"),
        }

    def _first_in_file(self, row: SheetRow, unit: Unit, cell: IdCell) -> bool:
        first = self.first_row.setdefault((unit.pk, cell.index), row.number)
        if first == row.number:
            return True
        self.reader.error(
            row,
            "id_number",
            _("身份证号码 %(masked)s 与第 %(row)d 行重复（同一单位的同一人员只能有一行）")
            % {"masked": cell.masked, "row": first},
        )
        return False

    def _rule_errors(self, row: SheetRow, errors: dict[str, list[str]]) -> None:
        for name, messages in errors.items():
            for message in messages:
                self.reader.error(row, TRAINING_FIELDS.get(name, name), message)

    def _new_worker(self, row: SheetRow, plan: WorkerRowPlan, values: dict[str, Any]) -> None:
        values.setdefault("sex", Sex.MALE if plan.cell.male else Sex.FEMALE)
        candidate = Worker(unit=plan.unit, scope_path=plan.unit.scope_path, **values)
        self._rule_errors(row, worker_rule_errors(candidate))
        plan.fields = {key: getattr(candidate, key) for key in values}

    def _registered_worker(
        self, row: SheetRow, plan: WorkerRowPlan, worker: Worker, values: dict[str, Any]
    ) -> None:
        """Only what differs is written; a name that differs only in spaces is the same name."""
        if same_name(values["name"], worker.name):
            values["name"] = worker.name
        candidate = copy.copy(worker)
        for key, value in values.items():
            setattr(candidate, key, value)
        self._rule_errors(row, worker_rule_errors(candidate))
        plan.worker = worker
        for key in WORKER_KEYS:
            if key in values and getattr(candidate, key) != getattr(worker, key):
                plan.fields[key] = getattr(candidate, key)
                plan.changes.append(LABELS[key])

    def _plan_training(self, row: SheetRow, plan: WorkerRowPlan, values: dict[str, Any]) -> None:
        worker = plan.worker
        held = self.held.get((worker.pk, values["number"])) if worker else None
        if held is not None:
            if (held.category, held.passed_on) == (values["category"], values["passed_on"]):
                plan.held = held
                return
            self.reader.error(
                row,
                "training_number",
                _(
                    "该人员已有编号为 %(number)s 的考核成绩报告单，且考核类别或考核日期与文件"
                    "不同；导入不会覆盖已有记录，如需更正请在该人员页面修改。"
                )
                % {"number": held.number},
            )
            return
        restricted = (
            worker is not None
            and values["category"] == TrainingCategory.SELF_ASSESSED
            and worker.pk in self._restricted_workers()
        )
        result = TrainingResult(**values)
        self._rule_errors(row, training_rule_errors(result, restricted=restricted))
        plan.training = {key: getattr(result, key) for key in values}
        plan.changes.append(_("新增考核成绩报告单 %(number)s") % {"number": result.number})

    def _restricted_workers(self) -> set[int]:
        if self._restricted is None:
            ids = [worker.pk for worker in self.people.workers.values()]
            self._restricted = workers_with_restricted_work(ids)
        return self._restricted


def plan_worker_import(*, rows: list[SheetRow], actor) -> ImportPlan:
    return _Planner(rows=rows, actor=actor).plan(rows)


def _apply_row(row: WorkerRowPlan, *, actor) -> None:
    """A copy of a registered worker goes to `worker_update`, which changes the instance it is
    given; the plan keeps the original for its fingerprint."""
    worker = row.worker
    if worker is None:
        worker = worker_create(actor=actor, unit=row.unit, id_number=row.cell.number, **row.fields)
    elif row.fields:
        worker = worker_update(
            worker=copy.copy(worker),
            actor=actor,
            expected_version=worker.version,
            **row.fields,
        )
    if row.training is not None:
        training_create(actor=actor, worker=worker, **row.training)


def _write(plan: ImportPlan, *, actor) -> None:
    apply_rows(
        plan.changed_rows,
        lambda row: _apply_row(row, actor=actor),
        field_labels=FIELD_LABELS,
        collect=True,
    )


commit_worker_import = planned_commit(plan=plan_worker_import, apply=_write, action="worker.import")
