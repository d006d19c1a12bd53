from radsafe.core.imports import import_urlpatterns

from .import_views import DEVICE_IMPORT, MOVEMENT_IMPORT, SOURCE_IMPORT

urlpatterns = [
    *import_urlpatterns(SOURCE_IMPORT, "sources/"),
    *import_urlpatterns(DEVICE_IMPORT, "devices/"),
    *import_urlpatterns(MOVEMENT_IMPORT, "movements/"),
]
