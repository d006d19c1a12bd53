from django.urls import path

from radsafe.core.imports.job_views import ImportJobProgressView, ImportJobRerunView, ImportJobView

app_name = "imports"
urlpatterns = [
    path("jobs/<int:pk>/", ImportJobView.as_view(), name="job"),
    path("jobs/<int:pk>/progress/", ImportJobProgressView.as_view(), name="job-progress"),
    path("jobs/<int:pk>/rerun/", ImportJobRerunView.as_view(), name="job-rerun"),
]
