"""Temporary stand-ins for pages another engineer is building right now, so links between the two
halves of the inventory resolve. Each is replaced by the real view in its own module."""

from django.views.generic import TemplateView

from radsafe.core.views import CapabilityRequiredMixin


class Placeholder(CapabilityRequiredMixin, TemplateView):
    template_name = "core/placeholder.html"
    capability = "inventory.view"
