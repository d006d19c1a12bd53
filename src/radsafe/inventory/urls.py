from django.urls import include, path

from radsafe.inventory.views import assets, autocomplete, register

app_name = "inventory"

urlpatterns = [
    path("sources/", assets.SourceListView.as_view(), name="source-list"),
    path(
        "sources/autocomplete/",
        autocomplete.SourceAutocompleteView.as_view(),
        name="source-autocomplete",
    ),
    path(
        "devices/autocomplete/",
        autocomplete.DeviceAutocompleteView.as_view(),
        name="device-autocomplete",
    ),
    path(
        "sites/autocomplete/",
        autocomplete.SiteAutocompleteView.as_view(),
        name="site-autocomplete",
    ),
    path("sources/new/", assets.SourceCreateView.as_view(), name="source-create"),
    path("sources/export/", assets.SourceExportView.as_view(), name="source-export"),
    path(
        "sources/category-changes/",
        assets.CategoryChangeView.as_view(),
        name="category-changes",
    ),
    path("sources/<int:pk>/", assets.SourceDetailView.as_view(), name="source-detail"),
    path("sources/<int:pk>/edit/", assets.SourceEditView.as_view(), name="source-edit"),
    path("sources/<int:pk>/label/", assets.SourceLabelView.as_view(), name="source-label"),
    path("devices/", assets.DeviceListView.as_view(), name="device-list"),
    path("devices/new/", assets.DeviceCreateView.as_view(), name="device-create"),
    path("devices/export/", assets.DeviceExportView.as_view(), name="device-export"),
    path("devices/types/", assets.DeviceTypeListView.as_view(), name="device-type-list"),
    path("devices/types/new/", assets.DeviceTypeCreateView.as_view(), name="device-type-create"),
    path(
        "devices/types/<int:pk>/edit/",
        assets.DeviceTypeEditView.as_view(),
        name="device-type-edit",
    ),
    path("devices/<int:pk>/", assets.DeviceDetailView.as_view(), name="device-detail"),
    path("devices/<int:pk>/edit/", assets.DeviceEditView.as_view(), name="device-edit"),
    path("sites/", assets.SiteListView.as_view(), name="site-list"),
    path("sites/new/", assets.SiteCreateView.as_view(), name="site-create"),
    path("sites/<int:pk>/", assets.SiteDetailView.as_view(), name="site-detail"),
    path("sites/<int:pk>/edit/", assets.SiteEditView.as_view(), name="site-edit"),
    path("nuclides/", assets.NuclideListView.as_view(), name="nuclide-list"),
    path("nuclides/<int:pk>/edit/", assets.NuclideEditView.as_view(), name="nuclide-edit"),
    path("high-risk/", assets.HighRiskView.as_view(), name="high-risk"),
    path("movements/", register.MovementListView.as_view(), name="movement-list"),
    path("movements/export/", register.MovementExportView.as_view(), name="movement-export"),
    path("sources/<int:pk>/checkout/", register.CheckOutView.as_view(), name="source-checkout"),
    path("sources/<int:pk>/return/", register.ReturnView.as_view(), name="source-return"),
    path("sources/<int:pk>/status/", register.StatusView.as_view(), name="source-status"),
    path("sites/<int:pk>/count/", register.CountCreateView.as_view(), name="count-create"),
    path(
        "reconciliation/unit/<int:pk>/",
        register.UnitReconciliationView.as_view(),
        name="unit-reconciliation",
    ),
    path(
        "reconciliation/site/<int:pk>/",
        register.SiteReconciliationView.as_view(),
        name="site-reconciliation",
    ),
    path("offsite/", register.OffsiteListView.as_view(), name="offsite-list"),
    path("offsite/new/", register.OffsiteCreateView.as_view(), name="offsite-create"),
    path("offsite/<int:pk>/edit/", register.OffsiteEditView.as_view(), name="offsite-edit"),
    path("transfers/", register.TransferListView.as_view(), name="transfer-list"),
    path("transfers/new/", register.TransferCreateView.as_view(), name="transfer-create"),
    path("incidents/", register.IncidentListView.as_view(), name="incident-list"),
    path("incidents/<int:pk>/", register.IncidentDetailView.as_view(), name="incident-detail"),
    path("incidents/<int:pk>/close/", register.IncidentCloseView.as_view(), name="incident-close"),
    path("import/", include("radsafe.inventory.imports.specs")),
]
