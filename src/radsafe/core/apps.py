from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "radsafe.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self) -> None:
        from radsafe.core import auth_events  # noqa: F401  (connects the login/logout audit receivers)
