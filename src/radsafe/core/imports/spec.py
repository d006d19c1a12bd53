"""One import, described: its columns, who may use it, how it plans and commits, its template and
where its pages live. The generic pages in `views.py` serve any spec, so every import behaves the
same (upload, dry run with row errors, confirmation with a signed ticket, all or nothing)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import path

from radsafe.core.imports.columns import ColumnSet
from radsafe.core.imports.plans import ImportPlan
from radsafe.core.imports.reading import row_limit
from radsafe.core.imports.workbook import ImportTemplate, build_template

# (column heading of the preview table, value of a planned row)
PreviewColumn = tuple[str, Callable[[Any], Any]]


@dataclass(frozen=True)
class ImportSpec:
    """`plan(rows=, actor=)` is the dry run and may raise ValidationError for the whole import
    (an account that may not import at all); `commit(rows=, actor=, sha256=, file_name=,
    expected_fingerprint=)` writes or raises ImportRejected. `url_name` is the namespaced name of
    the upload page; the template and commit pages are named after it (`-template`, `-commit`);
    `success_message` is %-formatted with the counts; `max_rows` may lower the rows one file
    may have below RADSAFE_IMPORT_MAX_ROWS (`row_limit`). Each spec registers itself under its
    `key`, so that the background worker finds the import a job names (`registry`)."""

    key: str
    title: str
    capability: str
    columns: ColumnSet
    plan: Callable[..., ImportPlan]
    commit: Callable[..., ImportPlan]
    template: ImportTemplate
    url_name: str
    success_url: str
    success_message: str
    steps: tuple[str, ...] = ()
    preview_columns: tuple[PreviewColumn, ...] = ()
    max_rows: int | None = None

    def __post_init__(self) -> None:
        from radsafe.core.imports.registry import register

        register(self)

    @property
    def row_limit(self) -> int:
        limit = row_limit()
        return limit if self.max_rows is None else min(self.max_rows, limit)

    @property
    def ticket_salt(self) -> str:
        """Per import, so a ticket confirmed for one import cannot commit another."""
        return f"radsafe.{self.key}.import"

    @property
    def upload_url_name(self) -> str:
        return self.url_name

    @property
    def template_url_name(self) -> str:
        return f"{self.url_name}-template"

    @property
    def commit_url_name(self) -> str:
        return f"{self.url_name}-commit"

    @property
    def preview_headings(self) -> list[str]:
        return [heading for heading, _value in self.preview_columns]

    def preview_cells(self, row) -> list[Any]:
        return [value(row) for _heading, value in self.preview_columns]

    def build_template(self, *, actor) -> bytes:
        return build_template(self.template, columns=self.columns, actor=actor)


def import_urlpatterns(spec: ImportSpec, prefix: str = "") -> list:
    """The three pages of an import under `prefix` ("" or "sources/"), named after the spec's
    URL names without their namespace."""
    from radsafe.core.imports.views import ImportCommitView, ImportTemplateView, ImportUploadView

    upload, template, commit = (
        name.rpartition(":")[2]
        for name in (spec.upload_url_name, spec.template_url_name, spec.commit_url_name)
    )
    return [
        path(prefix, ImportUploadView.as_view(spec=spec), name=upload),
        path(f"{prefix}template/", ImportTemplateView.as_view(spec=spec), name=template),
        path(f"{prefix}commit/", ImportCommitView.as_view(spec=spec), name=commit),
    ]
