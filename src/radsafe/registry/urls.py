from django.urls import include, path

from . import views

app_name = "registry"

urlpatterns = [
    path("units/", views.UnitListView.as_view(), name="unit-list"),
    path("import/", include("radsafe.registry.import_urls")),
]
