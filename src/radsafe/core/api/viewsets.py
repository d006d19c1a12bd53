from collections.abc import Callable

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
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


class WriteViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and edit; nothing in the registry is deleted (statuses record endings)."""


def crud_capabilities(*, view: str, change: str, create: str | None = None, **actions: str):
    """The capability map of a viewset that reads, creates and edits: `view` for reading, `change`
    for editing (and creating, unless `create` names another), plus any extra actions."""
    return {
        "list": view,
        "retrieve": view,
        "create": create or change,
        "update": change,
        "partial_update": change,
        **actions,
    }


def crud_schema(noun: str, *, create: str | None = None, **extra):
    """The schema texts of a read/create/edit viewset, from the noun the API documents
    (单位, 放射源); `create` overrides the create summary, `extra` adds or replaces per action."""
    summaries = {
        "list": extend_schema(summary=f"{noun}列表"),
        "retrieve": extend_schema(summary=f"{noun}详情"),
        "create": extend_schema(summary=create or f"登记{noun}"),
        "update": extend_schema(summary=f"修改{noun}（须提供 version）"),
        "partial_update": extend_schema(summary=f"部分修改{noun}（须提供 version）"),
    }
    return extend_schema_view(**{**summaries, **extra})
