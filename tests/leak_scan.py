"""Issue 4: a raw ID number never appears in a page, an API answer, an export or a header, except
the unmask action's. Every response any test receives through Django's test client (and DRF's,
which builds on it) is checked against every clear number the tests have issued.

An Excel file is a zip of XML parts, so its bytes are deflated and a number inside would not show:
an .xlsx answer is unzipped and its parts' text scanned too (and handed back to the test intact)."""

import io
import zipfile

from radsafe.core.exports import XLSX_CONTENT_TYPE

ISSUED: set[str] = set()
SCANNED: list[str] = []


def check_response(path: str, status: int, text: str) -> None:
    found = {number for number in ISSUED if number in text}
    unmask = path.endswith("/unmask/") and status == 200
    assert unmask or not found, f"{path} answered with a clear ID number"
    SCANNED.append(path)


def is_xlsx(response) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() == XLSX_CONTENT_TYPE


def response_body(response) -> bytes:
    """The body; a streamed one only when it is an .xlsx (a FileResponse), read once and put back
    so the test still reads the whole file."""
    if not response.streaming:
        return response.content
    if not is_xlsx(response):
        return b""
    body = b"".join(response.streaming_content)
    response.streaming_content = [body]
    return body


def xlsx_text(body: bytes) -> str:
    """The text of every part of the workbook (sheets, shared strings, properties)."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return "\n".join(archive.read(name).decode(errors="replace") for name in archive.namelist())


def scanned_request(original):
    def request(self, **request):
        response = original(self, **request)
        if ISSUED:
            body = response_body(response)
            text = body.decode(errors="replace") + str(dict(response.headers))
            if is_xlsx(response) and body:
                text += xlsx_text(body)
            check_response(request.get("PATH_INFO", ""), response.status_code, text)
        return response

    return request
