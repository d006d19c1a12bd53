"""Pickers for large tables (design.md rule 6: "selects over large tables are autocomplete, never
preloaded"). A province's bureau lead may pick among 100,000 units and 500,000 sources and devices;
a `<select>` holding them all would weigh megabytes and take seconds to render on a phone.

The widget renders only the chosen options, so a form costs the same whatever the scope holds and a
refused form keeps what was picked; `static/core/autocomplete.js` turns it into a search box that
asks an `AutocompleteView` for matches. The view answers from the user's scope only (`for_user`),
so a picker never names a unit the user may not see, and the form field's own queryset still
validates whatever is posted (a hand-made POST of a foreign id is refused by the field)."""

from django.db.models import Q, QuerySet
from django.http import JsonResponse
from django.views import View

from radsafe.core.web.views import CapabilityRequiredMixin

RESULT_LIMIT = 20


class AutocompleteView(CapabilityRequiredMixin, View):
    """`GET ?q=…` → `{"results": [{"id", "text"}], "more"}`: at most RESULT_LIMIT matches from the
    user's scope, in two queries whatever the table's size. Subclasses give the scoped queryset,
    the fields searched (`icontains`) and how a row reads; `filters` maps extra parameters (a
    forwarded unit) to lookups, and a parameter that is not a number is ignored."""

    search_fields: tuple[str, ...] = ()
    filters: dict[str, str] = {}

    def get_queryset(self) -> QuerySet:
        raise NotImplementedError

    def label(self, obj) -> str:
        return str(obj)

    def get(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        term = request.GET.get("q", "").strip()[:100]
        if term:
            match = Q()
            for name in self.search_fields:
                match |= Q(**{f"{name}__icontains": term})
            queryset = queryset.filter(match)
        for param, lookup in self.filters.items():
            value = request.GET.get(param, "")
            if value.isdigit():
                queryset = queryset.filter(**{lookup: int(value)})
        rows = list(queryset[: RESULT_LIMIT + 1])
        results = [{"id": obj.pk, "text": self.label(obj)} for obj in rows[:RESULT_LIMIT]]
        return JsonResponse({"results": results, "more": len(rows) > RESULT_LIMIT})
