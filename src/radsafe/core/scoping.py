"""Data scope, fail closed (design.md rule 2).

Every tenant-owned model's manager is built from `ScopedQuerySet`. A model names the field that
holds its jurisdiction path (a materialised path such as ``/14/1408/140881/140881-1/``) and the
field that holds its unit; `for_user` turns the user's scope into one indexed prefix or equality
filter. Anyone without a matching scope gets an empty queryset, never everything."""

from django.db import models

from .choices import JURISDICTION_ROLES, Role


class ScopedQuerySet(models.QuerySet):
    scope_path_field: str = ""
    scope_unit_field: str = ""

    def for_user(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role == Role.UNIT_OFFICER:
            if user.unit_id is None:
                return self.none()
            return self.filter(**{self.scope_unit_field: user.unit_id})
        if user.role in JURISDICTION_ROLES and user.jurisdiction_id is not None:
            return self.filter(**{f"{self.scope_path_field}__startswith": user.scope_path})
        return self.none()
