"""The unit import's columns and the registry's own cell conversions (industries, statuses).

The headers are the file format, not UI text: they stay Chinese whatever the interface language,
because the bureau's 台账 are Chinese and a template downloaded in English must still import.
Generic conversions (text, dates, choice labels) live in `radsafe.core.imports`."""

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.choices import JurisdictionLevel, Role
from radsafe.core.imports import (
    Column,
    ColumnSet,
    ImportSheet,
    RowError,
    SheetRow,
    apply_rows,
    cell_date,
    cell_text,
    choice_lookup,
    planned_commit,
)
from radsafe.core.imports import ImportPlan as BaseImportPlan
from radsafe.core.imports import validate_upload as _validate_upload
from radsafe.core.models import Jurisdiction
from radsafe.registry import services, workflows
from radsafe.registry.choices import AuthorityLevel, UnitStatus
from radsafe.registry.models import Industry, Licence, Unit
from radsafe.registry.validators import normalize_credit_code, validate_credit_code

COLUMNS = ColumnSet(
    columns=(
        Column("name", "单位名称", required=True, width=30),
        Column("credit_code", "统一社会信用代码", required=True, width=22, is_text=True),
        Column("address", "地址", width=30),
        Column("industries", "行业", required=True, width=24),
        Column("legal_representative", "法定代表人", width=12),
        Column("contact_person", "辐射安全联系人", width=14),
        Column("contact_phone", "联系电话", width=16, is_text=True),
        Column("squad", "责任中队", width=12),
        Column("status", "经营状态", width=10),
        Column("licence_number", "许可证编号", width=22, is_text=True),
        Column("licence_authority", "发证机关", width=20),
        Column("licence_authority_level", "发证机关层级", width=12),
        Column("licence_scope", "种类和范围", width=30),
        Column("licence_issued_on", "发证日期", width=12, is_date=True),
        Column("licence_expires_on", "有效期至", width=12, is_date=True),
    ),
    # Headers found in the 台账 that bureaus keep today, accepted as the template's columns.
    aliases={
        "名称": "name",
        "单位": "name",
        "信用代码": "credit_code",
        "社会信用代码": "credit_code",
        "所属行业": "industries",
        "行业类别": "industries",
        "法人": "legal_representative",
        "联系人": "contact_person",
        "电话": "contact_phone",
        "中队": "squad",
        "状态": "status",
        "许可证号": "licence_number",
        "许可范围": "licence_scope",
        "有效期": "licence_expires_on",
    },
)
LABELS = COLUMNS.labels
UNIT_TEXT_KEYS = (
    "name",
    "address",
    "legal_representative",
    "contact_person",
    "contact_phone",
)
LICENCE_KEYS = tuple(column.key for column in COLUMNS if column.key.startswith("licence_"))
# Model field → the column a service's error message belongs to.
FIELD_LABELS = {
    **{key: LABELS[key] for key in ("credit_code", "industries", "squad", "status")},
    **{key: LABELS[key] for key in UNIT_TEXT_KEYS},
    "number": LABELS["licence_number"],
    "authority": LABELS["licence_authority"],
    "authority_level": LABELS["licence_authority_level"],
    "scope": LABELS["licence_scope"],
    "issued_on": LABELS["licence_issued_on"],
    "expires_on": LABELS["licence_expires_on"],
}
INDUSTRY_SEPARATORS = re.compile(r"[、,，;；\n]")


def split_industries(value) -> list[str]:
    names = [name.strip() for name in INDUSTRY_SEPARATORS.split(cell_text(value))]
    return list(dict.fromkeys(name for name in names if name))


def status_choices() -> dict[str, str]:
    """Cell text → UnitStatus value: the Chinese label, or the stored value."""
    return choice_lookup(UnitStatus)


def authority_level_choices() -> dict[str, str]:
    short = {"省级": AuthorityLevel.PROVINCE, "市级": AuthorityLevel.CITY}
    return choice_lookup(AuthorityLevel, short)


# Reading a unit import file: the generic checks of `radsafe.core.imports` with this import's
# columns.


