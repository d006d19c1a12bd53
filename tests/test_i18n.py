"""The English catalogue: complete, compiled (`make test` runs scripts/compile_messages.py first),
and picked by the language cookie or the footer's language switch; Chinese stays the default."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

import radsafe

EN_PO = Path(radsafe.__file__).resolve().parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
NAV = re.compile(r"<nav\b.*?</nav>", re.S)
NAV_LINK = re.compile(r'<a class="nav-link[^"]*"[^>]*>([^<]*)</a>')
# What the bureau lead's menu shows in English.
ENGLISH_NAV = ["Home", "Units", "Inventory", "People", "Readiness", "Incidents", "Import"]
CHINESE_NAV = ["首页", "单位", "台账", "人员", "应急与设备", "辐射事故", "导入"]


def nav_html(response) -> str:
    assert response.status_code == 200
    navs = NAV.findall(response.content.decode())
    assert navs, "the page has no <nav> element"
    return "\n".join(navs)


def nav_labels(response) -> list[str]:
    return [label.strip() for label in NAV_LINK.findall(nav_html(response))]


def is_translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def test_english_catalogue_is_complete():
    po = polib.pofile(str(EN_PO))
    assert po.metadata["Language"] == "en"
    assert "charset=UTF-8" in po.metadata["Content-Type"]
    entries = [entry for entry in po if not entry.obsolete]
    assert entries
    assert [entry.msgid for entry in entries if not is_translated(entry)] == []
    assert [entry.msgid for entry in entries if "fuzzy" in entry.flags] == []
    assert not po.metadata_is_fuzzy


def test_language_cookie_shows_english(client_as):
    client = client_as("bureau")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("registry:unit-list"))
    assert nav_labels(response) == ENGLISH_NAV
    assert not CHINESE.search(nav_html(response))
    assert response.headers["Content-Language"] == "en"


def test_chinese_by_default(client_as):
    client = client_as("bureau")
    response = client.get(reverse("registry:unit-list"))
    assert "HTTP_ACCEPT_LANGUAGE" not in response.wsgi_request.META
    assert nav_labels(response) == CHINESE_NAV
    assert response.headers["Content-Language"] == "zh-hans"


@pytest.mark.parametrize("language, labels", [("en", ENGLISH_NAV), ("zh-hans", CHINESE_NAV)])
def test_language_switch(client_as, language, labels):
    client = client_as("bureau")
    url = reverse("registry:unit-list")
    if language != "en":  # switching back to Chinese must undo an earlier switch to English
        client.post(reverse("set_language"), {"language": "en", "next": url})
    response = client.post(reverse("set_language"), {"language": language, "next": url})
    assert response.status_code == 302
    assert response.url == url
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    assert nav_labels(client.get(url)) == labels
