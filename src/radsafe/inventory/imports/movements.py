"""Import of the movement register (出入库记录): check-outs, returns, status changes and 送贮.

The register is append-only, so there is no upsert: a row that matches an event already recorded
(same source, kind and time) is unchanged, which makes importing the same file twice change
nothing. The rows are applied in time order through the register's services, which hold its rules
(a return needs an open check-out, a source out cannot go out again, events in time order); the
dry run runs them too and rolls back, so a return without its check-out is a row error before
anything is written."""

import copy
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from radsafe.core.imports import (
    Column,
    ColumnSet,
    ImportPlan,
    RowReader,
    SheetRow,
    chinese_labels,
    choice_labels,
    choice_lookup,
)
from radsafe.inventory.choices import MovementKind, SourceStatus
from radsafe.inventory.imports.common import RowImport, normal_code
from radsafe.inventory.models import Movement, Source, StorageSite
from radsafe.inventory.services.register import movements as register

COLUMNS = ColumnSet(
    columns=(
        Column("code", "放射源编码", required=True, width=16, is_text=True),
        Column("kind", "类型", required=True, width=12),
        Column("occurred_at", "时间", required=True, width=18, is_datetime=True),
        Column("person", "经办人", required=True, width=12),
        Column("purpose", "用途/事由", width=20),
        Column("destination", "去向", width=20),
        Column("site", "贮存场所", width=16),
        Column("offsite", "异地使用", width=10),
        Column("to_status", "变更后状态", width=12),
    ),
    aliases={
        "编码": "code",
        "放射源编号": "code",
        "出入库类型": "kind",
        "日期": "occurred_at",
        "出入库时间": "occurred_at",
        "领用人": "person",
        "用途": "purpose",
        "事由": "purpose",
        "使用地点": "destination",
        "是否异地使用": "offsite",
    },
)
LABELS = COLUMNS.labels
# The service's field → the column its error belongs to (`place` and `note` are read from 去向 and
# 用途/事由).
FIELD_LABELS = {**LABELS, "place": LABELS["destination"], "note": LABELS["purpose"]}
K = MovementKind
IMPORTED_KINDS = (K.CHECK_OUT, K.RETURN, K.STATUS_CHANGE, K.SENT_FOR_STORAGE)


def kind_lookup() -> dict[str, str]:
    labels = {label: kind for label, kind in chinese_labels(MovementKind).items()}
    return {**labels, "归还": K.RETURN, "入库归还": K.RETURN, "领用": K.CHECK_OUT}


def kind_label(kind: str) -> str:
    """The kind as the file writes it (Chinese), whatever the importer's language."""
    return next(label for label, value in chinese_labels(MovementKind).items() if value == kind)


def kind_labels() -> list[str]:
    return [label for label, kind in chinese_labels(MovementKind).items() if kind in IMPORTED_KINDS]


@dataclass
class MovementRowPlan:
    row: int
    source: Source
    kind: str
    occurred_at: datetime.datetime
    person: str
    version: int
    purpose: str = ""
    destination: str = ""
    site: StorageSite | None = None
    offsite: bool = False
    to_status: str = ""
    recorded: bool = False  # an identical event is already in the register
    changes: list[str] = field(default_factory=list)

    @property
    def action(self) -> str:
        return "unchanged" if self.recorded else "create"

    @property
    def stored_kind(self) -> str:
        """The kind the register will record: a status change to 已送贮 is a 送贮 event."""
        if self.kind == K.STATUS_CHANGE and self.to_status == SourceStatus.SENT_FOR_STORAGE:
            return K.SENT_FOR_STORAGE
        return self.kind

    def fingerprint_item(self) -> list[Any]:
        return [self.source.pk, self.version, self.stored_kind, self.occurred_at.isoformat()]


