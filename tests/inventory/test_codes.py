"""Property tests of the source code parser (放射源编码规则, 2004; domain.md): every code the
pattern allows parses into its parts, and every kind of wrong code is refused with a Chinese
message that names the wrong position."""

import string

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from radsafe.inventory.codes import SOURCE_CODE_RE, parse_source_code

DIGITS, UPPER = string.digits, string.ascii_uppercase
ALNUM = DIGITS + UPPER


def chars(alphabet: str, n: int):
    return st.text(alphabet=alphabet, min_size=n, max_size=n)


MAKER = st.one_of(chars(DIGITS, 2), chars(UPPER, 2))
YEAR = st.one_of(chars(DIGITS, 2), st.just("NN"))
NUCLIDE = chars(ALNUM, 2)
SERIAL = chars(ALNUM, 5)
CATEGORY = st.sampled_from("12345N")


def refusal(code: str) -> str:
    with pytest.raises(ValidationError) as caught:
        parse_source_code(code)
    (message,) = caught.value.messages
    return message


@given(maker=MAKER, year=YEAR, nuclide=NUCLIDE, serial=SERIAL, category=CATEGORY)
def test_every_code_built_from_the_parts_parses_into_them(maker, year, nuclide, serial, category):
    code = maker + year + nuclide + serial + category
    parsed = parse_source_code(code)
    assert (parsed.manufacturer, parsed.year, parsed.nuclide, parsed.serial, parsed.category) == (
        maker,
        year,
        nuclide,
        serial,
        category,
    )
    assert parsed.category_at_manufacture == (None if category == "N" else int(category))
    assert parsed.imported == maker.isalpha()
    assert SOURCE_CODE_RE.match(code)


@given(text=st.text(alphabet=ALNUM, max_size=30).filter(lambda s: len(s) != 12))
def test_wrong_length_is_refused_with_the_length(text):
    message = refusal(text)
    assert "12 位" in message
    assert f"当前为 {len(text)} 位" in message


@given(
    code=chars(DIGITS, 12),
    position=st.integers(min_value=0, max_value=11),
    letter=st.sampled_from(string.ascii_lowercase),
)
def test_lower_case_is_refused(code, position, letter):
    code = code[:position] + letter + code[position + 1 :]
    assert "必须大写" in refusal(code)


@given(
    maker=MAKER,
    year=st.sampled_from(["1A", "N1", "1N", "A1", "NA", "AN", "XX"]),
    rest=st.builds(lambda a, b: a + b, NUCLIDE, SERIAL),
    category=CATEGORY,
)
def test_bad_year_positions_are_named(maker, year, rest, category):
    message = refusal(maker + year + rest + category)
    assert "第 3–4 位" in message
    assert "出厂年份" in message


@given(
    maker=MAKER,
    year=YEAR,
    rest=st.builds(lambda a, b: a + b, NUCLIDE, SERIAL),
    category=st.sampled_from(["0", "6", "7", "9", "X", "A", "M"]),
)
def test_bad_category_is_named(maker, year, rest, category):
    message = refusal(maker + year + rest + category)
    assert "第 12 位" in message
    assert "类别" in message


@pytest.mark.parametrize(
    ("code", "position"),
    [
        ("1A18CS000014", "第 1–2 位"),  # a digit and a letter as the maker
        ("0118C-000014", "第 5–6 位"),
        ("0118CS0-0014", "第 7–11 位"),
        ("011ACS000014", "第 3–4 位"),
    ],
)
def test_each_wrong_position_is_named(code, position):
    assert position in refusal(code)
