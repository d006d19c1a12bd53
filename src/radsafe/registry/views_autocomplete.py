"""The unit picker's searches (core/autocomplete.py): a bureau lead's form offers units of the
own scope by name or credit code, never the whole list."""

from radsafe.core.autocomplete import AutocompleteView

from .models import Unit


class UnitAutocompleteView(AutocompleteView):
    capability = "unit.view"
    search_fields = ("name", "credit_code")

    def get_queryset(self):
        return Unit.objects.for_user(self.request.user).only("id", "name").order_by("name", "id")
