"""Pages of the workers and their assessment results, the expiring list and the 无证上岗 list.
Each view names its capability, reads through the selectors (out of scope = 404) and writes only
through the forms' services. The clear ID number reaches a page only as the answer to the unmask
POST, which the service audits."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from radsafe.core.web.forms import initial_unit
from radsafe.core.web.views import (
    CapabilityFlagsMixin,
    CapabilityRequiredMixin,
    FilteredTableView,
    ScopedObjectMixin,
    ServiceFormView,
)
from radsafe.personnel.filtersets import ExpiringFilterSet, WorkerFilterSet
from radsafe.personnel.forms.workers import TrainingForm, WorkerForm
from radsafe.personnel.models import TrainingResult, Worker
from radsafe.personnel.selectors import doses as selectors_doses
from radsafe.personnel.selectors import workers as selectors
from radsafe.personnel.services import workers as services
from radsafe.personnel.tables.workers import TrainingTable, UnlicensedTable, WorkerTable

DEFAULT_EXPIRING_DAYS = 90


class PersonnelFlagsMixin(CapabilityFlagsMixin):
    flag_capabilities = (
        "worker.change",
        "worker.unmask",
        "worker.export",
        "dose.change",
        "dose.explain",
        "dose.export",
    )


class PersonnelListView(PersonnelFlagsMixin, FilteredTableView):
    capability = "worker.view"
    unit_columns = ("unit",)


class WorkerListView(PersonnelListView):
    template_name = "personnel/worker_list.html"
    filterset_class = WorkerFilterSet
    table_class = WorkerTable
    selector = staticmethod(selectors.worker_list)


class WorkerDetailView(
    CapabilityRequiredMixin, PersonnelFlagsMixin, ScopedObjectMixin, TemplateView
):
    capability = "worker.view"
    template_name = "personnel/worker_detail.html"
    clear_id_number = None
    object_selector = staticmethod(selectors.worker_detail)

    def get_context_data(self, **kwargs):
        worker = self.object
        trainings = selectors.training_list(user=self.request.user).filter(worker=worker)
        return super().get_context_data(
            worker=worker,
            sources=worker.sources.select_related("nuclide").order_by("code"),
            devices=worker.devices.order_by("name"),
            trainings=trainings.order_by("-passed_on", "-id")[:50],
            other_units=selectors.worker_other_unit_count(worker),
            dose_flags=selectors_doses.flags_for_workers([worker]),
            clear_id_number=self.clear_id_number,
            **kwargs,
        )


class WorkerUnmaskView(WorkerDetailView):
    """POST only: the worker page once more, with the clear number; the service audits it."""

    capability = "worker.unmask"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.clear_id_number = services.worker_unmask(worker=self.object, actor=request.user)
        return self.render_to_response(self.get_context_data(**kwargs))


class WorkerFormView(ServiceFormView):
    capability = "worker.change"
    template_name = "personnel/worker_form.html"
    form_class = WorkerForm

    def get_success_url(self, result):
        return reverse("personnel:worker-detail", args=[result.pk])


class WorkerCreateView(WorkerFormView):
    @property
    def success_message(self):
        return _("人员已登记。")

    def get_initial(self):
        return initial_unit(self.request)


class WorkerEditView(ScopedObjectMixin, WorkerFormView):
    @property
    def success_message(self):
        return _("人员信息已保存。")

    object_model = Worker
    object_related = ("unit",)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "row": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(worker=self.object, **kwargs)


class TrainingCreateView(ScopedObjectMixin, ServiceFormView):
    capability = "worker.change"
    template_name = "personnel/training_form.html"
    form_class = TrainingForm

    @property
    def success_message(self):
        return _("考核成绩报告单已保存。")

    object_model = Worker

    @property
    def worker(self) -> Worker:
        return self.object

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "worker": self.worker}

    def get_success_url(self, result):
        return reverse("personnel:worker-detail", args=[result.worker_id])

    def get_context_data(self, **kwargs):
        return super().get_context_data(worker=self.worker, **kwargs)


class TrainingEditView(TrainingCreateView):
    object_model = TrainingResult
    object_related = ("worker",)

    @property
    def result(self) -> TrainingResult:
        return self.object

    @property
    def worker(self) -> Worker:
        return self.result.worker

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "result": self.result}

    def get_context_data(self, **kwargs):
        return super().get_context_data(result=self.result, **kwargs)


class TrainingExpiringView(PersonnelListView):
    """Results whose validity ends within ?days=N (default 90), soonest first."""

    template_name = "personnel/training_expiring.html"
    filterset_class = ExpiringFilterSet
    table_class = TrainingTable
    selector = staticmethod(selectors.trainings_not_expired)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = self.request.GET.copy()
        if not data.get("days"):
            data["days"] = str(DEFAULT_EXPIRING_DAYS)
        return {**kwargs, "data": data}


class UnlicensedView(PersonnelListView):
    """无证上岗 today: workers on duty operating sources or devices without a valid result, and
    check-outs of the last year naming a worker on a day without one; per unit for the bureau."""

    template_name = "personnel/unlicensed.html"
    filterset_class = WorkerFilterSet
    table_class = UnlicensedTable
    selector = staticmethod(selectors.unlicensed_workers)

    def get_context_data(self, **kwargs):
        by_unit = None
        if self.request.user.unit_id is None:
            by_unit = selectors.unlicensed_count_by_unit(user=self.request.user)
        return super().get_context_data(by_unit=by_unit, **kwargs)
