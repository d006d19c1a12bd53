"""How activities and categories read on the asset pages: activities as a power of ten in Bq (the
way licences and source papers write them), categories as Roman numerals in a coloured badge."""

import math

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from radsafe.inventory.physics import ROMAN

register = template.Library()

SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
# Bootstrap colours from the most hazardous category down.
CATEGORY_COLOURS = {1: "danger", 2: "warning", 3: "info", 4: "secondary", 5: "light"}


def activity_text(value: float | None) -> str:
    """3.7e10 → "3.70×10¹⁰ Bq"; plain text, so it also serves exports and QR labels."""
    if value is None or not math.isfinite(value):
        return "—"
    if value == 0:
        return "0 Bq"
    exponent = math.floor(math.log10(abs(value)))
    mantissa = value / 10**exponent
    if round(mantissa, 2) >= 10:  # 9.999e10 rounds to 10.00×10¹⁰: carry it
        mantissa, exponent = mantissa / 10, exponent + 1
    if 0 <= exponent <= 2:
        return f"{value:.3g} Bq"
    return f"{mantissa:.2f}×10{str(exponent).translate(SUPERSCRIPT)} Bq"


def category_text(category: int | None) -> str:
    if category is None:
        return _("未知")
    return _("%(roman)s类") % {"roman": ROMAN[category]}


def category_badge(category: int | None) -> str:
    colour = CATEGORY_COLOURS.get(category, "light")
    text_colour = " border text-dark" if colour == "light" else ""
    return format_html(
        '<span class="badge text-bg-{}{}">{}</span>', colour, text_colour, category_text(category)
    )


@register.filter
def activity(value):
    return activity_text(value)


@register.filter
def category(value):
    return category_badge(value)


@register.filter
def category_plain(value):
    return category_text(value)
