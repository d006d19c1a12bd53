"""Reading a unit import file: the generic checks of `radsafe.core.imports` with this import's
columns."""

from radsafe.core.imports import ImportSheet, SheetRow
from radsafe.core.imports import validate_upload as _validate_upload

from .columns import COLUMNS

__all__ = ["ImportSheet", "SheetRow", "validate_upload"]


def validate_upload(file) -> ImportSheet:
    """Check a Django `File` and read its rows; ValidationError with a Chinese message otherwise."""
    return _validate_upload(file, columns=COLUMNS)
