"""公民身份号码 (GB 11643-1999): 18 characters — 6-digit area, 8-digit birth date, 3-digit order,
and a check character (ISO 7064 MOD 11-2, `X` for 10). Shown masked: first 3 and last 4 kept."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK_CHARACTERS = "10X98765432"


def id_check_character(first17: str) -> str:
    return CHECK_CHARACTERS[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def normalize_id_number(value: str) -> str:
    return (value or "").strip().upper()


def validate_id_number(value: str) -> None:
    if len(value) != 18:
        raise ValidationError(
            _("身份证号码应为 18 位，当前为 %(n)d 位。") % {"n": len(value)}, code="length"
        )
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise ValidationError(_("身份证号码前 17 位应为数字，第 18 位为数字或 X。"), code="charset")
    try:
        datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError(_("身份证号码中的出生日期无效。"), code="birth_date") from None
    if value[17] != id_check_character(value[:17]):
        raise ValidationError(_("身份证号码校验位错误。"), code="checksum")


def id_number_is_male(value: str) -> bool:
    """The order code's last digit (the 17th character) is odd for men and even for women, so a
    roster that leaves 性别 blank still says it. `value` must be valid."""
    return int(value[16]) % 2 == 1


def mask_id_number(value: str) -> str:
    return value[:3] + "*" * (len(value) - 7) + value[-4:] if len(value) > 7 else "*" * len(value)
