"""Forms of the register's pages. They collect input and call the services; every rule (open
check-outs, allowed statuses, licences, time order) is checked there, and what a service refuses
comes back onto the field it names through `call_service`."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.forms import (
    BootstrapForm,
    TransitionChoiceField,
    call_service,
    field_label,
)
from radsafe.inventory import workflows
from radsafe.inventory.choices import HELD_STATUSES, SourceStatus
from radsafe.inventory.models import (
    Incident,
    Movement,
    OffsiteUse,
    PhysicalCount,
    RayDevice,
    Source,
    StorageSite,
)
from radsafe.inventory.services.register import incidents, offsite, transfers
from radsafe.inventory.services.register import movements as register
from radsafe.personnel.models import Worker
from radsafe.personnel.selectors.workers import unit_workers_on_duty
from radsafe.registry.models import Unit


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date-and-time picker; it posts ISO 8601, which DateTimeField parses."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def _now_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


def _occurred_at(label=None) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label or field_label(Movement, "occurred_at"), widget=DateTimeLocalInput
    )


class SourceActionForm(BootstrapForm):
    """A register event on one source, recorded by `user`."""

    def __init__(self, *args, user, source: Source, **kwargs):
        self.user, self.source = user, source
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("occurred_at", _now_minute())
        kwargs["initial"].setdefault("person", str(user)[:100])
        super().__init__(*args, **kwargs)


class WorkerChoiceField(forms.ModelChoiceField):
    """The 领用人: offers the unit's workers on duty (a unit has tens: a plain select), marking
    those without a valid assessment result, but accepts any worker of the user's scope, so that
    one of another unit, or one who has left, is answered by the service in its own words."""

    def label_from_instance(self, obj):
        label = f"{obj.name}（{obj.post}）" if obj.post else obj.name
        if getattr(obj, "qualified", True):
            return label
        return f"{label} — {_('无有效考核成绩报告单')}"

    def offer(self, workers) -> None:
        self.widget.choices = [("", self.empty_label)] + [
            (obj.pk, self.label_from_instance(obj)) for obj in workers
        ]


class CheckOutForm(SourceActionForm):
    occurred_at = _occurred_at(_("出库时间"))
    worker = WorkerChoiceField(
        label=_("领用人"),
        queryset=Worker.objects.none(),
        help_text=_("本单位登记在岗的辐射工作人员；须持有出库当日有效的考核成绩报告单。"),
    )
    purpose = forms.CharField(
        label=field_label(Movement, "purpose"), max_length=200, required=False
    )
    destination = forms.CharField(
        label=field_label(Movement, "destination"), max_length=200, required=False
    )
    offsite = forms.BooleanField(
        label=_("异地使用（须有覆盖该地点和日期的异地使用备案）"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["worker"]
        field.queryset = Worker.objects.for_user(self.user).defer("id_number_cipher")
        field.offer(unit_workers_on_duty(user=self.user, unit_id=self.source.unit_id))

    def save(self):
        return call_service(
            self,
            register.source_check_out,
            actor=self.user,
            source=self.source,
            **self.cleaned_data,
        )


class ReturnForm(SourceActionForm):
    occurred_at = _occurred_at(_("归还时间"))
    person = forms.CharField(label=_("归还人"), max_length=100)
    site = forms.ModelChoiceField(
        label=_("归还至贮存场所"),
        queryset=StorageSite.objects.none(),
        required=False,
        empty_label=_("（出库时所在场所）"),
    )
    note = forms.CharField(label=field_label(Movement, "note"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A unit has a handful of stores: offering them all is bounded.
        self.fields["site"].queryset = StorageSite.objects.for_user(self.user).filter(
            unit_id=self.source.unit_id
        )

    def save(self):
        return call_service(
            self, register.source_return, actor=self.user, source=self.source, **self.cleaned_data
        )


class StatusForm(SourceActionForm):
    """Offers only the statuses the workflow lets this user give the source now."""

    to_status = TransitionChoiceField(label=_("新状态"), known=SourceStatus.values)
    occurred_at = _occurred_at()
    person = forms.CharField(label=field_label(Movement, "person"), max_length=100)
    note = forms.CharField(label=field_label(Movement, "note"), max_length=500, required=False)
    place = forms.CharField(
        label=_("事故地点"),
        max_length=200,
        required=False,
        help_text=_("标记为丢失、被盗或失控时必填：将据此生成辐射事故首报。"),
    )
    description = forms.CharField(
        label=field_label(Incident, "description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].offer(workflows.allowed_status_targets(self.source, self.user))

    def save(self):
        return call_service(
            self,
            register.source_change_status,
            actor=self.user,
            source=self.source,
            **self.cleaned_data,
        )


class SourceCodeField(forms.CharField):
    """A source named by its 12-character code, looked up in the user's scope only: a code out
    of scope reads like an unknown one. No list of every source is preloaded."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 12)
        super().__init__(*args, **kwargs)
        self.user = None

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        code = value.strip().upper()
        source = Source.objects.for_user(self.user).select_related("nuclide", "unit")
        found = source.filter(code=code).first()
        if found is None:
            raise forms.ValidationError(
                _("放射源编码 %(code)s 不存在或不在您的数据范围内。") % {"code": code}
            )
        return found


