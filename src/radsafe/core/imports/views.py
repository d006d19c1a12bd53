"""The pages of any Excel import: the template, the upload with its dry run, and the confirmation.

The file lives in storage between the dry run and the commit; what ties the two requests together
is a signed ticket naming the person, the stored file, its SHA-256 and the fingerprint of the
preview, so a ticket cannot be used by someone else, for another file, for another import or for
changes other than those that were shown. Each view is given its `ImportSpec` by `as_view`.

A file of more than RADSAFE_IMPORT_JOB_ROWS rows is not written by the confirming request: it
becomes an import job (`jobs.py`) that the background worker commits, and the person is sent to
the job's page, which follows its progress and shows its result (`job_views.py`)."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import FormView

from radsafe.core.audit import audit_record
from radsafe.core.files import format_limit
from radsafe.core.imports.jobs import import_job_create, needs_job
from radsafe.core.imports.plans import ImportRejected, capped
from radsafe.core.imports.reading import too_large_message, validate_upload
from radsafe.core.imports.spec import ImportSpec
from radsafe.core.imports.storage import (
    delete_upload,
    open_upload,
    purge_stale_uploads,
    store_upload,
    upload_exists,
)
from radsafe.core.models import ImportJob
from radsafe.core.web.views import CapabilityRequiredMixin

TICKET_MAX_AGE = 3600  # seconds between the preview and the confirmation
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TOO_LARGE_FLAG = "radsafe_import_too_large"
PAGE_TEMPLATE = "core/import.html"


class ImportSizeLimitHandler(FileUploadHandler):
    """Stops taking an upload once it passes the import limit, so an oversized POST fills neither
    memory nor the temporary directory; the rest of the body is read and discarded."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.RADSAFE_IMPORT_MAX_BYTES:
            setattr(self.request, TOO_LARGE_FLAG, True)
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel 文件（.xlsx）"),
        allow_empty_file=True,  # validate_upload says "文件为空" in its own words
        widget=forms.FileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )

    def __init__(self, *args, spec: ImportSpec, **kwargs):
        self.spec = spec
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        spec = self.spec
        self.sheet = validate_upload(upload, columns=spec.columns, max_rows=spec.row_limit)
        return upload


class _SpecMixin(CapabilityRequiredMixin):
    spec: ImportSpec | None = None

    def get_capability(self) -> str:
        if self.spec is None:
            raise PermissionDenied  # fail closed, as CapabilityRequiredMixin does
        return self.spec.capability

    def page_context(self) -> dict:
        return {
            "spec": self.spec,
            "max_size": format_limit(settings.RADSAFE_IMPORT_MAX_BYTES),
        }


