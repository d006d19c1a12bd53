"""Workers and assessment results for the personnel tests, made through the services so the ID
number is encrypted, indexed and masked exactly as in production."""

import datetime
import itertools

from radsafe.core.id_numbers import id_check_character
from radsafe.personnel.services import workers as services
from tests.leak_scan import ISSUED

_serial = itertools.count(100)
# Every clear number the tests use goes into ISSUED: every response of the suite is scanned for
# them (tests/leak_scan.py).


def id_number(order: int | None = None, birth: str = "19850312") -> str:
    """A valid 18-character number (correct check character), unique per call."""
    order = next(_serial) if order is None else order
    first17 = f"140881{birth}{order % 1000:03d}"
    number = first17 + id_check_character(first17)
    ISSUED.add(number)
    return number


def make_worker(unit, *, actor=None, number: str | None = None, **fields):
    data = {
        "name": "张三",
        "sex": "male",
        "work_type": "xray_diagnosis",
        "employed_on": datetime.date(2020, 1, 1),
        **fields,
    }
    return services.worker_create(actor=actor, unit=unit, id_number=number or id_number(), **data)


def make_training(worker, *, passed_on=datetime.date(2022, 6, 1), category="xray_diagnosis"):
    return services.training_create(
        actor=None,
        worker=worker,
        number=f"FS22-{worker.pk:05d}",
        category=category,
        passed_on=passed_on,
    )


def make_qualified_worker(unit, *, name: str = "刘晓燕", **fields):
    """A worker on duty with an assessment result valid today (and for the last year)."""
    worker = make_worker(unit, name=name, **fields)
    make_training(worker, passed_on=datetime.date.today() - datetime.timedelta(days=400))
    return worker
