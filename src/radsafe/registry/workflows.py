"""A unit's operating status (经营状态, requirements.md §1) and the changes a bureau records:

    正常      → 长期停产、重组、破产、倒闭、注销
    长期停产  → 正常 (work resumes)、重组、破产、倒闭、注销
    重组      → 正常 (restructuring done)、长期停产、破产、倒闭、注销
    破产      → 重组 (破产重整)、注销 (破产终结)
    倒闭      → 重组 (taken over)、破产、注销; a closed unit does not simply reopen
    注销      → nothing: struck off for good

Every step needs `unit.change_status` (bureau staff: they keep the registry). The service
`unit_change_status` enforces the table; the unit page shows 变更经营状态 only when some step is
allowed, and the status form offers only the allowed targets."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from radsafe.core import workflows
from radsafe.registry.choices import UnitStatus

S = UnitStatus
CHANGE = "unit.change_status"

_NEXT: dict[str, tuple[str, ...]] = {
    S.NORMAL: (S.SUSPENDED, S.RESTRUCTURING, S.BANKRUPT, S.CLOSED, S.DEREGISTERED),
    S.SUSPENDED: (S.NORMAL, S.RESTRUCTURING, S.BANKRUPT, S.CLOSED, S.DEREGISTERED),
    S.RESTRUCTURING: (S.NORMAL, S.SUSPENDED, S.BANKRUPT, S.CLOSED, S.DEREGISTERED),
    S.BANKRUPT: (S.RESTRUCTURING, S.DEREGISTERED),
    S.CLOSED: (S.RESTRUCTURING, S.BANKRUPT, S.DEREGISTERED),
    S.DEREGISTERED: (),
}
# (from, to) → capability: the roles are CAPABILITIES[capability] (core/permissions.py).
TRANSITIONS: dict[tuple[str, str], str] = workflows.check_table(
    {(str(old), str(new)): CHANGE for old, targets in _NEXT.items() for new in targets}
)


def status_change_refusal(unit, to: str | None = None) -> ValidationError | None:
    """Why the table refuses changing `unit`'s status to `to` (with `to=None`: refuses every
    change), in the words the service, the page and the API all use; None when the change is
    possible for someone. Who may is `require_role`'s business."""
    if to is not None and to == unit.status:
        same = ValidationError(_("新状态与当前状态相同。"), code="same")
        return ValidationError({"status": same})
    if not workflows.steps(TRANSITIONS, unit.status):
        message = _("经营状态为“%(old)s”的单位不能再变更经营状态。") % {"old": S(unit.status).label}
        return ValidationError({"status": ValidationError(message, code="final")})
    if to is not None and (str(unit.status), str(to)) not in TRANSITIONS:
        message = _("经营状态不能从“%(old)s”变更为“%(new)s”。") % {
            "old": S(unit.status).label,
            "new": S(to).label,
        }
        return ValidationError({"status": ValidationError(message, code="transition")})
    return None


def allowed_status_targets(unit, user=None) -> list[UnitStatus]:
    """The statuses `user` may move the unit to (all the table allows when user is None), in
    the order of UnitStatus."""
    targets = set(workflows.steps(TRANSITIONS, unit.status, user))
    return [status for status in S if status in targets]


def can_change_status(unit, to: str | None = None, user=None) -> bool:
    """`to=None`: may `user` change the unit's status at all (the page's button)."""
    if to is None:
        return bool(allowed_status_targets(unit, user))
    return workflows.allows(TRANSITIONS, unit.status, to, user)


def require_role(actor, unit, to: str) -> None:
    """The service's capability check (PermissionDenied, audited); the table is checked apart."""
    workflows.require_role(actor, TRANSITIONS, unit.status, to, action_steps=S.values, obj=unit)
