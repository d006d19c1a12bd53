"""Every `ImportSpec` by its key, so that a background job, which names its import by key, finds
the columns, the commit and the capability in a process that never served the preview.

Specs register themselves when they are built (`ImportSpec.__post_init__`), and every app keeps
its specs in `<app>/imports/specs.py` (the layout), so discovering those modules registers every
import without `core` naming an app."""

from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

if TYPE_CHECKING:
    from radsafe.core.imports.spec import ImportSpec

_SPECS: dict[str, "ImportSpec"] = {}


def register(spec: "ImportSpec") -> None:
    known = _SPECS.get(spec.key)
    if known is not None and known.url_name != spec.url_name:
        raise ImproperlyConfigured(
            f"Two imports share the key {spec.key!r}: {known.url_name} and {spec.url_name}"
        )
    _SPECS[spec.key] = spec


def _load_every_spec() -> None:
    autodiscover_modules("imports.specs")


def spec_for(key: str) -> "ImportSpec | None":
    if key not in _SPECS:
        _load_every_spec()
    return _SPECS.get(key)


def all_specs() -> list["ImportSpec"]:
    _load_every_spec()
    return list(_SPECS.values())


def import_capabilities() -> frozenset[str]:
    """The capabilities of every import: a user with none of them has no import job to see."""
    return frozenset(spec.capability for spec in all_specs())