class _Planner:
    def __init__(self, *, rows: list[SheetRow], actor):
        self.reader = RowReader(COLUMNS)
        codes = {normal_code(r.values.get("code")) for r in rows} - {""}
        self.sources = {s.code: s for s in Source.objects.for_user(actor).filter(code__in=codes)}
        names = {str(r.values.get("site") or "").strip() for r in rows} - {""}
        self.sites = {
            (site.unit_id, site.name): site
            for site in StorageSite.objects.filter(
                unit_id__in={s.unit_id for s in self.sources.values()}, name__in=names
            )
        }
        self.kinds = kind_lookup()
        self.statuses = choice_lookup(SourceStatus)
        self.status_labels = choice_labels(SourceStatus)  # the file's (Chinese) labels
        self.first_row_of_event: dict[tuple[int, str, datetime.datetime], int] = {}

    def plan(self, rows: list[SheetRow]) -> ImportPlan:
        plans = [plan for plan in map(self.plan_row, rows) if plan is not None]
        self._mark_recorded(plans)
        return ImportPlan(rows=plans, errors=self.reader.errors)

    def plan_row(self, row: SheetRow) -> MovementRowPlan | None:
        reader, before = self.reader, len(self.reader.errors)
        source = self._source(row)
        kind = self._kind(row)
        occurred_at = reader.moment(row, "occurred_at", required=True)
        person = reader.text(row, "person", required=True)
        to_status = reader.choice(row, "to_status", self.statuses, self.status_labels)
        if kind == K.STATUS_CHANGE and not to_status and not reader.errors_since(before):
            reader.error(row, "to_status", _("类型为“状态变更”时不能为空"))
        offsite = reader.flag(row, "offsite")
        if reader.errors_since(before) or source is None or kind is None or occurred_at is None:
            return None
        plan = MovementRowPlan(
            row=row.number,
            source=source,
            kind=kind,
            occurred_at=occurred_at,
            person=person or "",
            version=source.version,
            purpose=reader.text(row, "purpose") or "",
            destination=reader.text(row, "destination") or "",
            site=self._site(row, source),
            offsite=bool(offsite),
            to_status=SourceStatus.SENT_FOR_STORAGE if kind == K.SENT_FOR_STORAGE else to_status,
        )
        key = (source.pk, plan.stored_kind, occurred_at)
        first = self.first_row_of_event.setdefault(key, row.number)
        if first != row.number:
            message = _("与第 %(row)d 行的放射源、类型和时间都相同") % {"row": first}
            reader.error(row, "occurred_at", message)
        return None if reader.errors_since(before) else plan

    def _source(self, row: SheetRow) -> Source | None:
        code = normal_code(row.values.get("code"))
        if not code:
            self.reader.error(row, "code", _("不能为空"))
            return None
        source = self.sources.get(code)
        if source is None:
            message = _("放射源编码 %(code)s 未登记或不在您的数据范围内") % {"code": code}
            self.reader.error(row, "code", message)
        return source

    def _kind(self, row: SheetRow) -> str | None:
        allowed = kind_labels()
        kind = self.reader.choice(row, "kind", self.kinds, allowed, required=True)
        if kind is not None and kind not in IMPORTED_KINDS:
            self.reader.error(
                row,
                "kind",
                _(
                    "“%(value)s”不能导入，应为：%(allowed)s（入库登记随放射源导入生成，转让请通过“转让登记”办理）"
                )
                % {"value": kind_label(kind), "allowed": "、".join(allowed)},
            )
            return None
        return kind

    def _site(self, row: SheetRow, source: Source) -> StorageSite | None:
        name = self.reader.text(row, "site")
        if not name:
            return None
        site = self.sites.get((source.unit_id, name))
        if site is None:
            self.reader.error(
                row,
                "site",
                _("贮存场所“%(name)s”不存在（应为该放射源持有单位已登记的贮存场所名称）")
                % {"name": name},
            )
        return site

    def _mark_recorded(self, plans: list[MovementRowPlan]) -> None:
        """One query for the events the file already holds, whatever the number of rows."""
        if not plans:
            return
        recorded = set(
            Movement.objects.filter(
                source_id__in={p.source.pk for p in plans},
                occurred_at__in={p.occurred_at for p in plans},
            ).values_list("source_id", "kind", "occurred_at")
        )
        for plan in plans:
            plan.recorded = (plan.source.pk, plan.stored_kind, plan.occurred_at) in recorded


def in_time_order(rows: list[MovementRowPlan]) -> list[MovementRowPlan]:
    """The register takes each source's events in time order; file order breaks ties."""
    return sorted(rows, key=lambda row: (row.occurred_at, row.row))


def _static_plan(rows: list[SheetRow], actor) -> ImportPlan:
    return _Planner(rows=rows, actor=actor).plan(rows)


def _apply_row(row: MovementRowPlan, *, actor) -> None:
    if row.action == "unchanged":
        return
    source = copy.copy(row.source)  # the services update the instance they are given
    common = {"actor": actor, "source": source, "occurred_at": row.occurred_at}
    if row.kind == K.CHECK_OUT:
        register.source_check_out(
            **common,
            person=row.person,
            purpose=row.purpose,
            destination=row.destination,
            offsite=row.offsite,
        )
    elif row.kind == K.RETURN:
        register.source_return(**common, person=row.person, site=row.site, note=row.purpose)
    else:
        note = row.purpose
        if row.destination and row.to_status == SourceStatus.SENT_FOR_STORAGE:
            # Stored in the register: Chinese whatever the importer's UI language.
            note = f"{note}（去向：{row.destination}）"
        register.source_change_status(
            **common,
            person=row.person,
            to_status=row.to_status,
            note=note.strip(),
            place=row.destination,
        )


MOVEMENT_IMPORT = RowImport(
    static_plan=_static_plan,
    apply_row=_apply_row,
    field_labels=FIELD_LABELS,
    action="movement.import",
    order=in_time_order,
)
plan_movement_import = MOVEMENT_IMPORT.plan
commit_movement_import = MOVEMENT_IMPORT.commit
