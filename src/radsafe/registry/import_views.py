from django.views.generic import TemplateView

from radsafe.core.views import CapabilityRequiredMixin


class UnitImportView(CapabilityRequiredMixin, TemplateView):
    capability = "unit.import"
    template_name = "core/placeholder.html"
