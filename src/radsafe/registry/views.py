from django.views.generic import TemplateView

from radsafe.core.views import CapabilityRequiredMixin


class UnitListView(CapabilityRequiredMixin, TemplateView):
    capability = "unit.view"
    template_name = "core/placeholder.html"
