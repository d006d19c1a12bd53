"""The security administrator's account services (issue 9, point 8): each action, its audit event
(never a password), the refusal of every other role, the scope each role needs, and the unique
username, including the IntegrityError of a concurrent create."""

import json
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from radsafe.core import account_services as services
from radsafe.core.choices import Role
from radsafe.core.models import AuditEvent, PasswordHistory, User
from tests.factories import TEST_PASSWORD, UserFactory
from tests.matrix import ROLES

pytestmark = pytest.mark.django_db

OTHER_ROLES = [role for role in ROLES if role != "secadmin"]


def create(world, **overrides):
    data = {
        "actor": world.users["secadmin"],
        "username": "newlead",
        "full_name": "李新",
        "role": Role.BUREAU_LEAD,
        "jurisdiction": world.county,
        **overrides,
    }
    return services.account_create(**data)


def only_event(action: str) -> AuditEvent:
    return AuditEvent.objects.get(action=action)


def assert_no_password(event: AuditEvent, password: str, user: User) -> None:
    content = json.dumps([event.before, event.after], ensure_ascii=False)
    assert password not in content
    assert user.password not in content
    assert 'password"' not in content.replace('must_change_password"', "")


def test_create_issues_a_temporary_password_and_forces_a_change(world):
    user, password = create(world)
    assert user.pk and user.check_password(password)
    assert user.must_change_password and user.is_active
    assert (user.role, user.jurisdiction, user.first_name) == (
        Role.BUREAU_LEAD,
        world.county,
        "李新",
    )
    event = only_event("account.create")
    assert event.actor == world.users["secadmin"]
    assert event.object_id == str(user.pk)
    assert event.after == {
        "username": "newlead",
        "first_name": "李新",
        "role": "bureau_lead",
        "jurisdiction_id": world.county.pk,
        "unit_id": None,
        "is_active": True,
    }
    assert_no_password(event, password, user)


