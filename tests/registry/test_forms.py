import pytest
from django import forms
from django.core.exceptions import ValidationError

from radsafe.core.web.forms import call_service
from radsafe.registry.forms import LicenceForm, UnitForm, UnitStatusForm


class NameForm(forms.Form):
    name = forms.CharField()


def bound() -> NameForm:
    form = NameForm({"name": "x"})
    assert form.is_valid()
    return form


def refuse(error):
    def service(**kwargs):
        raise error

    return service


def test_call_service_returns_the_result_and_leaves_the_form_clean():
    form = bound()
    assert call_service(form, lambda **kw: kw["value"], value=42) == 42
    assert not form.errors


def test_call_service_puts_dict_errors_on_their_fields():
    form = bound()
    assert call_service(form, refuse(ValidationError({"name": "名称有误。"}))) is None
    assert form.errors == {"name": ["名称有误。"]}


def test_call_service_puts_unknown_fields_and_plain_errors_on_the_form():
    form = bound()
    call_service(form, refuse(ValidationError({"scope_path": "超出范围。", "__all__": "冲突。"})))
    call_service(form, refuse(ValidationError("已被他人修改。")))
    assert form.non_field_errors() == ["超出范围。", "冲突。", "已被他人修改。"]


def test_call_service_lets_other_exceptions_through():
    with pytest.raises(ValueError):
        call_service(bound(), refuse(ValueError("bug")))


@pytest.mark.django_db
def test_widgets_get_bootstrap_classes_and_date_pickers(world):
    user = world.users["bureau"]
    unit_form = UnitForm(user=user)
    assert "form-control" in unit_form.fields["name"].widget.attrs["class"]
    assert "form-select" in unit_form.fields["squad"].widget.attrs["class"]
    assert "form-check-input" in unit_form.fields["industries"].widget.attrs["class"]
    licence_form = LicenceForm(user=user, unit=world.unit1)
    assert 'type="date"' in str(licence_form["expires_on"])
    assert 'type="date"' in str(UnitStatusForm(user=user, unit=world.unit1)["changed_on"])


@pytest.mark.django_db
def test_an_edit_form_without_its_version_is_stale(world):
    unit = world.unit1
    data = {
        "name": unit.name,
        "credit_code": unit.credit_code,
        "industries": [i.pk for i in unit.industries.all()],
        "jurisdiction": world.county.pk,
        "squad": world.squad1.pk,
    }
    form = UnitForm(data, user=world.users["bureau"], unit=unit)
    assert not form.is_valid()
    assert form.non_field_errors() == ["该记录已被他人修改，请刷新页面后重新编辑。"]
    form = UnitForm({**data, "version": unit.version}, user=world.users["bureau"], unit=unit)
    assert form.is_valid(), form.errors
