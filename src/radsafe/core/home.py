"""What the home page shows, registered by each app at start-up so `core` names no app: a panel
is a context name, the capability that may see it and the selector that fills it."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    name: str
    capability: str
    provide: Callable[..., object]  # provide(user=...)


PANELS: list[Panel] = []


def add_panel(name: str, capability: str, provide: Callable[..., object]) -> None:
    PANELS.append(Panel(name, capability, provide))
