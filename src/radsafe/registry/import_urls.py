from django.urls import path

from . import import_views

urlpatterns = [
    path("", import_views.UnitImportView.as_view(), name="unit-import"),
    path("template/", import_views.UnitImportTemplateView.as_view(), name="unit-import-template"),
    path("commit/", import_views.UnitImportCommitView.as_view(), name="unit-import-commit"),
]
