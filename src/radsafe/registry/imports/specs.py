"""The unit import's pages: the shared upload / dry run / confirmation pages of
`radsafe.core.imports.views`, given this import's spec."""

from django.utils.translation import gettext_lazy as _

from radsafe.core.imports import ImportSpec, import_urlpatterns
from radsafe.registry.imports import COLUMNS, TEMPLATE, commit_import, plan_import

UNIT_IMPORT = ImportSpec(
    key="registry",
    title=_("批量导入单位及许可证"),
    capability="unit.import",
    columns=COLUMNS,
    plan=plan_import,
    commit=commit_import,
    template=TEMPLATE,
    url_name="registry:unit-import",
    success_url="registry:unit-list",
    success_message=_(
        "导入完成：新增 %(create)d 个单位，更新 %(update)d 个，无变化 %(unchanged)d 个。"
    ),
    steps=(_("下载导入模板，按“说明”页填写（每行一个单位及其现行许可证）。"),),
    preview_columns=(
        (_("单位名称"), lambda row: row.name),
        (_("统一社会信用代码"), lambda row: row.credit_code),
    ),
)
TICKET_SALT = UNIT_IMPORT.ticket_salt


urlpatterns = import_urlpatterns(UNIT_IMPORT)
