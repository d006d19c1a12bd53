"""The view behind every list's "导出Excel" button, for every app.

An export takes the list page's own filterset over the list page's own selector, so the file holds
exactly the rows the page would list (the same scope, the same filters), and hands them to the
app's writer (`core.exports.export_queryset`: capped and audited). A bad filter or too many rows
sends the user back to the list with the reason, never to an error page or a different file."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from radsafe.core.exports import XLSX_CONTENT_TYPE, ExportTooLarge
from radsafe.core.web.views import CapabilityRequiredMixin


def active_filters(filterset, params) -> dict[str, str]:
    """The filter parameters that narrow the list ("unknown" is the yes/no filters' "all"); what
    the audit event of an export records."""
    return {
        name: params[name]
        for name in filterset.filters
        if params.get(name) and params[name] != "unknown"
    }


class ExportView(CapabilityRequiredMixin, View):
    """A list's filters → its Excel file. Subclasses name the capability (none = refused), the
    list's filterset, selector and URL, the writer and the file's title."""

    filterset_class = None
    list_url_name = ""
    file_title = ""

    def selector(self, user):
        raise NotImplementedError

    def export(self, **kwargs):
        raise NotImplementedError

    def get_filterset_kwargs(self) -> dict:
        """Extra arguments of the filterset, e.g. the user for one that limits its choices."""
        return {}

    def get(self, request, *args, **kwargs):
        filterset = self.filterset_class(
            request.GET or None,
            queryset=self.selector(user=request.user),
            **self.get_filterset_kwargs(),
        )
        back = f"{reverse(self.list_url_name)}?{request.GET.urlencode()}"
        if filterset.is_bound and not filterset.is_valid():
            messages.error(request, _("筛选条件有误，未导出。"))
            return redirect(back)
        filters = active_filters(filterset, request.GET)
        try:
            output, _rows = self.export(user=request.user, queryset=filterset.qs, filters=filters)
        except ExportTooLarge as error:
            messages.error(request, str(error))
            return redirect(back)
        filename = f"{self.file_title}-{timezone.localdate().isoformat()}.xlsx"
        return FileResponse(
            output, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
        )
