"""The inventory's workflows: a sealed source's status and the register's steps on it, a radiation
incident's, and a ray device's (design.md rule 3; the machinery is `core/workflows.py`).

Sealed source (`Source.status`, the projection of its register events). Every step needs
`movement.record` (the unit officer, the bureau lead) except 转让, which needs `transfer.create`:

    出库      from 在用、贮存、闲置; not while out already
    归还入库  from 在用、贮存、闲置、丢失、被盗、失控; only while out
    转让      from 在用、贮存、闲置、废旧待送贮; not while out
    状态变更  在用、贮存、闲置、废旧待送贮 → one another, 已送贮、已返回生产单位、丢失、被盗、失控;
              丢失、被盗、失控 → 在用、贮存、闲置、废旧待送贮 (found again);
              while out, only → 丢失、被盗、失控
    已送贮、已返回生产单位、已转让: nothing further (the source has left the unit for good).

A 废旧待送贮 source is not checked out: it waits for 送贮 or return to its maker (31号令).

Radiation incident: 处置中 → 结案 (`incident.close`: the bureau, never the unit that reported it).
Ray device: 在用 ↔ 停用; both → 报废、已转让; 报废 and 已转让 are final (`inventory.change`).

The services enforce these (`require_*` before they write, the `*_refusal` checks under the row
lock); the source page shows a button exactly when `source_actions` says so, and the forms and the
API refuse with the same Chinese messages, which live here."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from radsafe.core import workflows
from radsafe.inventory.choices import (
    HELD_STATUSES,
    INCIDENT_STATUSES,
    DeviceStatus,
    IncidentStatus,
    SourceStatus,
)

S = SourceStatus

# --- sealed sources ------------------------------------------------------------------------------

CHECK_OUT = "check_out"
RETURN = "return"
TRANSFER = "transfer"

HELD = tuple(s for s in S if s in HELD_STATUSES)  # 在用、贮存、闲置、废旧待送贮
IN_SERVICE = tuple(s for s in HELD if s != S.DISUSED)  # what may leave its store for work
INCIDENTS = tuple(s for s in S if s in INCIDENT_STATUSES)  # 丢失、被盗、失控
LEAVING = (S.SENT_FOR_STORAGE, S.RETURNED)  # by a status change; 已转让 only by a transfer

_STATUS_TARGETS: dict[str, tuple[str, ...]] = {
    **{held: tuple(t for t in (*HELD, *LEAVING, *INCIDENTS) if t != held) for held in HELD},
    **{incident: HELD for incident in INCIDENTS},
}
# (from status, step) → capability; a step is an action name or, for a status change, the target.
TRANSITIONS: dict[tuple[str, str], str] = workflows.check_table(
    {
        **{(str(s), CHECK_OUT): "movement.record" for s in IN_SERVICE},
        **{(str(s), RETURN): "movement.record" for s in (*IN_SERVICE, *INCIDENTS)},
        **{(str(s), TRANSFER): "transfer.create" for s in HELD},
        **{
            (str(old), str(new)): "movement.record"
            for old, targets in _STATUS_TARGETS.items()
            for new in targets
        },
    }
)


def _status_label(source) -> str:
    return S(source.status).label


def check_out_refusal(source) -> ValidationError | None:
    """Why `source` cannot be checked out now (the page, the form, the API and the import all
    show these words), or None."""
    if source.is_checked_out:
        return ValidationError(_("该放射源已出库，尚未归还。"), code="checked_out")
    if not workflows.allows(TRANSITIONS, source.status, CHECK_OUT):
        return ValidationError(
            _("状态为“%(status)s”的放射源不能出库。") % {"status": _status_label(source)},
            code="status",
        )
    return None


def return_refusal(source) -> ValidationError | None:
    if not source.is_checked_out:
        return ValidationError(_("该放射源没有未归还的出库记录。"), code="not_checked_out")
    if not workflows.allows(TRANSITIONS, source.status, RETURN):
        return ValidationError(
            _("状态为“%(status)s”的放射源不能归还入库。") % {"status": _status_label(source)},
            code="status",
        )
    return None


def transfer_refusal(source) -> ValidationError | None:
    if source.is_checked_out:
        return ValidationError(_("该放射源已出库，请先归还入库后再转让。"), code="checked_out")
    if not workflows.allows(TRANSITIONS, source.status, TRANSFER):
        return ValidationError(
            _("状态为“%(status)s”的放射源不能转让。") % {"status": _status_label(source)},
            code="status",
        )
    return None


def _to_status_error(message: str, code: str) -> ValidationError:
    return ValidationError({"to_status": ValidationError(message, code=code)})


def status_change_refusal(source, to: str | None = None) -> ValidationError | None:
    """Why the source's status cannot change to `to` (with `to=None`: cannot change at all)."""
    if to is None:
        if _status_targets(source):
            return None
        if source.is_checked_out:
            return _to_status_error(_("该放射源已出库，请先归还入库后再变更状态。"), "checked_out")
        return _to_status_error(
            _("状态为“%(status)s”的放射源已离开本单位，不能再变更状态。")
            % {"status": _status_label(source)},
            "final",
        )
    if to not in S.values:
        return _to_status_error(_("未知的放射源状态。"), "unknown")
    if to == S.TRANSFERRED:
        return _to_status_error(_("转让请通过“转让登记”办理。"), "transfer")
    if to == source.status:
        return _to_status_error(_("新状态与当前状态相同。"), "same")
    if not workflows.allows(TRANSITIONS, source.status, to):
        return _to_status_error(
            _("放射源不能从“%(old)s”变更为“%(new)s”。")
            % {"old": _status_label(source), "new": S(to).label},
            "transition",
        )
    if source.is_checked_out and to not in INCIDENT_STATUSES:
        return _to_status_error(_("该放射源已出库，请先归还入库后再变更状态。"), "checked_out")
    return None


