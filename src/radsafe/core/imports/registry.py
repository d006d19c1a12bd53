"""Every `ImportSpec` by its key, so that a background job, which names its import by key, finds
the columns, the commit and the capability in a process that never served the preview.

Specs register themselves when they are built (`ImportSpec.__post_init__`). Every import's pages
are mounted in the URLconf, so loading it imports every spec module: `core` names no app."""

from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

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
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every URLconf module, hence every spec)


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
