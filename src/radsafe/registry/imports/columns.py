"""The unit import's columns and the registry's own cell conversions (industries, statuses).

The headers are the file format, not UI text: they stay Chinese whatever the interface language,
because the bureau's 台账 are Chinese and a template downloaded in English must still import.
Generic conversions (text, dates, choice labels) live in `radsafe.core.imports`."""

import re

from radsafe.core.imports import Column, ColumnSet, cell_text, choice_lookup

from ..choices import AuthorityLevel, UnitStatus

COLUMNS = ColumnSet(
    columns=(
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
    ),
    # Headers found in the 台账 that bureaus keep today, accepted as the template's columns.
    aliases={
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
    },
)
LABELS = COLUMNS.labels
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
INDUSTRY_SEPARATORS = re.compile(r"[、,，;；\n]")


def split_industries(value) -> list[str]:
    names = [name.strip() for name in INDUSTRY_SEPARATORS.split(cell_text(value))]
    return list(dict.fromkeys(name for name in names if name))


def status_choices() -> dict[str, str]:
    """Cell text → UnitStatus value: the Chinese label, or the stored value."""
    return choice_lookup(UnitStatus)


def authority_level_choices() -> dict[str, str]:
    short = {"省级": AuthorityLevel.PROVINCE, "市级": AuthorityLevel.CITY}
    return choice_lookup(AuthorityLevel, short)
