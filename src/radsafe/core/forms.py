from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _


def _password_input(autocomplete: str) -> forms.PasswordInput:
    return forms.PasswordInput(attrs={"class": "form-control", "autocomplete": autocomplete})


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("原密码"), widget=_password_input("current-password"))
    new_password1 = forms.CharField(
        label=_("新密码"),
        widget=_password_input("new-password"),
        # Lazy in Django: evaluated per render, so it follows the active language and settings.
        help_text=password_validation.password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(label=_("确认新密码"), widget=_password_input("new-password"))

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        old = self.cleaned_data["old_password"]
        if not self.user.check_password(old):
            raise forms.ValidationError(_("原密码不正确。"))
        return old

    def clean(self):
        cleaned = super().clean()
        new1, new2 = cleaned.get("new_password1"), cleaned.get("new_password2")
        if new1 and new2 and new1 != new2:
            self.add_error("new_password2", _("两次输入的新密码不一致。"))
        elif new1:
            try:
                password_validation.validate_password(new1, self.user)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)
        return cleaned
