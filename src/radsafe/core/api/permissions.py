from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from radsafe.core.audit import audit_record
from radsafe.core.permissions import has_capability

MUST_CHANGE_PASSWORD = _("请先登录网页修改初始密码。")


def _required_capability(request, view) -> str | None:
    capabilities = getattr(view, "required_capabilities", {})
    action = getattr(view, "action", None)
    if request.method == "OPTIONS":
        return capabilities.get("list")
    if action == "metadata":
        # DRF's OPTIONS handler asks, method by method, what the caller could do: answer with the
        # capability of the action that method maps to.
        return capabilities.get(getattr(view, "action_map", {}).get(request.method.lower()))
    return capabilities.get(action)


class HasCapability(BasePermission):
    """Fail closed: a viewset must name the capability for each action in `required_capabilities`
    (action → capability); an action it does not name is refused.

    A user who must change the password is refused here too: the page middleware cannot see a
    token-authenticated user (DRF authenticates later), and a token issued before a reset would
    otherwise keep working."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        capability = _required_capability(request, view)
        allowed = capability is not None and has_capability(user, capability)
        if allowed and user.must_change_password and not user.is_demo:
            self.message = MUST_CHANGE_PASSWORD
            allowed = False
        probing = getattr(view, "action", None) == "metadata" and request.method != "OPTIONS"
        if not allowed and not probing and user and user.is_authenticated:
            audit_record(
                actor=user,
                action="permission.denied",
                object_type="api",
                object_repr=request.path[:200],
            )
        return allowed
