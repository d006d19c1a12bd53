"""Dose pages: the list, a record entered on the worker's page or corrected, the explain form of a
flag, and the bureau's list of unexplained flags. Reads through the selectors (out of scope =
404), writes through the forms' services."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from radsafe.core.permissions import has_capability
from radsafe.core.web.views import (
    PAGE_SIZE,
    CapabilityRequiredMixin,
    ScopedObjectMixin,
    ServiceFormView,
)
from radsafe.personnel.filtersets import DoseFilterSet
from radsafe.personnel.forms.doses import DoseExplainForm, DoseRecordForm
from radsafe.personnel.models import DoseRecord, Worker
from radsafe.personnel.selectors import doses as selectors_doses
from radsafe.personnel.selectors import workers as selectors
from radsafe.personnel.tables.doses import DoseTable
from radsafe.personnel.views.workers import PersonnelListView


class DoseListView(PersonnelListView):
    capability = "dose.view"
    template_name = "personnel/dose_list.html"
    filterset_class = DoseFilterSet
    table_class = DoseTable
    selector = staticmethod(selectors_doses.dose_list)

    def get_table_kwargs(self):
        can_edit = has_capability(self.request.user, "dose.change")
        return {**super().get_table_kwargs(), "can_edit": can_edit}


class WorkerFormMixin(ScopedObjectMixin):
    """A form about one worker of the user's scope (the URL's pk)."""

    object_model = Worker

    @property
    def worker(self) -> Worker:
        return self.object

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "worker": self.worker}

    def get_success_url(self, result):
        return reverse("personnel:worker-detail", args=[self.worker.pk]) + "#dose-flags"

    def get_context_data(self, **kwargs):
        return super().get_context_data(worker=self.worker, **kwargs)


class DoseCreateView(WorkerFormMixin, ServiceFormView):
    capability = "dose.change"
    template_name = "personnel/dose_form.html"
    form_class = DoseRecordForm

    @property
    def success_message(self):
        return _("剂量记录已保存。")


class DoseEditView(DoseCreateView):
    """The record through the user's scope (404 outside it), loaded after `dispatch` checked the
    capability; back to the worker's page, where the flags follow the corrected values."""

    @property
    def success_message(self):
        return _("剂量记录已修改。")

    object_model = DoseRecord
    object_related = ("worker", "unit")

    @property
    def record(self) -> DoseRecord:
        return self.object

    @property
    def worker(self) -> Worker:
        return self.record.worker

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "record": self.record}

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=self.record, **kwargs)


class DoseExplainView(WorkerFormMixin, ServiceFormView):
    """POST from the flags section of the worker page; a refusal shows the message there."""

    capability = "dose.explain"
    http_method_names = ["post"]
    form_class = DoseExplainForm

    @property
    def success_message(self):
        return _("调查说明已保存。")

    def form_invalid(self, form):
        for errors in form.errors.values():
            for error in errors:
                messages.error(self.request, error)
        return redirect(reverse("personnel:worker-detail", args=[self.worker.pk]))


class DoseFlagsView(CapabilityRequiredMixin, TemplateView):
    """Unexplained flags, paged over workers (25 a page; 3 queries a page, selectors_doses): a
    page lists the flags of its workers that no note explains yet."""

    capability = "dose.view"
    template_name = "personnel/dose_flags.html"

    def get_context_data(self, **kwargs):
        workers = selectors.worker_list(user=self.request.user)
        unit = self.request.GET.get("unit", "")
        if unit.isdigit():
            workers = workers.filter(unit_id=int(unit))
        page = Paginator(workers, PAGE_SIZE).get_page(self.request.GET.get("page"))
        flags = selectors_doses.unexplained_flags(page.object_list)
        return super().get_context_data(page_obj=page, flags=flags, unit=unit, **kwargs)
