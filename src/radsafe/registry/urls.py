from django.urls import include, path

from radsafe.registry import views

app_name = "registry"

urlpatterns = [
    path("units/", views.UnitListView.as_view(), name="unit-list"),
    path("units/export/", views.UnitExportView.as_view(), name="unit-export"),
    path(
        "units/autocomplete/",
        views.UnitAutocompleteView.as_view(),
        name="unit-autocomplete",
    ),
    path("units/new/", views.UnitCreateView.as_view(), name="unit-create"),
    path("units/<int:pk>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("units/<int:pk>/edit/", views.UnitEditView.as_view(), name="unit-edit"),
    path("units/<int:pk>/status/", views.UnitStatusView.as_view(), name="unit-status"),
    path(
        "units/<int:pk>/licences/new/",
        views.LicenceCreateView.as_view(),
        name="licence-create",
    ),
    path("licences/", views.LicenceListView.as_view(), name="licence-list"),
    path("licences/<int:pk>/edit/", views.LicenceEditView.as_view(), name="licence-edit"),
    path("import/", include("radsafe.registry.imports.specs")),
]
