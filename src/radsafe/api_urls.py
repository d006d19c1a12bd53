"""The REST API under /api/ (design.md: DRF + drf-spectacular). A SimpleRouter, not a
DefaultRouter: its browsable root would be one more endpoint outside the permission table."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from radsafe.core.api.token import TokenView
from radsafe.inventory.api import routes as inventory_routes
from radsafe.personnel.api import routes as personnel_routes
from radsafe.readiness.api import routes as readiness_routes
from radsafe.registry.api.views import LicenceViewSet, UnitViewSet

app_name = "api"

router = SimpleRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("licences", LicenceViewSet, basename="licence")
inventory_routes.register(router)
readiness_routes.register(router)
personnel_routes.register(router)

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
