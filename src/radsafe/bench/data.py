"""Synthetic registry data at any scale, deterministic, written with bulk_create.

Generation bypasses the services on purpose: one audit row per unit would make 100,000 units take
tens of minutes and measure nothing the pages do. The rows are what the services would have
written (scope_path and licence_expires_on filled in), so the pages cannot tell the difference."""

import datetime
import math
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import make_password
from django.db import connection

from radsafe.bench.inventory import InventoryPick, generate_devices, generate_sources
from radsafe.core.choices import JurisdictionLevel, Role
from radsafe.core.models import Jurisdiction, User
from radsafe.registry.choices import AuthorityLevel, UnitStatus
from radsafe.registry.models import Industry, Licence, Unit
from radsafe.registry.validators import CREDIT_CODE_ALPHABET, credit_code_check_char

if TYPE_CHECKING:
    from radsafe.bench.personnel import PersonnelPick

SEED = 2024
BATCH = 5_000
UNITS_PER_COUNTY = 200  # a large county; the demo county has ~60
SQUADS_PER_COUNTY = 3
COUNTIES_PER_CITY = 10
ROOT_CODE = "90"  # outside GB/T 2260, so bench rows are never mistaken for real ones

PLACES = ("东城", "西城", "南关", "北关", "河东", "河西", "新华", "解放", "红旗", "建设", "胜利")
KINDS = [
    "人民医院",
    "中医医院",
    "卫生院",
    "口腔诊所",
    "无损检测有限公司",
    "铸造有限公司",
    "钢铁有限公司",
    "水泥有限公司",
    "热电有限公司",
    "同位素销售有限公司",
    "辐照科技有限公司",
    "汽车客运站",
]
# (status, share in per mille): mostly 正常, a tail of the others.
STATUS_MIX = [
    (UnitStatus.NORMAL, 940),
    (UnitStatus.SUSPENDED, 25),
    (UnitStatus.BANKRUPT, 10),
    (UnitStatus.RESTRUCTURING, 10),
    (UnitStatus.CLOSED, 10),
    (UnitStatus.DEREGISTERED, 5),
]


SOURCES_PER_UNIT = 1.8  # 180,000 sources for 100,000 units, the national proportion
DEVICES_PER_UNIT = 3.3


@dataclass
class BenchData:
    """What the cases need to address: the users and one row of each kind to open."""

    units: int
    sources: int = 0
    devices: int = 0
    users: dict[str, User] = field(default_factory=dict)
    squad_id: int = 0
    unit_id: int = 0
    search: str = "医院"
    inventory: InventoryPick | None = None
    device_id: int = 0
    workers: int = 0
    doses: int = 0
    personnel: "PersonnelPick | None" = None


def credit_code(n: int) -> str:
    body = ""
    for _ in range(9):
        n, digit = divmod(n, 31)
        body = CREDIT_CODE_ALPHABET[digit] + body
    first17 = "91" + ROOT_CODE + "0000" + body
    return first17 + credit_code_check_char(first17)


