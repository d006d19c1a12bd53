"""The generic writing machinery: the trial run that writes and rolls back, the all-or-nothing
apply that names every failing row, the commit that refuses a stale preview, the template workbook
and the spec's URLs and tickets."""

import io
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from radsafe.core.imports import (
    Column,
    ColumnSet,
    ImportPlan,
    ImportRejected,
    ImportTemplate,
    apply_rows,
    build_template,
    commit_plan,
    trial_rows,
)
from radsafe.core.models import AuditEvent, Jurisdiction
from radsafe.inventory.imports.specs import DEVICE_IMPORT, SOURCE_IMPORT
from radsafe.registry.imports.specs import UNIT_IMPORT
from tests.factories import JurisdictionFactory

pytestmark = pytest.mark.django_db


@dataclass
class Line:
    row: int
    name: str
    fail: bool = False
    changes: list = field(default_factory=list)

    @property
    def action(self) -> str:
        return "create"

    def fingerprint_item(self) -> list:
        return [self.name]


def write(line: Line) -> None:
    """Writes, then refuses the failing lines after the write, so a savepoint has to undo it."""
    JurisdictionFactory(code=f"T{line.row}", name=line.name)
    if line.fail:
        raise ValidationError({"name": f"{line.name} 不行"})


LINES = [Line(2, "甲"), Line(3, "乙", fail=True), Line(4, "丙"), Line(5, "丁", fail=True)]
LABELS = {"name": "名称"}


def test_the_trial_reports_every_refused_row_and_leaves_nothing_behind():
    errors = trial_rows(LINES, write, field_labels=LABELS)
    assert [(e.row, e.column, e.message) for e in errors] == [
        (3, "名称", "乙 不行"),
        (5, "名称", "丁 不行"),
    ]
    assert not Jurisdiction.objects.filter(code__startswith="T").exists()


def test_collecting_apply_names_every_failing_row_and_rolls_back_all():
    with pytest.raises(ImportRejected) as rejected:
        apply_rows(LINES, write, field_labels=LABELS, collect=True)
    assert [e.row for e in rejected.value.errors] == [3, 5]
    assert not Jurisdiction.objects.filter(code__startswith="T").exists()


def test_plain_apply_stops_at_the_first_failing_row_and_rolls_back_all():
    with pytest.raises(ImportRejected) as rejected:
        apply_rows(LINES, write, field_labels=LABELS)
    assert [e.row for e in rejected.value.errors] == [3]
    assert not Jurisdiction.objects.filter(code__startswith="T").exists()


def test_apply_writes_everything_when_every_row_passes():
    apply_rows([Line(2, "甲"), Line(3, "乙")], write, field_labels=LABELS, collect=True)
    assert Jurisdiction.objects.filter(code__startswith="T").count() == 2


def _commit(lines, expected_fingerprint=None, actor=None):
    return commit_plan(
        make_plan=lambda: ImportPlan(rows=lines, errors=[]),
        apply_plan=lambda plan: apply_rows(plan.rows, write, field_labels=LABELS),
        actor=actor,
        action="test.import",
        sha256="ab" * 32,
        file_name="t.xlsx",
        expected_fingerprint=expected_fingerprint,
    )


def test_a_commit_whose_plan_differs_from_the_preview_is_refused():
    preview = ImportPlan(rows=[Line(2, "甲")], errors=[])
    with pytest.raises(ImportRejected) as rejected:
        _commit([Line(2, "甲"), Line(3, "乙")], expected_fingerprint=preview.fingerprint)
    assert "已被修改" in rejected.value.errors[0].message
    assert not Jurisdiction.objects.filter(code__startswith="T").exists()
    assert not AuditEvent.objects.filter(action="test.import").exists()


def test_a_commit_records_one_summary_event_with_the_counts():
    preview = ImportPlan(rows=[Line(2, "甲")], errors=[])
    plan = _commit([Line(2, "甲")], expected_fingerprint=preview.fingerprint)
    event = AuditEvent.objects.get(action="test.import")
    assert event.after["created"] == plan.counts["create"] == 1
    assert (event.after["file"], event.object_id) == ("t.xlsx", "ab" * 8)


def test_the_template_workbook_marks_required_columns_and_skips_overlong_drop_downs():
    columns = ColumnSet(
        columns=(Column("a", "甲", required=True, is_text=True), Column("b", "乙")),
    )
    template = ImportTemplate(
        sheet_name="数据",
        file_name="t.xlsx",
        examples=lambda actor: [{"a": "001", "b": "x"}],
        rules=lambda: ["规则一"],
        sections=lambda actor: [("可选值", [("x", "说明 x")])],
        choice_lists=lambda: {"a": ["短"], "b": [f"很长的选项{n}" for n in range(60)]},
    )
    workbook = load_workbook(io.BytesIO(build_template(template, columns=columns, actor=None)))
    data = workbook["数据"]
    assert [c.value for c in data[1]] == ["甲*", "乙"]
    assert data["A1"].font.color.rgb.endswith("C00000")
    assert (data["A2"].value, data["A2"].number_format) == ("001", "@")
    validations = data.data_validations.dataValidation
    assert [v.formula1 for v in validations] == ['"短"']  # the 60 long options would break Excel
    lines = [[c.value for c in line] for line in workbook["说明"].iter_rows()]
    assert lines[0][0] == "导入规则" and lines[1] == ["1", "规则一"]
    assert ["x", "说明 x"] in lines


def test_each_spec_has_its_own_ticket_salt_and_urls():
    salts = {spec.ticket_salt for spec in (UNIT_IMPORT, SOURCE_IMPORT, DEVICE_IMPORT)}
    assert len(salts) == 3
    assert UNIT_IMPORT.ticket_salt == "radsafe.registry.import"  # tickets in flight stay valid
    assert reverse(SOURCE_IMPORT.commit_url_name) == "/inventory/import/sources/commit/"
    assert reverse(UNIT_IMPORT.upload_url_name).endswith("/import/")
