from django.urls import include, path

from . import views, views_doses, views_exports

app_name = "personnel"

urlpatterns = [
    path("workers/", views.WorkerListView.as_view(), name="worker-list"),
    path("workers/new/", views.WorkerCreateView.as_view(), name="worker-create"),
    path("workers/export/", views_exports.WorkerExportView.as_view(), name="worker-export"),
    path("workers/<int:pk>/", views.WorkerDetailView.as_view(), name="worker-detail"),
    path("workers/<int:pk>/edit/", views.WorkerEditView.as_view(), name="worker-edit"),
    path("workers/<int:pk>/unmask/", views.WorkerUnmaskView.as_view(), name="worker-unmask"),
    path(
        "workers/<int:pk>/trainings/new/",
        views.TrainingCreateView.as_view(),
        name="training-create",
    ),
    path("trainings/<int:pk>/edit/", views.TrainingEditView.as_view(), name="training-edit"),
    path("trainings/expiring/", views.TrainingExpiringView.as_view(), name="training-expiring"),
    path("unlicensed/", views.UnlicensedView.as_view(), name="unlicensed"),
    path("import/", include("radsafe.personnel.import_urls")),
    path("doses/", views_doses.DoseListView.as_view(), name="dose-list"),
    path("doses/flags/", views_doses.DoseFlagsView.as_view(), name="dose-flags"),
    path("doses/export/", views_exports.DoseExportView.as_view(), name="dose-export"),
    path("doses/<int:pk>/edit/", views_doses.DoseEditView.as_view(), name="dose-edit"),
    path("workers/<int:pk>/doses/new/", views_doses.DoseCreateView.as_view(), name="dose-create"),
    path(
        "workers/<int:pk>/doses/explain/",
        views_doses.DoseExplainView.as_view(),
        name="dose-explain",
    ),
]
