"""Import errors name the values the file must hold, and the file holds the Chinese labels (the
template's drop-downs): an importer reading the site in English is still told 贮存, not "Stored"."""

import pytest
from django.utils import translation

from .test_imports_devices import plan_for as plan_devices
from .test_imports_devices import row as device_row
from .test_imports_movements import held, line  # noqa: F401 (held is a fixture)
from .test_imports_movements import plan_for as plan_movements
from .test_imports_sources import errors_by_row
from .test_imports_sources import plan_for as plan_sources
from .test_imports_sources import row as source_row

pytestmark = pytest.mark.django_db

SOURCE_STATUSES = "在用、贮存、闲置、废旧待送贮、已送贮、已返回生产单位、已转让、丢失、被盗、失控"


def test_source_status_error_lists_the_chinese_labels_in_english(world):
    with translation.override("en"):
        rows = [source_row(world, 1, 状态="Stored", 贮存场所="", 使用场所="二号车间")]
        found = errors_by_row(plan_sources(rows, world.users["unit1"]))
    ((column, message),) = found[2]
    assert column == "状态"
    assert message.startswith("Invalid value “Stored”")  # the sentence is in English…
    assert message.endswith(SOURCE_STATUSES)  # …the values are the file's


def test_device_status_error_lists_the_chinese_labels_in_english(world):
    with translation.override("en"):
        rows = [device_row(world, 1, 状态="In use")]
        found = errors_by_row(plan_devices(rows, world.users["unit1"]))
    assert found[2] == [
        ("状态", "Invalid value “In use”; must be one of: 在用、停用、报废、已转让")
    ]


def test_movement_errors_name_the_chinese_labels_in_english(world, held):  # noqa: F811
    rows = [
        line(held[0], "状态变更", "2024-03-01 08:00", 变更后状态="Lost"),
        line(held[0], "转让转出", "2024-03-01 09:00"),
    ]
    with translation.override("en"):
        found = errors_by_row(plan_movements(rows, world.users["unit1"]))
    assert found[2] == [("变更后状态", f"Invalid value “Lost”; must be one of: {SOURCE_STATUSES}")]
    ((column, message),) = found[3]
    assert column == "类型"
    assert "“转让转出”" in message and "出库、归还入库、送贮、状态变更" in message
    assert "Transfer out" not in message
