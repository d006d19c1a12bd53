"""Forms of the readiness pages: they collect input and call the services (the shared
`UnitRowForm`: create in a unit of the user's scope, versioned edit). What a service refuses comes
back onto the field it names."""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from radsafe.core.files import DOCUMENT_ACCEPT, format_limit, validate_document
from radsafe.core.web.forms import UnitRowForm, field_label
from radsafe.inventory.models import RayDevice
from radsafe.readiness import services
from radsafe.readiness.choices import DrillKind, InstrumentKind
from radsafe.readiness.models import (
    Drill,
    EmergencyPlan,
    EmergencySupply,
    EquipmentFault,
    Instrument,
)
from radsafe.registry.models import Unit


def _date(model, name: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=field_label(model, name), required=required)


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


def _unit() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none())


def _document(label) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        allow_empty_file=True,  # validate_document says "文件为空" in its own words
        widget=forms.FileInput(attrs={"accept": DOCUMENT_ACCEPT}),
    )


class DocumentFormMixin:
    """A file input whose upload is checked here (size, extension, content) and handed to the
    service, which stores it; an edit without a new file keeps the current one. The form must be
    sent as multipart (form.html asks `form.is_multipart`)."""

    download_url_name = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = format_limit(settings.RADSAFE_DOCUMENT_MAX_BYTES)
        help_text = _("PDF、Word、Excel、JPEG 或 PNG，不超过 %(limit)s。") % {"limit": limit}
        document = self.row.document if self.row is not None else None
        if document is not None:
            current = format_html(
                '{} <a href="{}">{}</a>{}',
                _("当前文件："),
                reverse(self.download_url_name, args=[self.row.pk]),
                document.original_name,
                _("（上传新文件将替换它，旧文件存档保留）"),
            )
            help_text = format_html("{}<br>{}", help_text, current)
        self.fields["document"].help_text = help_text

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            validate_document(upload)
        return upload or None

    def service_data(self) -> dict:
        data = super().service_data()
        if self.cleaned_data.get("document") is not None:
            data["document"] = self.cleaned_data["document"]
        return data


class PlanForm(DocumentFormMixin, UnitRowForm):
    unit = _unit()
    title = forms.CharField(label=field_label(EmergencyPlan, "title"), max_length=200)
    edition = forms.CharField(label=field_label(EmergencyPlan, "edition"), max_length=30)
    document_number = forms.CharField(
        label=field_label(EmergencyPlan, "document_number"), max_length=100, required=False
    )
    issued_on = _date(EmergencyPlan, "issued_on")
    document = _document(_("预案文件"))
    version = _version()

    download_url_name = "readiness:plan-document"
    FIELDS = services.PLAN_FIELDS
    create_service = staticmethod(services.plan_create)
    update_service = staticmethod(services.plan_update)
    row_keyword = "plan"


class SupplyForm(UnitRowForm):
    unit = _unit()
    item = forms.CharField(label=field_label(EmergencySupply, "item"), max_length=100)
    quantity = forms.IntegerField(label=field_label(EmergencySupply, "quantity"), min_value=0)
    last_checked_on = _date(EmergencySupply, "last_checked_on", required=False)
    note = forms.CharField(
        label=field_label(EmergencySupply, "note"), max_length=200, required=False
    )
    version = _version()

    FIELDS = services.SUPPLY_FIELDS
    create_service = staticmethod(services.supply_create)
    update_service = staticmethod(services.supply_update)
    row_keyword = "supply"


class DrillForm(DocumentFormMixin, UnitRowForm):
    unit = _unit()
    held_on = _date(Drill, "held_on")
    kind = forms.ChoiceField(label=field_label(Drill, "kind"), choices=DrillKind.choices)
    scenario = forms.CharField(label=field_label(Drill, "scenario"), max_length=200)
    participant_count = forms.IntegerField(
        label=field_label(Drill, "participant_count"), min_value=1
    )
    participants = forms.CharField(
        label=field_label(Drill, "participants"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = forms.CharField(
        label=field_label(Drill, "evidence"),
        required=False,
        help_text=_("照片、签到表、总结等佐证材料的说明；文件可在下方上传。"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    document = _document(_("佐证材料文件"))
    version = _version()

    download_url_name = "readiness:drill-evidence"
    FIELDS = services.DRILL_FIELDS
    create_service = staticmethod(services.drill_create)
    update_service = staticmethod(services.drill_update)
    row_keyword = "drill"


class InstrumentForm(UnitRowForm):
    unit = _unit()
    kind = forms.ChoiceField(label=field_label(Instrument, "kind"), choices=InstrumentKind.choices)
    model = forms.CharField(label=field_label(Instrument, "model"), max_length=50)
    serial_number = forms.CharField(
        label=field_label(Instrument, "serial_number"), max_length=50, required=False
    )
    calibrated_on = _date(Instrument, "calibrated_on", required=False)
    in_use = forms.BooleanField(
        label=field_label(Instrument, "in_use"), required=False, initial=True
    )
    version = _version()

    FIELDS = services.INSTRUMENT_FIELDS
    create_service = staticmethod(services.instrument_create)
    update_service = staticmethod(services.instrument_update)
    row_keyword = "instrument"


class FaultForm(UnitRowForm):
    """The device and instrument offered are those of one unit (the row's, the officer's own, or
    the one the unit's readiness page passed): never a whole county's devices in one drop-down."""

    unit = _unit()
    equipment = forms.CharField(label=field_label(EquipmentFault, "equipment"), max_length=200)
    device = forms.ModelChoiceField(
        label=field_label(EquipmentFault, "device"),
        queryset=RayDevice.objects.none(),
        required=False,
    )
    instrument = forms.ModelChoiceField(
        label=field_label(EquipmentFault, "instrument"),
        queryset=Instrument.objects.none(),
        required=False,
    )
    description = forms.CharField(
        label=field_label(EquipmentFault, "description"), widget=forms.Textarea(attrs={"rows": 3})
    )
    reported_on = _date(EquipmentFault, "reported_on")
    repaired_on = _date(EquipmentFault, "repaired_on", required=False)
    stayed_in_use = forms.BooleanField(
        label=field_label(EquipmentFault, "stayed_in_use"), required=False
    )
    version = _version()

    FIELDS = services.FAULT_FIELDS
    create_service = staticmethod(services.fault_create)
    update_service = staticmethod(services.fault_update)
    row_keyword = "fault"

    def __init__(self, *args, user, row=None, **kwargs):
        super().__init__(*args, user=user, row=row, **kwargs)
        unit_id = self._unit_id(user, row)
        devices = RayDevice.objects.for_user(user).filter(unit_id=unit_id)
        self.fields["device"].queryset = devices.order_by("name")
        instruments = Instrument.objects.for_user(user).filter(unit_id=unit_id)
        self.fields["instrument"].queryset = instruments.order_by("kind", "model")

    def _unit_id(self, user, row) -> int | None:
        if row is not None:
            return row.unit_id
        if user.unit_id is not None:
            return user.unit_id
        raw = str(self.data.get("unit") or self.initial.get("unit") or "")
        return int(raw) if raw.isdigit() else None
