"""The ray-device type list (issue 3 §3, "editable"): the system administrator adds and corrects
types, every change audited; a name used twice or a class outside Ⅰ–Ⅲ is refused in Chinese with
nothing written; nobody else may write; the list costs the same queries however long it is."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from radsafe.core.models import AuditEvent
from radsafe.inventory.models import DeviceType
from radsafe.inventory.services.reference import device_type_create, device_type_update
from tests.factories import device_type

pytestmark = pytest.mark.django_db


def refused(call, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


def stored() -> list[tuple]:
    return list(
        DeviceType.objects.order_by("id").values_list("id", "name", "device_class", "order")
    )


def audit_count() -> int:
    return AuditEvent.objects.filter(action__startswith="device_type.").count()


def test_create_is_audited(world):
    made = device_type_create(
        actor=world.users["sysadmin"], name="  术中放射治疗装置 ", device_class=2, order=5
    )
    made.refresh_from_db()
    assert (made.name, made.device_class, made.order) == ("术中放射治疗装置", 2, 5)
    event = AuditEvent.objects.get(action="device_type.create")
    assert event.actor == world.users["sysadmin"]
    assert event.object_id == str(made.pk)
    assert event.after == {"id": made.pk, "name": "术中放射治疗装置", "device_class": 2, "order": 5}


def test_update_is_audited_with_before_and_after(world):
    xray = device_type("骨密度仪")
    device_type_update(
        device_type=xray, actor=world.users["sysadmin"], name="骨密度仪（X射线）", device_class=3
    )
    xray.refresh_from_db()
    assert xray.name == "骨密度仪（X射线）"
    event = AuditEvent.objects.get(action="device_type.update")
    assert (event.before, event.after) == ({"name": "骨密度仪"}, {"name": "骨密度仪（X射线）"})


def test_an_update_that_changes_nothing_writes_no_event(world):
    device_type_update(
        device_type=device_type("骨密度仪"), actor=world.users["sysadmin"], device_class=3
    )
    assert audit_count() == 0


def test_a_duplicate_name_is_refused_in_chinese_and_nothing_changes(world):
    admin, before = world.users["sysadmin"], stored()
    errors = refused(device_type_create, actor=admin, name="医用CT", device_class=3)
    assert errors["name"] == ["射线装置类型“医用CT”已存在。"]
    bone = device_type("骨密度仪")
    errors = refused(device_type_update, device_type=bone, actor=admin, name=" 医用CT ")
    assert errors["name"] == ["射线装置类型“医用CT”已存在。"]
    assert bone.name == "骨密度仪"  # the caller's object is back to what is stored
    assert (stored(), audit_count()) == (before, 0)


@pytest.mark.parametrize("device_class", [0, 4, None, "2", True])
def test_a_class_outside_one_to_three_is_refused(world, device_class):
    admin, before = world.users["sysadmin"], stored()
    errors = refused(device_type_create, actor=admin, name="新型装置", device_class=device_class)
    assert errors["device_class"] == ["类别必须是Ⅰ类、Ⅱ类或Ⅲ类。"]
    errors = refused(
        device_type_update,
        device_type=device_type("骨密度仪"),
        actor=admin,
        device_class=device_class,
    )
    assert errors["device_class"] == ["类别必须是Ⅰ类、Ⅱ类或Ⅲ类。"]
    assert (stored(), audit_count()) == (before, 0)


def test_an_empty_name_is_refused(world):
    errors = refused(device_type_create, actor=world.users["sysadmin"], name=" ", device_class=3)
    assert errors["name"] == ["请填写类型名称。"]


def test_there_is_no_field_outside_the_list(world):
    with pytest.raises(ValueError, match="id"):
        device_type_update(device_type=device_type(), actor=world.users["sysadmin"], id=999)


@pytest.mark.parametrize("role", ["bureau", "unit1", "secadmin"])
def test_only_the_administrator_writes_in_the_service(world, role):
    before = stored()
    with pytest.raises(PermissionDenied):
        device_type_create(actor=world.users[role], name="新型装置", device_class=2)
    with pytest.raises(PermissionDenied):
        device_type_update(device_type=device_type(), actor=world.users[role], device_class=1)
    assert (stored(), audit_count()) == (before, 0)


# --- pages -----------------------------------------------------------------------------------
def test_the_administrator_adds_and_edits_a_type_on_the_pages(client_as):
    client = client_as("sysadmin")
    added = client.post(
        reverse("inventory:device-type-create"),
        {"name": "术中放射治疗装置", "device_class": "2", "order": "3"},
    )
    assert added.status_code == 302
    assert added["Location"] == reverse("inventory:device-type-list")
    made = DeviceType.objects.get(name="术中放射治疗装置")
    edit = reverse("inventory:device-type-edit", args=[made.pk])
    listed = client.get(reverse("inventory:device-type-list"), {"q": "术中"})
    assert [row.record for row in listed.context["table"].rows] == [made]
    assert f'href="{edit}"' in listed.content.decode()
    assert client.get(edit).context["form"].initial["name"] == "术中放射治疗装置"
    duplicate = client.post(edit, {"name": "医用CT", "device_class": "3", "order": "0"})
    assert duplicate.status_code == 200
    assert duplicate.context["form"].errors["name"] == ["射线装置类型“医用CT”已存在。"]
    assert client.post(edit, {"name": "术中放疗装置", "device_class": "3", "order": "0"})[
        "Location"
    ] == reverse("inventory:device-type-list")
    made.refresh_from_db()
    assert (made.name, made.device_class) == ("术中放疗装置", 3)
    events = AuditEvent.objects.filter(action__startswith="device_type.").order_by("id")
    assert list(events.values_list("action", flat=True)) == [
        "device_type.create",
        "device_type.update",
    ]


def test_the_form_refuses_a_class_outside_the_list(client_as):
    before = stored()
    response = client_as("sysadmin").post(
        reverse("inventory:device-type-create"), {"name": "新型装置", "device_class": "4"}
    )
    assert response.status_code == 200
    assert "device_class" in response.context["form"].errors
    assert stored() == before


@pytest.mark.parametrize("role", ["bureau", "inspector1", "unit1", "city", "secadmin"])
def test_others_get_403_on_create_and_edit(client_as, role):
    client, before = client_as(role), stored()
    data = {"name": "新型装置", "device_class": "2", "order": "0"}
    edit = reverse("inventory:device-type-edit", args=[device_type().pk])
    assert client.post(reverse("inventory:device-type-create"), data).status_code == 403
    assert client.post(edit, data).status_code == 403
    assert client.get(edit).status_code == 403
    assert (stored(), audit_count()) == (before, 0)


def test_readers_see_the_list_without_edit_buttons(client_as):
    page = client_as("unit1").get(reverse("inventory:device-type-list"), {"device_class": "1"})
    html = page.content.decode()
    assert {row.record.device_class for row in page.context["table"].rows} == {1}
    assert 'id="device-type-table"' in html
    assert reverse("inventory:device-type-create") not in html
    assert "/edit/" not in html
    devices = client_as("unit1").get(reverse("inventory:device-list")).content.decode()
    assert f'href="{reverse("inventory:device-type-list")}"' in devices


def test_the_list_costs_the_same_queries_for_a_short_and_a_long_list(
    client_as, django_assert_max_num_queries, django_assert_num_queries
):
    client, url = client_as("sysadmin"), reverse("inventory:device-type-list")
    client.get(url)  # one-off caches (content types, session) are not the page's cost
    with django_assert_max_num_queries(12) as captured:
        short = client.get(url, {"sort": "name"})
    assert len(short.context["table"].rows) == DeviceType.objects.count() < 25
    DeviceType.objects.bulk_create(
        DeviceType(name=f"测试类型{n:04}", device_class=n % 3 + 1) for n in range(1000)
    )
    with django_assert_num_queries(len(captured.captured_queries)):
        long = client.get(url, {"sort": "name"})
    assert len(long.context["table"].paginated_rows) == 25
