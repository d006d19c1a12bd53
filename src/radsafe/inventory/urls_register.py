from django.urls import path

from .placeholder_views import Placeholder

urlpatterns = [
    path("sources/<int:pk>/checkout/", Placeholder.as_view(), name="source-checkout"),
    path("sources/<int:pk>/return/", Placeholder.as_view(), name="source-return"),
    path("sources/<int:pk>/status/", Placeholder.as_view(), name="source-status"),
    path("transfers/new/", Placeholder.as_view(), name="transfer-create"),
    path("movements/", Placeholder.as_view(), name="movement-list"),
]
