"""Excel exports of the readiness pages: each the list page's own filterset over its own selector
(core's ExportView), so a file holds exactly the rows, and the flags, the page shows this user."""

from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.export_views import ExportView

from . import selectors
from .exports import drill_export, fault_export, instrument_export, overview_export
from .filtersets import DrillFilterSet, FaultFilterSet, InstrumentFilterSet, UnitReadinessFilterSet


class ReadinessExportView(ExportView):
    capability = "readiness.export"


class OverviewExportView(ReadinessExportView):
    filterset_class = UnitReadinessFilterSet
    list_url_name = "readiness:overview"
    export = staticmethod(overview_export)

    def selector(self, user):
        # The page's selector (its flags), plus the two names the file adds to each row.
        today = timezone.localdate()
        units = selectors.unit_readiness_list(user=user, today=today)
        return units.select_related("jurisdiction", "squad")

    @property
    def file_title(self):
        return _("应急准备情况")


class DrillExportView(ReadinessExportView):
    filterset_class = DrillFilterSet
    list_url_name = "readiness:drill-list"
    selector = staticmethod(selectors.drill_list)
    export = staticmethod(drill_export)

    @property
    def file_title(self):
        return _("应急演练与培训")


class InstrumentExportView(ReadinessExportView):
    filterset_class = InstrumentFilterSet
    list_url_name = "readiness:instrument-list"
    selector = staticmethod(selectors.instrument_list)
    export = staticmethod(instrument_export)

    @property
    def file_title(self):
        return _("监测仪器")


class FaultExportView(ReadinessExportView):
    filterset_class = FaultFilterSet
    list_url_name = "readiness:fault-list"
    selector = staticmethod(selectors.fault_list)
    export = staticmethod(fault_export)

    @property
    def file_title(self):
        return _("设备故障")
