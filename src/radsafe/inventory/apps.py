from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "radsafe.inventory"
    label = "inventory"
    verbose_name = _("源与装置台账")
