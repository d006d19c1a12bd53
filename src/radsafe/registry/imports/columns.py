"""The import file's columns and how a cell becomes a value.

The headers are the file format, not UI text: they stay Chinese whatever the interface language,
because the bureau's 台账 are Chinese and a template downloaded in English must still import."""

import datetime
import re
from dataclasses import dataclass
from functools import cache

from django.utils import translation
from openpyxl.utils.datetime import from_excel

from ..choices import AuthorityLevel, UnitStatus


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = False
    width: int = 16
    is_text: bool = False  # formatted as text in the template, so Excel keeps leading zeros
    is_date: bool = False

    @property
    def header(self) -> str:
        return f"{self.label}*" if self.required else self.label


COLUMNS: tuple[Column, ...] = (
    Column("name", "单位名称", required=True, width=30),
    Column("credit_code", "统一社会信用代码", required=True, width=22, is_text=True),
    Column("address", "地址", width=30),
    Column("industries", "行业", required=True, width=24),
    Column("legal_representative", "法定代表人", width=12),
    Column("contact_person", "辐射安全联系人", width=14),
    Column("contact_phone", "联系电话", width=16, is_text=True),
    Column("squad", "责任中队", width=12),
    Column("status", "经营状态", width=10),
    Column("licence_number", "许可证编号", width=22, is_text=True),
    Column("licence_authority", "发证机关", width=20),
    Column("licence_authority_level", "发证机关层级", width=12),
    Column("licence_scope", "种类和范围", width=30),
    Column("licence_issued_on", "发证日期", width=12, is_date=True),
    Column("licence_expires_on", "有效期至", width=12, is_date=True),
)
BY_KEY = {column.key: column for column in COLUMNS}
LABELS = {column.key: column.label for column in COLUMNS}
REQUIRED_KEYS = tuple(column.key for column in COLUMNS if column.required)
UNIT_TEXT_KEYS = (
    "name",
    "address",
    "legal_representative",
    "contact_person",
    "contact_phone",
)
LICENCE_KEYS = tuple(column.key for column in COLUMNS if column.key.startswith("licence_"))
# Model field → the column a service's error message belongs to.
FIELD_LABELS = {
    **{key: LABELS[key] for key in ("credit_code", "industries", "squad", "status")},
    **{key: LABELS[key] for key in UNIT_TEXT_KEYS},
    "number": LABELS["licence_number"],
    "authority": LABELS["licence_authority"],
    "authority_level": LABELS["licence_authority_level"],
    "scope": LABELS["licence_scope"],
    "issued_on": LABELS["licence_issued_on"],
    "expires_on": LABELS["licence_expires_on"],
}

# Headers found in the 台账 that bureaus keep today, accepted as the template's columns.
ALIASES = {
    "名称": "name",
    "单位": "name",
    "信用代码": "credit_code",
    "社会信用代码": "credit_code",
    "所属行业": "industries",
    "行业类别": "industries",
    "法人": "legal_representative",
    "联系人": "contact_person",
    "电话": "contact_phone",
    "中队": "squad",
    "状态": "status",
    "许可证号": "licence_number",
    "许可范围": "licence_scope",
    "有效期": "licence_expires_on",
}
_HEADER_NOISE = re.compile(r"[\s*＊]")
INDUSTRY_SEPARATORS = re.compile(r"[、,，;；\n]")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d")


def header_key(value) -> str | None:
    """The column key a header cell names, ignoring spaces and the required-column star."""
    text = _HEADER_NOISE.sub("", cell_text(value))
    for column in COLUMNS:
        if text == column.label:
            return column.key
    return ALIASES.get(text)


def cell_text(value) -> str:
    """A cell as the text a person typed: numbers lose a spurious ``.0``, dates are ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def cell_date(value) -> datetime.date:
    """An Excel date, an Excel serial number or text in YYYY-MM-DD; ValueError otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return from_excel(value).date()
    text = cell_text(value)
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def split_industries(value) -> list[str]:
    names = [name.strip() for name in INDUSTRY_SEPARATORS.split(cell_text(value))]
    return list(dict.fromkeys(name for name in names if name))


@cache
def _chinese_labels(choices_class) -> dict[str, str]:
    with translation.override("zh-hans"):
        return {str(label): value for value, label in choices_class.choices}


def status_choices() -> dict[str, str]:
    """Cell text → UnitStatus value: the Chinese label, or the stored value."""
    return {**{value: value for value in UnitStatus.values}, **_chinese_labels(UnitStatus)}


def authority_level_choices() -> dict[str, str]:
    short = {"省级": AuthorityLevel.PROVINCE, "市级": AuthorityLevel.CITY}
    values = {value: value for value in AuthorityLevel.values}
    return {**values, **_chinese_labels(AuthorityLevel), **short}
