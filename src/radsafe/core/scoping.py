"""Data scope, fail closed (design.md rule 2).

Every tenant-owned model's manager is built from `ScopedQuerySet`. A model names the field that
holds its jurisdiction path (a materialised path such as ``/14/1408/140881/140881-1/``) and the
field that holds its unit; `for_user` turns the user's scope into one indexed prefix or equality
filter. Anyone without a matching scope gets an empty queryset, never everything."""

from django.db import models
from django.db.models import Lookup

from radsafe.core.choices import JURISDICTION_ROLES, JurisdictionLevel, Role


class ScopePathField(models.CharField):
    """A materialised path (or a copy of one), collated "C" on PostgreSQL.

    A production cluster runs in a language's collation (zh_CN.UTF-8, en_US.UTF-8), in which a
    btree index cannot answer `LIKE 'prefix%'`: only a C column, or a pattern-ops index that
    cannot give ORDER BY, can. Paths are ASCII codes and slashes, so byte order is their natural
    order, and in C one plain index serves both the scope and the lists that sort by path.
    SQLite compares bytes already (BINARY) and has no collation named C, so it gets none."""

    def db_parameters(self, connection):
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql" and not self.db_collation:
            params["collation"] = "C"
        return params


@models.CharField.register_lookup
class PathPrefix(Lookup):
    """`path__path_prefix="/14/1408/"`: the subtree under a materialised path, through its index.

    PostgreSQL answers `LIKE 'prefix%'` from any btree index that begins with the path, because
    the path is a `ScopePathField`, collated "C" (a column in the database's own collation would
    need a pattern-ops index, which cannot give the lists their order; a source's code, which is
    not a path, has Django's `_like` one for its search). SQLite's LIKE is
    case-insensitive and never uses an ordinary index, so there the same set is asked for as a
    range: every string that starts with p sorts at or after p and before p with its last
    character incremented."""

    lookup_name = "path_prefix"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        pattern = self.rhs.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_") + "%"
        return f"{lhs} LIKE %s", [*lhs_params, pattern]

    def as_sqlite(self, compiler, connection):
        return self.sqlite_range(compiler, connection)

    def sqlite_range(self, compiler, connection, *, unindexed: bool = False):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        lhs = f"+{lhs}" if unindexed else lhs
        upper = self.rhs[:-1] + chr(ord(self.rhs[-1]) + 1)
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, self.rhs, *lhs_params, upper]


@models.CharField.register_lookup
class WidePathPrefix(PathPrefix):
    """The same subtree as `path_prefix`, for a scope so wide (a city, a province) that reading
    it through the path's index and sorting all of it costs more than walking the index of the
    list's order and skipping the rows outside.

    SQLite has no way to weigh that: with or without statistics it takes the path's index and
    sorts (a province's first page of dose records: 150 ms at a million rows, 0.1 ms through the
    order's index). So when the query reads a page in the model's own order, the range is written
    on `+path`, which SQLite may not answer from an index, and the order's index is all that
    remains. Anything else – a count, an export without a slice, another order – keeps the plain
    range, whose covering index is the fastest way to count a subtree. PostgreSQL's planner
    weighs it from its statistics, so there this is `path_prefix`."""

    lookup_name = "wide_path_prefix"

    def as_sqlite(self, compiler, connection):
        unindexed = _reads_a_page_in_model_order(compiler.query)
        return self.sqlite_range(compiler, connection, unindexed=unindexed)


def _reads_a_page_in_model_order(query) -> bool:
    ordering = tuple(query.get_meta().ordering)
    asked = tuple(query.order_by) or (ordering if query.default_ordering else ())
    return query.is_sliced and bool(asked) and asked == ordering


# Scopes that hold a large share of a province's rows: `ordered_by_own_index` applies to these.
WIDE_SCOPE_LEVELS = frozenset({JurisdictionLevel.PROVINCE, JurisdictionLevel.CITY})


class ScopedQuerySet(models.QuerySet):
    scope_path_field: str = ""
    scope_unit_field: str = ""
    # True on a model whose default ordering has an index of its own that does not begin with
    # the path (dose records, newest first): a city or a province then reads a page through that
    # index (`wide_path_prefix`). The lists ordered by path first (sources, devices, workers)
    # get their order from the path's index already and keep False.
    ordered_by_own_index: bool = False

    def for_user(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role == Role.UNIT_OFFICER:
            if user.unit_id is None:
                return self.none()
            return self.filter(**{self.scope_unit_field: user.unit_id})
        if user.role in JURISDICTION_ROLES and user.jurisdiction_id is not None:
            path = user.scope_path  # loads the jurisdiction, so its level below costs no query
            lookup = "path_prefix"
            if self.ordered_by_own_index and user.jurisdiction.level in WIDE_SCOPE_LEVELS:
                lookup = "wide_path_prefix"
            return self.filter(**{f"{self.scope_path_field}__{lookup}": path})
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
