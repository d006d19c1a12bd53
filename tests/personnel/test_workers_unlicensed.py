"""无证上岗 detection: the planted cases are found, the clean workers are not flagged, and the
validity boundary is exact (valid on the last day, not the day after)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from radsafe.inventory.models import Movement
from radsafe.personnel.models import training_valid_until
from radsafe.personnel.selectors.workers import unlicensed_count_by_unit, unlicensed_workers
from tests.factories import RayDeviceFactory, SourceFactory

from .factories import make_training, make_worker

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def flagged(user, **kwargs) -> set[str]:
    return {worker.name for worker in unlicensed_workers(user=user, **kwargs)}


def checkout(source, person: str, day: datetime.date) -> Movement:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    return Movement.objects.create(
        unit=source.unit, source=source, kind="check_out", occurred_at=moment, person=person
    )


@pytest.fixture
def staff(world):
    """unit1: a planted operator without a result, a clean operator, a clean check-out person,
    a planted check-out person, a worker who operates nothing and one who has left."""
    device = RayDeviceFactory(unit=world.unit1)
    source = SourceFactory(unit=world.unit1)
    planted = make_worker(world.unit1, name="无证甲", devices=[device])
    clean = make_worker(world.unit1, name="持证乙", sources=[source])
    make_training(clean, passed_on=TODAY() - datetime.timedelta(days=400))
    office = make_worker(world.unit1, name="文员丙")
    left = make_worker(
        world.unit1, name="离职丁", devices=[device], left_on=datetime.date(2021, 1, 1)
    )
    keeper = make_worker(world.unit1, name="库管戊")
    make_training(keeper, passed_on=TODAY() - datetime.timedelta(days=30))
    courier = make_worker(world.unit1, name="出库己")
    checkout(source, "持证乙", TODAY() - datetime.timedelta(days=10))
    checkout(source, "库管戊", TODAY() - datetime.timedelta(days=10))
    checkout(source, "出库己", TODAY() - datetime.timedelta(days=20))
    other = make_worker(world.unit2, name="无证庚", devices=[RayDeviceFactory(unit=world.unit2)])
    return {
        "planted": planted,
        "clean": clean,
        "office": office,
        "left": left,
        "keeper": keeper,
        "courier": courier,
        "other": other,
        "source": source,
    }


def test_the_planted_cases_are_found_and_no_clean_worker_is_flagged(world, staff):
    assert flagged(world.users["unit1"]) == {"无证甲", "出库己"}
    assert flagged(world.users["bureau"]) == {"无证甲", "出库己", "无证庚"}
    rows = {w.name: w for w in unlicensed_workers(user=world.users["unit1"])}
    assert rows["无证甲"].operates_unlicensed and not rows["无证甲"].unlicensed_checkouts
    assert rows["出库己"].unlicensed_checkouts and not rows["出库己"].operates_unlicensed


def test_a_check_out_by_someone_of_the_same_name_in_another_unit_does_not_count(world, staff):
    other_source = SourceFactory(unit=world.unit2)
    checkout(other_source, "文员丙", TODAY() - datetime.timedelta(days=3))
    assert "文员丙" not in flagged(world.users["bureau"])


def test_a_result_covers_its_last_day_and_not_the_day_after(world):
    worker = make_worker(world.unit1, name="边界", devices=[RayDeviceFactory(unit=world.unit1)])
    passed = datetime.date(2020, 3, 1)
    make_training(worker, passed_on=passed)
    last = training_valid_until(passed)
    user = world.users["unit1"]
    assert flagged(user, on=last) == set()
    assert flagged(user, on=last + datetime.timedelta(days=1)) == {"边界"}
    assert flagged(user, on=passed - datetime.timedelta(days=1)) == {"边界"}


def test_a_check_out_before_the_result_was_passed_is_flagged(world, staff):
    late = make_worker(world.unit1, name="补考辛")
    make_training(late, passed_on=TODAY() - datetime.timedelta(days=5))
    checkout(staff["source"], "补考辛", TODAY() - datetime.timedelta(days=6))
    assert "补考辛" in flagged(world.users["unit1"])


def test_the_bureau_gets_a_count_per_unit(world, staff):
    counts = unlicensed_count_by_unit(user=world.users["bureau"])
    assert [(row["unit__name"], row["count"]) for row in counts] == [
        ("永济市人民医院", 2),
        ("永济探伤公司", 1),
    ]


@pytest.mark.parametrize(
    ("role", "names"),
    [
        ("bureau", {"无证甲", "出库己", "无证庚"}),
        ("inspector1", {"无证甲", "出库己"}),
        ("inspector2", {"无证庚"}),
        ("unit2", {"无证庚"}),
    ],
)
def test_the_page_lists_each_viewer_its_scope(client_as, staff, role, names):
    response = client_as(role).get(reverse("personnel:unlicensed"))
    assert response.status_code == 200
    assert {row.record.name for row in response.context["table"].paginated_rows} == names
    html = response.content.decode()
    assert ('id="unlicensed-by-unit"' in html) == (role != "unit2")
    assert "操作放射源或射线装置但无有效考核成绩" in html


def test_a_linked_check_out_is_read_by_the_link_not_the_name(world, staff):
    """A check-out that links its worker counts for that worker whatever `person` says, and
    never for a namesake; rows without a link are still matched by name within the unit."""
    day = TODAY() - datetime.timedelta(days=4)
    namesake = make_worker(world.unit1, name="持证乙")  # no result, same name as a clean one
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    Movement.objects.create(
        unit=world.unit1,
        source=staff["source"],
        kind="check_out",
        occurred_at=moment,
        person="持证乙",
        worker=staff["office"],  # 文员丙, no result: the link decides
    )
    rows = {w.pk: w for w in unlicensed_workers(user=world.users["unit1"])}
    assert rows[staff["office"].pk].unlicensed_checkouts
    assert staff["clean"].pk not in rows
    # The namesake is flagged by the old name-matched rows (持证乙's, 10 days ago), not the link.
    assert rows[namesake.pk].unlicensed_checkouts
    linked_only = Movement.objects.filter(worker__isnull=False).count()
    assert linked_only == 1
