"""Password policy validators for 等保 2.0: character classes and no reuse of recent passwords.
Lengths and counts come from settings so a deployment can tighten them without code."""

import secrets
import string

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def character_classes(password: str) -> int:
    classes = [
        any(c in string.ascii_lowercase for c in password),
        any(c in string.ascii_uppercase for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    ]
    return sum(classes)


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if character_classes(password) < self.min_classes:
            raise ValidationError(
                _("密码须包含小写字母、大写字母、数字、符号中的至少 %(n)d 类。")
                % {"n": self.min_classes},
                code="password_too_simple",
            )

    def get_help_text(self):
        return _("至少包含小写字母、大写字母、数字、符号中的 %(n)d 类。") % {"n": self.min_classes}


class PasswordHistoryValidator:
    """Refuses the current password and the `history` passwords before it: "no reuse of the last
    3" means a user must pass through three new passwords before an old one comes back."""

    def __init__(self, history: int = 3):
        self.history = history

    def validate(self, password, user=None):
        if user is None or not user.pk or self.history <= 0:
            return
        previous = user.password_history.values_list("password", flat=True)[: self.history]
        recent = [user.password, *previous]
        if any(encoded and check_password(password, encoded) for encoded in recent):
            raise ValidationError(
                _("不能使用最近 %(n)d 次用过的密码。") % {"n": self.history},
                code="password_reused",
            )

    def get_help_text(self):
        return _("不能与最近 %(n)d 次使用的密码相同。") % {"n": self.history}


def temporary_password() -> str:
    """A one-time password for a new or reset account: random, and meeting the policy's four
    character classes whatever its settings. Its holder must change it at the next login."""
    return f"Rs-{secrets.token_urlsafe(12)}7a"
