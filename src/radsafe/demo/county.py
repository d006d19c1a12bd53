"""Builds the demo county through the same services the pages use, so the demo holds only rows the
application itself could have written (and every one of them is in the audit chain)."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from radsafe.core.choices import JurisdictionLevel
from radsafe.core.models import Jurisdiction
from radsafe.core.services import jurisdiction_create
from radsafe.demo.accounts import ACCOUNTS, create_accounts
from radsafe.demo.inventory import DemoInventory, build_inventory, play_check_outs
from radsafe.demo.people import DemoPeople, build_people
from radsafe.demo.readiness import DemoReadiness, build_readiness
from radsafe.demo.units import UnitSpec, demo_units
from radsafe.registry.models import Industry, Unit
from radsafe.registry.services import licence_create, unit_change_status, unit_create

# code, name, level, parent code
JURISDICTIONS = [
    ("14", "山西省", JurisdictionLevel.PROVINCE, None),
    ("1408", "运城市", JurisdictionLevel.CITY, "14"),
    ("140881", "运城市生态环境局永济分局", JurisdictionLevel.COUNTY, "1408"),
    ("140881-1", "一中队", JurisdictionLevel.SQUAD, "140881"),
    ("140881-2", "二中队", JurisdictionLevel.SQUAD, "140881"),
    ("140881-3", "三中队", JurisdictionLevel.SQUAD, "140881"),
]


class DemoAlreadyLoaded(Exception):
    """The demo's accounts or units are already in the database; a second copy cannot coexist."""


@dataclass
class DemoCounty:
    province: Jurisdiction
    city: Jurisdiction
    county: Jurisdiction
    squads: dict[int, Jurisdiction]
    units: dict[str, Unit] = field(default_factory=dict)
    inventory: DemoInventory | None = None
    people: DemoPeople | None = None
    readiness: DemoReadiness | None = None


def _jurisdictions() -> dict[str, Jurisdiction]:
    """Reuses nodes that already exist (a deployment may have created its tree before the demo)."""
    nodes: dict[str, Jurisdiction] = {}
    for code, name, level, parent_code in JURISDICTIONS:
        node = Jurisdiction.objects.filter(code=code).first()
        if node is None:
            parent = nodes[parent_code] if parent_code else None
            node = jurisdiction_create(code=code, name=name, level=level, parent=parent)
        nodes[code] = node
    return nodes


def _check_not_loaded(plan: list[UnitSpec]) -> None:
    from radsafe.core.models import User

    taken = User.objects.filter(username__in=[a.username for a in ACCOUNTS]).exists()
    if taken or Unit.objects.filter(credit_code__in=[s.credit_code for s in plan]).exists():
        raise DemoAlreadyLoaded


def _build_unit(spec: UnitSpec, county: DemoCounty, industries, today: datetime.date) -> Unit:
    unit = unit_create(
        actor=None,
        industries=[industries[code] for code in spec.industries],
        name=spec.name,
        credit_code=spec.credit_code,
        address=spec.address,
        legal_representative=spec.legal_representative,
        contact_person=spec.contact_person,
        contact_phone=spec.contact_phone,
        jurisdiction=county.county,
        squad=county.squads[spec.squad],
    )
    if spec.licence is not None:
        licence = spec.licence
        licence_create(
            actor=None,
            unit=unit,
            number=licence.number,
            authority=licence.authority,
            authority_level=licence.authority_level,
            scope=licence.scope,
            issued_on=licence.issued_on,
            expires_on=licence.expires_on,
            source_categories=licence.source_categories,
            device_classes=licence.device_classes,
        )
    if spec.status != unit.status:
        # The service refuses dates in the future; a demo built for a later `today` keeps them real.
        changed_on = min(
            today - datetime.timedelta(days=spec.status_days_ago), timezone.localdate()
        )
        unit_change_status(
            unit=unit,
            actor=None,
            status=spec.status,
            changed_on=changed_on,
            reason=spec.status_reason,
        )
    return unit


@transaction.atomic
def build_demo(*, today: datetime.date | None = None) -> DemoCounty:
    today = today or timezone.localdate()
    plan = demo_units(today)
    _check_not_loaded(plan)
    nodes = _jurisdictions()
    county = DemoCounty(
        province=nodes["14"],
        city=nodes["1408"],
        county=nodes["140881"],
        squads={n: nodes[f"140881-{n}"] for n in (1, 2, 3)},
    )
    industries = {industry.code: industry for industry in Industry.objects.all()}
    for spec in plan:
        county.units[spec.name] = _build_unit(spec, county, industries, today)
    county.inventory = build_inventory(county.units, plan, today=today)
    county.people = build_people(county.units, plan, county.inventory, today=today)
    play_check_outs(county.inventory, county.units, county.people.workers, today=today)
    county.readiness = build_readiness(county.units, plan, county.people, today=today)
    create_accounts(county)
    return county
