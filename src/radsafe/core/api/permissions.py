from rest_framework.permissions import BasePermission

from ..audit import audit_record
from ..permissions import has_capability


class HasCapability(BasePermission):
    """Fail closed: a viewset must name the capability for each action in `required_capabilities`
    (action → capability); an action it does not name is refused."""

    def has_permission(self, request, view) -> bool:
        capability = getattr(view, "required_capabilities", {}).get(getattr(view, "action", None))
        if capability is None and request.method == "OPTIONS":
            capability = getattr(view, "required_capabilities", {}).get("list")
        allowed = capability is not None and has_capability(request.user, capability)
        if not allowed and request.user and request.user.is_authenticated:
            audit_record(
                actor=request.user,
                action="permission.denied",
                object_type="api",
                object_repr=request.path[:200],
            )
        return allowed
