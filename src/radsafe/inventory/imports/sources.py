"""Import of sealed sources (放射源台账), upserted by their national code.

A new code is registered through `source_create`, which writes the arrival event that starts its
register; a known code is corrected through `source_update` with the version the plan read, and
only where the file differs, so importing the same file again changes nothing. Status and store of
a registered source are the register's (出入库记录): a file that disagrees with them is refused
rather than silently ignored or overwritten."""

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from radsafe.core.imports import (
    Column,
    ColumnSet,
    ImportPlan,
    RowReader,
    SheetRow,
    choice_labels,
    choice_lookup,
)
from radsafe.inventory.choices import SourceStatus
from radsafe.inventory.imports.common import RowImport, normal_code, upsert_row
from radsafe.inventory.models import Nuclide, Source, StorageSite
from radsafe.inventory.services import assets
from radsafe.registry.models import Unit
from radsafe.registry.selectors import UNIT_KEY, UnitFinder

COLUMNS = ColumnSet(
    columns=(
        Column(UNIT_KEY, "持有单位信用代码", width=22, is_text=True),
        Column("code", "放射源编码", required=True, width=16, is_text=True),
        Column("nuclide", "核素", required=True, width=12),
        Column("activity_bq", "出厂活度(Bq)", required=True, width=16),
        Column("reference_date", "活度参考日期", required=True, width=14, is_date=True),
        Column("status", "状态", required=True, width=12),
        Column("site", "贮存场所", width=16),
        Column("work_place", "使用场所", width=20),
        Column("use", "用途", width=16),
        Column("manufacturer", "生产厂家", width=20),
        Column("model", "型号", width=12),
        Column("serial_number", "出厂编号", width=14, is_text=True),
        Column("manufactured_on", "出厂日期", width=14, is_date=True),
        Column("origin", "来源", width=20),
        Column("arrived_at", "入库时间", width=18, is_datetime=True),
    ),
    aliases={
        "统一社会信用代码": UNIT_KEY,
        "单位信用代码": UNIT_KEY,
        "编码": "code",
        "放射源编号": "code",
        "核素名称": "nuclide",
        "出厂活度": "activity_bq",
        "活度(Bq)": "activity_bq",
        "参考日期": "reference_date",
        "放射源状态": "status",
    },
)
LABELS = COLUMNS.labels
# Optional text columns: a blank cell clears the field, a column left out leaves it alone.
TEXT_KEYS = ("work_place", "use", "manufacturer", "model", "serial_number", "origin")
# Fields `source_update` corrects, compared with the file to find what a row changes.
UPDATE_KEYS = ("nuclide", "activity_bq", "reference_date", *TEXT_KEYS, "manufactured_on")
# A service's field → the column its error belongs to.
FIELD_LABELS = {**LABELS, "unit": LABELS[UNIT_KEY]}


@dataclass
class SourceRowPlan:
    """`fields` are the keyword arguments of `source_create` for a new code, or only the changed
    ones for `source_update`; `version` is the one the plan read."""

    row: int
    code: str
    unit: Unit
    nuclide: Nuclide | None
    source: Source | None = None
    version: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)

    @property
    def action(self) -> str:
        if self.source is None:
            return "create"
        return "update" if self.changes else "unchanged"

    def fingerprint_item(self) -> list[Any]:
        return [self.source.pk if self.source else None, self.version, self.changes]


def nuclide_key(text: str) -> str:
    """Co-60, CO60, co-60 and 钴-60 / 钴60 all name the same nuclide."""
    return re.sub(r"[\s\-－—]", "", text).lower()


def nuclide_lookup() -> dict[str, Nuclide]:
    lookup: dict[str, Nuclide] = {}
    for nuclide in Nuclide.objects.all():
        lookup[nuclide_key(nuclide.name_zh)] = nuclide
        lookup[nuclide_key(nuclide.symbol)] = nuclide
    return lookup


