from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from .audit import audit_record
from .forms import PasswordChangeForm
from .permissions import has_capability
from .services import user_change_password


class CapabilityRequiredMixin(LoginRequiredMixin):
    """Every page names the capability it needs; a logged-in user without it gets 403 and an audit
    event. Which rows the page shows is left to the model's `for_user` scope."""

    capability: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_capability(request.user, self.get_capability()):
            audit_record(
                actor=request.user,
                action="permission.denied",
                object_type="page",
                object_repr=request.path[:200],
            )
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_capability(self) -> str:
        if not self.capability:
            raise PermissionDenied  # fail closed: a page without a declared capability is refused
        return self.capability


class ScopedQuerysetMixin:
    """Objects come only through the model's `for_user` scope, so one out of scope is a 404."""

    model = None

    def get_queryset(self):
        return self.model.objects.for_user(self.request.user)


class HomeView(CapabilityRequiredMixin, TemplateView):
    capability = "home.view"
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        from radsafe.registry.selectors import unit_summary_for_user

        context = super().get_context_data(**kwargs)
        if has_capability(self.request.user, "unit.view"):
            context["summary"] = unit_summary_for_user(user=self.request.user)
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


class AccountListView(CapabilityRequiredMixin, TemplateView):
    capability = "account.view"
    template_name = "core/placeholder.html"


class AccountUnlockView(CapabilityRequiredMixin, TemplateView):
    capability = "account.unlock"
    template_name = "core/placeholder.html"


class AuditListView(CapabilityRequiredMixin, TemplateView):
    capability = "audit.view"
    template_name = "core/placeholder.html"
