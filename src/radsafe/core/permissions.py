"""Role → capability table: what each functional role may *do*. Which rows it sees is the data
scope's business (`scoping.py`). One table, so the permission matrix test can read it whole."""

from radsafe.core.choices import Role

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
    # Inventory (issue 3): units keep their own inventory and register; the bureau lead may
    # correct it; inspectors read their squad's and may record a physical count on site.
    "inventory.view": frozenset(VIEWERS),
    "inventory.export": frozenset(VIEWERS),
    "inventory.change": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "inventory.import": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "movement.record": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "count.record": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD, R.INSPECTOR}),
    "transfer.create": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "incident.view": frozenset(VIEWERS),
    "incident.close": frozenset(BUREAU_STAFF),
    "highrisk.view": frozenset({R.BUREAU_LEAD, R.INSPECTOR, R.OVERSIGHT}),
    "nuclide.view": frozenset(VIEWERS | {R.SYSADMIN}),
    "nuclide.change": frozenset({R.SYSADMIN}),
    # Other reference lists (ray-device types); read with "nuclide.view".
    "reference.change": frozenset({R.SYSADMIN}),
    # Emergency readiness and equipment (issue 4 §4–§5): units keep their own plan, supplies,
    # drills, instruments and faults; the bureau lead may correct them; all viewers read.
    "readiness.view": frozenset(VIEWERS),
    "readiness.change": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "readiness.export": frozenset(VIEWERS),
    "audit.view": frozenset({R.AUDITOR}),
    "account.view": frozenset({R.SYSADMIN, R.SECADMIN}),
    "account.unlock": frozenset({R.SECADMIN}),
    # Personnel (issue 4 §1–§2): units keep their workers and assessment results, the bureau lead
    # may correct them; only the bureau lead may see a clear ID number (each time audited).
    "worker.view": frozenset(VIEWERS),
    "worker.change": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "worker.unmask": frozenset({R.BUREAU_LEAD}),
    "worker.export": frozenset(VIEWERS),
    # Personal dose (issue 4 §3): units record their workers' doses and explain flags; the bureau
    # lead may too; all viewers read.
    "dose.view": frozenset(VIEWERS),
    "dose.change": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "dose.explain": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "dose.export": frozenset(VIEWERS),
    # The dosimetry service's quarterly file, imported by the unit (or the bureau lead for it).
    "dose.import": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
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
