"""Downloads of the stored documents: an emergency plan's file and a drill's evidence.

The only way a stored document leaves the system (design.md rule 7): the row is loaded through
the user's scope, so a row out of scope is a 404 like a row without a file, and `document_response`
records the download (rule 5) and serves it as an attachment that the browser may not sniff."""

from django.shortcuts import get_object_or_404
from django.views import View

from radsafe.core.files import document_response
from radsafe.core.views import CapabilityRequiredMixin

from .models import Drill, EmergencyPlan


class DocumentDownloadView(CapabilityRequiredMixin, View):
    capability = "readiness.view"
    http_method_names = ["get"]
    model = None

    def get(self, request, pk):
        row = get_object_or_404(self.model.objects.for_user(request.user), pk=pk)
        return document_response(user=request.user, obj=row, document=row.document)


class PlanDocumentView(DocumentDownloadView):
    model = EmergencyPlan


class DrillEvidenceView(DocumentDownloadView):
    model = Drill
