"""Login, logout and failed-login events reach the audit log through Django's auth signals: they are
the only hook the framework offers for these events (business writes never use signals)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import audit_record


@receiver(user_logged_in, dispatch_uid="radsafe_audit_login")
def _logged_in(sender, request, user, **kwargs):
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


def record_session_expiry(user, reason: str) -> None:
    audit_record(actor=user, action="auth.session_expired", obj=user, after={"reason": reason})
