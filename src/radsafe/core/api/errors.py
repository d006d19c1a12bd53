"""Services raise Django's ValidationError (they serve forms, imports and the API alike); the API
must answer those as 400 with the same field keys, and a stale edit as 409, never as a 500."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.settings import api_settings

from radsafe.core.versioning import STALE_MESSAGE, StaleEditError


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = STALE_MESSAGE
    default_code = "stale"


def to_api_error(error: DjangoValidationError) -> APIException:
    if isinstance(error, StaleEditError):
        return Conflict()
    if hasattr(error, "error_dict"):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else key): messages
            for key, messages in error.message_dict.items()
        }
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return serializers.ValidationError(detail)


@contextmanager
def service_errors() -> Iterator[None]:
    """Wrap a service call made from a serializer or a view."""
    try:
        yield
    except DjangoValidationError as error:
        raise to_api_error(error) from error
