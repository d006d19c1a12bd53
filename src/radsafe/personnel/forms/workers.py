"""Forms of the personnel pages: they collect input and call the services, whose refusals come
back onto the field they name. The ID number field never renders a value back: a refused form
must not echo the clear number into the page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.forms import BootstrapForm, UnitRowForm, call_service, field_label
from radsafe.core.web.widgets import AutocompleteSelectMultiple
from radsafe.inventory.models import RayDevice, Source
from radsafe.personnel.choices import Sex, TrainingCategory, WorkType
from radsafe.personnel.models import TrainingResult, Worker
from radsafe.personnel.services import workers as services
from radsafe.registry.models import Unit


class SourceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Source) -> str:
        return f"{obj.code}（{obj.unit.name}）"


class DeviceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: RayDevice) -> str:
        return f"{obj.name} {obj.model}（{obj.unit.name}）".strip()


class IdNumberInput(forms.TextInput):
    """A plain text input, so the person typing sees the number (a password-style input hid it
    and invited typos), that never renders a value back: a refused form does not echo the clear
    number into the page, and an edit form never holds the stored one."""

    def __init__(self):
        super().__init__(
            attrs={
                "autocomplete": "off",
                "inputmode": "text",  # 17 digits and a final digit or X: a digit pad has no X
                "maxlength": "18",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        )

    def format_value(self, value):
        return None


class WorkerForm(UnitRowForm):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none())
    name = forms.CharField(label=field_label(Worker, "name"), max_length=50)
    id_number = forms.CharField(
        label=_("身份证号码"),
        max_length=18,
        widget=IdNumberInput(),
        help_text=_("18 位公民身份号码，加密保存，页面只显示前 3 位和后 4 位。"),
    )
    sex = forms.ChoiceField(label=field_label(Worker, "sex"), choices=Sex.choices)
    post = forms.CharField(label=field_label(Worker, "post"), max_length=100, required=False)
    work_type = forms.ChoiceField(label=field_label(Worker, "work_type"), choices=WorkType.choices)
    sources = SourceChoiceField(
        label=field_label(Worker, "sources"), queryset=Source.objects.none(), required=False
    )
    devices = DeviceChoiceField(
        label=field_label(Worker, "devices"), queryset=RayDevice.objects.none(), required=False
    )
    employed_on = forms.DateField(label=field_label(Worker, "employed_on"), widget=forms.DateInput)
    left_on = forms.DateField(
        label=field_label(Worker, "left_on"), widget=forms.DateInput, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDS = [*services.WORKER_FIELDS, "sources", "devices"]
    create_service = staticmethod(services.worker_create)
    update_service = staticmethod(services.worker_update)
    row_keyword = "worker"

    def __init__(self, *args, user, row=None, **kwargs):
        super().__init__(*args, user=user, row=row, **kwargs)
        sources = Source.objects.for_user(user).select_related("unit").order_by("code")
        devices = RayDevice.objects.for_user(user).select_related("unit").order_by("name")
        # Searched, not preloaded (a county lead's form would otherwise list every source);
        # the search follows the unit chosen above, or the worker's own unit on an edit.
        picker = {"forward": "unit"}
        if row is not None:  # what a worker operates belongs to the worker's unit
            sources, devices = sources.filter(unit=row.unit), devices.filter(unit=row.unit)
            self.initial["sources"] = list(row.sources.all())
            self.initial["devices"] = list(row.devices.all())
            self.fields["id_number"].required = False
            self.fields["id_number"].help_text = _("留空则不修改；加密保存，页面只显示掩码。")
            picker = {"params": {"unit": row.unit_id}}
        for name, url_name, queryset in (
            ("sources", "inventory:source-autocomplete", sources),
            ("devices", "inventory:device-autocomplete", devices),
        ):
            field = self.fields[name]
            field.widget = AutocompleteSelectMultiple(url_name, **picker)
            field.queryset = queryset  # after the widget: the queryset hands it its choices

    def service_data(self) -> dict:
        return {**super().service_data(), "id_number": self.cleaned_data["id_number"]}


class TrainingForm(BootstrapForm):
    number = forms.CharField(label=field_label(TrainingResult, "number"), max_length=60)
    category = forms.ChoiceField(
        label=field_label(TrainingResult, "category"), choices=TrainingCategory.choices
    )
    passed_on = forms.DateField(
        label=field_label(TrainingResult, "passed_on"),
        widget=forms.DateInput,
        help_text=_("有效期 5 年，自动计算。"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, worker: Worker, result: TrainingResult | None = None, **kw):
        self.user, self.worker, self.result = user, worker, result
        if result is not None:
            kw["initial"] = {
                "number": result.number,
                "category": result.category,
                "passed_on": result.passed_on,
                "version": result.version,
            }
        super().__init__(*args, **kw)
        if result is None:
            del self.fields["version"]

    def save(self):
        data = {name: self.cleaned_data[name] for name in services.TRAINING_FIELDS}
        if self.result is None:
            return call_service(
                self, services.training_create, actor=self.user, worker=self.worker, **data
            )
        return call_service(
            self,
            services.training_update,
            result=self.result,
            actor=self.user,
            expected_version=self.cleaned_data["version"],
            **data,
        )
