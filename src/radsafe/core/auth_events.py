"""Login, logout, failed-login and lockout events reach the audit log through Django's and axes'
auth signals: they are the only hook the frameworks offer for these events (business writes never
use signals)."""

import time

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from radsafe.core.audit import audit_record
from radsafe.core.middleware import SESSION_LAST_SEEN, SESSION_STARTED


@receiver(user_logged_in, dispatch_uid="radsafe_audit_login")
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        # The absolute session life counts from the login, not from the first page after it.
        now = time.time()
        request.session[SESSION_STARTED] = now
        request.session[SESSION_LAST_SEEN] = now
    audit_record(actor=user, action="auth.login", obj=user)


@receiver(user_logged_out, dispatch_uid="radsafe_audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action="auth.logout", obj=user)


@receiver(user_login_failed, dispatch_uid="radsafe_audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        actor=None,
        actor_name=username,
        action="auth.login_failed",
        object_type="core.user",
        object_repr=username,
    )


@receiver(user_locked_out, dispatch_uid="radsafe_audit_locked_out")
def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    username = str(username or "")[:150]
    audit_record(
        actor=None,
        actor_name=username,
        action="auth.locked_out",
        object_type="core.user",
        object_repr=username,
        after={"ip": ip_address},
    )


def record_session_expiry(user, reason: str) -> None:
    audit_record(actor=user, action="auth.session_expired", obj=user, after={"reason": reason})
