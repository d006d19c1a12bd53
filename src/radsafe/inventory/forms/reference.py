"""Form of the ray-device type list, kept by the system administrator. It collects input and
calls the reference services; what they refuse (a name already used) comes back on its field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.forms import BootstrapForm, call_service, field_label
from radsafe.inventory.choices import DeviceClass
from radsafe.inventory.models import DeviceType
from radsafe.inventory.services.reference import (
    DEVICE_TYPE_FIELDS,
    device_type_create,
    device_type_update,
)


class DeviceTypeForm(BootstrapForm):
    """Create and edit; there is no delete, since registered devices point at their type."""

    name = forms.CharField(label=field_label(DeviceType, "name"), max_length=60)
    device_class = forms.TypedChoiceField(
        label=field_label(DeviceType, "device_class"),
        choices=DeviceClass.choices,
        coerce=int,
        help_text=_("该类型装置通常所属的类别；已登记装置的类别不随之改变。"),
    )
    order = forms.IntegerField(
        label=_("排序"),
        min_value=0,
        max_value=32767,
        initial=0,
        help_text=_("同一类别内的排列顺序，数字小的在前。"),
    )

    def __init__(self, *args, user, device_type: DeviceType | None = None, **kwargs):
        self.user, self.device_type = user, device_type
        if device_type is not None:
            initial = {name: getattr(device_type, name) for name in DEVICE_TYPE_FIELDS}
            kwargs["initial"] = {**initial, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)

    def save(self):
        data = {name: self.cleaned_data[name] for name in DEVICE_TYPE_FIELDS}
        if self.device_type is None:
            return call_service(self, device_type_create, actor=self.user, **data)
        return call_service(
            self, device_type_update, device_type=self.device_type, actor=self.user, **data
        )
