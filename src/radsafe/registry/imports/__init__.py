"""Excel import of units with their current licence (requirements: bulk import from the bureau's
台账 with a dry run and row-level errors), one import on the shared machinery of
`radsafe.core.imports`.

Three steps, each usable without the web pages: `validate_upload` refuses a bad file before any
row is looked at, `plan_import` checks every row and works out what would change without writing,
and `commit_import` re-plans inside one transaction and writes through the registry services, so an
import is all or nothing and leaves the same audit trail as editing by hand."""

from radsafe.core.imports import ImportRejected, ImportSheet, RowError, SheetRow
from radsafe.registry.imports.templates import TEMPLATE, build_template
from radsafe.registry.imports.units import (
    COLUMNS,
    ImportPlan,
    RowPlan,
    apply_plan,
    commit_import,
    plan_import,
    validate_upload,
)

__all__ = [
    "COLUMNS",
    "TEMPLATE",
    "ImportPlan",
    "ImportRejected",
    "ImportSheet",
    "RowError",
    "RowPlan",
    "SheetRow",
    "apply_plan",
    "build_template",
    "commit_import",
    "plan_import",
    "validate_upload",
]
