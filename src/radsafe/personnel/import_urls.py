from radsafe.core.imports import import_urlpatterns

from .imports import DOSE_IMPORT

urlpatterns = import_urlpatterns(DOSE_IMPORT, "doses/")
