"""Issue 4: a raw ID number never appears in a page, an API answer, an export or a header, except
the unmask action's. Every response any test receives through Django's test client (and DRF's,
which builds on it) is checked against every clear number the tests have issued."""

ISSUED: set[str] = set()
SCANNED: list[str] = []


def check_response(path: str, status: int, text: str) -> None:
    found = {number for number in ISSUED if number in text}
    unmask = path.endswith("/unmask/") and status == 200
    assert unmask or not found, f"{path} answered with a clear ID number"
    SCANNED.append(path)


def scanned_request(original):
    def request(self, **request):
        response = original(self, **request)
        if ISSUED:
            body = b"" if response.streaming else response.content
            text = body.decode(errors="replace") + str(dict(response.headers))
            check_response(request.get("PATH_INFO", ""), response.status_code, text)
        return response

    return request
