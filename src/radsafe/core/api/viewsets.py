from collections.abc import Callable

from django.db.models import QuerySet
from rest_framework.renderers import JSONRenderer


class ScopedViewSetMixin:
    """Rows come only from a selector built on `Model.objects.for_user`, so an object out of scope
    is a 404 and never appears in a list.

    JSON only: Swagger UI (/api/docs/) is the interactive client, and the browsable API's forms
    would preload every row a related field could point to."""

    renderer_classes = [JSONRenderer]
    selector: Callable[..., QuerySet]

    def get_queryset(self) -> QuerySet:
        return self.selector(user=self.request.user)
