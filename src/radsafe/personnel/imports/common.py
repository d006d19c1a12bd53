"""What the personnel imports share: the columns that name a person (unit, name, ID number) with
the headers 台账 and dosimetry services give them, reading an ID number cell without ever echoing
it, and finding the registered workers a file names in a fixed number of queries.

A worker is identified by the unit and the blind index of the ID number, as `worker_create`
computes it, so a file written by hand (lower-case x, spaces) finds the same person."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from radsafe.core import crypto
from radsafe.core.id_numbers import (
    id_number_is_male,
    mask_id_number,
    normalize_id_number,
    validate_id_number,
)
from radsafe.core.imports import Column, SheetRow, cell_text
from radsafe.personnel.models import Worker
from radsafe.registry.selectors import UNIT_KEY, UnitFinder

UNIT_COLUMN = Column(UNIT_KEY, "单位统一社会信用代码", width=22, is_text=True)
NAME_COLUMN = Column("name", "姓名", required=True, width=10)
ID_COLUMN = Column("id_number", "身份证号码", required=True, width=22, is_text=True)
PERSON_ALIASES = {
    "统一社会信用代码": UNIT_KEY,
    "单位信用代码": UNIT_KEY,
    "信用代码": UNIT_KEY,
    "用人单位统一社会信用代码": UNIT_KEY,
    "人员姓名": "name",
    "身份证号": "id_number",
    "身份证": "id_number",
    "证件号码": "id_number",
    "证件号": "id_number",
    "公民身份号码": "id_number",
}
_SPACES = re.compile(r"[\s\u3000]")


@dataclass(frozen=True)
class IdCell:
    """An ID number cell as the services would store it, or why it cannot be. `number` is the
    clear number, kept only for `worker_create` to encrypt; it is left out of the repr so that no
    debug page or log line shows it."""

    index: str = ""
    masked: str = ""
    male: bool | None = None
    errors: tuple[str, ...] = ()
    number: str = field(default="", repr=False)


def id_cell(value) -> IdCell:
    """Messages never hold the number itself, only its masked form."""
    number = normalize_id_number(_SPACES.sub("", cell_text(value)))
    if not number:
        return IdCell(errors=(_("不能为空"),))
    try:
        validate_id_number(number)
    except ValidationError as error:  # the GB 11643 checks, in Chinese
        messages = list(error.messages)
        if isinstance(value, int | float) and not isinstance(value, bool):
            messages.append(
                _(
                    "该单元格是数值格式，Excel 只保留 15 位有效数字；"
                    "请将该列设为文本格式后重新填写。"
                )
            )
        return IdCell(errors=tuple(messages))
    return IdCell(
        index=crypto.blind_index(number),
        masked=mask_id_number(number),
        male=id_number_is_male(number),
        number=number,
    )


def same_name(a: str, b: str) -> bool:
    """Names as typed: "李 明" is 李明."""
    return _SPACES.sub("", a) == _SPACES.sub("", b)


class WorkerFinder:
    """The units a file names that the importer may import for, each row's ID number cell, and
    the registered workers of those units with those numbers: 3 queries at most, whatever the
    number of rows. `fields` narrows what is loaded of each worker (None: every field)."""

    def __init__(self, *, rows: list[SheetRow], actor, fields: list[str] | None = None):
        self.units = UnitFinder(actor=actor, rows=rows)
        self.ids = {row.number: id_cell(row.values.get("id_number")) for row in rows}
        indexes = {cell.index for cell in self.ids.values() if cell.index}
        workers = Worker.objects.for_user(actor).filter(
            unit_id__in=self.units.unit_ids, id_number_index__in=indexes
        )
        if fields is not None:
            workers = workers.only(*fields)
        self.workers = {(w.unit_id, w.id_number_index): w for w in workers} if indexes else {}

    def worker(self, unit_id: int, cell: IdCell) -> Worker | None:
        return self.workers.get((unit_id, cell.index))
