"""The inventory imports' pages: the shared upload / dry run / confirmation pages of
`radsafe.core.imports.views`, one spec per import. Units keep their own inventory, so the unit
officer imports as well as the bureau lead (capability inventory.import)."""

from django.utils.translation import gettext_lazy as _

from radsafe.core.imports import ImportSpec, import_urlpatterns
from radsafe.inventory.choices import MovementKind
from radsafe.inventory.imports import devices, movements, sources
from radsafe.inventory.imports.templates import DEVICE_TEMPLATE, MOVEMENT_TEMPLATE, SOURCE_TEMPLATE

SOURCE_IMPORT = ImportSpec(
    key="inventory.source",
    title=_("批量导入放射源"),
    capability="inventory.import",
    columns=sources.COLUMNS,
    plan=sources.plan_source_import,
    commit=sources.commit_source_import,
    template=SOURCE_TEMPLATE,
    url_name="inventory:source-import",
    success_url="inventory:source-list",
    success_message=_(
        "导入完成：新增 %(create)d 枚放射源，更正 %(update)d 枚，无变化 %(unchanged)d 枚。"
    ),
    steps=(_("下载导入模板，按“说明”页填写（每行一枚放射源，按放射源编码新增或更正）。"),),
    preview_columns=(
        (_("放射源编码"), lambda row: row.code),
        (_("核素"), lambda row: row.nuclide),
        (_("持有单位"), lambda row: row.unit.name),
    ),
)

DEVICE_IMPORT = ImportSpec(
    key="inventory.device",
    title=_("批量导入射线装置"),
    capability="inventory.import",
    columns=devices.COLUMNS,
    plan=devices.plan_device_import,
    commit=devices.commit_device_import,
    template=DEVICE_TEMPLATE,
    url_name="inventory:device-import",
    success_url="inventory:device-list",
    success_message=_(
        "导入完成：新增 %(create)d 台射线装置，更新 %(update)d 台，无变化 %(unchanged)d 台。"
    ),
    steps=(_("下载导入模板，按“说明”页填写（每行一台射线装置，按单位、型号和出厂编号匹配）。"),),
    preview_columns=(
        (_("装置名称"), lambda row: row.name),
        (_("型号"), lambda row: row.model),
        (_("出厂编号"), lambda row: row.serial_number),
        (_("持有单位"), lambda row: row.unit.name),
    ),
)

MOVEMENT_IMPORT = ImportSpec(
    key="inventory.movement",
    title=_("批量导入出入库记录"),
    capability="inventory.import",
    columns=movements.COLUMNS,
    plan=movements.plan_movement_import,
    commit=movements.commit_movement_import,
    template=MOVEMENT_TEMPLATE,
    url_name="inventory:movement-import",
    success_url="inventory:movement-list",
    success_message=_("导入完成：登记 %(create)d 条出入库记录，已登记而跳过 %(unchanged)d 条。"),
    steps=(_("下载导入模板，按“说明”页填写（每行一条出入库记录，按时间先后登记）。"),),
    preview_columns=(
        (_("放射源编码"), lambda row: row.source.code),
        (_("类型"), lambda row: MovementKind(row.stored_kind).label),
        (_("时间"), lambda row: row.occurred_at),
    ),
)


urlpatterns = [
    *import_urlpatterns(SOURCE_IMPORT, "sources/"),
    *import_urlpatterns(DEVICE_IMPORT, "devices/"),
    *import_urlpatterns(MOVEMENT_IMPORT, "movements/"),
]
