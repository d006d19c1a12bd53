"""The generic cell conversions and header matching of `radsafe.core.imports` that the registry's
import does not already exercise: numbers, date-times, yes/no, choice labels, header spellings."""

import datetime
import io
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from radsafe.core.imports import (
    Column,
    ColumnSet,
    cell_bool,
    cell_datetime,
    cell_number,
    choice_labels,
    choice_lookup,
    validate_upload,
)
from radsafe.inventory.choices import SourceStatus

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3.7e10, 3.7e10),
        (5, 5.0),
        ("3.7E10", 3.7e10),
        ("3.7e+10", 3.7e10),
        (" 1,000 ", 1000.0),
        ("1，000", 1000.0),
        ("3.7×10^10", 3.7e10),
        ("-2", -2.0),  # the sign is the service's business (activity > 0)
        (".5", 0.5),
    ],
)
def test_numbers_as_excel_and_as_people_write_them(value, expected):
    assert cell_number(value) == expected


@pytest.mark.parametrize(
    "value", ["", "abc", "3.7E", "1e400", "nan", "inf", True, datetime.date(2024, 1, 1)]
)
def test_what_is_not_a_finite_number_is_refused(value):
    with pytest.raises(ValueError):
        cell_number(value)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_finite_float_typed_as_text_reads_back_exactly(number):
    assert cell_number(repr(number)) == number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01 08:30", datetime.datetime(2024, 3, 1, 8, 30)),
        ("2024/03/01 08:30:15", datetime.datetime(2024, 3, 1, 8, 30, 15)),
        ("2024-03-01T08:30", datetime.datetime(2024, 3, 1, 8, 30)),
        ("2024-03-01", datetime.datetime(2024, 3, 1)),
        (datetime.datetime(2024, 3, 1, 8, 30, 0, 500), datetime.datetime(2024, 3, 1, 8, 30)),
        (datetime.date(2024, 3, 1), datetime.datetime(2024, 3, 1)),
        (45352.3541666667, datetime.datetime(2024, 3, 1, 8, 30)),  # an Excel serial
    ],
)
def test_date_times_are_read_in_the_deployments_time_zone(settings, value, expected):
    settings.TIME_ZONE = "Asia/Shanghai"
    moment = cell_datetime(value)
    assert moment.tzinfo is not None
    assert moment == expected.replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize("value", ["三月一日", "2024-13-01 08:00", "", None])
def test_what_is_not_a_date_time_is_refused(value):
    with pytest.raises(ValueError):
        cell_datetime(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("是", True),
        ("否", False),
        ("", False),
        (None, False),
        ("y", True),
        (True, True),
        (0, False),
    ],
)
def test_yes_and_no(value, expected):
    assert cell_bool(value) is expected


def test_a_word_that_is_neither_yes_nor_no_is_refused():
    with pytest.raises(ValueError):
        cell_bool("也许")


def test_choice_labels_are_chinese_whatever_the_interface_language():
    with translation.override("en"):
        lookup = choice_lookup(SourceStatus, {"送贮了": SourceStatus.SENT_FOR_STORAGE})
        labels = choice_labels(SourceStatus)
    assert lookup["贮存"] == lookup["stored"] == SourceStatus.STORED
    assert lookup["送贮了"] == SourceStatus.SENT_FOR_STORAGE
    assert "Stored" not in lookup
    assert labels[:3] == ["在用", "贮存", "闲置"]


COLUMNS = ColumnSet(
    columns=(Column("activity", "出厂活度(Bq)", required=True), Column("site", "贮存场所")),
    aliases={"活度（Bq）": "activity"},
)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("出厂活度(Bq)*", "activity"),
        ("出厂活度（Bq）", "activity"),
        (" 出厂活度 (Bq) ＊", "activity"),
        ("活度(Bq)", "activity"),
        ("贮存场所", "site"),
        ("场所", None),
    ],
)
def test_headers_match_with_either_bracket_width_spaces_and_stars(header, key):
    assert COLUMNS.header_key(header) == key


def test_a_column_set_refuses_duplicate_keys_and_aliases_to_nothing():
    with pytest.raises(ValueError):
        ColumnSet(columns=(Column("a", "甲"), Column("a", "乙")))
    with pytest.raises(ValueError):
        ColumnSet(columns=(Column("a", "甲"),), aliases={"丙": "b"})


def test_the_required_header_carries_a_star():
    assert [c.header for c in COLUMNS] == ["出厂活度(Bq)*", "贮存场所"]
    assert COLUMNS.required_keys == ("activity",)


def test_an_import_may_lower_the_row_limit():
    workbook = Workbook()
    workbook.active.append(["出厂活度(Bq)"])
    for n in range(4):
        workbook.active.append([n])
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()
    assert len(validate_upload(SimpleUploadedFile("a.xlsx", content), columns=COLUMNS).rows) == 4
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile("a.xlsx", content), columns=COLUMNS, max_rows=3)
    assert refused.value.messages == ["数据行过多（上限 3 行），请拆分为多个文件。"]
