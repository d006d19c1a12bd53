import pytest

from radsafe.registry.models import Licence, Unit
from tests.factories import LicenceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "visible"),
    [
        ("bureau", {"unit1", "unit2"}),
        ("inspector1", {"unit1"}),
        ("inspector2", {"unit2"}),
        ("unit1", {"unit1"}),
        ("unit2", {"unit2"}),
        ("city", {"unit1", "unit2", "foreign_unit"}),
        ("sysadmin", set()),
        ("secadmin", set()),
        ("auditor", set()),
    ],
)
def test_each_role_sees_exactly_its_scope(world, name, visible):
    expected = {getattr(world, key).pk for key in visible}
    assert set(Unit.objects.for_user(world.users[name]).values_list("pk", flat=True)) == expected


def test_licences_follow_their_units_scope(world):
    LicenceFactory(unit=world.unit1)
    LicenceFactory(unit=world.unit2)
    seen = Licence.objects.for_user(world.users["inspector1"])
    assert {licence.unit_id for licence in seen} == {world.unit1.pk}


def test_scope_fails_closed_for_users_without_one(world):
    from radsafe.core.choices import Role

    orphan_officer = UserFactory(role=Role.UNIT_OFFICER, unit=None)
    orphan_inspector = UserFactory(role=Role.INSPECTOR, jurisdiction=None)
    inactive = UserFactory(role=Role.BUREAU_LEAD, jurisdiction=world.county, is_active=False)
    for user in (orphan_officer, orphan_inspector, inactive):
        assert not Unit.objects.for_user(user).exists()
    assert not Unit.objects.for_user(None).exists()


def test_sibling_path_prefix_does_not_leak(world):
    """A county coded 140881 must not see one coded 1408810 (the trailing slash matters)."""
    from radsafe.core.choices import JurisdictionLevel
    from tests.factories import JurisdictionFactory, UnitFactory

    lookalike = JurisdictionFactory(
        code="1408810", level=JurisdictionLevel.COUNTY, parent=world.city
    )
    UnitFactory(jurisdiction=lookalike)
    visible = Unit.objects.for_user(world.users["bureau"])
    assert not visible.filter(jurisdiction=lookalike).exists()
