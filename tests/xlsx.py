"""Reading an export answer back, for the export tests of every app."""

import io

import openpyxl

from radsafe.core.exports import XLSX_CONTENT_TYPE


def workbook_of(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def sheet_dicts(response) -> list[dict]:
    """One dict per data row, keyed by the header row's text."""
    header, *rows = workbook_of(response).active.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]
