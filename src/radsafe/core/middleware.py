import time
import uuid

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .context import RequestContext, client_ip, current_request

SESSION_STARTED = "radsafe_session_started"
SESSION_LAST_SEEN = "radsafe_last_seen"


class RequestContextMiddleware:
    """Gives every request an id (echoed as X-Request-ID) and makes it and the client IP available
    to the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-ID", "")[:36] or str(uuid.uuid4())
        request.request_id = request_id
        token = current_request.set(RequestContext(request_id=request_id, ip=client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response["X-Request-ID"] = request_id
        return response


class SessionLifetimeMiddleware:
    """等保 2.0 session limits: logged out after RADSAFE_SESSION_IDLE_SECONDS without a request, and
    after RADSAFE_SESSION_ABSOLUTE_SECONDS whatever the activity. Enforced on the server from
    timestamps in the session, so a client that keeps its cookie gains nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            started = request.session.setdefault(SESSION_STARTED, now)
            last_seen = request.session.get(SESSION_LAST_SEEN, now)
            idle = now - last_seen > settings.RADSAFE_SESSION_IDLE_SECONDS
            expired = now - started > settings.RADSAFE_SESSION_ABSOLUTE_SECONDS
            if idle or expired:
                from .auth_events import record_session_expiry

                record_session_expiry(user, "idle" if idle else "absolute")
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                from django.contrib import messages

                response = redirect(f"{reverse('login')}?next={request.path}")
                messages.info(request, _("会话已超时，请重新登录。"))
                return response
            request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """A user whose password was set by someone else (a new account, a reset) must choose their own
    before doing anything else."""

    allowed_names = ("password_change", "logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_change_password
            and not user.is_demo
            and not request.path.startswith(settings.STATIC_URL)
        ):
            allowed = {reverse(name) for name in self.allowed_names}
            if request.path not in allowed:
                if request.path.startswith("/api/"):
                    from django.http import JsonResponse

                    return JsonResponse({"detail": _("请先修改初始密码。")}, status=403)
                return redirect("password_change")
        return self.get_response(request)