def _tree(units: int) -> tuple[Jurisdiction, Jurisdiction, Jurisdiction, list[Jurisdiction]]:
    counties = max(1, math.ceil(units / UNITS_PER_COUNTY))
    cities = math.ceil(counties / COUNTIES_PER_CITY)
    province = Jurisdiction(
        code=ROOT_CODE, name="基准省", level=JurisdictionLevel.PROVINCE, path=f"/{ROOT_CODE}/"
    )
    rows = [province]
    for c in range(cities):
        code = f"{ROOT_CODE}{c:03d}"
        rows.append(
            Jurisdiction(
                code=code,
                name=f"基准市{c}",
                level=JurisdictionLevel.CITY,
                path=f"{province.path}{code}/",
            )
        )
    for k in range(counties):
        city = rows[1 + k // COUNTIES_PER_CITY]
        code = f"{city.code}{k % COUNTIES_PER_CITY:02d}"
        rows.append(
            Jurisdiction(
                code=code,
                name=f"基准县{k}",
                level=JurisdictionLevel.COUNTY,
                path=f"{city.path}{code}/",
            )
        )
    county_rows = rows[1 + cities :]
    for county in county_rows:
        for s in range(1, SQUADS_PER_COUNTY + 1):
            code = f"{county.code}-{s}"
            rows.append(
                Jurisdiction(
                    code=code,
                    name=f"{s}中队",
                    level=JurisdictionLevel.SQUAD,
                    path=f"{county.path}{code}/",
                )
            )
    Jurisdiction.objects.bulk_create(rows, batch_size=BATCH)
    # Parents by path, then one bulk update, so no insert waits for another's id.
    by_path = {
        j.path: j
        for j in Jurisdiction.objects.filter(path__startswith=province.path).only("path", "level")
    }
    children = [j for path, j in by_path.items() if path != province.path]
    for node in children:
        node.parent_id = by_path[node.path.rsplit("/", 2)[0] + "/"].pk
    Jurisdiction.objects.bulk_update(children, ["parent"], batch_size=BATCH)
    squads = sorted(
        (j for j in by_path.values() if j.level == JurisdictionLevel.SQUAD), key=lambda j: j.path
    )
    county = by_path[county_rows[0].path]
    city = by_path[rows[1].path]
    return by_path[province.path], city, county, squads


def _units(rng, n0, n1, squads, industries, today) -> tuple[list[Unit], list[Licence]]:
    statuses = [status for status, share in STATUS_MIX for _ in range(share)]
    units, licences = [], []
    for i in range(n0, n1):
        squad = squads[(i // (UNITS_PER_COUNTY // SQUADS_PER_COUNTY + 1)) % len(squads)]
        roll = rng.random()
        if roll < 0.05:
            expires = today - datetime.timedelta(days=rng.randint(1, 700))
        elif roll < 0.10:
            expires = today + datetime.timedelta(days=rng.randint(0, 30))
        else:
            expires = today + datetime.timedelta(days=rng.randint(31, 1825))
        status = rng.choice(statuses)
        units.append(
            Unit(
                name=f"{rng.choice(PLACES)}{rng.choice(PLACES)}{rng.choice(KINDS)}",
                credit_code=credit_code(i),
                address=f"基准路{i}号",
                jurisdiction_id=squad.parent_id,
                squad_id=squad.pk,
                scope_path=squad.path,
                status=status,
                status_since=None if status == UnitStatus.NORMAL else today,
                licence_expires_on=expires,
            )
        )
        level = AuthorityLevel.PROVINCE if rng.random() < 0.3 else AuthorityLevel.CITY
        licences.append(
            Licence(
                number=f"基准辐证[{i:07d}]",
                authority="基准省生态环境厅"
                if level == AuthorityLevel.PROVINCE
                else "基准市生态环境局",
                authority_level=level,
                scope="使用Ⅲ类射线装置",
                issued_on=expires - datetime.timedelta(days=1826),
                expires_on=expires,
            )
        )
    return units, licences


def default_sources(units: int) -> int:
    return round(units * SOURCES_PER_UNIT)


def default_devices(units: int) -> int:
    return round(units * DEVICES_PER_UNIT)


def generate(
    units: int,
    *,
    sources: int | None = None,
    devices: int | None = None,
    workers: int | None = None,
    doses: int | None = None,
    today: datetime.date | None = None,
) -> BenchData:
    """Write the tree, `units` units with their industries and licences, the inventory (sources
    and devices default to the national proportions), the workers with their dose records
    (personnel.py's proportions) and the users the cases log in as. The caller owns the database
    (a throw-away one, or a test's transaction)."""
    from django.utils import timezone

    # Imported here: personnel.py declares its cases with cases.py, which imports this module.
    from radsafe.bench.personnel import default_doses, default_workers, generate_personnel

    today = today or timezone.localdate()
    sources = default_sources(units) if sources is None else sources
    devices = default_devices(units) if devices is None else devices
    workers = default_workers(units) if workers is None else workers
    doses = default_doses(workers) if doses is None else doses
    rng = random.Random(SEED)
    province, city, county, squads = _tree(units)
    industries = list(Industry.objects.order_by("id").values_list("pk", flat=True))
    through = Unit.industries.through
    data = BenchData(units=units, sources=sources, devices=devices, workers=workers, doses=doses)
    unit_rows: list[tuple[int, str]] = []
    for start in range(0, units, BATCH):
        batch, licences = _units(rng, start, min(units, start + BATCH), squads, industries, today)
        Unit.objects.bulk_create(batch, batch_size=BATCH)
        unit_rows.extend((unit.pk, unit.status) for unit in batch)
        links = []
        for unit, licence in zip(batch, licences, strict=True):
            licence.unit_id = unit.pk
            for industry in rng.sample(industries, rng.choice((1, 1, 2))):
                links.append(through(unit_id=unit.pk, industry_id=industry))
        through.objects.bulk_create(links, batch_size=BATCH)
        Licence.objects.bulk_create(licences, batch_size=BATCH)
        if start == 0:
            data.unit_id = batch[0].pk
    data.squad_id = squads[0].pk
    # The inventory has its own random stream, so the units' draws are those of a bench without
    # it (only at a tiny size may one holder be made 长期停产, for the high-risk list's sake).
    inventory_rng = random.Random(SEED + 1)
    data.inventory = generate_sources(inventory_rng, units=unit_rows, count=sources, today=today)
    data.device_id = generate_devices(inventory_rng, units=unit_rows, count=devices)
    data.personnel = generate_personnel(
        random.Random(SEED + 2), units=unit_rows, workers=workers, doses=doses, today=today
    )
    password = make_password(None)  # unusable: the bench logs in with force_login
    for name, role, jurisdiction in (
        ("bench-county", Role.BUREAU_LEAD, county),
        ("bench-city", Role.OVERSIGHT, city),
        ("bench-province", Role.OVERSIGHT, province),
    ):
        data.users[name.removeprefix("bench-")] = User.objects.create(
            username=name,
            role=role,
            jurisdiction=jurisdiction,
            password=password,
            must_change_password=False,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # production databases have statistics; so should the bench
    return data