def validate_upload(file) -> ImportSheet:
    """Check a Django `File` and read its rows; ValidationError with a Chinese message otherwise."""
    return _validate_upload(file, columns=COLUMNS)


# The dry run: check every row and work out what an import would change, without writing.
#
# Every error of every row is collected, so a person fixes the file once rather than once per
# upload. Everything a row is checked against is loaded up front in a fixed number of queries,
# whatever the number of rows. The plan is also what the commit executes, so what the preview
# showed is exactly what is written.


@dataclass
class RowPlan:
    """What one valid row would do. For an update only what differs is kept: `unit_fields` and
    `licence_fields` hold the changed values, `industries` and `status` are None when unchanged,
    `licence_fields` is None when the row carries no licence."""

    row: int
    credit_code: str
    name: str
    unit: Unit | None = None
    unit_fields: dict[str, Any] = field(default_factory=dict)
    industries: list[Industry] | None = None
    status: str | None = None
    licence: Licence | None = None
    licence_fields: dict[str, Any] | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def action(self) -> str:
        if self.unit is None:
            return "create"
        return "update" if self.changes else "unchanged"

    def fingerprint_item(self) -> list[Any]:
        """The records the row relies on, with their versions: an edit after the preview changes
        the plan's fingerprint."""
        return [
            self.unit.pk if self.unit else None,
            self.unit.version if self.unit else None,
            self.licence.pk if self.licence else None,
            self.licence.version if self.licence else None,
            self.changes,
        ]


@dataclass
class ImportPlan(BaseImportPlan):
    county: Jurisdiction


def import_county(actor) -> Jurisdiction:
    """The county bureau new units are registered under: the actor's own, or its squad's."""
    jurisdiction = getattr(actor, "jurisdiction", None)
    if jurisdiction is not None and actor.role in (Role.BUREAU_LEAD, Role.INSPECTOR):
        if jurisdiction.level == JurisdictionLevel.COUNTY:
            return jurisdiction
        if jurisdiction.level == JurisdictionLevel.SQUAD and jurisdiction.parent_id:
            return jurisdiction.parent
    raise ValidationError(_("您的账号未绑定分局或中队，不能导入单位。"), code="no_county")


def plan_import(*, rows: list[SheetRow], actor) -> ImportPlan:
    county = import_county(actor)
    planner = _Planner(rows=rows, actor=actor, county=county)
    plans = []
    for row in rows:
        plan = planner.plan_row(row)
        if plan is not None:
            plans.append(plan)
    return ImportPlan(county=county, rows=plans, errors=planner.errors)


