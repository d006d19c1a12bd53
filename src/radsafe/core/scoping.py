"""Data scope, fail closed (design.md rule 2).

Every tenant-owned model's manager is built from `ScopedQuerySet`. A model names the field that
holds its jurisdiction path (a materialised path such as ``/14/1408/140881/140881-1/``) and the
field that holds its unit; `for_user` turns the user's scope into one indexed prefix or equality
filter. Anyone without a matching scope gets an empty queryset, never everything."""

from django.db import models
from django.db.models import Lookup

from .choices import JURISDICTION_ROLES, Role


@models.CharField.register_lookup
class PathPrefix(Lookup):
    """`path__path_prefix="/14/1408/"`: the subtree under a materialised path, through its index.

    PostgreSQL answers `LIKE 'prefix%'` from the varchar_pattern_ops index Django adds to every
    indexed CharField. SQLite's LIKE is case-insensitive and never uses an ordinary index, so there
    the same set is asked for as a range: every string that starts with p sorts at or after p and
    before p with its last character incremented."""

    lookup_name = "path_prefix"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        pattern = self.rhs.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_") + "%"
        return f"{lhs} LIKE %s", [*lhs_params, pattern]

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        upper = self.rhs[:-1] + chr(ord(self.rhs[-1]) + 1)
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, self.rhs, *lhs_params, upper]


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
            return self.filter(**{f"{self.scope_path_field}__path_prefix": user.scope_path})
        return self.none()


class UnitScopedQuerySet(ScopedQuerySet):
    """Rows owned by a unit, scoped through a join on the unit's path (small tables)."""

    scope_path_field = "unit__scope_path"
    scope_unit_field = "unit"


class CopiedScopeQuerySet(ScopedQuerySet):
    """Rows owned by a unit that carry a copy of its path, so the scope is a range on the table's
    own index rather than a join through every unit of a province (the large tables: sources,
    devices, workers, dose records; design.md: every tenant table carries its jurisdiction key).
    `propagate_unit_scope` keeps the copies right when a unit moves."""

    scope_path_field = "scope_path"
    scope_unit_field = "unit"


def propagate_unit_scope(unit_id: int, scope_path: str) -> None:
    """A unit moved to another squad or bureau: rewrite the copy of its scope path on every row
    that carries one (the models whose queryset scopes by their own `scope_path` and a `unit`)."""
    from django.apps import apps

    for model in apps.get_models():
        queryset = model._default_manager.all()
        if (
            isinstance(queryset, ScopedQuerySet)
            and queryset.scope_path_field == "scope_path"
            and queryset.scope_unit_field == "unit"
        ):
            model._default_manager.filter(unit_id=unit_id).update(scope_path=scope_path)
