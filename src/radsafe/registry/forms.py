"""Forms for the registry pages. They only collect input and call the services; every business
rule (credit code, scope, dates, duplicates, versions) is checked there, and what the service
refuses comes back onto the form field it concerns through `call_service`."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radsafe.core.choices import JurisdictionLevel
from radsafe.core.models import Jurisdiction
from radsafe.core.web.forms import (
    BootstrapForm,
    TransitionChoiceField,
    call_service,
    field_label,
)
from radsafe.registry import services, workflows
from radsafe.registry.choices import AuthorityLevel, UnitStatus
from radsafe.registry.models import Industry, Licence, Unit


class UnitForm(BootstrapForm):
    """Create and edit. The bureau and squad offered are those of the user's scope: a bureau lead
    picks among the squads of his county, an inspector's unit goes to his own squad."""

    name = forms.CharField(label=field_label(Unit, "name"), max_length=200)
    credit_code = forms.CharField(
        label=field_label(Unit, "credit_code"),
        max_length=18,
        help_text=_("18 位，字母大写；小写字母会自动转为大写。"),
    )
    address = forms.CharField(label=field_label(Unit, "address"), max_length=255, required=False)
    industries = forms.ModelMultipleChoiceField(
        label=field_label(Unit, "industries"),
        queryset=Industry.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一个行业。")},
    )
    legal_representative = forms.CharField(
        label=field_label(Unit, "legal_representative"), max_length=50, required=False
    )
    contact_person = forms.CharField(
        label=field_label(Unit, "contact_person"), max_length=50, required=False
    )
    contact_phone = forms.CharField(
        label=field_label(Unit, "contact_phone"), max_length=30, required=False
    )
    jurisdiction = forms.ModelChoiceField(
        label=field_label(Unit, "jurisdiction"), queryset=Jurisdiction.objects.none()
    )
    squad = forms.ModelChoiceField(
        label=field_label(Unit, "squad"), queryset=Jurisdiction.objects.none(), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDS = services.UNIT_FIELDS

    def __init__(self, *args, user, unit: Unit | None = None, **kwargs):
        self.user, self.unit = user, unit
        if unit is not None:
            initial = {name: getattr(unit, name) for name in self.FIELDS}
            initial["industries"] = list(unit.industries.all())
            initial["version"] = unit.version
            kwargs["initial"] = {**initial, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        self._limit_to_scope()
        if unit is None:
            del self.fields["version"]

    def _limit_to_scope(self) -> None:
        """Foreign keys are checked against the user's scope here; the service checks again that
        the saved unit stays visible to its author."""
        own = self.user.jurisdiction
        squads = Jurisdiction.objects.filter(level=JurisdictionLevel.SQUAD)
        counties = Jurisdiction.objects.filter(level=JurisdictionLevel.COUNTY)
        if own is None:
            squads, counties = squads.none(), counties.none()
        elif own.level == JurisdictionLevel.SQUAD:
            squads, counties = squads.filter(pk=own.pk), counties.filter(pk=own.parent_id)
        else:
            squads = squads.filter(path__startswith=own.path)
            counties = counties.filter(path__startswith=own.path)
        self.fields["jurisdiction"].queryset = counties
        self.fields["squad"].queryset = squads
        if own is not None and own.level == JurisdictionLevel.SQUAD:
            self.fields["squad"].required = True
            self.fields["squad"].empty_label = None
            self.fields["jurisdiction"].empty_label = None
        else:
            self.fields["squad"].empty_label = _("（暂不分配）")
            if own is not None and own.level == JurisdictionLevel.COUNTY:
                self.fields["jurisdiction"].empty_label = None

    def save(self):
        data = {name: self.cleaned_data[name] for name in self.FIELDS}
        industries = list(self.cleaned_data["industries"])
        if self.unit is None:
            return call_service(
                self, services.unit_create, actor=self.user, industries=industries, **data
            )
        return call_service(
            self,
            services.unit_update,
            unit=self.unit,
            actor=self.user,
            expected_version=self.cleaned_data["version"],
            industries=industries,
            **data,
        )


class UnitStatusForm(BootstrapForm):
    """Offers only the statuses the workflow lets this user move the unit to."""

    status = TransitionChoiceField(label=_("新状态"), known=UnitStatus.values)
    changed_on = forms.DateField(label=_("变更日期"), widget=forms.DateInput)
    reason = forms.CharField(
        label=_("说明"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, unit: Unit, **kwargs):
        self.user, self.unit = user, unit
        kwargs.setdefault("initial", {"changed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["status"].offer(workflows.allowed_status_targets(unit, user))

    def save(self):
        return call_service(
            self,
            services.unit_change_status,
            unit=self.unit,
            actor=self.user,
            **self.cleaned_data,
        )


class DigitSetField(forms.MultipleChoiceField):
    """Checkboxes for a set of categories stored as a digit string ("345")."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        return list(value) if isinstance(value, str) else value

    def clean(self, value):
        return "".join(sorted(super().clean(value)))


class LicenceForm(BootstrapForm):
    number = forms.CharField(label=field_label(Licence, "number"), max_length=50)
    authority = forms.CharField(
        label=field_label(Licence, "authority"),
        max_length=100,
        help_text=_("例如：山西省生态环境厅、运城市生态环境局。"),
    )
    authority_level = forms.ChoiceField(
        label=field_label(Licence, "authority_level"), choices=AuthorityLevel.choices
    )
    scope = forms.CharField(
        label=field_label(Licence, "scope"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    source_categories = DigitSetField(
        label=field_label(Licence, "source_categories"),
        choices=[(str(n), roman) for n, roman in enumerate("ⅠⅡⅢⅣⅤ", start=1)],
        required=False,
        help_text=_("转让、送贮等操作据此核对许可范围。"),
    )
    device_classes = DigitSetField(
        label=field_label(Licence, "device_classes"),
        choices=[(str(n), roman) for n, roman in enumerate("ⅠⅡⅢ", start=1)],
        required=False,
    )
    issued_on = forms.DateField(label=field_label(Licence, "issued_on"), widget=forms.DateInput)
    expires_on = forms.DateField(label=field_label(Licence, "expires_on"), widget=forms.DateInput)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDS = services.LICENCE_FIELDS

    def __init__(self, *args, user, unit: Unit, licence: Licence | None = None, **kwargs):
        self.user, self.unit, self.licence = user, unit, licence
        if licence is not None:
            initial = {name: getattr(licence, name) for name in self.FIELDS}
            kwargs["initial"] = {**initial, "version": licence.version}
        super().__init__(*args, **kwargs)
        if licence is None:
            del self.fields["version"]

    def save(self):
        data = {name: self.cleaned_data[name] for name in self.FIELDS}
        if self.licence is None:
            return call_service(
                self, services.licence_create, actor=self.user, unit=self.unit, **data
            )
        return call_service(
            self,
            services.licence_update,
            licence=self.licence,
            actor=self.user,
            expected_version=self.cleaned_data["version"],
            **data,
        )
