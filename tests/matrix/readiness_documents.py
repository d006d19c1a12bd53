"""Downloads of emergency-plan documents and drill evidence (design.md rule 7): readiness.view,
and the row through the user's scope. Each row here has a stored file, so an allowed role in scope
gets 200 (a row without one is a 404 for everybody, tested in tests/readiness/test_documents.py).
The files land in the suite's temporary MEDIA_ROOT (tests/conftest.py)."""

from . import UNIT1_SCOPE, VIEWERS, Entry


def _with_file(service_name, name, content_name, **fields):
    def kwargs(world):
        from django.utils import timezone

        from radsafe.readiness import services
        from tests.core import samples

        row = getattr(services, service_name)(
            actor=None,
            unit=world.unit1,
            document=samples.upload(name, getattr(samples, content_name)),
            **{
                key: timezone.localdate() if value is None else value
                for key, value in fields.items()
            },
        )
        return {"pk": row.pk}

    return kwargs


plan = _with_file("plan_create", "应急预案.pdf", "PDF", title="预案", edition="1", issued_on=None)
drill = _with_file(
    "drill_create",
    "签到表.png",
    "PNG",
    held_on=None,
    kind="drill",
    scenario="演练",
    participant_count=3,
)

ENTRIES: dict[str, Entry] = {
    "readiness:plan-document": Entry(VIEWERS, kwargs=plan, scope=UNIT1_SCOPE),
    "readiness:drill-evidence": Entry(VIEWERS, kwargs=drill, scope=UNIT1_SCOPE),
}
