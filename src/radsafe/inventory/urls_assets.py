from django.urls import path

from . import views_assets as views
from . import views_autocomplete as pickers
from . import views_devices_sites as holdings

urlpatterns = [
    path("sources/", views.SourceListView.as_view(), name="source-list"),
    path(
        "sources/autocomplete/",
        pickers.SourceAutocompleteView.as_view(),
        name="source-autocomplete",
    ),
    path(
        "devices/autocomplete/",
        pickers.DeviceAutocompleteView.as_view(),
        name="device-autocomplete",
    ),
    path(
        "sites/autocomplete/",
        pickers.SiteAutocompleteView.as_view(),
        name="site-autocomplete",
    ),
    path("sources/new/", views.SourceCreateView.as_view(), name="source-create"),
    path("sources/export/", views.SourceExportView.as_view(), name="source-export"),
    path(
        "sources/category-changes/",
        views.CategoryChangeView.as_view(),
        name="category-changes",
    ),
    path("sources/<int:pk>/", views.SourceDetailView.as_view(), name="source-detail"),
    path("sources/<int:pk>/edit/", views.SourceEditView.as_view(), name="source-edit"),
    path("sources/<int:pk>/label/", views.SourceLabelView.as_view(), name="source-label"),
    path("devices/", holdings.DeviceListView.as_view(), name="device-list"),
    path("devices/new/", holdings.DeviceCreateView.as_view(), name="device-create"),
    path("devices/export/", holdings.DeviceExportView.as_view(), name="device-export"),
    path("devices/types/", holdings.DeviceTypeListView.as_view(), name="device-type-list"),
    path("devices/types/new/", holdings.DeviceTypeCreateView.as_view(), name="device-type-create"),
    path(
        "devices/types/<int:pk>/edit/",
        holdings.DeviceTypeEditView.as_view(),
        name="device-type-edit",
    ),
    path("devices/<int:pk>/", holdings.DeviceDetailView.as_view(), name="device-detail"),
    path("devices/<int:pk>/edit/", holdings.DeviceEditView.as_view(), name="device-edit"),
    path("sites/", holdings.SiteListView.as_view(), name="site-list"),
    path("sites/new/", holdings.SiteCreateView.as_view(), name="site-create"),
    path("sites/<int:pk>/", holdings.SiteDetailView.as_view(), name="site-detail"),
    path("sites/<int:pk>/edit/", holdings.SiteEditView.as_view(), name="site-edit"),
    path("nuclides/", views.NuclideListView.as_view(), name="nuclide-list"),
    path("nuclides/<int:pk>/edit/", views.NuclideEditView.as_view(), name="nuclide-edit"),
    path("high-risk/", views.HighRiskView.as_view(), name="high-risk"),
]
