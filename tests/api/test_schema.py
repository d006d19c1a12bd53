"""The OpenAPI 3 schema and Swagger UI are served from this host only (intranets are offline)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_url_names_are_fixed():
    assert reverse("api:schema") == "/api/schema/"
    assert reverse("api:docs") == "/api/docs/"


def test_schema_is_openapi_3_with_the_registry_endpoints(world, client_as):
    response = client_as("unit1").get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/auth/token/", "/api/units/", "/api/units/{id}/", "/api/licences/"):
        assert path in schema["paths"], path
    assert "delete" not in schema["paths"]["/api/units/{id}/"]
    unit_fields = schema["components"]["schemas"]["Unit"]["properties"]
    assert {"credit_code", "industries", "risk_flags", "status_display", "version"} <= set(
        unit_fields
    )


def test_schema_and_docs_need_a_login(world, client):
    assert client.get("/api/schema/").status_code in {401, 403}
    assert client.get("/api/docs/").status_code in {401, 403}


def test_swagger_ui_references_only_local_static_files(world, client_as):
    response = client_as("bureau").get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "SwaggerUIBundle" in html
    assert not re.search(r"https?://", html), "Swagger UI must not load anything from outside"
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets, "expected the Swagger UI script and style sheet"
    assert all(url.startswith("/static/") for url in assets), assets
    assert '"/api/schema/"' in html
