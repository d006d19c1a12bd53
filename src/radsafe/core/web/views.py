"""The page layer every app shares: the capability check, the list with its filters and table, the
form page that calls a service, and the one way to load the object a URL names (through the
user's scope, so an object out of scope is a 404, never a 403 that would confirm it exists)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from radsafe.core.audit import audit_record
from radsafe.core.permissions import has_capability
from radsafe.core.web.forms import MAX_ID, add_bootstrap_classes

PAGE_SIZE = 25
# The rows a list page may hold (?per_page=); anything else, 10,000 included, reads as PAGE_SIZE.
PAGE_SIZES = (25, 50, 100)


def page_size(request) -> int:
    value = request.GET.get("per_page", "")
    return int(value) if value in {str(size) for size in PAGE_SIZES} else PAGE_SIZE


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


class CapabilityFlagsMixin:
    """`can.unit_create` etc. in the template, so buttons appear only for those who may use them
    (the target page checks again)."""

    flag_capabilities = (
        "unit.create",
        "unit.change",
        "unit.change_status",
        "unit.export",
        "licence.view",
        "licence.change",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can"] = {
            name.replace(".", "_"): has_capability(user, name) for name in self.flag_capabilities
        }
        return context


def present_filter_form(form) -> None:
    """Bootstrap classes, and "全部" instead of "---------" / "未知" as the no-filter choice."""
    add_bootstrap_classes(form)
    everything = _("全部")
    for field in form.fields.values():
        if isinstance(field.widget, forms.NullBooleanSelect):
            field.widget.choices = [("unknown", everything), ("true", _("是")), ("false", _("否"))]
        elif getattr(field, "empty_label", None) is not None:
            field.empty_label = everything
            field.widget.choices = field.choices  # the widget's copy may still read the old label


class FilteredTableView(
    CapabilityRequiredMixin, CapabilityFlagsMixin, SingleTableMixin, FilterView
):
    """A list: the rows of `selector(user=...)` (built on `for_user`), narrowed by the filterset,
    drawn by the table, one page at a time."""

    selector = None
    # Columns naming the unit, which for a unit officer (one unit) would repeat it on every row.
    unit_columns: tuple[str, ...] = ()

    def get_queryset(self):
        return self.selector(user=self.request.user)

    def get_table(self, **kwargs):
        """The table sorted as asked, and paginated here rather than by django-tables2's
        RequestConfig, which would take ?per_page= as it comes (10,000 rows, or a 500 for -1):
        only PAGE_SIZES, and a page number outside the list shows its first or last page."""
        table = self.get_table_class()(data=self.get_table_data(), **kwargs)
        RequestConfig(self.request, paginate=False).configure(table)  # the ordering
        table.paginate(per_page=page_size(self.request), page=1)
        number = self.request.GET.get(table.prefixed_page_field, "")
        if number.isdigit() and int(number) > 1:
            table.page = table.paginator.page(min(int(number), table.paginator.num_pages))
        table.page_sizes = PAGE_SIZES
        return table

    def get_table_kwargs(self):
        if self.request.user.unit_id is None:
            return {}
        hidden = tuple(name for name in self.unit_columns if name in self.table_class.base_columns)
        return {"exclude": hidden} if hidden else {}

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        self.adapt_filters(filterset.filters)
        present_filter_form(filterset.form)
        return filterset

    def adapt_filters(self, filters) -> None:
        """Drop filters that mean nothing to this user (before the form is built)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        return context


class ServiceFormView(CapabilityRequiredMixin, FormView):
    """A form page whose `form.save()` calls a service and returns None when it refused."""

    success_message = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        result = form.save()
        if result is None:
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url(result))

    detail_url_name = ""

    def get_success_url(self, result):
        """The page of what the service wrote (`detail_url_name`, with its id)."""
        return reverse(self.detail_url_name, args=[result.pk])


class ScopedObjectMixin:
    """The one way a page loads the object its URL names: through the model's `for_user` scope, so
    an object out of scope is a 404. Loaded lazily, only after `dispatch` checked the capability,
    so a refused role gets its 403 whether or not the object exists."""

    object_model = None
    object_related: tuple[str, ...] = ()
    object_url_kwarg = "pk"
    # A detail selector `(user=, pk=) -> object` that raises DoesNotExist, where the page needs
    # more than the row (its prefetches); otherwise the model's `for_user` rows are used.
    object_selector = None

    def get_object_queryset(self):
        queryset = self.object_model.objects.for_user(self.request.user)
        return queryset.select_related(*self.object_related) if self.object_related else queryset

    @cached_property
    def object(self):
        """None on a page whose URL names no object (the create page of a create/edit pair)."""
        if self.object_url_kwarg not in self.kwargs:
            return None
        pk = self.kwargs[self.object_url_kwarg]
        if not 0 < pk <= MAX_ID:  # no row has it, and SQLite cannot even compare it
            raise Http404
        if self.object_selector is None:
            return get_object_or_404(self.get_object_queryset(), pk=pk)
        try:
            return self.object_selector(user=self.request.user, pk=pk)
        except ObjectDoesNotExist as missing:
            raise Http404 from missing

    def form_invalid(self, form):
        # The service may have set the refused values on the instance; show the stored ones.
        if self.object is not None:
            self.object.refresh_from_db()
        return super().form_invalid(form)


def scoped_from_query(request, model, name: str):
    """The row a link names in the query string (`?source=<id>` from a source's page), through
    the user's scope: None when the parameter is absent or not an id, 404 when out of scope, as
    for an object named in the path."""
    value = request.GET.get(name, "")
    if not value.isdigit() or not 0 < int(value) <= MAX_ID:
        return None
    return get_object_or_404(model.objects.for_user(request.user), pk=int(value))
