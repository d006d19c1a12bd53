from django.contrib.auth import views as auth_views
from django.urls import include, path

from radsafe.core import views as core_views

urlpatterns = [
    path("", core_views.HomeView.as_view(), name="home"),
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
    path("admin/audit/", core_views.AuditListView.as_view(), name="audit-list"),
    path("registry/", include("radsafe.registry.urls")),
    path("inventory/", include("radsafe.inventory.urls")),
    path("readiness/", include("radsafe.readiness.urls")),
    path("personnel/", include("radsafe.personnel.urls")),
    path("imports/", include("radsafe.core.imports.urls")),
    path("api/", include("radsafe.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
