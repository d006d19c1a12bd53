"""Serializer bases every app's API shares."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

VERSION_REQUIRED = _("修改时必须提供版本号 version（即读取时得到的 version）。")


class VersionedSerializer(serializers.ModelSerializer):
    """`version` is what the client read; an update must send it back (optimistic locking)."""

    version = serializers.IntegerField(
        label=_("版本号"), min_value=1, required=False, help_text=_("修改时必填：读取时的版本号。")
    )

    def validate(self, attrs):
        if self.instance is not None and attrs.get("version") is None:
            raise serializers.ValidationError({"version": [VERSION_REQUIRED]})
        return attrs
