"""Password policy (issue point 6): length, character classes, no reuse, argon2 — each rule
checked through the same entry points the application uses."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from radsafe.core.choices import Role
from radsafe.core.services import user_change_password, user_create
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

MIN_LENGTH = "django.contrib.auth.password_validation.MinimumLengthValidator"
CLASSES = "radsafe.core.passwords.CharacterClassValidator"
HISTORY = "radsafe.core.passwords.PasswordHistoryValidator"


def codes(error: ValidationError) -> set[str]:
    return {e.code for e in error.error_list}


@pytest.fixture
def user():
    return UserFactory(username="pwuser", role=Role.SYSADMIN)


def test_seven_characters_are_refused(user):
    with pytest.raises(ValidationError) as caught:
        validate_password("Ab1!xyz", user)
    assert "password_too_short" in codes(caught.value)


def test_eight_characters_of_two_classes_are_refused(user):
    with pytest.raises(ValidationError) as caught:
        validate_password("abcdef12", user)
    assert codes(caught.value) == {"password_too_simple"}
    assert "至少 3 类" in caught.value.messages[0]


@pytest.mark.parametrize("password", ["Abcdef12", "abcdef1!", "ABCDEF!x", "Zz9#Zz9#"])
def test_eight_characters_of_three_classes_are_accepted(user, password):
    assert validate_password(password, user) is None


def test_current_and_last_three_passwords_are_refused_and_the_fourth_oldest_allowed(user):
    history = ["Neu-Passw0rt1", "Neu-Passw0rt2", "Neu-Passw0rt3", "Neu-Passw0rt4"]
    for password in history:
        user_change_password(user=user, new_password=password)
    # Now current = ...4; before it ...3, ...2, ...1; the initial TEST_PASSWORD is 4th-oldest.
    for reused in reversed(history):
        with pytest.raises(ValidationError) as caught:
            user_change_password(user=user, new_password=reused)
        assert codes(caught.value) == {"password_reused"}, reused
    user.refresh_from_db()
    assert user.check_password("Neu-Passw0rt4")

    user_change_password(user=user, new_password=TEST_PASSWORD)
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)
    assert user.must_change_password is False


def _validators(min_length=8, min_classes=3, history=3):
    return [
        {"NAME": MIN_LENGTH, "OPTIONS": {"min_length": min_length}},
        {"NAME": CLASSES, "OPTIONS": {"min_classes": min_classes}},
        {"NAME": HISTORY, "OPTIONS": {"history": history}},
    ]


def test_policy_is_configurable(user):
    with override_settings(AUTH_PASSWORD_VALIDATORS=_validators(min_length=12)):
        with pytest.raises(ValidationError) as caught:
            validate_password("Abcdef12", user)
        assert codes(caught.value) == {"password_too_short"}
    with override_settings(AUTH_PASSWORD_VALIDATORS=_validators(min_classes=4)):
        with pytest.raises(ValidationError):
            validate_password("Abcdef12", user)
        validate_password("Abcdef1!", user)
    with override_settings(AUTH_PASSWORD_VALIDATORS=_validators(min_classes=2)):
        validate_password("abcdef12", user)


def test_history_depth_is_configurable(user):
    with override_settings(AUTH_PASSWORD_VALIDATORS=_validators(history=1)):
        user_change_password(user=user, new_password="Neu-Passw0rt1")
        user_change_password(user=user, new_password="Neu-Passw0rt2")
        with pytest.raises(ValidationError):
            user_change_password(user=user, new_password="Neu-Passw0rt1")
        # Two back is outside a history of one.
        user_change_password(user=user, new_password=TEST_PASSWORD)


def test_settings_carry_the_policy_and_argon2():
    by_name = {v["NAME"]: v.get("OPTIONS", {}) for v in settings.AUTH_PASSWORD_VALIDATORS}
    assert by_name[MIN_LENGTH] == {"min_length": 8}
    assert by_name[CLASSES] == {"min_classes": 3}
    assert by_name[HISTORY] == {"history": 3}
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_new_user_password_is_hashed_with_argon2():
    user = user_create(username="newbie", password="Anf4ngs-Pass", role=Role.AUDITOR)
    assert user.password.startswith("argon2$")
    assert user.must_change_password is True


def test_changing_the_password_revokes_api_tokens(world):
    from rest_framework.authtoken.models import Token

    from radsafe.core.services import user_change_password

    user = world.users["bureau"]
    Token.objects.create(user=user)
    user_change_password(user=user, new_password="Brand-new-pass9")
    assert not Token.objects.filter(user=user).exists()
    from radsafe.core.models import AuditEvent

    event = AuditEvent.objects.filter(action="user.password_change").latest("id")
    assert event.after == {"tokens_revoked": 1}
