"""Table presentation every list shares (django-tables2)."""

TABLE_CLASS = "table table-sm table-striped table-hover align-middle"
DATE_FORMAT = "Y-m-d"
