"""Worker and assessment-result services: the ID number is stored encrypted, indexed and masked,
refused with a Chinese message when its check character is wrong, unique per unit; results are
valid exactly five years; self-assessment is only for staff on Ⅲ类 devices."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from radsafe.core import crypto
from radsafe.core.choices import Role
from radsafe.core.models import AuditEvent
from radsafe.core.versioning import StaleEditError
from radsafe.personnel.models import TrainingResult, Worker, training_valid_until
from radsafe.personnel.services import workers as services
from tests.factories import RayDeviceFactory, SourceFactory, UserFactory

from .factories import ISSUED, id_number, make_training, make_worker

pytestmark = pytest.mark.django_db


def test_the_number_is_stored_encrypted_indexed_and_masked(world):
    number = id_number()
    worker = make_worker(world.unit1, actor=world.users["unit1"], number=number)
    stored = Worker.objects.get(pk=worker.pk)
    assert number.encode() not in bytes(stored.id_number_cipher)
    assert crypto.decrypt(stored.id_number_cipher) == number
    assert stored.id_number_index == crypto.blind_index(number)
    assert stored.id_number_masked == number[:3] + "*" * 11 + number[-4:]


def test_a_wrong_check_character_is_refused_in_chinese_and_nothing_is_saved(world):
    good = id_number()
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError) as error:
        make_worker(world.unit1, number=bad)
    assert error.value.message_dict["id_number"] == ["身份证号码校验位错误。"]
    assert not Worker.objects.exists()


def test_a_duplicate_in_the_same_unit_is_refused_but_another_unit_may_list_the_person(world):
    number = id_number()
    make_worker(world.unit1, number=number)
    with pytest.raises(ValidationError) as error:
        make_worker(world.unit1, number=number.lower(), name="张三二")
    assert error.value.message_dict["id_number"] == ["该单位已登记身份证号码相同的人员。"]
    assert make_worker(world.unit2, number=number).unit == world.unit2
    assert Worker.objects.filter(id_number_index=crypto.blind_index(number)).count() == 2


def test_an_edit_to_a_number_taken_in_the_unit_is_refused(world):
    taken = id_number()
    make_worker(world.unit1, number=taken)
    other = make_worker(world.unit1, name="李四")
    with pytest.raises(ValidationError) as error:
        services.worker_update(worker=other, actor=None, expected_version=1, id_number=taken)
    assert "id_number" in error.value.message_dict


def test_the_audit_log_keeps_only_the_masked_number(world):
    worker = make_worker(world.unit1, actor=world.users["unit1"])
    services.worker_update(
        worker=worker, actor=world.users["unit1"], expected_version=1, id_number=id_number()
    )
    services.worker_unmask(worker=worker, actor=world.users["bureau"])
    events = list(AuditEvent.objects.filter(object_type="personnel.worker").order_by("id"))
    assert [e.action for e in events] == ["worker.create", "worker.update", "worker.unmask"]
    dumped = json.dumps([[e.before, e.after] for e in events], ensure_ascii=False)
    assert not any(number in dumped for number in ISSUED)
    assert worker.id_number_masked in dumped and "id_number_cipher" not in dumped


@pytest.mark.parametrize(
    "who", ["inspector1", "unit1", "city", "sysadmin", "secadmin", "auditor", "bureau elsewhere"]
)
def test_unmask_refuses_whoever_lacks_the_capability_or_the_scope_whatever_calls_it(world, who):
    """The service checks for itself (not only the page): without `worker.unmask`, or for a
    worker outside the own scope, no clear number, a PermissionDenied and a permission.denied
    event, as the pages record."""
    worker = make_worker(world.unit1)
    if who == "bureau elsewhere":
        actor = UserFactory(role=Role.BUREAU_LEAD, jurisdiction=world.other_county)
    else:
        actor = world.users[who]
    with pytest.raises(PermissionDenied):
        services.worker_unmask(worker=worker, actor=actor)
    assert not AuditEvent.objects.filter(action="worker.unmask").exists()
    denied = AuditEvent.objects.get(action="permission.denied")
    assert (denied.actor, denied.object_type, denied.object_id) == (
        actor,
        "personnel.worker",
        str(worker.pk),
    )
    with pytest.raises(PermissionDenied):  # nor to "the system": a clear number is for someone
        services.worker_unmask(worker=worker, actor=None)


def test_what_a_worker_operates_must_belong_to_the_workers_unit(world):
    foreign_source = SourceFactory(unit=world.unit2)
    foreign_device = RayDeviceFactory(unit=world.unit2)
    with pytest.raises(ValidationError) as error:
        make_worker(world.unit1, sources=[foreign_source], devices=[foreign_device])
    assert error.value.message_dict["sources"] == ["操作的放射源必须属于该人员所在单位。"]
    assert error.value.message_dict["devices"] == ["操作的射线装置必须属于该人员所在单位。"]


def test_a_unit_officer_cannot_register_in_another_unit(world):
    with pytest.raises(ValidationError) as error:
        make_worker(world.unit2, actor=world.users["unit1"])
    assert error.value.message_dict["unit"] == ["单位不存在或不在您的数据范围内。"]


def test_a_stale_edit_is_refused(world):
    worker = make_worker(world.unit1)
    services.worker_update(worker=worker, actor=None, expected_version=1, post="技师")
    stale = Worker.objects.get(pk=worker.pk)
    stale.version = 1
    with pytest.raises(StaleEditError):
        services.worker_update(worker=stale, actor=None, expected_version=1, post="主管")


@pytest.mark.parametrize(
    ("passed_on", "last_day"),
    [
        (datetime.date(2020, 3, 1), datetime.date(2025, 2, 28)),
        (datetime.date(2021, 6, 15), datetime.date(2026, 6, 14)),
        (datetime.date(2020, 2, 29), datetime.date(2025, 2, 28)),
        (datetime.date(2019, 3, 1), datetime.date(2024, 2, 29)),
    ],
)
def test_a_result_is_valid_exactly_five_years(passed_on, last_day):
    assert training_valid_until(passed_on) == last_day


def test_valid_until_is_stored_and_follows_an_edit(world):
    result = make_training(make_worker(world.unit1), passed_on=datetime.date(2021, 6, 15))
    assert TrainingResult.objects.get(pk=result.pk).valid_until == datetime.date(2026, 6, 14)
    services.training_update(
        result=result, actor=None, expected_version=1, passed_on=datetime.date(2022, 1, 10)
    )
    assert TrainingResult.objects.get(pk=result.pk).valid_until == datetime.date(2027, 1, 9)


def test_self_assessment_is_only_for_staff_on_class_three_devices(world):
    message = "自行考核只适用于仅从事Ⅲ类射线装置工作的人员；该人员操作放射源或Ⅰ、Ⅱ类射线装置。"
    on_source = make_worker(world.unit1, sources=[SourceFactory(unit=world.unit1)])
    on_class2 = make_worker(
        world.unit1, devices=[RayDeviceFactory(unit=world.unit1, device_class=2)]
    )
    for worker in (on_source, on_class2):
        with pytest.raises(ValidationError) as error:
            make_training(worker, category="self_assessed")
        assert error.value.message_dict["category"] == [message]
    on_class3 = make_worker(
        world.unit1, devices=[RayDeviceFactory(unit=world.unit1, device_class=3)]
    )
    assert make_training(on_class3, category="self_assessed").valid_until
    assert TrainingResult.objects.count() == 1


def test_moving_a_unit_to_another_squad_moves_its_workers(world):
    from radsafe.core.scoping import propagate_unit_scope

    worker = make_worker(world.unit1)
    propagate_unit_scope(world.unit1.pk, world.squad2.path)
    assert Worker.objects.get(pk=worker.pk).scope_path == world.squad2.path
    assert Worker.objects.for_user(world.users["inspector2"]).filter(pk=worker.pk).exists()
    assert not Worker.objects.for_user(world.users["inspector1"]).filter(pk=worker.pk).exists()
