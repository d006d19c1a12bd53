"""An import file's columns and how a cell becomes a value.

The headers are the file format, not UI text: they stay Chinese whatever the interface language,
because the bureau's 台账 are Chinese and a template downloaded in English must still import.
Converters raise ValueError; the planner of each import turns that into a row error naming the
column, so the wording of an error belongs to the import that knows what the column means."""

import datetime
import math
import re
from dataclasses import dataclass, field
from functools import cache

from django.utils import timezone, translation
from openpyxl.utils.datetime import from_excel


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = False
    width: int = 16
    is_text: bool = False  # formatted as text in the template, so Excel keeps leading zeros
    is_date: bool = False
    is_datetime: bool = False

    @property
    def header(self) -> str:
        return f"{self.label}*" if self.required else self.label


_HEADER_NOISE = re.compile(r"[\s*＊]")
_FULL_WIDTH = str.maketrans("（）", "()")


def _header_text(value) -> str:
    """A header as compared: no spaces or required-column star, full-width brackets as ASCII, so
    "出厂活度（Bq）" and "出厂活度(Bq)*" name the same column."""
    return _HEADER_NOISE.sub("", cell_text(value)).translate(_FULL_WIDTH)


@dataclass(frozen=True)
class ColumnSet:
    """The columns of one import with the other headers that 台账 in use give them (`aliases`:
    header text → column key)."""

    columns: tuple[Column, ...]
    aliases: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        keys = [column.key for column in self.columns]
        if len(set(keys)) != len(keys):
            raise ValueError(f"duplicate column keys: {keys}")
        unknown = set(self.aliases.values()) - set(keys)
        if unknown:
            raise ValueError(f"aliases name unknown columns: {sorted(unknown)}")

    def __iter__(self):
        return iter(self.columns)

    @property
    def by_key(self) -> dict[str, Column]:
        return {column.key: column for column in self.columns}

    @property
    def labels(self) -> dict[str, str]:
        return {column.key: column.label for column in self.columns}

    @property
    def required_keys(self) -> tuple[str, ...]:
        return tuple(column.key for column in self.columns if column.required)

    def header_key(self, value) -> str | None:
        """The column key a header cell names, ignoring spaces and the required-column star."""
        text = _header_text(value)
        for column in self.columns:
            if text == _header_text(column.label):
                return column.key
        for alias, key in self.aliases.items():
            if text == _header_text(alias):
                return key
        return None


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


DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d")
DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
)
_EXCEL_SERIAL_MAX = 2958466  # 9999-12-31


def _is_excel_serial(value) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and 1 <= value < _EXCEL_SERIAL_MAX
    )


def cell_date(value) -> datetime.date:
    """An Excel date, an Excel serial number or text in YYYY-MM-DD; ValueError otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if _is_excel_serial(value):
        return from_excel(value).date()
    text = cell_text(value)
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def cell_datetime(value) -> datetime.datetime:
    """An Excel date-time, a serial number or text (YYYY-MM-DD HH:MM[:SS]) as an aware datetime in
    the deployment's time zone, which is the one the 台账 was written in; a bare date is midnight.
    ValueError otherwise."""
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    elif _is_excel_serial(value):
        moment = from_excel(value)
    else:
        text = cell_text(value)
        moment = None
        for fmt in DATETIME_FORMATS:
            try:
                moment = datetime.datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        if moment is None:
            moment = datetime.datetime.combine(cell_date(text), datetime.time())
    moment = moment.replace(microsecond=0)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


_NUMBER_TEXT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def cell_number(value) -> float:
    """A finite number from a number cell or from text such as ``3.7E10`` or ``1,000``;
    ValueError otherwise (booleans, dates and words are not numbers)."""
    if isinstance(value, bool | datetime.date):
        raise ValueError(value)
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = cell_text(value).replace(",", "").replace("，", "").replace(" ", "")
        text = text.replace("×10^", "e").replace("x10^", "e").replace("X10^", "e")
        if not _NUMBER_TEXT.match(text):
            raise ValueError(text)
        number = float(text)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


YES = frozenset({"是", "Y", "YES", "TRUE", "1", "√"})
NO = frozenset({"否", "N", "NO", "FALSE", "0", ""})


def cell_bool(value) -> bool:
    """是/否 (or Y/N, TRUE/FALSE, 1/0); a blank cell is 否. ValueError otherwise."""
    if isinstance(value, bool):
        return value
    text = cell_text(value).upper()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(text)


@cache
def chinese_labels(choices_class) -> dict[str, object]:
    """Chinese label → stored value of a Django choices class, whatever the active language."""
    with translation.override("zh-hans"):
        return {str(label): value for value, label in choices_class.choices}


def choice_lookup(choices_class, extra: dict[str, object] | None = None) -> dict[str, object]:
    """Cell text → stored value: the Chinese label, the stored value itself, or an `extra` spelling
    that the 台账 in use write (省级 for 省生态环境厅)."""
    values = {str(value): value for value in choices_class.values}
    return {**values, **chinese_labels(choices_class), **(extra or {})}


def choice_labels(choices_class) -> list[str]:
    """The Chinese labels in declaration order, for the template's drop-down and 说明 sheet."""
    return list(chinese_labels(choices_class))
