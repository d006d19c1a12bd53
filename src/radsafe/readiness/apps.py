from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadinessConfig(AppConfig):
    name = "radsafe.readiness"
    label = "readiness"
    verbose_name = _("应急准备与监测设备")
