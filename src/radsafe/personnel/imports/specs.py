from radsafe.core.imports import import_urlpatterns
from radsafe.personnel.imports.doses import DOSE_IMPORT
from radsafe.personnel.imports.workers import WORKER_IMPORT

urlpatterns = [
    *import_urlpatterns(DOSE_IMPORT, "doses/"),
    *import_urlpatterns(WORKER_IMPORT, "workers/"),
]
