from django.contrib.auth import views as auth_views
from django.urls import include, path

from radsafe.core import views as core_views

urlpatterns = [
    path("", core_views.HomeView.as_view(), name="home"),
    path("favicon.ico", core_views.FaviconView.as_view(), name="favicon"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", core_views.PasswordChangeView.as_view(), name="password_change"),
    path("admin/accounts/", core_views.AccountListView.as_view(), name="account-list"),
    path(
        "admin/accounts/<int:pk>/unlock/",
        core_views.AccountUnlockView.as_view(),
        name="account-unlock",
    ),
    path("admin/accounts/new/", core_views.AccountCreateView.as_view(), name="account-create"),
    path(
        "admin/accounts/<int:pk>/disable/",
        core_views.AccountDisableView.as_view(),
        name="account-disable",
    ),
    path(
        "admin/accounts/<int:pk>/enable/",
        core_views.AccountEnableView.as_view(),
        name="account-enable",
    ),
    path(
        "admin/accounts/<int:pk>/reset-password/",
        core_views.AccountResetPasswordView.as_view(),
        name="account-reset-password",
    ),
    path(
        "admin/accounts/jurisdictions/autocomplete/",
        core_views.JurisdictionAutocompleteView.as_view(),
        name="account-jurisdiction-autocomplete",
    ),
    path(
        "admin/accounts/units/autocomplete/",
        core_views.AccountUnitAutocompleteView.as_view(),
        name="account-unit-autocomplete",
    ),
    path("admin/audit/", core_views.AuditListView.as_view(), name="audit-list"),
    path("registry/", include("radsafe.registry.urls")),
    path("inventory/", include("radsafe.inventory.urls")),
    path("readiness/", include("radsafe.readiness.urls")),
    path("personnel/", include("radsafe.personnel.urls")),
    path("imports/", include("radsafe.core.imports.urls")),
    path("api/", include("radsafe.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
