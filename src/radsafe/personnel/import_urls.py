from radsafe.core.imports import import_urlpatterns

from .imports import DOSE_IMPORT
from .imports_workers import WORKER_IMPORT

urlpatterns = [
    *import_urlpatterns(DOSE_IMPORT, "doses/"),
    *import_urlpatterns(WORKER_IMPORT, "workers/"),
]
