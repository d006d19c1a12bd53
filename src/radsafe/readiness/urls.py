from django.urls import path

from radsafe.readiness import views

app_name = "readiness"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("export/", views.OverviewExportView.as_view(), name="overview-export"),
    path("units/<int:pk>/", views.UnitReadinessView.as_view(), name="unit"),
    path("plans/new/", views.PlanFormView.as_view(), name="plan-create"),
    path("plans/<int:pk>/edit/", views.PlanFormView.as_view(), name="plan-edit"),
    path(
        "plans/<int:pk>/document/",
        views.PlanDocumentView.as_view(),
        name="plan-document",
    ),
    path("supplies/new/", views.SupplyFormView.as_view(), name="supply-create"),
    path("supplies/<int:pk>/edit/", views.SupplyFormView.as_view(), name="supply-edit"),
    path("drills/", views.DrillListView.as_view(), name="drill-list"),
    path("drills/export/", views.DrillExportView.as_view(), name="drill-export"),
    path("drills/new/", views.DrillFormView.as_view(), name="drill-create"),
    path("drills/<int:pk>/edit/", views.DrillFormView.as_view(), name="drill-edit"),
    path(
        "drills/<int:pk>/evidence/",
        views.DrillEvidenceView.as_view(),
        name="drill-evidence",
    ),
    path("instruments/", views.InstrumentListView.as_view(), name="instrument-list"),
    path(
        "instruments/export/",
        views.InstrumentExportView.as_view(),
        name="instrument-export",
    ),
    path("instruments/new/", views.InstrumentFormView.as_view(), name="instrument-create"),
    path("instruments/<int:pk>/edit/", views.InstrumentFormView.as_view(), name="instrument-edit"),
    path("faults/", views.FaultListView.as_view(), name="fault-list"),
    path("faults/export/", views.FaultExportView.as_view(), name="fault-export"),
    path("faults/new/", views.FaultFormView.as_view(), name="fault-create"),
    path("faults/<int:pk>/edit/", views.FaultFormView.as_view(), name="fault-edit"),
]