@method_decorator(csrf_exempt, name="dispatch")
class ImportUploadView(_SpecMixin, FormView):
    """GET: the upload form. POST: the dry run — row errors, or a preview and a ticket to confirm.
    CSRF is checked in `post`, after the size limit is installed: the middleware would parse the
    body before the limit could apply."""

    template_name = PAGE_TEMPLATE
    form_class = ImportUploadForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "spec": self.spec}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.page_context()}

    def post(self, request, *args, **kwargs):
        request.upload_handlers.insert(0, ImportSizeLimitHandler(request))
        return csrf_protect(self._checked_post)(request, *args, **kwargs)

    def _checked_post(self, request, *args, **kwargs):
        form = self.get_form()
        if getattr(request, TOO_LARGE_FLAG, False):
            form.is_valid()
            form.errors.pop("file", None)
            form.add_error("file", too_large_message())
            return self.form_invalid(form)
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def form_valid(self, form):
        spec, sheet = self.spec, form.sheet
        try:
            plan = spec.plan(rows=sheet.rows, actor=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        context = {"form": ImportUploadForm(spec=spec), "plan": plan, "sheet": sheet}
        if not plan.errors:
            purge_stale_uploads(older_than=timedelta(seconds=TICKET_MAX_AGE))
            path = store_upload(form.cleaned_data["file"])
            context["ticket"] = signing.dumps(
                {
                    "user": self.request.user.pk,
                    "path": path,
                    "sha256": sheet.sha256,
                    "name": sheet.name,
                    "fingerprint": plan.fingerprint,
                    "rows": len(sheet.rows),
                },
                salt=spec.ticket_salt,
            )
            context["background"] = needs_job(len(sheet.rows))
            changed = [row for row in plan.rows if row.action != "unchanged"]
            shown = capped(changed)
            context["changed_rows"] = [(row, spec.preview_cells(row)) for row in shown["items"]]
            context["hidden_rows"] = shown["hidden"]
        else:
            context["shown_errors"] = capped(plan.errors)
        return self.render_to_response(self.get_context_data(**context))


class ImportCommitView(_SpecMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        spec = self.spec
        try:
            ticket = signing.loads(
                request.POST.get("ticket", ""), salt=spec.ticket_salt, max_age=TICKET_MAX_AGE
            )
        except signing.BadSignature:
            return self._failed(_("导入凭据无效或已过期，请重新上传文件。"), status=400)
        if ticket.get("user") != request.user.pk:
            audit_record(
                actor=request.user,
                action="permission.denied",
                object_type="import",
                object_repr=request.path,
            )
            raise PermissionDenied
        path = ticket["path"]
        if needs_job(ticket.get("rows", 0)):
            return self._queue(ticket)
        try:
            with open_upload(path) as file:
                sheet = validate_upload(file, columns=spec.columns, max_rows=spec.row_limit)
        except OSError:
            return self._failed(_("预览的文件已失效（可能已导入或已过期），请重新上传。"))
        except ValidationError as error:
            delete_upload(path)
            return self._failed(" ".join(error.messages))
        if sheet.sha256 != ticket["sha256"]:
            delete_upload(path)
            return self._failed(_("文件与预览时不一致，请重新上传。"))
        try:
            plan = spec.commit(
                rows=sheet.rows,
                actor=request.user,
                sha256=sheet.sha256,
                file_name=ticket.get("name", ""),
                expected_fingerprint=ticket["fingerprint"],
            )
        except ImportRejected as rejected:
            delete_upload(path)
            return self._render(commit_errors=capped(rejected.errors))
        except ValidationError as error:  # the whole import refused, e.g. the account changed
            delete_upload(path)
            return self._failed(" ".join(error.messages))
        delete_upload(path)
        messages.success(request, str(spec.success_message) % plan.counts)
        return redirect(spec.success_url)

    def _queue(self, ticket: dict):
        """The job path: nothing is read here, so the request returns at once; the worker checks
        the file's SHA-256 and the preview's fingerprint as this view would."""
        user, path = self.request.user, ticket["path"]
        if upload_exists(path):
            job, created = import_job_create(
                spec=self.spec,
                actor=user,
                upload_path=path,
                sha256=ticket["sha256"],
                file_name=ticket.get("name", ""),
                fingerprint=ticket["fingerprint"],
                row_count=ticket["rows"],
            )
        else:  # imported already (its job removed the file), or expired
            job, created = ImportJob.objects.filter(upload_path=path, actor=user).first(), False
            if job is None:
                return self._failed(_("预览的文件已失效（可能已导入或已过期），请重新上传。"))
        if not created:
            messages.info(self.request, _("该文件已提交导入，以下是该导入任务的进度。"))
        return redirect(reverse("imports:job", kwargs={"pk": job.pk}))

    def _failed(self, message: str, status: int = 200):
        return self._render(file_error=message, status=status)

    def _render(self, status: int = 200, **context):
        context.update(self.page_context(), form=ImportUploadForm(spec=self.spec))
        return render(self.request, PAGE_TEMPLATE, context, status=status)


class ImportTemplateView(_SpecMixin, View):
    http_method_names = ["get"]

    def get(self, request):
        spec = self.spec
        response = HttpResponse(spec.build_template(actor=request.user), content_type=XLSX_TYPE)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=spec.template.file_name
        )
        return response
