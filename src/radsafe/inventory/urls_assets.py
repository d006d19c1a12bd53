from django.urls import path

from .placeholder_views import Placeholder

urlpatterns = [
    path("sources/", Placeholder.as_view(), name="source-list"),
    path("sources/<int:pk>/", Placeholder.as_view(), name="source-detail"),
]
