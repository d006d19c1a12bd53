from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "radsafe.personnel"
    label = "personnel"
    verbose_name = _("辐射工作人员")
