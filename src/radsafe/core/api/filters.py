from django_filters.rest_framework import DjangoFilterBackend


class UserFilterBackend(DjangoFilterBackend):
    """For filtersets that take `user=` to offer only the choices inside the user's scope (the
    pages pass it the same way), so a filter cannot be used to probe other squads."""

    def get_filterset_kwargs(self, request, queryset, view):
        return {**super().get_filterset_kwargs(request, queryset, view), "user": request.user}
