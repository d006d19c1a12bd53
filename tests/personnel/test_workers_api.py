"""/api/workers/ and /api/trainings/: the number is write-only and answered masked, writes go
through the services with the pages' Chinese messages, scope as everywhere."""

import pytest

from radsafe.personnel.models import TrainingResult, Worker
from tests.factories import SourceFactory

from .factories import id_number, make_worker

pytestmark = pytest.mark.django_db


def test_the_list_answers_only_the_masked_number(client_as, world):
    worker = make_worker(world.unit1)
    make_worker(world.unit2)
    data = client_as("unit1").get("/api/workers/").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert [row["id"] for row in rows] == [worker.pk]
    assert rows[0]["id_number_masked"] == worker.id_number_masked
    assert "id_number" not in rows[0] and "id_number_index" not in rows[0]


def test_a_worker_is_registered_through_the_api(client_as, world):
    source = SourceFactory(unit=world.unit1)
    payload = {
        "unit": world.unit1.pk,
        "name": "赵六",
        "id_number": id_number(),
        "sex": "male",
        "work_type": "gauging",
        "sources": [source.pk],
        "employed_on": "2022-02-01",
    }
    response = client_as("unit1").post("/api/workers/", payload, content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (
        body["id_number_masked"] == payload["id_number"][:3] + "*" * 11 + payload["id_number"][-4:]
    )
    assert body["sources"] == [source.pk]
    again = client_as("unit1").post("/api/workers/", payload, content_type="application/json")
    assert again.status_code == 400
    assert again.json() == {"id_number": ["该单位已登记身份证号码相同的人员。"]}
    assert Worker.objects.count() == 1


def test_bad_input_is_a_400_in_chinese_and_changes_nothing(client_as, world):
    good = id_number()
    payload = {
        "unit": world.unit1.pk,
        "name": "钱七",
        "id_number": good[:17] + ("1" if good[17] != "1" else "2"),
        "sex": "male",
        "work_type": "gauging",
        "sources": [SourceFactory(unit=world.unit2).pk],
        "employed_on": "2022-02-01",
    }
    response = client_as("unit1").post("/api/workers/", payload, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"sources": ["对象不存在或不在您的数据范围内。"]}
    payload["sources"] = []
    response = client_as("unit1").post("/api/workers/", payload, content_type="application/json")
    assert response.json() == {"id_number": ["身份证号码校验位错误。"]}
    assert not Worker.objects.exists()


def test_a_training_result_through_the_api(client_as, world):
    worker = make_worker(world.unit1, sources=[SourceFactory(unit=world.unit1)])
    payload = {"worker": worker.pk, "number": "FS24-1", "passed_on": "2024-03-01"}
    refused = client_as("unit1").post(
        "/api/trainings/", {**payload, "category": "self_assessed"}, content_type="application/json"
    )
    assert refused.status_code == 400 and "category" in refused.json()
    made = client_as("unit1").post(
        "/api/trainings/", {**payload, "category": "radiotherapy"}, content_type="application/json"
    )
    assert made.status_code == 201 and made.json()["valid_until"] == "2029-02-28"
    hidden = client_as("unit2").post(
        "/api/trainings/", {**payload, "category": "radiotherapy"}, content_type="application/json"
    )
    assert hidden.json() == {"worker": ["对象不存在或不在您的数据范围内。"]}
    assert TrainingResult.objects.count() == 1
