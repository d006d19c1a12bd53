from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from radsafe.core.account_services import account_create
from radsafe.core.choices import Role
from radsafe.core.models import Jurisdiction
from radsafe.core.web.forms import BootstrapForm, call_service, unit_model
from radsafe.core.web.widgets import AutocompleteSelect


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


class JurisdictionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{obj.get_level_display()}，{obj.code}）"


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{obj.credit_code}）"


class AccountCreateForm(BootstrapForm):
    """Collects the account; which scope each role needs is the service's rule, whose refusals
    come back onto these fields. Both scopes are searched, never preloaded (a province holds
    thousands of jurisdictions and 100,000 units)."""

    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("150 个字符以内，只能包含字母、数字和 @ . + - _。"),
    )
    full_name = forms.CharField(label=_("姓名"), max_length=150)
    role = forms.ChoiceField(label=_("角色"), choices=[("", "---------"), *Role.choices])
    jurisdiction = JurisdictionChoiceField(
        label=_("辖区"),
        queryset=Jurisdiction.objects.order_by("path"),
        required=False,
        widget=AutocompleteSelect("account-jurisdiction-autocomplete"),
        help_text=_("分局管理选县（分局），中队执法选中队，市局/省厅监督选市或省。"),
    )
    unit = UnitChoiceField(
        label=_("所属单位"),
        queryset=unit_model().objects.order_by("name"),
        required=False,
        widget=AutocompleteSelect("account-unit-autocomplete"),
        help_text=_("仅单位用户选择。管理员账号不选辖区也不选单位。"),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def save(self):
        return call_service(
            self,
            account_create,
            actor=self.user,
            **{name: self.cleaned_data[name] for name in self.fields},
        )
