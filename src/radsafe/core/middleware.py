import re
import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.messages.storage import default_storage
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from radsafe.core.context import RequestContext, client_ip, current_request

SESSION_STARTED = "radsafe_session_started"
SESSION_LAST_SEEN = "radsafe_last_seen"
# A client-supplied X-Request-ID is kept only if it looks like an id: it lands in the audit log.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,36}$")


class RequestContextMiddleware:
    """Gives every request an id (echoed as X-Request-ID) and makes it and the client IP available
    to the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        supplied = request.headers.get("X-Request-ID", "")
        request_id = supplied if _REQUEST_ID.match(supplied) else str(uuid.uuid4())
        request.request_id = request_id
        token = current_request.set(RequestContext(request_id=request_id, ip=client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response["X-Request-ID"] = request_id
        return response


_PASSIVE = "radsafe_passive"


def mark_passive(request) -> None:
    """This request leaves the session as it found it (`SessionMiddleware`)."""
    setattr(request, _PASSIVE, True)


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that a request its view marks passive (`mark_passive`: the page of an
    import job and its progress polls) does not save the session. A page left open, polling,
    then does not keep its session alive past the idle limit; and on SQLite a poll never waits
    for the database's one write lock, which a running import holds for the length of its
    commit (a session is saved on every other request, SESSION_SAVE_EVERY_REQUEST)."""

    def process_response(self, request, response):
        if getattr(request, _PASSIVE, False):
            return response
        return super().process_response(request, response)


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
                from radsafe.core.auth_events import record_session_expiry

                record_session_expiry(user, "idle" if idle else "absolute")
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                return self._to_login(request)
            request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)

    @staticmethod
    def _to_login(request):
        """This middleware runs before MessageMiddleware has attached its storage, and returns
        before that middleware could save it, so the notice is stored here by hand."""
        login_url = redirect_to_login(request.get_full_path())["Location"]
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login_url
        else:
            response = redirect(login_url)
        storage = default_storage(request)
        storage.add(messages.INFO, _("会话已超时，请重新登录。"))
        storage.update(response)
        return response


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
                    return JsonResponse({"detail": _("请先修改初始密码。")}, status=403)
                return redirect("password_change")
        return self.get_response(request)
