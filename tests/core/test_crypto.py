import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from radsafe.core import crypto
from radsafe.core.id_numbers import (
    id_check_character,
    mask_id_number,
    validate_id_number,
)

# A well-formed number (check character computed, not typed).
BODY = "11010519491231002"
VALID = BODY + id_check_character(BODY)


@given(st.text(max_size=60))
def test_encryption_round_trips_and_never_stores_the_clear_text(value):
    stored = crypto.encrypt(value)
    assert crypto.decrypt(stored) == value
    if len(value) >= 4:
        assert value.encode() not in stored


def test_the_same_value_encrypts_differently_each_time():
    assert crypto.encrypt(VALID) != crypto.encrypt(VALID)


def test_a_flipped_bit_is_detected():
    stored = bytearray(crypto.encrypt(VALID))
    stored[20] ^= 0x01
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(bytes(stored))


def test_another_key_cannot_read_the_value():
    stored = crypto.encrypt(VALID)
    with (
        override_settings(RADSAFE_FIELD_KEY="00112233445566778899aabbccddeeff"),
        pytest.raises(crypto.DecryptionError),
    ):
        crypto.decrypt(stored)


def test_blind_index_is_stable_normalised_and_keyed():
    assert crypto.blind_index(VALID) == crypto.blind_index(f" {VALID.lower()} ")
    assert crypto.blind_index(VALID) != crypto.blind_index(BODY + "0")
    with override_settings(RADSAFE_INDEX_KEY="ab" * 32):
        other_key = crypto.blind_index(VALID)
    assert other_key != crypto.blind_index(VALID)
    assert VALID not in crypto.blind_index(VALID)


@given(
    st.from_regex(
        r"[1-6][0-9]{5}(19[5-9][0-9]|200[0-9])(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}",
        fullmatch=True,
    )
)
def test_every_number_with_its_check_character_is_valid_and_no_other_is(first17):
    good = id_check_character(first17)
    validate_id_number(first17 + good)
    for wrong in "0123456789X".replace(good, ""):
        with pytest.raises(ValidationError, match="校验位错误"):
            validate_id_number(first17 + wrong)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (VALID[:-1], "应为 18 位"),
        ("A" + VALID[1:], "前 17 位应为数字"),
        (VALID[:10] + "13" + VALID[12:], "出生日期无效"),
    ],
)
def test_malformed_numbers_get_a_chinese_reason(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_id_number(value)


def test_mask_keeps_first_three_and_last_four():
    assert mask_id_number(VALID) == VALID[:3] + "*" * 11 + VALID[-4:]