class _Planner:
    def __init__(self, *, rows: list[SheetRow], actor, county: Jurisdiction):
        codes = {normalize_credit_code(cell_text(r.values.get("credit_code"))) for r in rows}
        numbers = {cell_text(r.values.get("licence_number")) for r in rows}
        codes.discard("")
        numbers.discard("")
        self.county = county
        self.scope_path = actor.scope_path
        self.industries = {industry.name: industry for industry in Industry.objects.all()}
        self.squads = {
            squad.name: squad
            for squad in Jurisdiction.objects.filter(parent=county, level=JurisdictionLevel.SQUAD)
        }
        self.units = {
            unit.credit_code: unit
            for unit in Unit.objects.filter(credit_code__in=codes)
            .select_related("squad")
            .prefetch_related("industries")
        }
        self.visible = set(
            Unit.objects.for_user(actor)
            .filter(pk__in=[unit.pk for unit in self.units.values()])
            .values_list("pk", flat=True)
        )
        self.licences = {
            licence.number: licence for licence in Licence.objects.filter(number__in=numbers)
        }
        self.statuses = status_choices()
        self.authority_levels = authority_level_choices()
        self.first_row_of_code: dict[str, int] = {}
        self.first_row_of_number: dict[str, int] = {}
        self.errors: list[RowError] = []

    def plan_row(self, row: SheetRow) -> RowPlan | None:
        errors_before = len(self.errors)
        values = row.values
        code = normalize_credit_code(cell_text(values.get("credit_code")))
        name = cell_text(values.get("name"))
        unit = self._existing_unit(row, code)
        code_ok = len(self.errors) == errors_before
        plan = RowPlan(row=row.number, credit_code=code, name=name, unit=unit)
        self._text_fields(row, plan)
        self._industries(row, plan)
        self._squad(row, plan)
        self._status(row, plan)
        self._licence(row, plan, check_owner=code_ok)
        if len(self.errors) > errors_before:
            return None
        return plan

    def _error(self, row: SheetRow, key: str, message: str) -> None:
        self.errors.append(RowError(row.number, LABELS.get(key, ""), str(message)))

    def _existing_unit(self, row: SheetRow, code: str) -> Unit | None:
        if not code:
            self._error(row, "credit_code", _("不能为空"))
            return None
        try:
            validate_credit_code(code)
        except ValidationError as error:
            for message in error.messages:
                self._error(row, "credit_code", message)
            return None
        first = self.first_row_of_code.setdefault(code, row.number)
        if first != row.number:
            self._error(
                row, "credit_code", _("与第 %(row)d 行的统一社会信用代码重复") % {"row": first}
            )
            return None
        unit = self.units.get(code)
        if unit is not None and unit.pk not in self.visible:
            self._error(row, "credit_code", _("该单位不在您的数据范围内"))
            return None
        return unit

    def _text_fields(self, row: SheetRow, plan: RowPlan) -> None:
        values = {key: cell_text(row.values[key]) for key in UNIT_TEXT_KEYS if key in row.values}
        if not values.get("name"):
            self._error(row, "name", _("不能为空"))
            values.pop("name", None)
        if plan.unit is None:
            values["credit_code"] = plan.credit_code
        probe = Unit(**values)
        try:
            probe.clean_fields(exclude=_all_fields_but(Unit, set(values) - {"credit_code"}))
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self._error(row, name, message)
        for key, value in values.items():
            if plan.unit is None:
                plan.unit_fields[key] = value
            elif getattr(plan.unit, key) != value:
                plan.unit_fields[key] = value
                plan.changes.append(LABELS[key])

    def _industries(self, row: SheetRow, plan: RowPlan) -> None:
        if "industries" not in row.values:
            return
        names = split_industries(row.values["industries"])
        if not names:
            self._error(row, "industries", _("不能为空"))
            return
        unknown = [name for name in names if name not in self.industries]
        for name in unknown:
            self._error(
                row,
                "industries",
                _("行业“%(name)s”不存在，可选行业见模板“说明”页") % {"name": name},
            )
        if unknown:
            return
        industries = [self.industries[name] for name in names]
        if plan.unit is None:
            plan.industries = industries
        elif {i.pk for i in industries} != {i.pk for i in plan.unit.industries.all()}:
            plan.industries = industries
            plan.changes.append(LABELS["industries"])

    def _squad(self, row: SheetRow, plan: RowPlan) -> None:
        if "squad" in row.values:
            name = cell_text(row.values["squad"])
            squad = self.squads.get(name) if name else None
            if name and squad is None:
                self._error(
                    row,
                    "squad",
                    _("责任中队“%(name)s”不存在（应为%(county)s下属中队的名称）")
                    % {"name": name, "county": self.county.name},
                )
                return
        else:
            squad = plan.unit.squad if plan.unit else None
        if not (squad or self.county).path.startswith(self.scope_path):
            message = (
                _("责任中队“%(name)s”不在您的数据范围内") % {"name": squad.name}
                if squad
                else _("不能为空：您只能导入本中队负责的单位")
            )
            self._error(row, "squad", message)
            return
        if plan.unit is None:
            plan.unit_fields["squad"] = squad
        elif plan.unit.squad_id != (squad.pk if squad else None):
            plan.unit_fields["squad"] = squad
            plan.changes.append(LABELS["squad"])

    def _status(self, row: SheetRow, plan: RowPlan) -> None:
        if "status" not in row.values:
            return
        text = cell_text(row.values["status"])
        status = self.statuses.get(text) if text else UnitStatus.NORMAL
        if status is None:
            allowed = "、".join(k for k in self.statuses if k not in UnitStatus.values)
            self._error(
                row,
                "status",
                _("经营状态“%(value)s”无效，应为：%(allowed)s")
                % {"value": text, "allowed": allowed},
            )
            return
        if plan.unit is None:
            plan.status = status
        elif plan.unit.status != status:
            refusal = workflows.status_change_refusal(plan.unit, status)
            if refusal is not None:  # the dry run says what the commit's service would refuse
                self._error(row, "status", " ".join(refusal.messages))
                return
            plan.status = status
            plan.changes.append(LABELS["status"])

    def _licence(self, row: SheetRow, plan: RowPlan, *, check_owner: bool) -> None:
        filled = {key: row.values.get(key) for key in LICENCE_KEYS}
        if not any(cell_text(value) for value in filled.values()):
            return
        missing = [key for key, value in filled.items() if not cell_text(value)]
        for key in missing:
            self._error(row, key, _("许可证信息须整组填写，本列不能为空"))
        if missing:
            return
        fields = self._licence_fields(row, filled)
        if fields is None:
            return
        number = fields["number"]
        first = self.first_row_of_number.setdefault(number, row.number)
        if first != row.number:
            self._error(
                row, "licence_number", _("与第 %(row)d 行的许可证编号重复") % {"row": first}
            )
            return
        licence = self.licences.get(number)
        if not check_owner:
            return  # whose licence it is depends on a unit the row failed to name
        if licence is None:
            plan.licence_fields = fields
            if plan.unit is not None:
                plan.changes.append(_("新增许可证"))
            return
        if plan.unit is None or licence.unit_id != plan.unit.pk:
            self._error(row, "licence_number", _("该许可证编号已登记在其他单位名下"))
            return
        plan.licence = licence
        plan.licence_fields = {k: v for k, v in fields.items() if getattr(licence, k) != v}
        if plan.licence_fields:
            plan.changes.append(_("许可证"))

    def _licence_fields(self, row: SheetRow, filled: dict[str, Any]) -> dict[str, Any] | None:
        errors_before = len(self.errors)
        fields: dict[str, Any] = {
            "number": cell_text(filled["licence_number"]),
            "authority": cell_text(filled["licence_authority"]),
            "scope": cell_text(filled["licence_scope"]),
        }
        level_text = cell_text(filled["licence_authority_level"])
        fields["authority_level"] = self.authority_levels.get(level_text)
        if fields["authority_level"] is None:
            self._error(
                row,
                "licence_authority_level",
                _("发证机关层级“%(value)s”无效，应为：省级、市级") % {"value": level_text},
            )
        for key, name in (("licence_issued_on", "issued_on"), ("licence_expires_on", "expires_on")):
            try:
                fields[name] = cell_date(filled[key])
            except ValueError:
                self._error(row, key, _("日期无效，应为日期或 YYYY-MM-DD 格式的文本"))
        issued, expires = fields.get("issued_on"), fields.get("expires_on")
        if issued and expires and expires <= issued:
            self._error(row, "licence_expires_on", _("有效期至必须晚于发证日期"))
        probe = Licence(number=fields["number"], authority=fields["authority"])
        probe.scope = fields["scope"]
        try:
            probe.clean_fields(exclude=_all_fields_but(Licence, {"number", "authority", "scope"}))
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self._error(row, _LICENCE_KEY[name], message)
        return fields if len(self.errors) == errors_before else None


_LICENCE_KEY = {
    "number": "licence_number",
    "authority": "licence_authority",
    "scope": "licence_scope",
}


def _all_fields_but(model, keep: set[str]) -> list[str]:
    return [f.name for f in model._meta.get_fields() if f.name not in keep]


# Writing a unit import: all rows or none.
#
# The plan is made again inside the transaction that writes it (`commit_plan`), so the rows are
# checked against the database as it is at the moment of writing, not as it was at the preview;
# every write goes through the registry services, so an imported unit has the same checks and audit
# trail as one entered by hand, and any failure on any row rolls back every row.


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
