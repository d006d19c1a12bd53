"""Excel exports of the worker and dose lists: the list page's own filterset over its own
selector (core's ExportView), so a file holds exactly the rows the page lists for this user."""

from django.utils.translation import gettext as _

from radsafe.core.web.exports import ExportView
from radsafe.personnel.exports import dose_export, worker_export
from radsafe.personnel.filtersets import DoseFilterSet, WorkerFilterSet
from radsafe.personnel.selectors import doses as selectors_doses
from radsafe.personnel.selectors import workers as selectors


class WorkerExportView(ExportView):
    capability = "worker.export"
    filterset_class = WorkerFilterSet
    list_url_name = "personnel:worker-list"
    selector = staticmethod(selectors.worker_list)
    export = staticmethod(worker_export)

    @property
    def file_title(self):
        return _("辐射工作人员名录")


class DoseExportView(ExportView):
    capability = "dose.export"
    filterset_class = DoseFilterSet
    list_url_name = "personnel:dose-list"
    selector = staticmethod(selectors_doses.dose_list)
    export = staticmethod(dose_export)

    @property
    def file_title(self):
        return _("个人剂量记录")
