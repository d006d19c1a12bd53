"""The personnel imports: the dosimetry service's dose results and the worker roster, each an
`ImportSpec` on the shared pages of `radsafe.core.imports`, with their URL patterns."""

from django.utils.translation import gettext_lazy

from radsafe.core.imports import ImportSpec, import_urlpatterns
from radsafe.personnel.imports import doses, workers
from radsafe.personnel.imports.templates import dose_template, worker_template

DOSE_IMPORT = ImportSpec(
    key="dose",
    title=gettext_lazy("导入个人剂量监测结果"),
    capability="dose.import",
    columns=doses.COLUMNS,
    plan=doses.plan_dose_import,
    commit=doses.commit_dose_import,
    template=dose_template(doses.COLUMNS),
    url_name="personnel:dose-import",
    success_url="personnel:dose-list",
    success_message=gettext_lazy(
        "导入完成：新增 %(create)d 条剂量记录，已有且无变化 %(unchanged)d 条。"
    ),
    steps=(
        gettext_lazy(
            "下载导入模板，按“说明”页填写，或直接上传剂量监测机构出具的 Excel 结果"
            "（每行一名人员一个监测周期；人员须已在“人员”中登记）。"
        ),
    ),
    preview_columns=(
        (gettext_lazy("姓名"), lambda row: row.worker.name),
        (gettext_lazy("身份证号码"), lambda row: row.masked_id),
        (gettext_lazy("监测周期"), lambda row: row.period),
        (gettext_lazy("Hp(10)（mSv）"), lambda row: row.values["hp10_msv"]),
    ),
)


WORKER_IMPORT = ImportSpec(
    key="worker",
    title=gettext_lazy("导入辐射工作人员"),
    capability="worker.change",
    columns=workers.COLUMNS,
    plan=workers.plan_worker_import,
    commit=workers.commit_worker_import,
    template=worker_template(workers.COLUMNS),
    url_name="personnel:worker-import",
    success_url="personnel:worker-list",
    success_message=gettext_lazy(
        "导入完成：新增 %(create)d 名人员，更新 %(update)d 名，无变化 %(unchanged)d 名。"
    ),
    steps=(
        gettext_lazy(
            "下载导入模板，按“说明”页填写，或直接上传本单位的人员台账"
            "（每行一名人员，可附其最近一次考核成绩报告单）。操作的放射源和射线装置不导入，"
            "请在人员页面关联。"
        ),
    ),
    preview_columns=(
        (gettext_lazy("单位"), lambda row: row.unit.name),
        (gettext_lazy("姓名"), lambda row: row.name),
        (gettext_lazy("身份证号码"), lambda row: row.masked_id),
        (gettext_lazy("考核成绩报告单编号"), lambda row: row.training_number),
    ),
)


urlpatterns = [
    *import_urlpatterns(DOSE_IMPORT, "doses/"),
    *import_urlpatterns(WORKER_IMPORT, "workers/"),
]
