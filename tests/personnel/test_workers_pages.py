"""The worker pages per role: scope, registering through the form with Chinese errors, the
training form, the expiring list, and the audited unmask that only the bureau lead may use. Every
response passes through the suite-wide scan (tests/leak_scan.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from radsafe.core.models import AuditEvent
from radsafe.personnel.models import TrainingResult, Worker
from tests import leak_scan
from tests.factories import SourceFactory

from .factories import id_number, make_training, make_worker

pytestmark = pytest.mark.django_db


def names(response) -> set[str]:
    assert response.status_code == 200
    return {row.record.name for row in response.context["table"].paginated_rows}


@pytest.fixture
def people(world):
    return {
        "unit1": make_worker(world.unit1, name="医院甲"),
        "unit2": make_worker(world.unit2, name="探伤乙"),
        "foreign": make_worker(world.foreign_unit, name="外区丙"),
    }


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("bureau", {"医院甲", "探伤乙"}),
        ("inspector1", {"医院甲"}),
        ("inspector2", {"探伤乙"}),
        ("unit1", {"医院甲"}),
        ("city", {"医院甲", "探伤乙", "外区丙"}),
    ],
)
def test_the_worker_list_shows_each_viewer_its_scope(client_as, people, role, visible):
    response = client_as(role).get(reverse("personnel:worker-list"))
    assert names(response) == visible
    html = response.content.decode()
    assert people["unit1"].id_number_masked in html or "医院甲" not in visible
    assert ('id="worker-create"' in html) == (role in {"bureau", "unit1"})


def test_a_worker_of_another_unit_is_a_404(client_as, people):
    url = reverse("personnel:worker-detail", args=[people["unit2"].pk])
    assert client_as("unit1").get(url).status_code == 404


def form_data(**overrides):
    return {
        "name": "王五",
        "id_number": id_number(),
        "sex": "female",
        "work_type": "nuclear_medicine",
        "employed_on": "2023-04-01",
        **overrides,
    }


def test_a_unit_officer_registers_a_worker(client_as, world):
    source = SourceFactory(unit=world.unit1)
    data = form_data(unit=world.unit1.pk, sources=[source.pk])
    response = client_as("unit1").post(reverse("personnel:worker-create"), data)
    worker = Worker.objects.get(name="王五")
    assert response.status_code == 302
    assert response["Location"] == reverse("personnel:worker-detail", args=[worker.pk])
    assert list(worker.sources.all()) == [source]
    detail = client_as("unit1").get(response["Location"]).content.decode()
    assert worker.id_number_masked in detail and source.code in detail


def test_a_wrong_check_character_is_shown_in_chinese_and_not_echoed(client_as, world):
    good = id_number()
    bad = good[:17] + ("1" if good[17] != "1" else "2")
    data = form_data(unit=world.unit1.pk, id_number=bad)
    response = client_as("unit1").post(reverse("personnel:worker-create"), data)
    assert response.status_code == 200
    assert "身份证号码校验位错误。" in response.content.decode()
    assert bad not in response.content.decode()
    assert not Worker.objects.exists()


def test_an_edit_with_a_blank_number_keeps_it(client_as, people):
    worker = people["unit1"]
    url = reverse("personnel:worker-edit", args=[worker.pk])
    data = form_data(id_number="", name="医院甲", post="技师", version=worker.version)
    response = client_as("unit1").post(url, data)
    assert response.status_code == 302
    stored = Worker.objects.get(pk=worker.pk)
    assert (stored.post, stored.id_number_index) == ("技师", worker.id_number_index)


def test_the_same_person_in_another_unit_is_flagged_on_the_detail_page(client_as, world):
    number = id_number()
    first = make_worker(world.unit1, number=number)
    url = reverse("personnel:worker-detail", args=[first.pk])
    assert 'id="other-units"' not in client_as("unit1").get(url).content.decode()
    make_worker(world.foreign_unit, number=number)
    html = client_as("unit1").get(url).content.decode()
    assert "此人同时登记在另外 1 个单位。" in html


def test_the_bureau_lead_unmasks_once_and_it_is_audited(client_as, world):
    number = id_number()
    worker = make_worker(world.unit1, number=number)
    url = reverse("personnel:worker-unmask", args=[worker.pk])
    response = client_as("bureau").post(url)
    assert response.status_code == 200 and number in response.content.decode()
    assert leak_scan.SCANNED[-1] == url
    event = AuditEvent.objects.get(action="worker.unmask")
    assert (event.object_id, event.actor_name) == (str(worker.pk), "bureau")
    assert event.after == {"id_number_masked": worker.id_number_masked}
    again = client_as("bureau").get(reverse("personnel:worker-detail", args=[worker.pk]))
    assert number not in again.content.decode()


@pytest.mark.parametrize("role", ["inspector1", "unit1", "city"])
def test_other_roles_may_not_unmask(client_as, world, role):
    worker = make_worker(world.unit1)
    response = client_as(role).post(reverse("personnel:worker-unmask", args=[worker.pk]))
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="worker.unmask").exists()
    detail = client_as(role).get(reverse("personnel:worker-detail", args=[worker.pk]))
    assert 'id="worker-unmask"' not in detail.content.decode()


def test_a_training_result_is_added_on_the_worker_page(client_as, people):
    worker = people["unit1"]
    url = reverse("personnel:training-create", args=[worker.pk])
    data = {"number": "FS23-0001", "category": "nuclear_medicine", "passed_on": "2023-05-10"}
    response = client_as("unit1").post(url, data)
    assert response.status_code == 302
    result = TrainingResult.objects.get(worker=worker)
    assert result.valid_until == datetime.date(2028, 5, 9)
    edit = reverse("personnel:training-edit", args=[result.pk])
    data = {**data, "category": "self_assessed", "version": result.version}
    worker.sources.add(SourceFactory(unit=worker.unit))
    refused = client_as("unit1").post(edit, data)
    assert refused.status_code == 200 and "自行考核只适用于" in refused.content.decode()


def test_the_expiring_list_takes_the_number_of_days(client_as, people):
    today = timezone.localdate()
    # Five years are 1,826 or 1,827 days: these end in about 25 and 65 days.
    soon = make_training(people["unit1"], passed_on=today - datetime.timedelta(days=1800))
    later = make_training(people["unit2"], passed_on=today - datetime.timedelta(days=1760))
    make_training(
        make_worker(people["unit1"].unit), passed_on=today - datetime.timedelta(days=1830)
    )
    url = reverse("personnel:training-expiring")
    rows = client_as("bureau").get(url, {"days": 30}).context["table"].paginated_rows
    assert [row.record.pk for row in rows] == [soon.pk]
    rows = client_as("bureau").get(url).context["table"].paginated_rows  # 90 by default
    assert [row.record.pk for row in rows] == [soon.pk, later.pk]


def test_the_scanning_client_fails_a_response_that_holds_a_clear_number(client):
    number = id_number()
    with pytest.raises(AssertionError, match="clear ID number"):
        client.get(reverse("login"), {"next": f"/{number}/"})  # the login form echoes `next`


def test_the_scan_fails_a_response_that_leaks_a_number():
    from .factories import id_number

    number = id_number()
    with pytest.raises(AssertionError, match="clear ID number"):
        leak_scan.check_response("/personnel/workers/1/", 200, f"<td>{number}</td>")
    leak_scan.check_response("/personnel/workers/1/unmask/", 200, f"<td>{number}</td>")


def id_number_input(html: str) -> str:
    start = html.index('name="id_number"')
    return html[html.rindex("<input", 0, start) : html.index(">", start) + 1]


def test_the_id_number_is_a_visible_text_field_for_digits_and_x(client_as):
    html = client_as("unit1").get(reverse("personnel:worker-create")).content.decode()
    field = id_number_input(html)
    assert 'type="text"' in field and 'type="password"' not in field
    assert 'autocomplete="off"' in field and 'inputmode="text"' in field
    assert 'maxlength="18"' in field


def test_the_edit_form_never_holds_the_stored_number(client_as, world):
    number = id_number(order=321)
    worker = make_worker(world.unit1, number=number)
    html = client_as("unit1").get(reverse("personnel:worker-edit", args=[worker.pk]))
    html = html.content.decode()
    assert number not in html and "value=" not in id_number_input(html)


def test_a_refused_form_does_not_echo_the_typed_number(client_as, world):
    number = id_number(order=322)
    make_worker(world.unit1, number=number)  # stored: the duplicate is refused
    data = form_data(unit=world.unit1.pk, id_number=number, name="")
    response = client_as("unit1").post(reverse("personnel:worker-create"), data)
    assert response.status_code == 200
    assert number not in response.content.decode()
    data = form_data(unit=world.unit1.pk, id_number=number)
    response = client_as("unit1").post(reverse("personnel:worker-create"), data)
    assert response.status_code == 200
    assert "该单位已登记身份证号码相同的人员。" in response.content.decode()
    assert number not in response.content.decode()
    assert Worker.objects.count() == 1
