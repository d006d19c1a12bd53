from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import FormView, ListView, RedirectView, TemplateView
from django_tables2.paginators import LazyPaginator

from radsafe.core.account_services import (
    account_disable,
    account_enable,
    account_reset_password,
    account_unlock,
)
from radsafe.core.admin_selectors import account_list, audit_event_list, locked_out_usernames
from radsafe.core.audit_display import action_label, audit_changes, object_type_label
from radsafe.core.filtersets import AccountFilterSet, AuditEventFilterSet
from radsafe.core.forms import AccountCreateForm, PasswordChangeForm
from radsafe.core.home import PANELS, workbench
from radsafe.core.models import Jurisdiction, User
from radsafe.core.permissions import has_capability
from radsafe.core.services import user_change_password
from radsafe.core.web.autocomplete import AutocompleteView
from radsafe.core.web.forms import unit_model
from radsafe.core.web.views import CapabilityRequiredMixin


class HomeView(CapabilityRequiredMixin, TemplateView):
    capability = "home.view"
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        for panel in PANELS:
            if has_capability(user, panel.capability):
                context[panel.name] = panel.provide(user=user)
        context["workbench"] = workbench(user=user)
        return context


class PasswordChangeView(LoginRequiredMixin, FormView):
    template_name = "registration/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("home")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        user_change_password(
            user=self.request.user, new_password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, _("密码已修改。"))
        return redirect(self.get_success_url())


class AccountListView(CapabilityRequiredMixin, ListView):
    """Accounts with what the security administrator acts on: forced change, demo marking and
    whether axes refuses the username right now."""

    capability = "account.view"
    template_name = "core/account_list.html"
    context_object_name = "accounts"
    paginate_by = 50

    def get_queryset(self):
        self.filterset = AccountFilterSet(self.request.GET or None, queryset=account_list())
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        accounts = context["accounts"]
        locked = locked_out_usernames([account.username for account in accounts])
        for account in accounts:
            account.locked_now = account.username in locked
        context["filter"] = self.filterset
        context["can_unlock"] = has_capability(self.request.user, "account.unlock")
        context["can_change"] = has_capability(self.request.user, "account.change")
        context["querystring"] = _querystring_without_page(self.request)
        return context


class AccountUnlockView(CapabilityRequiredMixin, View):
    capability = "account.unlock"
    http_method_names = ["post"]

    def post(self, request, pk):
        account = get_object_or_404(User, pk=pk)
        cleared = account_unlock(user=account, actor=request.user)
        if cleared:
            messages.success(request, _("已解除账号 %(name)s 的登录锁定。") % {"name": account})
        else:
            messages.info(request, _("账号 %(name)s 当前没有登录失败记录。") % {"name": account})
        return redirect("account-list")


def _show_password_once(request, *, account, password: str, created: bool):
    """The temporary password, on the answer to the POST that made it and nowhere else: not in a
    message (stored in the session), not cached by the browser or a proxy."""
    response = render(
        request,
        "core/account_password.html",
        {"account": account, "password": password, "created": created},
    )
    add_never_cache_headers(response)
    return response


class AccountCreateView(CapabilityRequiredMixin, FormView):
    capability = "account.change"
    template_name = "core/account_form.html"
    form_class = AccountCreateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        result = form.save()
        if result is None:
            return self.form_invalid(form)
        account, password = result
        return _show_password_once(self.request, account=account, password=password, created=True)


class AccountActionView(CapabilityRequiredMixin, View):
    """A POST that changes one account through its service; a refusal comes back as a message."""

    capability = "account.change"
    http_method_names = ["post"]
    service = None
    done = ""

    def post(self, request, pk):
        account = get_object_or_404(User, pk=pk)
        try:
            type(self).service(user=account, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.done % {"name": account})
        return redirect("account-list")


class AccountDisableView(AccountActionView):
    service = staticmethod(account_disable)
    done = _lazy("已停用账号 %(name)s，其会话和接口令牌已失效。")


class AccountEnableView(AccountActionView):
    service = staticmethod(account_enable)
    done = _lazy("已重新启用账号 %(name)s。")


class AccountResetPasswordView(CapabilityRequiredMixin, View):
    """GET asks for confirmation; POST issues the temporary password and shows it once."""

    capability = "account.change"
    http_method_names = ["get", "post"]

    def get(self, request, pk):
        account = get_object_or_404(User, pk=pk)
        return render(request, "core/account_reset_confirm.html", {"account": account})

    def post(self, request, pk):
        account = get_object_or_404(User, pk=pk)
        try:
            password = account_reset_password(user=account, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("account-list")
        return _show_password_once(request, account=account, password=password, created=False)


class JurisdictionAutocompleteView(AutocompleteView):
    """The account form's jurisdiction picker: every jurisdiction (accounts are not scoped)."""

    capability = "account.change"
    search_fields = ("name", "code")

    def get_queryset(self):
        return Jurisdiction.objects.order_by("path")

    def label(self, obj) -> str:
        return f"{obj.name}（{obj.get_level_display()}，{obj.code}）"


class AccountUnitAutocompleteView(AutocompleteView):
    """The account form's unit picker: name and credit code only, for binding a unit officer."""

    capability = "account.change"
    search_fields = ("name", "credit_code")

    def get_queryset(self):
        return unit_model().objects.only("id", "name", "credit_code").order_by("name", "id")

    def label(self, obj) -> str:
        return f"{obj.name}（{obj.credit_code}）"


class AuditListView(CapabilityRequiredMixin, ListView):
    """Read-only. Pages without a total count: COUNT(*) over an ever-growing log is the one query
    whose cost would grow with the table."""

    capability = "audit.view"
    template_name = "core/audit_list.html"
    context_object_name = "events"
    paginate_by = 50
    paginator_class = LazyPaginator

    def get_queryset(self):
        self.filterset = AuditEventFilterSet(self.request.GET or None, queryset=audit_event_list())
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for event in context["events"]:
            event.changes = audit_changes(event.before, event.after, event.object_type)
            event.action_label = action_label(event.action)
            event.object_type_label = object_type_label(event.object_type)
        context["filter"] = self.filterset
        context["querystring"] = _querystring_without_page(self.request)
        return context


def _querystring_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page's <link> says: the icon, not a 404. The
    URL is made per request, so a hashed static file name is read after `collectstatic`."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("core/favicon.svg")
