"""Role → capability table: what each functional role may *do*. Which rows it sees is the data
scope's business (`scoping.py`). One table, so the permission matrix test can read it whole."""

from .choices import Role

R = Role
VIEWERS = {R.BUREAU_LEAD, R.INSPECTOR, R.UNIT_OFFICER, R.OVERSIGHT}
BUREAU_STAFF = {R.BUREAU_LEAD, R.INSPECTOR}

CAPABILITIES: dict[str, frozenset[str]] = {
    "home.view": frozenset(Role.values),
    "unit.view": frozenset(VIEWERS),
    "unit.export": frozenset(VIEWERS),
    "unit.create": frozenset(BUREAU_STAFF),
    "unit.change": frozenset(BUREAU_STAFF),
    "unit.change_status": frozenset(BUREAU_STAFF),
    "unit.import": frozenset(BUREAU_STAFF),
    "licence.view": frozenset(VIEWERS),
    "licence.change": frozenset(BUREAU_STAFF | {R.UNIT_OFFICER}),
    "audit.view": frozenset({R.AUDITOR}),
    "account.view": frozenset({R.SYSADMIN, R.SECADMIN}),
    "account.unlock": frozenset({R.SECADMIN}),
}


def has_capability(user, capability: str) -> bool:
    if capability not in CAPABILITIES:
        raise KeyError(f"Unknown capability {capability!r}: add it to CAPABILITIES.")
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.role in CAPABILITIES[capability]
    )
