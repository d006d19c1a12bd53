from django.urls import path

from . import views

app_name = "personnel"

urlpatterns = [
    path("workers/", views.WorkerListView.as_view(), name="worker-list"),
    path("workers/new/", views.WorkerCreateView.as_view(), name="worker-create"),
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
]
