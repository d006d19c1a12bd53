"""Forms of the dose pages: they collect input and call the dose services, whose refusals come
back onto the field they name."""

from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.forms import BootstrapForm, call_service, field_label
from radsafe.personnel.models import DoseRecord, Worker
from radsafe.personnel.services import doses as services_doses


class DoseRecordForm(BootstrapForm):
    period_start = forms.DateField(
        label=field_label(DoseRecord, "period_start"), widget=forms.DateInput
    )
    period_end = forms.DateField(
        label=field_label(DoseRecord, "period_end"),
        widget=forms.DateInput,
        help_text=_("监测周期不超过 90 天。"),
    )
    hp10_msv = forms.DecimalField(
        label=field_label(DoseRecord, "hp10_msv"), max_digits=9, decimal_places=3
    )
    hp3_msv = forms.DecimalField(
        label=field_label(DoseRecord, "hp3_msv"), max_digits=9, decimal_places=3, required=False
    )
    hp007_msv = forms.DecimalField(
        label=field_label(DoseRecord, "hp007_msv"), max_digits=9, decimal_places=3, required=False
    )
    service = forms.CharField(
        label=field_label(DoseRecord, "service"), max_length=100, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, worker: Worker, record: DoseRecord | None = None, **kwargs):
        """With `record`, an edit of it: its values, and the version it was read at."""
        self.user, self.worker, self.record = user, worker, record
        if record is not None:
            kwargs["initial"] = {
                **{name: getattr(record, name) for name in services_doses.DOSE_FIELDS},
                "version": record.version,
            }
        super().__init__(*args, **kwargs)
        if record is None:
            del self.fields["version"]

    def save(self):
        data = {name: self.cleaned_data[name] for name in services_doses.DOSE_FIELDS}
        # Bound first: the record's `service` field would clash with call_service's own argument.
        if self.record is None:
            write = partial(
                services_doses.dose_record_create, actor=self.user, worker=self.worker, **data
            )
        else:
            write = partial(
                services_doses.dose_record_update,
                actor=self.user,
                record=self.record,
                expected_version=self.cleaned_data["version"],
                **data,
            )
        return call_service(self, write)


class DoseExplainForm(BootstrapForm):
    code = forms.CharField(widget=forms.HiddenInput, max_length=20)
    key = forms.CharField(widget=forms.HiddenInput, max_length=30)
    note = forms.CharField(label=_("调查说明"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, worker: Worker, **kwargs):
        self.user, self.worker = user, worker
        super().__init__(*args, **kwargs)

    def save(self):
        return call_service(
            self,
            services_doses.dose_flag_explain,
            actor=self.user,
            worker=self.worker,
            **self.cleaned_data,
        )
