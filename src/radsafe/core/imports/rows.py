"""Reading one sheet row into typed values, each bad cell a row error naming its column: what every
import's planner does first, so every import words its cell errors the same way."""

import datetime
from typing import Any

from django.utils.translation import gettext as _

from radsafe.core.imports.columns import (
    ColumnSet,
    cell_bool,
    cell_date,
    cell_datetime,
    cell_number,
    cell_text,
)
from radsafe.core.imports.plans import RowError
from radsafe.core.imports.reading import SheetRow


class RowReader:
    """Typed cell values of a row; each bad cell adds a row error on its column and gives None.
    A column the file does not have reads as `missing` (None), which the planners take as "leave
    this field alone" for an existing record."""

    def __init__(self, columns: ColumnSet):
        self.labels = columns.labels
        self.errors: list[RowError] = []

    def error(self, row: SheetRow, key: str, message: str) -> None:
        self.errors.append(RowError(row.number, self.labels.get(key, ""), str(message)))

    def errors_since(self, count: int) -> bool:
        return len(self.errors) > count

    def text(self, row: SheetRow, key: str, *, required: bool = False) -> str | None:
        if key not in row.values:
            if required:
                self.error(row, key, _("不能为空"))
            return None
        text = cell_text(row.values[key])
        if required and not text:
            self.error(row, key, _("不能为空"))
            return None
        return text

    def number(self, row: SheetRow, key: str, *, required: bool = False) -> float | None:
        text = self.text(row, key, required=required)
        if not text:
            return None
        try:
            return cell_number(row.values[key])
        except ValueError:
            self.error(row, key, _("“%(value)s”不是数值") % {"value": text})
            return None

    def date(self, row: SheetRow, key: str, *, required: bool = False) -> datetime.date | None:
        if not self.text(row, key, required=required):
            return None
        try:
            return cell_date(row.values[key])
        except ValueError:
            self.error(row, key, _("日期无效，应为日期或 YYYY-MM-DD 格式的文本"))
            return None

    def moment(self, row: SheetRow, key: str, *, required: bool = False):
        if not self.text(row, key, required=required):
            return None
        try:
            return cell_datetime(row.values[key])
        except ValueError:
            self.error(row, key, _("时间无效，应为日期时间或 YYYY-MM-DD HH:MM 格式的文本"))
            return None

    def flag(self, row: SheetRow, key: str) -> bool | None:
        if key not in row.values:
            return None
        try:
            return cell_bool(row.values[key])
        except ValueError:
            self.error(row, key, _("“%(value)s”无效，应为“是”或“否”") % {"value": row.values[key]})
            return None

    def choice(
        self, row: SheetRow, key: str, lookup: dict[str, Any], allowed: list[str], **kwargs
    ) -> Any | None:
        text = self.text(row, key, **kwargs)
        if not text:
            return None
        value = lookup.get(text)
        if value is None:
            self.error(
                row,
                key,
                _("“%(value)s”无效，应为：%(allowed)s")
                % {"value": text, "allowed": "、".join(allowed)},
            )
        return value


def sort_errors(errors: list[RowError]) -> list[RowError]:
    """By Excel row, keeping each row's errors in the order of its columns."""
    return sorted(errors, key=lambda error: error.row)