class TransferForm(BootstrapForm):
    source = SourceCodeField(label=_("放射源编码"))
    to_unit = forms.CharField(
        label=_("转入单位统一社会信用代码"),
        max_length=18,
        help_text=_("转入单位须已在系统中登记，且持有包括该放射源当前类别的有效许可证。"),
    )
    approval_number = forms.CharField(label=_("审批文号"), max_length=60)
    transferred_on = forms.DateField(label=_("转让日期"), widget=forms.DateInput)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        kwargs.setdefault("initial", {}).setdefault("transferred_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["source"].user = user

    def clean_to_unit(self):
        # Any registered unit may receive: the recipient is usually outside the sender's scope.
        code = self.cleaned_data["to_unit"].strip().upper()
        unit = Unit.objects.filter(credit_code=code).first()
        if unit is None:
            raise forms.ValidationError(
                _("没有统一社会信用代码为 %(code)s 的已登记单位。") % {"code": code}
            )
        return unit

    def save(self):
        return call_service(self, transfers.transfer_create, actor=self.user, **self.cleaned_data)


class CountForm(BootstrapForm):
    counted_at = forms.DateTimeField(
        label=field_label(PhysicalCount, "counted_at"), widget=DateTimeLocalInput
    )
    counted_by = forms.CharField(label=field_label(PhysicalCount, "counted_by"), max_length=100)
    sources_found = forms.ModelMultipleChoiceField(
        label=field_label(PhysicalCount, "sources_found"),
        queryset=Source.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=field_label(PhysicalCount, "note"), max_length=500, required=False)

    def __init__(self, *args, user, site: StorageSite, **kwargs):
        self.user, self.site = user, site
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("counted_at", _now_minute())
        kwargs["initial"].setdefault("counted_by", str(user)[:100])
        super().__init__(*args, **kwargs)
        # The unit's sources still in its hands: a unit holds tens, not thousands.
        self.fields["sources_found"].queryset = (
            Source.objects.for_user(user)
            .filter(unit_id=site.unit_id, status__in=HELD_STATUSES)
            .order_by("code")
        )
        self.fields["sources_found"].label_from_instance = lambda s: s.code

    def save(self):
        return call_service(
            self, register.count_record, actor=self.user, site=self.site, **self.cleaned_data
        )


class OffsiteForm(BootstrapForm):
    source = SourceCodeField(label=_("放射源编码"), required=False)
    device = forms.ModelChoiceField(
        label=field_label(OffsiteUse, "device"), queryset=RayDevice.objects.none(), required=False
    )
    place = forms.CharField(label=field_label(OffsiteUse, "place"), max_length=200)
    starts_on = forms.DateField(label=field_label(OffsiteUse, "starts_on"), widget=forms.DateInput)
    ends_on = forms.DateField(label=field_label(OffsiteUse, "ends_on"), widget=forms.DateInput)
    authority = forms.CharField(label=field_label(OffsiteUse, "authority"), max_length=100)
    filing_number = forms.CharField(label=field_label(OffsiteUse, "filing_number"), max_length=60)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, unit_id: int | None, filing: OffsiteUse | None = None, **kw):
        """`unit_id`: whose devices to offer (the user's own unit, or the unit the page came
        from); without one, no device list is preloaded."""
        self.user, self.filing = user, filing
        if filing is not None:
            kw["initial"] = {
                "source": filing.source.code if filing.source_id else "",
                "device": filing.device_id,
                **{n: getattr(filing, n) for n in offsite.OFFSITE_FIELDS[2:]},
                "version": filing.version,
                **kw.get("initial", {}),
            }
        super().__init__(*args, **kw)
        self.fields["source"].user = user
        devices = RayDevice.objects.for_user(user)
        self.fields["device"].queryset = (
            devices.filter(unit_id=unit_id) if unit_id is not None else devices.none()
        )
        if filing is None:
            del self.fields["version"]

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("source") and not cleaned.get("device"):
            self.add_error("source", _("请填写放射源编码或选择射线装置。"))
        return cleaned

    def save(self):
        data = {name: self.cleaned_data.get(name) for name in offsite.OFFSITE_FIELDS}
        if self.filing is None:
            return call_service(self, offsite.offsite_create, actor=self.user, **data)
        return call_service(
            self,
            offsite.offsite_update,
            actor=self.user,
            filing=self.filing,
            expected_version=self.cleaned_data["version"],
            **data,
        )


class IncidentCloseForm(BootstrapForm):
    closing_note = forms.CharField(
        label=field_label(Incident, "closing_note"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, user, incident: Incident, **kwargs):
        self.user, self.incident = user, incident
        super().__init__(*args, **kwargs)

    def save(self):
        return call_service(
            self,
            incidents.incident_close,
            actor=self.user,
            incident=self.incident,
            **self.cleaned_data,
        )
