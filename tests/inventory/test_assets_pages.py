"""The asset pages per role: each viewer sees only its scope, unit officers register in their own
unit, inspectors read only, and the computed columns (current activity and category, ΣA/D) are
what the physics says."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from radsafe.core.models import AuditEvent
from radsafe.inventory.models import Movement, RayDevice, Source, StorageSite
from radsafe.registry.choices import UnitStatus
from tests.factories import (
    RayDeviceFactory,
    SourceFactory,
    StorageSiteFactory,
    UnitFactory,
    device_type,
    nuclide,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def codes(response) -> set[str]:
    assert response.status_code == 200
    return {row.record.code for row in response.context["table"].paginated_rows}


@pytest.fixture
def holdings(world):
    """A Co-60 source of unit1 that is Ⅱ today (A/D = 20), a Cs-137 source of unit2 and one of
    the foreign unit."""
    site = StorageSiteFactory(unit=world.unit1, name="一号源库")
    return {
        "unit1": SourceFactory(
            code="0124CO000013",
            unit=world.unit1,
            site=site,
            nuclide=nuclide("Co-60"),
            activity_bq=20 * 0.03e12,
            reference_date=TODAY(),
        ),
        "unit2": SourceFactory(code="0118CS000024", unit=world.unit2),
        "foreign": SourceFactory(code="0118CS000034", unit=world.foreign_unit),
        "site": site,
    }


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("bureau", {"unit1", "unit2"}),
        ("inspector1", {"unit1"}),
        ("inspector2", {"unit2"}),
        ("unit1", {"unit1"}),
        ("unit2", {"unit2"}),
        ("city", {"unit1", "unit2", "foreign"}),
    ],
)
def test_source_list_shows_each_viewer_only_its_scope(client_as, holdings, role, visible):
    response = client_as(role).get(reverse("inventory:source-list"))
    assert codes(response) == {holdings[key].code for key in visible}
    html = response.content.decode()
    assert 'id="source-table"' in html and 'id="source-filter"' in html
    assert ('id="source-create"' in html) == (role in {"bureau", "unit1", "unit2"})


def test_source_list_shows_current_activity_and_category(client_as, holdings):
    response = client_as("unit1").get(reverse("inventory:source-list"))
    html = response.content.decode()
    row = re.search(r"0124CO000013.*?</tr>", html, re.S).group(0)
    assert "6.00×10¹¹ Bq" in row  # A₀ = 20 × 0.03 TBq, referenced today
    assert "Ⅱ类" in row and "Ⅲ类" in row  # current Ⅱ, Ⅲ in its code
    assert "已变化" in row


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"nuclide": "Co-60"}, {"0124CO000013"}),
        ({"status": "in_use"}, set()),
        ({"category_at_manufacture": "4"}, {"0118CS000024"}),
        ({"q": "0118"}, {"0118CS000024"}),
        ({"q": "探伤"}, {"0118CS000024"}),  # the unit's name
        ({"unit": "unit2"}, {"0118CS000024"}),
        ({"site": "site"}, {"0124CO000013"}),
        ({"sort": "-code"}, {"0124CO000013", "0118CS000024"}),
    ],
)
def test_source_list_filters(client_as, world, holdings, params, expected):
    if params.get("unit"):
        params = {"unit": world.unit2.pk}
    if params.get("site"):
        params = {"site": holdings["site"].pk}
    response = client_as("bureau").get(reverse("inventory:source-list"), params)
    assert codes(response) == expected
    if "unit" in params:  # a link's filter survives the next filtering as a hidden field
        assert f'name="unit" value="{world.unit2.pk}"' in response.content.decode()


def test_source_detail_computes_today_and_another_day(client_as, holdings):
    source = holdings["unit1"]
    url = reverse("inventory:source-detail", args=[source.pk])
    later = TODAY() + datetime.timedelta(days=round(2 * 5.2713 * 365.25))
    response = client_as("inspector1").get(url, {"at": later.isoformat()})
    assert response.status_code == 200
    assert response.context["today_state"].category == 2
    assert response.context["at_state"].at == later
    assert response.context["at_state"].category == 3  # two half-lives: A/D 20 → 5
    html = response.content.decode()
    assert 'id="state-at"' in html and later.isoformat() in html
    # An inspector reads: no register buttons, no edit.
    for button in ("source-checkout", "source-edit", "transfer-create"):
        assert f'id="{button}"' not in html
    assert 'id="source-label"' in html


def test_source_detail_bad_date_is_explained_and_today_shown(client_as, holdings):
    url = reverse("inventory:source-detail", args=[holdings["unit1"].pk])
    response = client_as("unit1").get(url, {"at": "2024-13-45"})
    assert response.status_code == 200
    assert "日期格式应为 YYYY-MM-DD。" in response.content.decode()
    assert response.context["at_state"] is None


def test_source_detail_offers_the_register_to_its_keeper(client_as, holdings):
    source = holdings["unit1"]
    Movement.objects.create(
        unit=source.unit,
        source=source,
        kind="arrival",
        occurred_at=timezone.now(),
        person="李四",
        site=holdings["site"],
        to_status="stored",
    )
    response = client_as("unit1").get(reverse("inventory:source-detail", args=[source.pk]))
    html = response.content.decode()
    assert f'href="{reverse("inventory:source-checkout", args=[source.pk])}"' in html
    assert f"{reverse('inventory:transfer-create')}?source={source.pk}" in html
    assert f"{reverse('inventory:movement-list')}?source={source.pk}" in html
    assert 'id="source-return"' not in html
    assert [m.person for m in response.context["movements"]] == ["李四"]


def test_source_detail_of_another_unit_is_404(client_as, holdings):
    url = reverse("inventory:source-detail", args=[holdings["unit2"].pk])
    assert client_as("unit1").get(url).status_code == 404
    assert client_as("inspector1").get(url).status_code == 404


def source_form(world, **overrides):
    data = {
        "unit": world.unit1.pk,
        "code": "0120CS000054",
        "nuclide": nuclide("Cs-137").pk,
        "activity_bq": "3.7e10",
        "reference_date": "2020-05-01",
        "status": "stored",
        "person": "王五",
        "use": "料位计",
    }
    return {**data, **overrides}


def test_a_unit_officer_registers_a_source_with_its_arrival(client_as, world):
    client = client_as("unit1")
    page = client.get(reverse("inventory:source-create"))
    assert list(page.context["form"].fields["unit"].queryset) == [world.unit1]
    site = StorageSiteFactory(unit=world.unit1)
    response = client.post(reverse("inventory:source-create"), source_form(world, site=site.pk))
    source = Source.objects.get(code="0120CS000054")
    assert response.status_code == 302
    assert response["Location"] == reverse("inventory:source-detail", args=[source.pk])
    assert (source.unit, source.site, source.activity_bq) == (world.unit1, site, 3.7e10)
    assert Movement.objects.get(source=source).person == "王五"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"activity_bq": "-5"}, "出厂活度必须是大于 0 的数值"),
        ({"code": "0120CS00005"}, "放射源编码应为 12 位"),
        ({"reference_date": "2999-01-01"}, "活度参考日期不能晚于今天"),
        ({"unit": "unit2"}, "选择一个有效的选项"),
    ],
)
def test_source_form_shows_the_services_refusal(client_as, world, overrides, message):
    if overrides.get("unit"):
        overrides = {"unit": world.unit2.pk}
    response = client_as("unit1").post(
        reverse("inventory:source-create"), source_form(world, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Source.objects.exists()


def test_source_edit_saves_a_correction(client_as, world, holdings):
    source = holdings["unit1"]
    url = reverse("inventory:source-edit", args=[source.pk])
    form = client_as("unit1").get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(activity_bq="5e11", nuclide=source.nuclide_id)
    response = client_as("unit1").post(url, data)
    assert response.status_code == 302
    source.refresh_from_db()
    assert (source.activity_bq, source.version) == (5e11, 2)
    assert AuditEvent.objects.filter(action="source.update", object_id=str(source.pk)).exists()
    assert "status" not in form.fields and "site" not in form.fields


def test_label_has_the_code_and_an_inline_qr_code(client_as, holdings):
    source = holdings["unit1"]
    response = client_as("inspector1").get(reverse("inventory:source-label", args=[source.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "<path" in html
    detail = f"http://testserver{reverse('inventory:source-detail', args=[source.pk])}"
    assert response.context["detail_url"] == detail
    assert "0124CO000013" in html
    assert "@media print" in html


def test_category_changes_lists_sources_that_crossed_a_threshold(client_as, world):
    crossing = SourceFactory(  # A/D 1.1 today, so it was above 1 a year ago and is below 1 in 2
        code="0124CO000023",
        unit=world.unit1,
        nuclide=nuclide("Co-60"),
        activity_bq=1.1 * 0.03e12,
        reference_date=TODAY(),
    )
    SourceFactory(code="0118CS000044", unit=world.unit1)  # Cs-137, Ⅳ throughout
    end = TODAY() + datetime.timedelta(days=730)
    response = client_as("unit1").get(
        reverse("inventory:category-changes"),
        {"start": TODAY().isoformat(), "end": end.isoformat()},
    )
    changes = list(response.context["page_obj"])
    assert [c.source for c in changes] == [crossing]
    assert (changes[0].before.category, changes[0].after.category) == (3, 4)
    default = client_as("unit1").get(reverse("inventory:category-changes"))
    assert default.context["end"] == TODAY()
    assert default.context["start"] == TODAY().replace(year=TODAY().year - 1)


def test_high_risk_lists_abnormal_units_holding_sources(client_as, world):
    world.unit1.status = UnitStatus.BANKRUPT
    world.unit1.status_since = datetime.date(2024, 3, 1)
    world.unit1.save()
    held = SourceFactory(unit=world.unit1, code="0118CS000064", status="idle")
    SourceFactory(unit=world.unit1, code="0118CS000074", status="sent_for_storage")
    SourceFactory(unit=world.unit2, code="0118CS000084")  # unit2 is in normal operation
    gone = UnitFactory(jurisdiction=world.county, squad=world.squad1, status="closed")
    SourceFactory(unit=gone, code="0118CS000094", status="transferred")
    response = client_as("bureau").get(reverse("inventory:high-risk"))
    units = list(response.context["page_obj"])
    assert units == [world.unit1]
    assert [item.source for item in units[0].held] == [held]
    assert units[0].held[0].state.category == 4
    html = response.content.decode()
    assert "破产" in html and "0118CS000064" in html and "0118CS000074" not in html
    assert (
        list(client_as("inspector2").get(reverse("inventory:high-risk")).context["page_obj"]) == []
    )


def test_site_detail_shows_contents_sum_and_security(client_as, world, holdings):
    site = holdings["site"]
    site.video = False
    site.save()
    SourceFactory(  # a second Co-60 at A/D 20 in the same store: ΣA/D 40, still Ⅱ
        code="0124CO000033",
        unit=world.unit1,
        site=site,
        nuclide=nuclide("Co-60"),
        activity_bq=20 * 0.03e12,
        reference_date=TODAY(),
    )
    SourceFactory(unit=world.unit1, site=site, code="0118CS000104", status="lost")
    out = SourceFactory(unit=world.unit1, site=site, code="0118CS000114")
    Source.objects.filter(pk=out.pk).update(is_checked_out=True)
    response = client_as("inspector1").get(reverse("inventory:site-detail", args=[site.pk]))
    contents = response.context["contents"]
    assert [item.source.code for item in contents.sources] == ["0124CO000013", "0124CO000033"]
    assert contents.ratio_sum == pytest.approx(40)
    assert contents.category == 2
    html = response.content.decode()
    assert "✗ 视频监控" in html and "✓ 双人双锁" in html
    assert 'id="site-edit"' not in html  # inspectors read
    assert 'id="count-create"' in html  # …and count on site


def test_site_list_counts_the_sources_in_store(client_as, world, holdings):
    StorageSiteFactory(unit=world.unit1, name="二号源库")
    response = client_as("unit1").get(reverse("inventory:site-list"))
    counts = {row.record.name: row.record.source_count for row in response.context["table"].rows}
    assert counts == {"一号源库": 1, "二号源库": 0}


def test_site_create_and_edit(client_as, world):
    client = client_as("unit1")
    data = {"unit": world.unit1.pk, "name": "暂存间", "kind": "temporary", "place": "地下一层"}
    response = client.post(reverse("inventory:site-create"), {**data, "dual_lock": "on"})
    site = StorageSite.objects.get(name="暂存间")
    assert response["Location"] == reverse("inventory:site-detail", args=[site.pk])
    assert site.dual_lock and not site.alarm
    again = client.post(reverse("inventory:site-create"), data)
    assert "该单位已有名为“暂存间”的贮存场所。" in again.content.decode()
    edit = reverse("inventory:site-edit", args=[site.pk])
    client.post(edit, {"name": "暂存间", "kind": "temporary", "place": "一层", "version": 1})
    site.refresh_from_db()
    assert (site.place, site.dual_lock) == ("一层", False)


def test_device_pages(client_as, world):
    client = client_as("bureau")
    data = {
        "unit": world.unit2.pk,
        "name": "γ探伤机",
        "device_type": device_type("工业X射线探伤机").pk,
        "device_class": "",
        "rated_kv": "250",
        "rated_ma": "5",
        "status": "in_use",
    }
    response = client.post(reverse("inventory:device-create"), data)
    device = RayDevice.objects.get(name="γ探伤机")
    assert response["Location"] == reverse("inventory:device-detail", args=[device.pk])
    assert (device.unit, device.device_class) == (world.unit2, 2)
    detail = client.get(response["Location"]).content.decode()
    assert "250 kV / 5 mA" in detail
    edit = reverse("inventory:device-edit", args=[device.pk])
    client.post(edit, {**data, "status": "scrapped", "version": 1})
    refused = client.post(edit, {**data, "status": "in_use", "version": 2})
    assert "射线装置状态不能从“报废”改为“在用”。" in refused.content.decode()
    # (client_as logs the same test client in as another user)
    listed = client_as("unit2").get(reverse("inventory:device-list"), {"device_class": "2"})
    assert [row.record for row in listed.context["table"].paginated_rows] == [device]
    assert len(client_as("unit1").get(reverse("inventory:device-list")).context["table"].rows) == 0


def test_device_list_hides_other_units(client_as, world):
    RayDeviceFactory(unit=world.unit1, name="DR-1")
    RayDeviceFactory(unit=world.foreign_unit, name="DR-外")
    names = {
        row.record.name
        for row in client_as("bureau").get(reverse("inventory:device-list")).context["table"].rows
    }
    assert names == {"DR-1"}


def test_nuclide_pages_for_the_administrator(client_as, world):
    client = client_as("sysadmin")
    listed = client.get(reverse("inventory:nuclide-list"), {"q": "Co-"})
    assert {row.record.symbol for row in listed.context["table"].rows} == {"Co-60", "Co-57"}
    cobalt = nuclide("Co-60")
    edit = reverse("inventory:nuclide-edit", args=[cobalt.pk])
    assert 'href="' + edit + '"' in listed.content.decode()
    form = client.get(edit).context["form"]
    assert "half_life_s" not in form.fields
    data = {"name_zh": "钴-60", "code": "CO", "d_value_tbq": "0.03", "verified": "on", "version": 1}
    assert client.post(edit, data).status_code == 302
    assert nuclide("Co-60").code == "CO"
    viewer = client_as("unit1").get(reverse("inventory:nuclide-list"))
    assert 'id="nuclide-table"' in viewer.content.decode()
    assert edit not in viewer.content.decode()
