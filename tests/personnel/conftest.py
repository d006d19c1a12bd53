"""Every response of the personnel tests is scanned for the clear ID numbers they use (issue 4
acceptance): the test client here fails any page or API answer that contains one, except the
bureau lead's unmask answer, which must."""

import pytest
from django.test import Client

from .factories import ISSUED

SCANNED: list[str] = []


class ScanningClient(Client):
    def request(self, **request):
        response = super().request(**request)
        body = b"" if response.streaming else response.content
        text = body.decode(errors="replace") + str(dict(response.headers))
        found = {number for number in ISSUED if number in text}
        path = request.get("PATH_INFO", "")
        unmask = path.endswith("/unmask/") and response.status_code == 200
        assert unmask or not found, f"{path} answered with a clear ID number"
        SCANNED.append(path)
        return response


@pytest.fixture
def client():
    return ScanningClient()
