"""Import of the dosimetry service's dose file (个人剂量监测报告, issue 4 §3): one row per worker
and monitoring period, for workers already registered in the unit.

Unlike the inventory imports there is no trial run through the services: a province's quarterly
file has thousands of rows, and the record rules need no earlier row written to be judged. So the
dry run loads everything a row is checked against up front — the units in the importer's scope,
their workers matched by the ID number's blind index, those workers' records over the file's
dates — in a fixed number of queries, then judges each row in Python with the rules'
single source (`dose_record_errors`, `overlap_message`). The commit plans again inside the
transaction and writes through `dose_records_import`, which checks the batch once more.

Stored records are never overwritten: the same period with the same values is "unchanged" (the
same file imported twice changes nothing), with other values it is refused, because a correction
is made on the worker's page, where it is audited as one."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from radsafe.core.imports import (
    Column,
    ColumnSet,
    ImportPlan,
    RowReader,
    SheetRow,
    cell_number,
    planned_commit,
    sort_errors,
)
from radsafe.personnel.dose_periods import Period, PeriodIndex, overlaps_within
from radsafe.personnel.imports.common import (
    ID_COLUMN,
    NAME_COLUMN,
    PERSON_ALIASES,
    UNIT_COLUMN,
    WorkerFinder,
    same_name,
)
from radsafe.personnel.models import DoseRecord, Worker
from radsafe.personnel.services.doses import (
    dose_record_errors,
    dose_records_import,
    overlap_message,
)

DOSE_KEYS = ("hp10_msv", "hp3_msv", "hp007_msv")
COLUMNS = ColumnSet(
    columns=(
        UNIT_COLUMN,
        NAME_COLUMN,
        ID_COLUMN,
        Column("period_start", "监测开始日期", required=True, width=14, is_date=True),
        Column("period_end", "监测结束日期", required=True, width=14, is_date=True),
        Column("hp10_msv", "Hp(10)（mSv）", required=True, width=14),
        Column("hp3_msv", "Hp(3)（mSv）", width=14),
        Column("hp007_msv", "Hp(0.07)（mSv）", width=16),
        Column("service", "剂量监测机构", width=28),
    ),
    # What dosimetry services and units' own 台账 write (spaces, stars and bracket widths aside).
    aliases={
        **PERSON_ALIASES,
        "开始日期": "period_start",
        "起始日期": "period_start",
        "监测起始日期": "period_start",
        "监测开始时间": "period_start",
        "结束日期": "period_end",
        "终止日期": "period_end",
        "监测终止日期": "period_end",
        "监测结束时间": "period_end",
        "Hp(10)": "hp10_msv",
        "HP(10)": "hp10_msv",
        "Hp(10)(mSv)": "hp10_msv",
        "个人剂量当量Hp(10)": "hp10_msv",
        "个人剂量当量Hp(10)(mSv)": "hp10_msv",
        "Hp(3)": "hp3_msv",
        "HP(3)": "hp3_msv",
        "个人剂量当量Hp(3)": "hp3_msv",
        "个人剂量当量Hp(3)(mSv)": "hp3_msv",
        "Hp(0.07)": "hp007_msv",
        "HP(0.07)": "hp007_msv",
        "个人剂量当量Hp(0.07)": "hp007_msv",
        "个人剂量当量Hp(0.07)(mSv)": "hp007_msv",
        "检测机构": "service",
        "监测机构": "service",
        "剂量检测机构": "service",
        "监测单位": "service",
        "检测单位": "service",
    },
)
LABELS = COLUMNS.labels
# The model's DecimalField(max_digits=9, decimal_places=3).
DECIMAL_PLACES = 3
MAX_DOSE = Decimal("999999.999")
SERVICE_MAX_LENGTH = DoseRecord._meta.get_field("service").max_length
RECORD_FIELDS = ["id", "worker_id", "period_start", "period_end", *DOSE_KEYS, "service", "version"]
WORKER_FIELDS = [
    "id",
    "unit_id",
    "scope_path",
    "name",
    "id_number_index",
    "id_number_masked",
    "version",
]


@dataclass
class DoseRowPlan:
    """A row that passed every check: a new record for `worker`, or `record` when the same period
    with the same values is already stored (unchanged)."""

    row: int
    worker: Worker
    values: dict[str, Any]  # DoseRecord fields from period_start to service
    record: DoseRecord | None = None
    compared: tuple[str, ...] = ()  # the columns the file has, compared with a stored record
    changes: list[str] = field(default_factory=list)  # always empty: nothing stored is changed

    @property
    def action(self) -> str:
        return "create" if self.record is None else "unchanged"

    @property
    def masked_id(self) -> str:
        return self.worker.id_number_masked

    @property
    def period(self) -> str:
        return f"{self.values['period_start']:%Y-%m-%d} – {self.values['period_end']:%Y-%m-%d}"

    def fingerprint_item(self) -> list[Any]:
        if self.record is not None:
            return ["record", self.record.pk, self.record.version]
        return ["worker", self.worker.pk, self.worker.version, sorted(self.values.items())]


class _Planner:
    """Everything the rows are checked against, loaded once: 3 queries for units and workers,
    one for the stored records, whatever the number of rows."""

    def __init__(self, *, rows: list[SheetRow], actor):
        self.reader = RowReader(COLUMNS)
        self.people = WorkerFinder(rows=rows, actor=actor, fields=WORKER_FIELDS)
        self.units = self.people.units
        self.candidates: list[tuple[SheetRow, DoseRowPlan]] = []

    def plan(self, rows: list[SheetRow]) -> ImportPlan:
        for row in rows:
            self.plan_row(row)
        plans = self._check_periods()
        return ImportPlan(rows=plans, errors=sort_errors(self.reader.errors))

    def plan_row(self, row: SheetRow) -> None:
        reader, before = self.reader, len(self.reader.errors)
        unit = self.units.find(reader, row)
        worker = self._worker(row, unit)
        values = self._values(row)
        if reader.errors_since(before) or worker is None:
            return
        rules = {key: value for key, value in values.items() if key != "service"}
        for name, messages in dose_record_errors(**rules).items():
            for message in messages:
                reader.error(row, name, message)
        if not reader.errors_since(before):
            compared = tuple(key for key in (*DOSE_KEYS, "service") if key in row.values)
            plan = DoseRowPlan(row=row.number, worker=worker, values=values, compared=compared)
            self.candidates.append((row, plan))

    def _worker(self, row: SheetRow, unit) -> Worker | None:
        cell = self.people.ids[row.number]
        for message in cell.errors:
            self.reader.error(row, "id_number", message)
        name = self.reader.text(row, "name", required=True)
        if cell.errors or unit is None:
            return None
        worker = self.people.worker(unit.pk, cell)
        if worker is None:
            # The same words whether the person is unknown or registered in another unit.
            self.reader.error(
                row,
                "id_number",
                _("身份证号码为 %(masked)s 的人员未在该单位登记，请先在“人员”中登记")
                % {"masked": cell.masked},
            )
            return None
        if name and not same_name(name, worker.name):
            self.reader.error(
                row,
                "name",
                _("与该身份证号码登记的姓名“%(registered)s”不一致") % {"registered": worker.name},
            )
            return None
        return worker

    def _values(self, row: SheetRow) -> dict[str, Any]:
        reader = self.reader
        values: dict[str, Any] = {
            "period_start": reader.date(row, "period_start", required=True),
            "period_end": reader.date(row, "period_end", required=True),
        }
        for key in DOSE_KEYS:
            values[key] = self._dose(row, key, required=key == "hp10_msv")
        values["service"] = reader.text(row, "service") or ""
        if len(values["service"]) > SERVICE_MAX_LENGTH:
            reader.error(row, "service", _("不能超过 %(max)d 个字符") % {"max": SERVICE_MAX_LENGTH})
        return values

    def _dose(self, row: SheetRow, key: str, *, required: bool) -> Decimal | None:
        text = self.reader.text(row, key, required=required)
        if not text:
            return None
        try:
            value = Decimal(str(cell_number(row.values[key])))
        except (ValueError, InvalidOperation):
            self.reader.error(row, key, _("“%(value)s”不是数值") % {"value": text})
            return None
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int) and exponent < -DECIMAL_PLACES:
            self.reader.error(
                row, key, _("最多保留 %(places)d 位小数") % {"places": DECIMAL_PLACES}
            )
            return None
        if abs(value) > MAX_DOSE:
            self.reader.error(row, key, _("数值过大（不超过 %(max)s）") % {"max": MAX_DOSE})
            return None
        return value.quantize(Decimal(1).scaleb(-DECIMAL_PLACES))

    def _check_periods(self) -> list[DoseRowPlan]:
        """The rules between rows and against stored records, for the rows that passed the rest:
        one query for the stored records of the matched workers over the file's dates."""
        if not self.candidates:
            return []
        plans = [plan for _row, plan in self.candidates]
        starts = [plan.values["period_start"] for plan in plans]
        ends = [plan.values["period_end"] for plan in plans]
        records = list(
            DoseRecord.objects.filter(
                worker_id__in={plan.worker.pk for plan in plans},
                period_start__lte=max(ends),
                period_end__gte=min(starts),
            ).only(*RECORD_FIELDS)
        )
        stored = PeriodIndex(records)
        same_period = {(r.worker_id, r.period_start, r.period_end): r for r in records}
        clashes = overlaps_within(
            Period(plan.row, plan.worker.pk, plan.values["period_start"], plan.values["period_end"])
            for plan in plans
        )
        accepted = []
        for row, plan in self.candidates:
            start, end = plan.values["period_start"], plan.values["period_end"]
            if plan.row in clashes:
                self.reader.error(
                    row,
                    "period_start",
                    _("与第 %(row)d 行同一人员的监测周期重叠") % {"row": clashes[plan.row]},
                )
                continue
            record = same_period.get((plan.worker.pk, start, end))
            if record is not None:
                if self._same_values(row, plan, record):
                    accepted.append(plan)
                continue
            overlapping = stored.overlapping(plan.worker.pk, start, end)
            if overlapping is not None:
                self.reader.error(
                    row,
                    "period_start",
                    _("%(message)s已有记录的监测周期：%(start)s 至 %(end)s。")
                    % {
                        "message": overlap_message(),
                        "start": overlapping.period_start.isoformat(),
                        "end": overlapping.period_end.isoformat(),
                    },
                )
                continue
            accepted.append(plan)
        return accepted

    def _same_values(self, row: SheetRow, plan: DoseRowPlan, record: DoseRecord) -> bool:
        """A stored record of the same period: unchanged if the file agrees with it (in the
        columns the file has), refused otherwise — never silently overwritten."""
        differing = [
            LABELS[key] for key in plan.compared if plan.values[key] != getattr(record, key)
        ]
        if not differing:
            plan.record = record
            return True
        self.reader.error(
            row,
            "period_start",
            _(
                "该人员 %(start)s 至 %(end)s 的剂量记录已存在，且与文件不同（%(fields)s）；"
                "导入不会覆盖已有记录，如需更正请在该人员页面修改。"
            )
            % {
                "start": record.period_start.isoformat(),
                "end": record.period_end.isoformat(),
                "fields": "、".join(differing),
            },
        )
        return False


def plan_dose_import(*, rows: list[SheetRow], actor) -> ImportPlan:
    return _Planner(rows=rows, actor=actor).plan(rows)


def _write(plan: ImportPlan, *, actor) -> None:
    records = [
        DoseRecord(worker=row.worker, **row.values) for row in plan.rows if row.action == "create"
    ]
    dose_records_import(actor=actor, records=records)


commit_dose_import = planned_commit(plan=plan_dose_import, apply=_write, action="dose.import")