def _status_targets(source, user=None) -> list[str]:
    targets = [
        step
        for step in workflows.steps(TRANSITIONS, source.status, user)
        if step not in (CHECK_OUT, RETURN, TRANSFER)
    ]
    if source.is_checked_out:
        targets = [t for t in targets if t in INCIDENT_STATUSES]
    return targets


def allowed_status_targets(source, user=None) -> list[SourceStatus]:
    """The statuses `user` may give the source now (all the table allows when user is None),
    in the order of SourceStatus."""
    targets = set(_status_targets(source, user))
    return [status for status in S if status in targets]


def can_check_out(source, user=None) -> bool:
    return check_out_refusal(source) is None and workflows.allows(
        TRANSITIONS, source.status, CHECK_OUT, user
    )


def can_return(source, user=None) -> bool:
    return return_refusal(source) is None and workflows.allows(
        TRANSITIONS, source.status, RETURN, user
    )


def can_transfer(source, user=None) -> bool:
    return transfer_refusal(source) is None and workflows.allows(
        TRANSITIONS, source.status, TRANSFER, user
    )


def can_change_status(source, to: str | None = None, user=None) -> bool:
    """`to=None`: may `user` change the source's status at all (the page's button)."""
    if to is None:
        return bool(allowed_status_targets(source, user))
    return status_change_refusal(source, to) is None and workflows.allows(
        TRANSITIONS, source.status, to, user
    )


def source_actions(source, user) -> dict[str, bool]:
    """Which of the register's buttons the source page shows `user`."""
    return {
        "check_out": can_check_out(source, user),
        "return": can_return(source, user),
        "change_status": can_change_status(source, user=user),
        "transfer": can_transfer(source, user),
    }


def _status_steps() -> tuple[str, ...]:
    return tuple(str(s) for s in S)


def require_check_out(actor, source) -> None:
    workflows.require_role(
        actor, TRANSITIONS, source.status, CHECK_OUT, action_steps=(CHECK_OUT,), obj=source
    )


def require_return(actor, source) -> None:
    workflows.require_role(
        actor, TRANSITIONS, source.status, RETURN, action_steps=(RETURN,), obj=source
    )


def require_transfer(actor, source) -> None:
    workflows.require_role(
        actor, TRANSITIONS, source.status, TRANSFER, action_steps=(TRANSFER,), obj=source
    )


def require_status_change(actor, source, to: str) -> None:
    workflows.require_role(
        actor, TRANSITIONS, source.status, str(to), action_steps=_status_steps(), obj=source
    )


# --- radiation incidents -------------------------------------------------------------------------

CLOSE = "close"
INCIDENT_TRANSITIONS: dict[tuple[str, str], str] = workflows.check_table(
    {(str(IncidentStatus.OPEN), CLOSE): "incident.close"}
)


def close_refusal(incident) -> ValidationError | None:
    if not workflows.allows(INCIDENT_TRANSITIONS, incident.status, CLOSE):
        return ValidationError(_("该事故已结案。"), code="closed")
    return None


def can_close_incident(incident, user=None) -> bool:
    return workflows.allows(INCIDENT_TRANSITIONS, incident.status, CLOSE, user)


def require_close(actor, incident) -> None:
    workflows.require_role(
        actor, INCIDENT_TRANSITIONS, incident.status, CLOSE, action_steps=(CLOSE,), obj=incident
    )


# --- ray devices ---------------------------------------------------------------------------------

D = DeviceStatus
_DEVICE_TARGETS: dict[str, tuple[str, ...]] = {
    D.IN_USE: (D.STOPPED, D.SCRAPPED, D.TRANSFERRED),
    D.STOPPED: (D.IN_USE, D.SCRAPPED, D.TRANSFERRED),
    D.SCRAPPED: (),
    D.TRANSFERRED: (),
}
DEVICE_TRANSITIONS: dict[tuple[str, str], str] = workflows.check_table(
    {
        (str(old), str(new)): "inventory.change"
        for old, targets in _DEVICE_TARGETS.items()
        for new in targets
    }
)


def device_status_refusal(old: str, new: str) -> ValidationError | None:
    """Why a device cannot go from `old` to `new` (a device's status is edited on its form)."""
    if new == old or workflows.allows(DEVICE_TRANSITIONS, old, new):
        return None
    return ValidationError(
        {
            "status": _("射线装置状态不能从“%(old)s”改为“%(new)s”。")
            % {"old": D(old).label, "new": D(new).label if new in D.values else new}
        }
    )


def allowed_device_statuses(device, user=None) -> list[DeviceStatus]:
    """The statuses a device's form offers: its own and those `user` may move it to."""
    targets = set(workflows.steps(DEVICE_TRANSITIONS, device.status, user))
    return [status for status in D if status == device.status or status in targets]


def require_device_status(actor, device, new: str) -> None:
    workflows.require_role(
        actor,
        DEVICE_TRANSITIONS,
        device.status,
        str(new),
        action_steps=tuple(str(d) for d in D),
        obj=device,
    )
