"""Pages of the core app: home, login, password, administrators' pages."""

from . import EVERYONE, Entry, some_user

ENTRIES: dict[str, Entry] = {
    "home": Entry(EVERYONE),
    "login": Entry(EVERYONE, public=True, ok=(200, 302)),
    "favicon": Entry(EVERYONE, public=True, ok=(301,)),
    "logout": Entry(EVERYONE, method="post", public=True, ok=(302,)),
    "password_change": Entry(EVERYONE),
    "set_language": Entry(EVERYONE, method="post", public=True, ok=(302,), data={"language": "en"}),
    "account-list": Entry({"sysadmin", "secadmin"}),
    "account-unlock": Entry({"secadmin"}, kwargs=some_user, method="post", ok=(302,)),
    "account-create": Entry({"secadmin"}),
    "account-disable": Entry({"secadmin"}, kwargs=some_user, method="post", ok=(302,)),
    "account-enable": Entry({"secadmin"}, kwargs=some_user, method="post", ok=(302,)),
    "account-reset-password": Entry({"secadmin"}, kwargs=some_user),
    "account-jurisdiction-autocomplete": Entry({"secadmin"}),
    "account-unit-autocomplete": Entry({"secadmin"}),
    "audit-list": Entry({"auditor"}),
}
