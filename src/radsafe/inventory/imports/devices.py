"""Import of ray devices (射线装置台账), upserted by (unit, 型号, 出厂编号).

A device has no national code; its model and serial number are what its papers and its nameplate
carry, so together with the holding unit they name it. The serial number is therefore required:
without it a second import could not tell a new device from one already registered. New devices
go through `device_create`, known ones through `device_update` with the version the plan read and
only where the file differs."""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from radsafe.core.imports import (
    Column,
    ColumnSet,
    ImportPlan,
    RowReader,
    SheetRow,
    choice_labels,
    choice_lookup,
)
from radsafe.inventory.choices import DeviceClass, DeviceStatus
from radsafe.inventory.imports.common import RowImport, upsert_row
from radsafe.inventory.models import DeviceType, RayDevice
from radsafe.inventory.services import assets
from radsafe.registry.models import Unit
from radsafe.registry.selectors import UNIT_KEY, UnitFinder

COLUMNS = ColumnSet(
    columns=(
        Column(UNIT_KEY, "持有单位信用代码", width=22, is_text=True),
        Column("name", "装置名称", required=True, width=20),
        Column("device_type", "类型", required=True, width=26),
        Column("device_class", "类别", width=8),
        Column("model", "型号", width=14),
        Column("serial_number", "出厂编号", required=True, width=16, is_text=True),
        Column("rated_kv", "额定管电压(kV)", width=14),
        Column("rated_ma", "额定管电流(mA)", width=14),
        Column("energy_mev", "能量(MeV)", width=10),
        Column("use", "用途", width=16),
        Column("location", "场所", width=20),
        Column("status", "状态", width=10),
    ),
    aliases={
        "统一社会信用代码": UNIT_KEY,
        "单位信用代码": UNIT_KEY,
        "名称": "name",
        "装置类型": "device_type",
        "射线装置类型": "device_type",
        "装置类别": "device_class",
        "规格型号": "model",
        "编号": "serial_number",
        "管电压(kV)": "rated_kv",
        "管电流(mA)": "rated_ma",
        "使用场所": "location",
    },
)
LABELS = COLUMNS.labels
TEXT_KEYS = ("use", "location")
NUMBER_KEYS = ("rated_kv", "rated_ma", "energy_mev")
FIELD_LABELS = {**LABELS, "unit": LABELS[UNIT_KEY]}
# Ⅰ/Ⅱ/Ⅲ as the 2017 list writes them, and the spellings 台账 use instead.
CLASS_LOOKUP: dict[str, int] = {
    **choice_lookup(DeviceClass),
    **{roman: value for value, roman in ((1, "Ⅰ"), (2, "Ⅱ"), (3, "Ⅲ"))},
    **{latin: value for value, latin in ((1, "I"), (2, "II"), (3, "III"))},
    **{f"{latin}类": value for value, latin in ((1, "I"), (2, "II"), (3, "III"))},
    **{chinese: value for value, chinese in ((1, "一类"), (2, "二类"), (3, "三类"))},
}
CLASS_LABELS = ["Ⅰ", "Ⅱ", "Ⅲ"]


@dataclass
class DeviceRowPlan:
    row: int
    unit: Unit
    name: str
    model: str
    serial_number: str
    device: RayDevice | None = None
    version: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)

    @property
    def action(self) -> str:
        if self.device is None:
            return "create"
        return "update" if self.changes else "unchanged"

    def fingerprint_item(self) -> list[Any]:
        return [self.device.pk if self.device else None, self.version, self.changes]


