"""放射源编码 (2004): 12 characters, permanent for the source's life (domain.md).

Positions 1–2 manufacturer (two digits) or country (two letters, imported); 3–4 year of
manufacture, `NN` if unknown (only for sources made before 2005); 5–6 nuclide code, `NN` unknown;
7–11 serial; 12 category at manufacture 1–5, `N` unknown."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SOURCE_CODE_RE = re.compile(r"^([0-9]{2}|[A-Z]{2})([0-9]{2}|NN)([0-9A-Z]{2})([0-9A-Z]{5})([1-5N])$")


@dataclass(frozen=True)
class SourceCode:
    manufacturer: str
    year: str
    nuclide: str
    serial: str
    category: str

    @property
    def category_at_manufacture(self) -> int | None:
        return None if self.category == "N" else int(self.category)

    @property
    def imported(self) -> bool:
        return self.manufacturer.isalpha()


def parse_source_code(value: str) -> SourceCode:
    """Parse or raise a ValidationError that names the first wrong position, in Chinese."""
    if len(value) != 12:
        raise ValidationError(
            _("放射源编码应为 12 位，当前为 %(n)d 位。") % {"n": len(value)}, code="length"
        )
    if value != value.upper():
        raise ValidationError(_("放射源编码中的字母必须大写。"), code="case")
    match = SOURCE_CODE_RE.match(value)
    if match is None:
        raise ValidationError(_describe(value), code="format")
    return SourceCode(*match.groups())


def _describe(value: str) -> str:
    if not re.fullmatch(r"[0-9]{2}|[A-Z]{2}", value[0:2]):
        return _("放射源编码第 1–2 位（生产单位代码）应为两位数字或两位国家字母代码。")
    if not re.fullmatch(r"[0-9]{2}|NN", value[2:4]):
        return _("放射源编码第 3–4 位（出厂年份）应为两位数字，未知时为 NN。")
    if not re.fullmatch(r"[0-9A-Z]{2}", value[4:6]):
        return _("放射源编码第 5–6 位（核素代码）应为两位数字或大写字母。")
    if not re.fullmatch(r"[0-9A-Z]{5}", value[6:11]):
        return _("放射源编码第 7–11 位（序号）应为五位数字或大写字母。")
    return _("放射源编码第 12 位（类别）应为 1–5，未知时为 N。")


def validate_source_code(value: str) -> None:
    parse_source_code(value)
