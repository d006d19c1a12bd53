"""The units a file names, for imports of rows that belong to a unit (sources, devices, workers'
doses): one query, and only units of the importer's scope."""

from django.utils.translation import gettext as _

from radsafe.core.choices import Role
from radsafe.core.imports import RowReader, SheetRow, cell_text

from ..models import Unit
from ..validators import normalize_credit_code

UNIT_KEY = "unit"


class UnitFinder:
    """The units named in a file that the importer may import for, in one query. A unit officer
    may leave the column blank (their own unit); a code outside the importer's scope and a code
    not registered read the same, so the answer does not tell whether a unit exists elsewhere."""

    def __init__(self, *, actor, rows: list[SheetRow]):
        codes = {normalize_credit_code(cell_text(r.values.get(UNIT_KEY))) for r in rows}
        codes.discard("")
        self.own_unit_id = actor.unit_id if actor.role == Role.UNIT_OFFICER else None
        self.units = {
            unit.credit_code: unit
            for unit in Unit.objects.for_user(actor).filter(credit_code__in=codes)
        }
        self.own_unit = (
            Unit.objects.for_user(actor).filter(pk=self.own_unit_id).first()
            if self.own_unit_id
            else None
        )

    def find(self, reader: RowReader, row: SheetRow) -> Unit | None:
        code = normalize_credit_code(cell_text(row.values.get(UNIT_KEY)))
        if not code:
            if self.own_unit is not None:
                return self.own_unit
            reader.error(row, UNIT_KEY, _("不能为空"))
            return None
        unit = self.units.get(code)
        if unit is None:
            reader.error(row, UNIT_KEY, _("该单位不在您的数据范围内（或尚未登记）"))
        return unit

    @property
    def unit_ids(self) -> set[int]:
        ids = {unit.pk for unit in self.units.values()}
        if self.own_unit is not None:
            ids.add(self.own_unit.pk)
        return ids
