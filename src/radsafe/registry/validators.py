"""统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet without
I, O, Z, S, V; the 18th is a check character over the first 17 with weights 3^i mod 31."""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = [pow(3, i, 31) for i in range(17)]


def credit_code_check_char(first17: str) -> str:
    total = sum(
        CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    if len(value) != 18:
        raise ValidationError(
            _("统一社会信用代码应为 18 位，当前为 %(n)d 位。") % {"n": len(value)}, code="length"
        )
    bad = sorted({c for c in value if c not in CREDIT_CODE_ALPHABET})
    if bad:
        raise ValidationError(
            _(
                "统一社会信用代码含有非法字符：%(chars)s"
                "（仅允许数字和除 I、O、Z、S、V 外的大写字母）。"
            )
            % {"chars": "、".join(bad)},
            code="charset",
        )
    expected = credit_code_check_char(value[:17])
    if value[17] != expected:
        raise ValidationError(
            _("统一社会信用代码校验位错误：第 18 位应为 %(expected)s。") % {"expected": expected},
            code="checksum",
        )


def normalize_credit_code(value: str) -> str:
    return (value or "").strip().upper()


@deconstructible
class DigitSetValidator:
    """A set of categories written as digits ("345"): each allowed, none twice."""

    def __init__(self, allowed: str):
        self.allowed = allowed

    def __call__(self, value: str) -> None:
        if any(c not in self.allowed for c in value) or len(set(value)) != len(value):
            raise ValidationError(
                _("类别只能填写 %(allowed)s 中的数字，且不重复。") % {"allowed": self.allowed},
                code="categories",
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, DigitSetValidator) and other.allowed == self.allowed
