"""The machinery every app's `workflows.py` shares (design.md rule 3).

An app's workflow is a plain dict, TRANSITIONS: (from status, to status or action) → the capability
of `core/permissions.py` whose roles may take that step. A step that is not in the table is not
possible from that status for anyone; the roles come from the one capability table, never from a
second list. Services ask `require_role` before they write and `allows` under their row lock;
pages, forms and the API ask the same table through the app's predicates, so a button shows
exactly when the service would accept the step.

Why a plain table and not django-fsm-2: the table is data that the services, the pages, the API
and the generated tests all read (fsm hides it in decorators on model methods and puts the write
in the model, against rule 1); our services check the state under `select_for_update`, and a
source's status is the projection of its register events, not a field set directly; fsm's
`permission=` would be a second table of roles beside CAPABILITIES; and a dict is one dependency
less."""

from collections.abc import Iterable, Mapping

from django.core.checks import Error, Tags, register
from django.core.exceptions import PermissionDenied
from django.utils.module_loading import autodiscover_modules

from radsafe.core.audit import audit_record
from radsafe.core.permissions import CAPABILITIES, has_capability

Transitions = Mapping[tuple[str, str], str]


TABLES: list[Transitions] = []


def check_table(table: Transitions) -> Transitions:
    """Keep the table for the system check that fails start-up (and `check`, and the tests) when
    a table names an unknown capability. Not checked here: a table is imported while the apps
    load, before each app has registered its capabilities."""
    TABLES.append(table)
    return table


@register(Tags.security)
def unknown_capabilities_check(app_configs=None, **kwargs) -> list[Error]:
    autodiscover_modules("workflows")  # every app's tables, whether or not a page has run yet
    unknown = {
        capability
        for table in TABLES
        for capability in table.values()
        if capability not in CAPABILITIES
    }
    if not unknown:
        return []
    return [
        Error(
            f"A workflow table names unknown capabilities: {sorted(unknown)}",
            hint="Register them in the app's capabilities.py.",
            id="radsafe.E001",
        )
    ]


def capability(table: Transitions, state: str, step: str) -> str | None:
    """The capability the step needs from that state; None when the table has no such step."""
    return table.get((str(state), str(step)))


def roles(table: Transitions, state: str, step: str) -> frozenset[str]:
    """The roles that may take the step from that state (empty when nobody may)."""
    needed = capability(table, state, step)
    return CAPABILITIES[needed] if needed else frozenset()


def allows(table: Transitions, state: str, step: str, user=None) -> bool:
    """The step exists from that state and, when a user is given, the user's role may take it.
    Without a user the answer is about the table alone (what the system may do)."""
    needed = capability(table, state, step)
    return needed is not None and (user is None or has_capability(user, needed))


def steps(table: Transitions, state: str, user=None) -> list[str]:
    """Every step the table allows from that state (to `user`), in the table's order."""
    state = str(state)
    return [
        step for (origin, step) in table if origin == state and allows(table, state, step, user)
    ]


def step_capabilities(table: Transitions, step_names: Iterable[str]) -> frozenset[str]:
    """Every capability the table names for any of these steps, from any state."""
    names = {str(name) for name in step_names}
    return frozenset(needed for (_origin, step), needed in table.items() if step in names)


def deny(actor, *, capability: str, obj=None) -> None:
    """Record the refusal as the pages do (`permission.denied`) and raise PermissionDenied. Called
    before the service opens its transaction, so the event is not rolled back with it."""
    if obj is not None:
        audit_record(actor=actor, action="permission.denied", obj=obj, after={"needs": capability})
    else:
        audit_record(
            actor=actor,
            action="permission.denied",
            object_type="service",
            object_repr=capability,
            after={"needs": capability},
        )
    raise PermissionDenied


def require_capability(actor, capability: str, *, obj=None) -> None:
    """The service's own capability check, whatever called it (page, API, import, command).
    `actor=None` is the system (the demo loader, fixtures): it is not checked here, as the
    services already treat None elsewhere (no scope check either); the tables still apply."""
    if actor is not None and not has_capability(actor, capability):
        deny(actor, capability=capability, obj=obj)


def require_role(
    actor, table: Transitions, state: str, step: str, *, action_steps: Iterable[str], obj=None
) -> None:
    """Before a service writes: an actor whose role may take none of the action's steps
    (`action_steps`, e.g. every target of a status change) is refused whatever the state; one who
    may take some is refused the step from this state when its capability is not the actor's.
    Whether the step exists from the state is the table check the service makes under its lock
    (a ValidationError with a Chinese message, the same for every role)."""
    if actor is None:
        return
    possible = step_capabilities(table, action_steps)
    if not any(has_capability(actor, needed) for needed in possible):
        deny(actor, capability="|".join(sorted(possible)), obj=obj)
    needed = capability(table, state, step)
    if needed is not None:
        require_capability(actor, needed, obj=obj)
