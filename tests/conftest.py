"""Shared fixtures: a small county (province › city › county › two squads), a unit in each squad,
and one user per role, so every permission test can ask "who sees what"."""

from dataclasses import dataclass

import pytest

from radsafe.core.choices import JurisdictionLevel, Role

from .factories import JurisdictionFactory, UnitFactory, UserFactory


@dataclass
class World:
    province: object
    city: object
    county: object
    squad1: object
    squad2: object
    other_county: object
    unit1: object
    unit2: object
    foreign_unit: object
    users: dict


@pytest.fixture
def world(db) -> World:
    province = JurisdictionFactory(code="14", name="山西省", level=JurisdictionLevel.PROVINCE)
    city = JurisdictionFactory(
        code="1408", name="运城市", level=JurisdictionLevel.CITY, parent=province
    )
    county = JurisdictionFactory(
        code="140881", name="永济分局", level=JurisdictionLevel.COUNTY, parent=city
    )
    squad1 = JurisdictionFactory(
        code="140881-1", name="一中队", level=JurisdictionLevel.SQUAD, parent=county
    )
    squad2 = JurisdictionFactory(
        code="140881-2", name="二中队", level=JurisdictionLevel.SQUAD, parent=county
    )
    other_county = JurisdictionFactory(
        code="140802", name="盐湖分局", level=JurisdictionLevel.COUNTY, parent=city
    )
    unit1 = UnitFactory(name="永济市人民医院", jurisdiction=county, squad=squad1)
    unit2 = UnitFactory(name="永济探伤公司", jurisdiction=county, squad=squad2)
    foreign_unit = UnitFactory(name="盐湖区医院", jurisdiction=other_county)
    users = {
        "bureau": UserFactory(username="bureau", role=Role.BUREAU_LEAD, jurisdiction=county),
        "inspector1": UserFactory(username="inspector1", role=Role.INSPECTOR, jurisdiction=squad1),
        "inspector2": UserFactory(username="inspector2", role=Role.INSPECTOR, jurisdiction=squad2),
        "unit1": UserFactory(username="unit1", role=Role.UNIT_OFFICER, unit=unit1),
        "unit2": UserFactory(username="unit2", role=Role.UNIT_OFFICER, unit=unit2),
        "city": UserFactory(username="city", role=Role.OVERSIGHT, jurisdiction=city),
        "sysadmin": UserFactory(username="sysadmin", role=Role.SYSADMIN),
        "secadmin": UserFactory(username="secadmin", role=Role.SECADMIN),
        "auditor": UserFactory(username="auditor", role=Role.AUDITOR),
    }
    return World(
        province, city, county, squad1, squad2, other_county, unit1, unit2, foreign_unit, users
    )


@pytest.fixture
def client_as(client, world):
    """`client_as("inspector1")` → the test client logged in as that fixture user."""

    def login(name: str):
        client.force_login(world.users[name])
        return client

    return login


@pytest.fixture(autouse=True, scope="session")
def _media_in_a_temporary_folder(tmp_path_factory):
    """Whatever a test uploads lands in a throw-away folder, never in the demo's var/media."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _scan_responses_for_id_numbers(monkeypatch):
    """Every test-client response of the whole suite is scanned (tests/leak_scan.py)."""
    from django.test import Client

    from .leak_scan import scanned_request

    monkeypatch.setattr(Client, "request", scanned_request(Client.request))


@pytest.fixture(autouse=True)
def _chinese_first():
    """Every test starts in the default language: a request in English (LocaleMiddleware) leaves
    English active in its thread, and a service called directly afterwards would speak it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True, scope="session")
def _labels_of_the_tests_own_audit_actions():
    """Tests of the audit machinery write actions of their own; like every action the code writes
    they need a label (RADSAFE_STRICT_AUDIT_LABELS), which the product does not ship."""
    from radsafe.core.audit_display import ACTION_LABELS

    ACTION_LABELS.update(
        {
            "test.event": "测试事件",
            "test.page": "测试分页",
            "test.budget": "测试查询预算",
            "test.import": "测试导入",
            "unit.bulk": "测试批量写入",
        }
    )
