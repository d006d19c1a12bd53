"""Forms of the asset pages. They collect input and call the services; what a service refuses comes
back onto the field it names through `call_service`. Units and sites offered are those of the
user's scope: a unit officer registers only in the own unit, a bureau lead picks one of the
county's."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.forms import (
    BootstrapForm,
    DateTimeLocalInput,
    TransitionChoiceField,
    UnitRowForm,
    add_bootstrap_classes,
    call_service,
    field_label,
    unit_field,
)
from radsafe.core.web.widgets import AutocompleteSelect
from radsafe.inventory import workflows
from radsafe.inventory.choices import (
    HELD_STATUSES,
    DeviceClass,
    DeviceStatus,
    SiteKind,
    SourceStatus,
)
from radsafe.inventory.models import DeviceType, Nuclide, RayDevice, Source, StorageSite
from radsafe.inventory.services import assets as services
from radsafe.inventory.services.reference import NUCLIDE_FIELDS, nuclide_update
from radsafe.registry.models import Unit


class SiteChoiceField(forms.ModelChoiceField):
    """ "Unit · site" for a bureau lead who sees several units' sites."""

    def label_from_instance(self, obj: StorageSite) -> str:
        return f"{obj.unit.name} · {obj.name}"


def _activity_field(label) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        help_text=_("单位 Bq，可写作科学计数法，如 3.7e10（= 1 Ci）。"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class SourceEditForm(BootstrapForm):
    """The record's corrections; status and location change only through the register."""

    code = forms.CharField(
        label=field_label(Source, "code"),
        max_length=12,
        help_text=_("12 位：生产单位 2 位、年份 2 位、核素 2 位、序号 5 位、类别 1 位；字母大写。"),
    )
    nuclide = forms.ModelChoiceField(label=field_label(Source, "nuclide"), queryset=Nuclide.objects)
    activity_bq = _activity_field(field_label(Source, "activity_bq"))
    reference_date = forms.DateField(
        label=field_label(Source, "reference_date"), widget=forms.DateInput
    )
    use = forms.CharField(label=field_label(Source, "use"), max_length=100, required=False)
    work_place = forms.CharField(
        label=field_label(Source, "work_place"), max_length=200, required=False
    )
    manufacturer = forms.CharField(
        label=field_label(Source, "manufacturer"), max_length=100, required=False
    )
    model = forms.CharField(label=field_label(Source, "model"), max_length=50, required=False)
    serial_number = forms.CharField(
        label=field_label(Source, "serial_number"), max_length=50, required=False
    )
    manufactured_on = forms.DateField(
        label=field_label(Source, "manufactured_on"), widget=forms.DateInput, required=False
    )
    origin = forms.CharField(label=field_label(Source, "origin"), max_length=200, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDS = services.SOURCE_FIELDS

    def __init__(self, *args, user, source: Source | None = None, **kwargs):
        self.user, self.source = user, source
        if source is not None:
            initial = {name: getattr(source, name) for name in self.FIELDS}
            kwargs["initial"] = {**initial, "version": source.version, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        if source is None:
            del self.fields["version"]

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}

    def save(self):
        return call_service(
            self,
            services.source_update,
            source=self.source,
            actor=self.user,
            expected_version=self.cleaned_data["version"],
            **self.data_for_service(),
        )


class SourceCreateForm(SourceEditForm):
    """Registering a source writes its arrival in the register too (where and when it came)."""

    unit = forms.ModelChoiceField(label=_("持有单位"), queryset=Unit.objects.none())
    status = forms.ChoiceField(
        label=field_label(Source, "status"),
        choices=[(s.value, s.label) for s in SourceStatus if s in HELD_STATUSES],
        initial=SourceStatus.STORED,
    )
    site = SiteChoiceField(
        label=_("贮存场所"),
        queryset=StorageSite.objects.none(),
        required=False,
        help_text=_("放在库内时选择；在使用场所时留空并填写使用场所。"),
    )
    arrived_at = forms.DateTimeField(
        label=_("入库时间"),
        widget=DateTimeLocalInput,
        required=False,
        help_text=_("留空为当前时间。"),
    )
    person = forms.CharField(
        label=_("经办人"), max_length=100, required=False, help_text=_("留空为当前用户。")
    )

    field_order = ["unit", "code", "nuclide", "activity_bq", "reference_date", "status", "site"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, source=None, **kwargs)
        self.fields["unit"] = unit_field(user)
        site = self.fields["site"]
        if user.unit_id is None:  # bureau staff: the chosen unit's stores, searched
            site.widget = AutocompleteSelect("inventory:site-autocomplete", forward="unit")
        site.queryset = (
            StorageSite.objects.for_user(user).select_related("unit").order_by("unit__name", "name")
        )
        self.order_fields(self.field_order)

    def save(self):
        data = self.data_for_service()
        return call_service(
            self,
            services.source_create,
            actor=self.user,
            unit=self.cleaned_data["unit"],
            status=self.cleaned_data["status"],
            site=self.cleaned_data["site"],
            arrived_at=self.cleaned_data["arrived_at"],
            person=self.cleaned_data["person"],
            **data,
        )


class DeviceForm(UnitRowForm):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none())
    name = forms.CharField(label=field_label(RayDevice, "name"), max_length=100)
    device_type = forms.ModelChoiceField(
        label=field_label(RayDevice, "device_type"), queryset=DeviceType.objects
    )
    device_class = forms.TypedChoiceField(
        label=field_label(RayDevice, "device_class"),
        choices=[("", _("按类型默认")), *DeviceClass.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("留空时取该类型的常规类别（射线装置分类，2017）。"),
    )
    model = forms.CharField(label=field_label(RayDevice, "model"), max_length=50, required=False)
    serial_number = forms.CharField(
        label=field_label(RayDevice, "serial_number"), max_length=50, required=False
    )
    rated_kv = forms.FloatField(label=field_label(RayDevice, "rated_kv"), required=False)
    rated_ma = forms.FloatField(label=field_label(RayDevice, "rated_ma"), required=False)
    energy_mev = forms.FloatField(label=field_label(RayDevice, "energy_mev"), required=False)
    use = forms.CharField(label=field_label(RayDevice, "use"), max_length=100, required=False)
    location = forms.CharField(
        label=field_label(RayDevice, "location"), max_length=200, required=False
    )
    status = TransitionChoiceField(
        label=field_label(RayDevice, "status"),
        known=DeviceStatus.values,
        initial=DeviceStatus.IN_USE,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDS = services.DEVICE_FIELDS
    create_service = staticmethod(services.device_create)
    update_service = staticmethod(services.device_update)
    row_keyword = "device"

    def __init__(self, *args, **kwargs):
        """A new device may be entered in any status; an existing one is offered its own status
        and those the workflow lets this user move it to."""
        super().__init__(*args, **kwargs)
        if self.row is None:
            self.fields["status"].offer(list(DeviceStatus))
        else:
            self.fields["status"].offer(workflows.allowed_device_statuses(self.row, self.user))

    def service_data(self) -> dict:
        data = super().service_data()
        if self.row is not None and data["device_class"] is None:
            data["device_class"] = data["device_type"].device_class
        return data


class SiteForm(UnitRowForm):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none())
    name = forms.CharField(label=field_label(StorageSite, "name"), max_length=100)
    kind = forms.ChoiceField(label=field_label(StorageSite, "kind"), choices=SiteKind.choices)
    place = forms.CharField(label=field_label(StorageSite, "place"), max_length=200)
    dual_lock = forms.BooleanField(label=field_label(StorageSite, "dual_lock"), required=False)
    video = forms.BooleanField(label=field_label(StorageSite, "video"), required=False)
    alarm = forms.BooleanField(label=field_label(StorageSite, "alarm"), required=False)
    note = forms.CharField(
        label=field_label(StorageSite, "note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDS = services.SITE_FIELDS
    create_service = staticmethod(services.site_create)
    update_service = staticmethod(services.site_update)
    row_keyword = "site"


class NuclideForm(BootstrapForm):
    """The half-life is shown, never edited: it comes from radioactivedecay (ICRP-107)."""

    name_zh = forms.CharField(label=field_label(Nuclide, "name_zh"), max_length=20)
    code = forms.CharField(
        label=field_label(Nuclide, "code"),
        max_length=2,
        required=False,
        help_text=_("放射源编码第 5–6 位使用的核素代码。"),
    )
    d_value_tbq = forms.FloatField(
        label=field_label(Nuclide, "d_value_tbq"),
        help_text=_("原环保总局公告2005年第62号附表。"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    exemption_bq = forms.FloatField(
        label=field_label(Nuclide, "exemption_bq"),
        required=False,
        help_text=_("GB 18871-2002 附录 A 表 A1；未知时留空。"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    verified = forms.BooleanField(label=field_label(Nuclide, "verified"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, nuclide: Nuclide, **kwargs):
        self.user, self.nuclide = user, nuclide
        initial = {name: getattr(nuclide, name) for name in NUCLIDE_FIELDS}
        kwargs["initial"] = {**initial, "version": nuclide.version}
        super().__init__(*args, **kwargs)

    def save(self):
        data = {name: self.cleaned_data[name] for name in NUCLIDE_FIELDS}
        return call_service(
            self,
            nuclide_update,
            nuclide=self.nuclide,
            actor=self.user,
            expected_version=self.cleaned_data["version"],
            **data,
        )


class AtDateForm(forms.Form):
    """The day a source's activity and category are computed for (?at=YYYY-MM-DD)."""

    at = forms.DateField(
        label=_("计算日期"),
        required=False,
        widget=forms.DateInput,
        error_messages={"invalid": _("日期格式应为 YYYY-MM-DD。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def day(self) -> datetime.date:
        if self.is_valid() and self.cleaned_data.get("at"):
            return self.cleaned_data["at"]
        return timezone.localdate()


class PeriodForm(forms.Form):
    """A period for the category-change list; by default the last twelve months."""

    start = forms.DateField(
        label=_("起始日期"),
        required=False,
        widget=forms.DateInput,
        error_messages={"invalid": _("日期格式应为 YYYY-MM-DD。")},
    )
    end = forms.DateField(
        label=_("截止日期"),
        required=False,
        widget=forms.DateInput,
        error_messages={"invalid": _("日期格式应为 YYYY-MM-DD。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("截止日期不能早于起始日期。"))
        return cleaned

    def period(self) -> tuple[datetime.date, datetime.date]:
        end = timezone.localdate()
        if self.is_valid() and self.cleaned_data.get("end"):
            end = self.cleaned_data["end"]
        start = None
        if self.is_valid():
            start = self.cleaned_data.get("start")
        if start is None:
            try:
                start = end.replace(year=end.year - 1)
            except ValueError:  # 29 February
                start = end.replace(year=end.year - 1, day=28)
        return start, end
