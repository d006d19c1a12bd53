from django.urls import include, path

from radsafe.personnel.views import doses, exports, workers

app_name = "personnel"

urlpatterns = [
    path("workers/", workers.WorkerListView.as_view(), name="worker-list"),
    path("workers/new/", workers.WorkerCreateView.as_view(), name="worker-create"),
    path("workers/export/", exports.WorkerExportView.as_view(), name="worker-export"),
    path("workers/<int:pk>/", workers.WorkerDetailView.as_view(), name="worker-detail"),
    path("workers/<int:pk>/edit/", workers.WorkerEditView.as_view(), name="worker-edit"),
    path("workers/<int:pk>/unmask/", workers.WorkerUnmaskView.as_view(), name="worker-unmask"),
    path(
        "workers/<int:pk>/trainings/new/",
        workers.TrainingCreateView.as_view(),
        name="training-create",
    ),
    path("trainings/<int:pk>/edit/", workers.TrainingEditView.as_view(), name="training-edit"),
    path("trainings/expiring/", workers.TrainingExpiringView.as_view(), name="training-expiring"),
    path("unlicensed/", workers.UnlicensedView.as_view(), name="unlicensed"),
    path("import/", include("radsafe.personnel.imports.specs")),
    path("doses/", doses.DoseListView.as_view(), name="dose-list"),
    path("doses/flags/", doses.DoseFlagsView.as_view(), name="dose-flags"),
    path("doses/export/", exports.DoseExportView.as_view(), name="dose-export"),
    path("doses/<int:pk>/edit/", doses.DoseEditView.as_view(), name="dose-edit"),
    path("workers/<int:pk>/doses/new/", doses.DoseCreateView.as_view(), name="dose-create"),
    path(
        "workers/<int:pk>/doses/explain/",
        doses.DoseExplainView.as_view(),
        name="dose-explain",
    ),
]
