"""Role → capability table: what each functional role may *do*. Which rows it sees is the data
scope's business (`scoping.py`). One table, so the permission matrix test can read it whole."""

from django.core.exceptions import ImproperlyConfigured

from radsafe.core.choices import Role

R = Role
VIEWERS = {R.BUREAU_LEAD, R.INSPECTOR, R.UNIT_OFFICER, R.OVERSIGHT}
BUREAU_STAFF = {R.BUREAU_LEAD, R.INSPECTOR}

# Each app registers its own capabilities (`<app>/capabilities.py`, from its AppConfig.ready()), so
# `core` names no app; these are core's own. After start-up this is the one table of every role's
# capabilities, which the permission matrix test reads whole.
CAPABILITIES: dict[str, frozenset[str]] = {
    "home.view": frozenset(Role.values),
    "audit.view": frozenset({R.AUDITOR}),
    "account.view": frozenset({R.SYSADMIN, R.SECADMIN}),
    "account.unlock": frozenset({R.SECADMIN}),
    # Create, disable, enable, reset a password: the security administrator's alone (三权分立).
    "account.change": frozenset({R.SECADMIN}),
}


def register_capabilities(table: dict[str, frozenset[str]]) -> None:
    """Add an app's capabilities; a name registered twice is a programming error."""
    for name, roles in table.items():
        if name in CAPABILITIES:
            raise ImproperlyConfigured(f"Capability {name!r} is registered twice.")
        CAPABILITIES[name] = frozenset(roles)


def has_capability(user, capability: str) -> bool:
    if capability not in CAPABILITIES:
        raise KeyError(f"Unknown capability {capability!r}: add it to CAPABILITIES.")
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.role in CAPABILITIES[capability]
    )
