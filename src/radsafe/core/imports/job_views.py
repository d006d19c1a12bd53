"""The page of an import job: its progress while the worker writes (the fragment is polled by htmx
every second and stops polling once the job has ended), then its result on the same page — the
counts, or the row errors in the table the confirmation page uses — and 重新运行 for a failed job.

Only the person who confirmed the import sees its job; anyone else gets 404, whatever their role,
so that a job's existence is not confirmed (design.md rule 2). A role without any import gets
403, as for every page it may not open, and so does the owner whose role has since lost this
import. The page and its polls read only; they do not even save the session (`mark_passive`)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from radsafe.core.audit import audit_record
from radsafe.core.choices import JobStatus
from radsafe.core.imports.jobs import import_job_rerun, job_state
from radsafe.core.imports.registry import import_capabilities, spec_for
from radsafe.core.middleware import mark_passive
from radsafe.core.models import ImportJob
from radsafe.core.permissions import has_capability
from radsafe.core.web.views import ScopedObjectMixin


class ImportJobMixin(ScopedObjectMixin, LoginRequiredMixin):
    """A job's scope is its actor: the person who confirmed it, and nobody else."""

    object_model = ImportJob
    passive = False

    def get_object_queryset(self):
        return ImportJob.objects.filter(actor=self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        user = request.user
        if not any(has_capability(user, capability) for capability in import_capabilities()):
            self._refuse()
        self.job = self.object  # 404 for another's job, as for an id no job has
        self.spec = spec_for(self.job.spec_key)
        if self.spec is None:
            raise Http404
        if not has_capability(user, self.spec.capability):
            self._refuse()
        if self.passive:
            mark_passive(request)
        return super().dispatch(request, *args, **kwargs)

    def _refuse(self):
        audit_record(
            actor=self.request.user,
            action="permission.denied",
            object_type="page",
            object_repr=self.request.path[:200],
        )
        raise PermissionDenied


class ImportJobView(ImportJobMixin, TemplateView):
    template_name = "core/import_job.html"
    http_method_names = ["get"]
    passive = True

    def get_context_data(self, **kwargs):
        job, spec = self.job, self.spec
        state = job_state(job)
        errors = job.errors or []
        context = {
            "job": job,
            "spec": spec,
            "state": state,
            "can_rerun": state.can_rerun,
            "shown_errors": {"items": errors, "hidden": max(0, job.error_count - len(errors))},
            "poll_url": reverse("imports:job-progress", kwargs={"pk": job.pk}),
        }
        if state.status == JobStatus.DONE and job.counts:
            context["success_message"] = str(spec.success_message) % job.counts
        return {**super().get_context_data(**kwargs), **context}


class ImportJobProgressView(ImportJobView):
    """The polled fragment: the same context, without the page around it."""

    template_name = "core/import_job_status.html"


class ImportJobRerunView(ImportJobMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        try:
            import_job_rerun(job=self.job, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(reverse("imports:job", kwargs={"pk": self.job.pk}))
