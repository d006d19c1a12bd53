from radsafe.core.imports import import_urlpatterns

from .import_views import UNIT_IMPORT

urlpatterns = import_urlpatterns(UNIT_IMPORT)
