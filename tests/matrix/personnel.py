"""Personnel pages and API (issue 4 §1–§2): workers, assessment results, 无证上岗."""

from . import UNIT1_SCOPE, VIEWERS, Entry

# worker.change: unit officers and the bureau lead; worker.unmask: the bureau lead alone.
KEEPERS = {"bureau", "unit1", "unit2"}


def unit1_worker(world):
    from tests.personnel.factories import make_worker

    return {"pk": make_worker(world.unit1).pk}


def unit1_training(world):
    from tests.personnel.factories import make_training, make_worker

    return {"pk": make_training(make_worker(world.unit1)).pk}


def unit1_dose(world):
    import datetime

    from radsafe.personnel.services.doses import dose_record_create
    from tests.personnel.factories import make_worker

    record = dose_record_create(
        actor=None,
        worker=make_worker(world.unit1),
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 3, 31),
        hp10_msv="0.100",
    )
    return {"pk": record.pk}


ENTRIES: dict[str, Entry] = {
    "personnel:worker-list": Entry(VIEWERS),
    "personnel:worker-create": Entry(KEEPERS),
    "personnel:worker-detail": Entry(VIEWERS, kwargs=unit1_worker, scope=UNIT1_SCOPE),
    "personnel:worker-edit": Entry(KEEPERS, kwargs=unit1_worker, scope=UNIT1_SCOPE),
    "personnel:worker-unmask": Entry(
        {"bureau"}, kwargs=unit1_worker, scope=UNIT1_SCOPE, method="post"
    ),
    "personnel:training-create": Entry(KEEPERS, kwargs=unit1_worker, scope=UNIT1_SCOPE),
    "personnel:training-edit": Entry(KEEPERS, kwargs=unit1_training, scope=UNIT1_SCOPE),
    "personnel:training-expiring": Entry(VIEWERS),
    "personnel:unlicensed": Entry(VIEWERS),
    "personnel:dose-list": Entry(VIEWERS),
    "personnel:dose-flags": Entry(VIEWERS),
    "personnel:dose-create": Entry(KEEPERS, kwargs=unit1_worker, scope=UNIT1_SCOPE),
    "personnel:dose-explain": Entry(
        KEEPERS, kwargs=unit1_worker, scope=UNIT1_SCOPE, method="post", ok=(302,)
    ),
    "api:dose-list": Entry(VIEWERS, api=True),
    "api:dose-detail": Entry(VIEWERS, kwargs=unit1_dose, scope=UNIT1_SCOPE, api=True),
    "api:worker-list": Entry(VIEWERS, api=True),
    "api:worker-detail": Entry(VIEWERS, kwargs=unit1_worker, scope=UNIT1_SCOPE, api=True),
    "api:training-list": Entry(VIEWERS, api=True),
    "api:training-detail": Entry(VIEWERS, kwargs=unit1_training, scope=UNIT1_SCOPE, api=True),
}
