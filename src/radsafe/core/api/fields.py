"""Related fields that accept only what the requesting user may see (design.md rule 2): an id out
of scope reads exactly like one that does not exist, so the answer leaks nothing."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from radsafe.core.models import Jurisdiction

SCOPE_ERROR = _("对象不存在或不在您的数据范围内。")


def _request_user(field: serializers.Field):
    request = field.context.get("request")
    return getattr(request, "user", None)


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """Declare with `queryset=Model.objects.all()` for the model only: the rows offered are always
    `Model.objects.for_user(request.user)`, and nothing without a request."""

    default_error_messages = {
        "does_not_exist": SCOPE_ERROR,
        "incorrect_type": _("编号必须是整数。"),
    }

    def get_queryset(self) -> QuerySet:
        return self.queryset.model.objects.for_user(_request_user(self))


def jurisdictions_for_user(user) -> QuerySet[Jurisdiction]:
    """The user's own subtree plus the nodes above it: an inspector files a unit under his county
    bureau and his squad, and may name nothing outside that line."""
    path = getattr(user, "scope_path", "") if user is not None and user.is_authenticated else ""
    if not path:
        return Jurisdiction.objects.none()
    codes = [code for code in path.split("/") if code]
    ancestors = ["/" + "/".join(codes[:i]) + "/" for i in range(1, len(codes))]
    return Jurisdiction.objects.filter(Q(path__startswith=path) | Q(path__in=ancestors))


class ScopedJurisdictionField(serializers.PrimaryKeyRelatedField):
    default_error_messages = ScopedPrimaryKeyRelatedField.default_error_messages

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Jurisdiction.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Jurisdiction]:
        return jurisdictions_for_user(_request_user(self))


def refuse_owner_change(instance, attrs: dict, field: str, message) -> dict:
    """An edit may repeat the row's owner (its unit, its person), never change it: moving a row
    is a service of its own (a transfer) or not a thing at all, so the API says so on the field."""
    owner = attrs.get(field)
    if instance is not None and owner is not None and owner.pk != getattr(instance, f"{field}_id"):
        raise serializers.ValidationError({field: [message]})
    return attrs
