"""The audit log in the auditor's words (issue 9 §7): every action the code writes has a Chinese
label, fields are named as their models name them and values read as a person reads them, and
the filter offers drop-downs of actions and object types instead of typed code prefixes."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from radsafe.core.audit import audit_record
from radsafe.core.audit_display import ACTION_LABELS, audit_changes, object_type_label
from radsafe.core.models import AuditEvent

SRC = Path(__file__).resolve().parents[2] / "src" / "radsafe"
# An audit action written as a literal: `action="unit.create"`, `_audit(actor, m, "movement.x")`.
LITERAL = re.compile(r'(?:action=|_audit\([^)]*?, )"([a-z_]+\.[a-z_]+)"')


def test_every_action_written_in_the_code_has_a_label():
    written = {
        match
        for path in SRC.rglob("*.py")
        if "/demo/" not in path.as_posix() and "/bench/" not in path.as_posix()
        for match in LITERAL.findall(path.read_text())
    }
    assert len(written) > 60
    assert written - set(ACTION_LABELS) == set()


def test_under_the_tests_an_action_without_a_label_is_refused(db):
    with pytest.raises(ImproperlyConfigured, match="no label"):
        audit_record(actor=None, action="nobody.knows", object_repr="x")
    assert not AuditEvent.objects.filter(action="nobody.knows").exists()


def test_fields_and_values_are_shown_in_chinese():
    rows = audit_changes(
        {"status": "stored", "unit_id": 3, "left_on": None},
        {"status": "lost", "unit_id": 3, "left_on": "2026-01-02"},
        "inventory.source",
    )
    by_field = {row.field: row for row in rows}
    assert by_field["状态"].before == "贮存" and by_field["状态"].after == "丢失"
    assert by_field["持有单位"].after == "#3" and not by_field["持有单位"].changed
    assert by_field["left_on"].before == "—"  # not a field of a source: the key as written
    assert object_type_label("inventory.source") == "放射源"
    assert object_type_label("import") == "import"


def test_a_yes_no_field_reads_yes_or_no():
    (row,) = audit_changes({"in_use": True}, {"in_use": False}, "readiness.instrument")
    assert (row.before, row.after) == ("是", "否")


def test_the_page_shows_labels_not_codes_and_filters_by_drop_down(client_as, world):
    audit_record(
        actor=world.users["bureau"],
        action="unit.update",
        obj=world.unit1,
        before={"status": "normal"},
        after={"status": "bankrupt"},
    )
    client = client_as("auditor")
    response = client.get(
        reverse("audit-list"), {"action": "unit.", "object_type": "registry.unit"}
    )
    html = response.content.decode()
    assert "修改单位信息" in html and "单位" in html
    assert "<code>unit.update</code>" not in html and "registry.unit #" not in html
    assert "正常" in html and "破产" in html and '"normal"' not in html
    form = response.context["filter"].form
    assert form.fields["action"].widget.input_type == "select"
    groups = dict(form.fields["action"].widget.choices)
    assert ("unit.update", "修改单位信息") in groups["unit"]
    assert ("registry.unit", "核技术利用单位") in form.fields["object_type"].widget.choices
    assert [e.action for e in response.context["events"]] == ["unit.update"]