def test_a_unit_officer_is_bound_to_a_unit_and_an_administrator_to_nothing(world):
    officer, _password = create(
        world, username="officer", role=Role.UNIT_OFFICER, jurisdiction=None, unit=world.unit1
    )
    admin, _password = create(world, username="admin2", role=Role.AUDITOR, jurisdiction=None)
    assert officer.unit == world.unit1 and officer.jurisdiction is None
    assert admin.unit is None and admin.jurisdiction is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"role": "superuser"}, "role", "未知的角色。"),
        ({"role": Role.UNIT_OFFICER, "jurisdiction": None}, "unit", "单位用户必须指定所属单位。"),
        ({"unit": "unit1"}, "unit", "该角色的数据范围是辖区，不绑定单位。"),
        ({"jurisdiction": None}, "jurisdiction", "该角色必须指定辖区。"),
        ({"jurisdiction": "squad1"}, "jurisdiction", "分局管理的辖区必须是：县（分局）。"),
        ({"role": Role.INSPECTOR}, "jurisdiction", "中队执法的辖区必须是：中队。"),
        ({"role": Role.OVERSIGHT}, "jurisdiction", "市局/省厅监督的辖区必须是：市、省。"),
        ({"role": Role.SYSADMIN}, "jurisdiction", "管理员账号不绑定业务数据范围（三权分立）。"),
        ({"username": "x" * 151}, "username", "150"),
        ({"username": "有 空格"}, "username", "用户名"),
        ({"full_name": "名" * 151}, "full_name", "150"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(world, overrides, field, message):
    for name in ("jurisdiction", "unit"):
        if isinstance(overrides.get(name), str):
            overrides[name] = getattr(world, overrides[name])
    count = User.objects.count()
    with pytest.raises(ValidationError) as refused:
        create(world, **overrides)
    assert message in " ".join(refused.value.message_dict[field])
    assert User.objects.count() == count
    assert not AuditEvent.objects.filter(action="account.create").exists()


def test_a_taken_username_is_refused_with_a_chinese_message(world):
    with pytest.raises(ValidationError) as refused:
        create(world, username="bureau")
    assert refused.value.message_dict["username"] == ["用户名“bureau”已被使用，请换一个。"]


def test_a_concurrent_create_of_the_same_username_gets_the_same_message(world):
    """Another writer commits the username between the pre-check and the INSERT (here: while the
    temporary password is drawn); the database's unique index refuses the INSERT, and its
    IntegrityError becomes the pre-check's message, with nothing else written."""

    def another_writer_first():
        UserFactory(username="racer", role=Role.AUDITOR)
        return "Rs-unused-7a"

    sneak = mock.patch.object(services, "temporary_password", side_effect=another_writer_first)
    with sneak, pytest.raises(ValidationError) as refused:
        create(world, username="racer")
    assert refused.value.message_dict["username"] == ["用户名“racer”已被使用，请换一个。"]
    assert User.objects.filter(username="racer").count() == 1
    assert not AuditEvent.objects.filter(action="account.create").exists()


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_every_other_role_is_refused_every_action_and_it_is_audited(world, role):
    actor, target = world.users[role], world.users["unit2"]
    attempts = [
        lambda: create(world, actor=actor),
        lambda: services.account_disable(user=target, actor=actor),
        lambda: services.account_enable(user=target, actor=actor),
        lambda: services.account_reset_password(user=target, actor=actor),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert AuditEvent.objects.filter(action="permission.denied", actor=actor).count() == 4
    assert not AuditEvent.objects.filter(action__startswith="account.").exists()
    target.refresh_from_db()
    assert target.is_active and target.check_password(TEST_PASSWORD)
    assert not User.objects.filter(username="newlead").exists()


def test_disable_and_enable(world):
    secadmin, target = world.users["secadmin"], world.users["unit2"]
    services.account_disable(user=target, actor=secadmin)
    target.refresh_from_db()
    assert not target.is_active
    event = only_event("account.disable")
    assert (event.actor, event.object_id) == (secadmin, str(target.pk))
    assert event.before == {"is_active": True}
    assert event.after == {"is_active": False, "sessions_ended": 0, "tokens_revoked": 0}

    with pytest.raises(ValidationError, match="该账号已停用。"):
        services.account_disable(user=target, actor=secadmin)

    services.account_enable(user=target, actor=secadmin)
    target.refresh_from_db()
    assert target.is_active
    assert only_event("account.enable").after == {"is_active": True}
    with pytest.raises(ValidationError, match="该账号已是启用状态。"):
        services.account_enable(user=target, actor=secadmin)


def test_a_security_administrator_cannot_disable_themselves(world):
    secadmin = world.users["secadmin"]
    with pytest.raises(ValidationError, match="不能停用自己的账号。"):
        services.account_disable(user=secadmin, actor=secadmin)
    secadmin.refresh_from_db()
    assert secadmin.is_active
    assert not AuditEvent.objects.filter(action="account.disable").exists()


def test_disabling_ends_the_sessions_and_revokes_the_tokens(client, world):
    from rest_framework.authtoken.models import Token

    target = world.users["unit2"]
    client.force_login(target)
    Token.objects.create(user=target)
    other = Token.objects.create(user=world.users["unit1"])
    services.account_disable(user=target, actor=world.users["secadmin"])
    assert only_event("account.disable").after["sessions_ended"] == 1
    assert list(Token.objects.all()) == [other]


def test_reset_password_issues_a_temporary_one_and_forces_a_change(world):
    from rest_framework.authtoken.models import Token

    secadmin, target = world.users["secadmin"], world.users["unit2"]
    old_hash = target.password
    Token.objects.create(user=target)
    password = services.account_reset_password(user=target, actor=secadmin)
    target.refresh_from_db()
    assert target.check_password(password) and not target.check_password(TEST_PASSWORD)
    assert target.must_change_password
    assert PasswordHistory.objects.filter(user=target, password=old_hash).exists()
    assert not Token.objects.filter(user=target).exists()
    event = only_event("account.reset_password")
    assert event.actor == secadmin
    assert event.after == {"must_change_password": True, "sessions_ended": 0, "tokens_revoked": 1}
    assert_no_password(event, password, target)
    assert old_hash not in json.dumps([event.before, event.after])


def test_a_security_administrator_resets_their_own_password_on_the_change_page(world):
    secadmin = world.users["secadmin"]
    with pytest.raises(ValidationError, match="修改密码"):
        services.account_reset_password(user=secadmin, actor=secadmin)
    assert not AuditEvent.objects.filter(action="account.reset_password").exists()
