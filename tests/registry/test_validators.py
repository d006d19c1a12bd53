import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from radsafe.registry.validators import (
    CREDIT_CODE_ALPHABET,
    credit_code_check_char,
    normalize_credit_code,
    validate_credit_code,
)
from tests.factories import valid_credit_code


def refusal(value: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(value)
    return caught.value


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the example printed in GB 32100-2015 guidance
        "91110000600037341L",
        "91140881MA0K12345D",
        valid_credit_code(),
        valid_credit_code(31**5),
    ],
)
def test_valid_codes_are_accepted(code):
    validate_credit_code(code)


@pytest.mark.parametrize(
    ("code", "length"), [("91140881MA0K12345", 17), ("91140881MA0K12345DX", 19)]
)
def test_wrong_length_names_the_length(code, length):
    error = refusal(code)
    assert error.code == "length"
    assert error.messages == [f"统一社会信用代码应为 18 位，当前为 {length} 位。"]


@pytest.mark.parametrize("bad", ["I", "O", "Z", "S", "V"])
def test_letters_outside_the_alphabet_are_named(bad):
    code = "91140881MA0K1234" + bad + "D"
    error = refusal(code)
    assert error.code == "charset"
    assert f"非法字符：{bad}" in error.messages[0]
    assert "I、O、Z、S、V" in error.messages[0]


def test_lower_case_is_refused_by_the_validator_but_normalised_first():
    error = refusal("91140881ma0k12345d")
    assert error.code == "charset"
    assert "a、d、k、m" in error.messages[0]
    normalised = normalize_credit_code("  91140881ma0k12345d ")
    assert normalised == "91140881MA0K12345D"
    validate_credit_code(normalised)


def test_wrong_check_character_names_the_expected_one():
    error = refusal("91140881MA0K12345E")
    assert error.code == "checksum"
    assert error.messages == ["统一社会信用代码校验位错误：第 18 位应为 D。"]


body = st.text(alphabet=CREDIT_CODE_ALPHABET, min_size=17, max_size=17)


@given(first17=body, other=st.sampled_from(CREDIT_CODE_ALPHABET))
def test_only_the_computed_check_character_is_accepted(first17, other):
    check = credit_code_check_char(first17)
    assert check in CREDIT_CODE_ALPHABET
    validate_credit_code(first17 + check)
    if other != check:
        with pytest.raises(ValidationError) as caught:
            validate_credit_code(first17 + other)
        assert caught.value.code == "checksum"
