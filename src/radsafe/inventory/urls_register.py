from django.urls import path

from . import views_register as views

urlpatterns = [
    path("movements/", views.MovementListView.as_view(), name="movement-list"),
    path("movements/export/", views.MovementExportView.as_view(), name="movement-export"),
    path("sources/<int:pk>/checkout/", views.CheckOutView.as_view(), name="source-checkout"),
    path("sources/<int:pk>/return/", views.ReturnView.as_view(), name="source-return"),
    path("sources/<int:pk>/status/", views.StatusView.as_view(), name="source-status"),
    path("sites/<int:pk>/count/", views.CountCreateView.as_view(), name="count-create"),
    path(
        "reconciliation/unit/<int:pk>/",
        views.UnitReconciliationView.as_view(),
        name="unit-reconciliation",
    ),
    path(
        "reconciliation/site/<int:pk>/",
        views.SiteReconciliationView.as_view(),
        name="site-reconciliation",
    ),
    path("offsite/", views.OffsiteListView.as_view(), name="offsite-list"),
    path("offsite/new/", views.OffsiteCreateView.as_view(), name="offsite-create"),
    path("offsite/<int:pk>/edit/", views.OffsiteEditView.as_view(), name="offsite-edit"),
    path("transfers/", views.TransferListView.as_view(), name="transfer-list"),
    path("transfers/new/", views.TransferCreateView.as_view(), name="transfer-create"),
    path("incidents/", views.IncidentListView.as_view(), name="incident-list"),
    path("incidents/<int:pk>/", views.IncidentDetailView.as_view(), name="incident-detail"),
    path("incidents/<int:pk>/close/", views.IncidentCloseView.as_view(), name="incident-close"),
]
