"""Per-request facts the audit log needs (request id, client IP), carried in a context variable so
services can record them without every call passing the request down. Nothing outlives a request."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str | None = None


current_request: ContextVar[RequestContext] = ContextVar(
    "radsafe_request",
    default=RequestContext(),  # noqa: B039 (frozen)
)


def client_ip(request) -> str | None:
    """The peer address; behind nginx, the last hop it appended (RADSAFE_PROXY_COUNT)."""
    from django.conf import settings

    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None
