from django.urls import path

from . import views

app_name = "readiness"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("units/<int:pk>/", views.UnitReadinessView.as_view(), name="unit"),
    path("plans/new/", views.PlanFormView.as_view(), name="plan-create"),
    path("plans/<int:pk>/edit/", views.PlanFormView.as_view(), name="plan-edit"),
    path("supplies/new/", views.SupplyFormView.as_view(), name="supply-create"),
    path("supplies/<int:pk>/edit/", views.SupplyFormView.as_view(), name="supply-edit"),
    path("drills/", views.DrillListView.as_view(), name="drill-list"),
    path("drills/new/", views.DrillFormView.as_view(), name="drill-create"),
    path("drills/<int:pk>/edit/", views.DrillFormView.as_view(), name="drill-edit"),
    path("instruments/", views.InstrumentListView.as_view(), name="instrument-list"),
    path("instruments/new/", views.InstrumentFormView.as_view(), name="instrument-create"),
    path("instruments/<int:pk>/edit/", views.InstrumentFormView.as_view(), name="instrument-edit"),
    path("faults/", views.FaultListView.as_view(), name="fault-list"),
    path("faults/new/", views.FaultFormView.as_view(), name="fault-create"),
    path("faults/<int:pk>/edit/", views.FaultFormView.as_view(), name="fault-edit"),
]