class _Planner:
    def __init__(self, *, rows: list[SheetRow], actor):
        self.reader = RowReader(COLUMNS)
        self.units = UnitFinder(actor=actor, rows=rows)
        codes = {normal_code(r.values.get("code")) for r in rows} - {""}
        self.sources = {s.code: s for s in Source.objects.filter(code__in=codes)}
        self.visible = set(
            Source.objects.for_user(actor)
            .filter(pk__in=[s.pk for s in self.sources.values()])
            .values_list("pk", flat=True)
        )
        names = {str(r.values.get("site") or "").strip() for r in rows} - {""}
        self.sites = {
            (site.unit_id, site.name): site
            for site in StorageSite.objects.filter(unit_id__in=self.units.unit_ids, name__in=names)
        }
        self.nuclides = nuclide_lookup()
        self.statuses = choice_lookup(SourceStatus)
        self.status_labels = choice_labels(SourceStatus)  # the file's (Chinese) labels
        self.first_row_of_code: dict[str, int] = {}

    def plan(self, rows: list[SheetRow]) -> ImportPlan:
        plans = [plan for plan in map(self.plan_row, rows) if plan is not None]
        return ImportPlan(rows=plans, errors=self.reader.errors)

    def plan_row(self, row: SheetRow) -> SourceRowPlan | None:
        reader, before = self.reader, len(self.reader.errors)
        code = normal_code(row.values.get("code"))
        if not code:
            reader.error(row, "code", _("不能为空"))
        unit = self.units.find(reader, row)
        source = self._existing(row, code, unit)
        values = self._values(row, unit)
        if reader.errors_since(before) or unit is None:
            return None
        plan = SourceRowPlan(row=row.number, code=code, unit=unit, nuclide=values["nuclide"])
        if source is None:
            plan.fields = {"code": code, **{k: v for k, v in values.items() if v is not None}}
            for key in TEXT_KEYS:
                plan.fields.setdefault(key, "")
            return plan
        self._compare(row, plan, source, values)
        return None if reader.errors_since(before) else plan

    def _existing(self, row: SheetRow, code: str, unit: Unit | None) -> Source | None:
        if not code:
            return None
        first = self.first_row_of_code.setdefault(code, row.number)
        if first != row.number:
            message = _("与第 %(row)d 行的放射源编码重复") % {"row": first}
            self.reader.error(row, "code", message)
            return None
        source = self.sources.get(code)
        if source is None:
            return None
        if source.pk not in self.visible:
            self.reader.error(row, "code", _("该放射源编码已登记，且不在您的数据范围内"))
            return None
        if unit is not None and source.unit_id != unit.pk:
            message = _("该放射源登记在其他单位名下；转让请通过“转让登记”办理")
            self.reader.error(row, UNIT_KEY, message)
            return None
        return source

    def _values(self, row: SheetRow, unit: Unit | None) -> dict[str, Any]:
        reader = self.reader
        values: dict[str, Any] = {"nuclide": None}
        name = reader.text(row, "nuclide", required=True)
        if name:
            values["nuclide"] = self.nuclides.get(nuclide_key(name))
            if values["nuclide"] is None:
                message = _("核素“%(value)s”不存在，可选核素见模板“说明”页") % {"value": name}
                reader.error(row, "nuclide", message)
        values["activity_bq"] = reader.number(row, "activity_bq", required=True)
        values["reference_date"] = reader.date(row, "reference_date", required=True)
        values["status"] = reader.choice(
            row, "status", self.statuses, self.status_labels, required=True
        )
        values["site"] = self._site(row, unit)
        for key in TEXT_KEYS:
            values[key] = reader.text(row, key)
        if "manufactured_on" in row.values:
            values["manufactured_on"] = reader.date(row, "manufactured_on")
        values["arrived_at"] = reader.moment(row, "arrived_at")
        return values

    def _site(self, row: SheetRow, unit: Unit | None) -> StorageSite | None:
        name = self.reader.text(row, "site")
        if not name or unit is None:
            return None
        site = self.sites.get((unit.pk, name))
        if site is None:
            self.reader.error(
                row,
                "site",
                _("贮存场所“%(name)s”不存在（应为该单位已登记的贮存场所名称）") % {"name": name},
            )
        return site

    def _compare(self, row: SheetRow, plan: SourceRowPlan, source: Source, values: dict) -> None:
        """What a known code's row changes. Status and store are the register's to move: the file
        must agree with them, or the row is refused with the way to change them."""
        if values["status"] != source.status:
            self.reader.error(
                row,
                "status",
                _("与系统中的当前状态“%(current)s”不一致；已登记放射源的状态请通过出入库记录变更")
                % {"current": source.get_status_display()},
            )
        site = values["site"]
        if site is not None and site.pk != source.site_id:
            self.reader.error(
                row,
                "site",
                _("与系统中的贮存场所不一致；放射源的存放位置请通过出入库记录（归还入库）变更"),
            )
        plan.source, plan.version = source, source.version
        for key in UPDATE_KEYS:
            if key == "manufactured_on" and key not in row.values:
                continue
            value = values.get(key)
            if value is None and key in TEXT_KEYS:
                continue  # the column is not in the file
            current = source.nuclide_id if key == "nuclide" else getattr(source, key)
            new = value.pk if key == "nuclide" else value
            if current != new:
                plan.fields[key] = value
                plan.changes.append(LABELS[key])


def _static_plan(rows: list[SheetRow], actor) -> ImportPlan:
    return _Planner(rows=rows, actor=actor).plan(rows)


def _apply_row(row, *, actor) -> None:
    upsert_row(
        row,
        actor=actor,
        existing=row.source,
        create=assets.source_create,
        update=assets.source_update,
        keyword="source",
    )


SOURCE_IMPORT = RowImport(
    static_plan=_static_plan,
    apply_row=_apply_row,
    field_labels=FIELD_LABELS,
    action="source.import",
)
plan_source_import = SOURCE_IMPORT.plan
commit_source_import = SOURCE_IMPORT.commit
