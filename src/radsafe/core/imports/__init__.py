"""Excel import machinery shared by every import (requirements: bulk import from the bureau's 台账
with a dry run and row-level errors, all or nothing).

An import is an `ImportSpec`: its columns, a plan function (the dry run, no writes), a commit
function (plans again inside one transaction and writes through the services, or raises
`ImportRejected`), its template and its URL names. This package does the rest the same way for
every import: refusing a bad file before reading it (`validate_upload`), keeping the file between
the dry run and the confirmation (`storage`), the signed ticket and the pages (`views`), the
template workbook (`workbook`) and the row errors with Excel row numbers (`plans`)."""

from radsafe.core.imports.columns import (
    Column,
    ColumnSet,
    cell_bool,
    cell_date,
    cell_datetime,
    cell_number,
    cell_text,
    chinese_labels,
    choice_labels,
    choice_lookup,
)
from radsafe.core.imports.plans import (
    ImportPlan,
    ImportRejected,
    RowError,
    apply_rows,
    commit_plan,
    planned_commit,
    trial_rows,
    validation_row_errors,
)
from radsafe.core.imports.reading import ImportSheet, SheetRow, row_limit, validate_upload
from radsafe.core.imports.rows import RowReader, sort_errors
from radsafe.core.imports.spec import ImportSpec, import_urlpatterns
from radsafe.core.imports.workbook import HELP_SHEET, ROWS_RULE, ImportTemplate, build_template

__all__ = [
    "HELP_SHEET",
    "ROWS_RULE",
    "Column",
    "ColumnSet",
    "ImportPlan",
    "ImportRejected",
    "ImportSheet",
    "ImportSpec",
    "ImportTemplate",
    "RowError",
    "RowReader",
    "SheetRow",
    "apply_rows",
    "build_template",
    "cell_bool",
    "cell_date",
    "cell_datetime",
    "cell_number",
    "cell_text",
    "chinese_labels",
    "choice_labels",
    "choice_lookup",
    "commit_plan",
    "import_urlpatterns",
    "planned_commit",
    "row_limit",
    "sort_errors",
    "trial_rows",
    "validate_upload",
    "validation_row_errors",
]