class _Planner:
    def __init__(self, *, rows: list[SheetRow], actor):
        self.reader = RowReader(COLUMNS)
        self.units = UnitFinder(actor=actor, rows=rows)
        serials = {str(r.values.get("serial_number") or "").strip() for r in rows} - {""}
        self.devices: dict[tuple[int, str, str], list[RayDevice]] = {}
        for device in RayDevice.objects.for_user(actor).filter(
            unit_id__in=self.units.unit_ids, serial_number__in=serials
        ):
            key = (device.unit_id, device.model, device.serial_number)
            self.devices.setdefault(key, []).append(device)
        self.types = {device_type.name: device_type for device_type in DeviceType.objects.all()}
        self.statuses = choice_lookup(DeviceStatus)
        self.status_labels = choice_labels(DeviceStatus)  # the file's (Chinese) labels
        self.first_row_of_key: dict[tuple[int, str, str], int] = {}

    def plan(self, rows: list[SheetRow]) -> ImportPlan:
        plans = [plan for plan in map(self.plan_row, rows) if plan is not None]
        return ImportPlan(rows=plans, errors=self.reader.errors)

    def plan_row(self, row: SheetRow) -> DeviceRowPlan | None:
        reader, before = self.reader, len(self.reader.errors)
        unit = self.units.find(reader, row)
        name = reader.text(row, "name", required=True)
        device_type = self._type(row)
        device_class = reader.choice(row, "device_class", CLASS_LOOKUP, CLASS_LABELS)
        model = reader.text(row, "model") or ""
        serial = reader.text(row, "serial_number", required=True)
        numbers = {key: reader.number(row, key) for key in NUMBER_KEYS if key in row.values}
        texts = {key: reader.text(row, key) for key in TEXT_KEYS if key in row.values}
        status = reader.choice(row, "status", self.statuses, self.status_labels)
        if reader.errors_since(before) or unit is None:
            return None
        device = self._existing(row, unit, model, serial)
        if reader.errors_since(before):
            return None
        plan = DeviceRowPlan(row.number, unit, name, model, serial, device=device)
        values: dict[str, Any] = {"name": name, "device_type": device_type, **numbers, **texts}
        if device is None:
            plan.fields = {**values, "model": model, "serial_number": serial}
            if device_class is not None:
                plan.fields["device_class"] = device_class
            if status is not None:
                plan.fields["status"] = status
            return plan
        # Blank class and status leave a registered device's alone; a new type without a class
        # takes the new type's usual class.
        if device_class is None and device_type.pk != device.device_type_id:
            device_class = device_type.device_class
        if device_class is not None:
            values["device_class"] = device_class
        if status is not None:
            values["status"] = status
        plan.version = device.version
        for key, value in values.items():
            current = device.device_type_id if key == "device_type" else getattr(device, key)
            if current != (value.pk if key == "device_type" else value):
                plan.fields[key] = value
                plan.changes.append(LABELS[key])
        return plan

    def _type(self, row: SheetRow) -> DeviceType | None:
        name = self.reader.text(row, "device_type", required=True)
        if not name:
            return None
        device_type = self.types.get(name)
        if device_type is None:
            message = _("射线装置类型“%(value)s”不存在，可选类型见模板“说明”页") % {"value": name}
            self.reader.error(row, "device_type", message)
        return device_type

    def _existing(self, row: SheetRow, unit: Unit, model: str, serial: str) -> RayDevice | None:
        key = (unit.pk, model, serial)
        first = self.first_row_of_key.setdefault(key, row.number)
        if first != row.number:
            message = _("与第 %(row)d 行的单位、型号和出厂编号相同") % {"row": first}
            self.reader.error(row, "serial_number", message)
            return None
        found = self.devices.get(key, [])
        if len(found) > 1:
            message = _("系统中该单位有 %(n)d 台型号、出厂编号都相同的射线装置，无法确定更新哪一台")
            self.reader.error(row, "serial_number", message % {"n": len(found)})
            return None
        return found[0] if found else None


def _static_plan(rows: list[SheetRow], actor) -> ImportPlan:
    return _Planner(rows=rows, actor=actor).plan(rows)


def _apply_row(row, *, actor) -> None:
    upsert_row(
        row,
        actor=actor,
        existing=row.device,
        create=assets.device_create,
        update=assets.device_update,
        keyword="device",
    )


DEVICE_IMPORT = RowImport(
    static_plan=_static_plan,
    apply_row=_apply_row,
    field_labels=FIELD_LABELS,
    action="device.import",
)
plan_device_import = DEVICE_IMPORT.plan
commit_device_import = DEVICE_IMPORT.commit
