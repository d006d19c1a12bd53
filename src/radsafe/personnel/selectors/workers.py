"""Reads on workers and assessment results, including 无证上岗 detection (issue 4 §2).

Each list is one query on `for_user` with what its table shows joined or annotated, so a page
costs the same for ten rows as for a province's."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from radsafe.inventory.choices import MovementKind
from radsafe.inventory.models import Movement
from radsafe.personnel.models import TrainingResult, Worker

# How far back the unlicensed list looks at check-outs by default.
CHECKOUT_LOOKBACK_DAYS = 365


def worker_list(*, user) -> QuerySet[Worker]:
    """Only the masked number is read: a list never decrypts."""
    return (
        Worker.objects.for_user(user)
        .select_related("unit")
        .defer("id_number_cipher")
        .order_by("scope_path", "unit_id", "name", "id")
    )


def worker_detail(*, user, pk: int) -> Worker:
    return worker_list(user=user).select_related("unit__squad").get(pk=pk)


def worker_other_unit_count(worker: Worker) -> int:
    """How many other units list the same person (same ID index): allowed, but worth a look."""
    return (
        Worker.objects.filter(id_number_index=worker.id_number_index)
        .exclude(unit_id=worker.unit_id)
        .values("unit_id")
        .distinct()
        .count()
    )


def training_list(*, user) -> QuerySet[TrainingResult]:
    return TrainingResult.objects.for_user(user).select_related("worker__unit")


def trainings_not_expired(*, user, today: datetime.date | None = None):
    """Results still valid today or later, the soonest to end first (the expiring list's base)."""
    today = today or timezone.localdate()
    return training_list(user=user).filter(valid_until__gte=today).order_by("valid_until", "id")


def trainings_expiring(*, user, days: int, today: datetime.date | None = None):
    """Results whose last valid day falls within the next `days` days (today included)."""
    today = today or timezone.localdate()
    return trainings_not_expired(user=user, today=today).filter(
        valid_until__lte=today + datetime.timedelta(days=days)
    )


def _valid_on(day) -> Q:
    return Q(passed_on__lte=day, valid_until__gte=day)


def on_duty_on(day: datetime.date) -> Q:
    """Employed on `day` and not left before it."""
    return Q(employed_on__lte=day) & (Q(left_on__isnull=True) | Q(left_on__gte=day))


def holds_valid_result(worker: Worker, on: datetime.date) -> bool:
    """Whether `worker` has an assessment result (考核成绩报告单) valid on `on`: without one,
    work with sources on that day is 无证上岗."""
    return TrainingResult.objects.filter(_valid_on(on), worker_id=worker.pk).exists()


def unit_workers_on_duty(*, user, unit_id: int, on: datetime.date | None = None):
    """The unit's workers on duty on `on` (today), each annotated `qualified` (a result valid on
    that day): the 领用人 a check-out may name. A unit has tens of workers, not thousands."""
    on = on or timezone.localdate()
    valid = TrainingResult.objects.filter(_valid_on(on), worker=OuterRef("pk"))
    return (
        Worker.objects.for_user(user)
        .filter(on_duty_on(on), unit_id=unit_id)
        .defer("id_number_cipher")
        .annotate(qualified=Exists(valid))
        .order_by("name", "id")
    )


def unlicensed_workers(
    *, user, on: datetime.date | None = None, since: datetime.date | None = None
) -> QuerySet[Worker]:
    """无证上岗: a worker flagged for either of two reasons, each an annotation the page shows.

    - `operates_unlicensed`: on duty on `on` (employed, not left), operating a source or a ray
      device, without a result valid on that day;
    - `unlicensed_checkouts`: check-outs between `since` and `on` that name the worker on a day
      without a valid result — by the link (`Movement.worker`) where the row has one, and by name
      within the unit for the rows without (older rows, rows imported by name).
    Both are subqueries of one statement, so the list costs one query whatever its length."""
    on = on or timezone.localdate()
    since = since or on - datetime.timedelta(days=CHECKOUT_LOOKBACK_DAYS)
    valid_today = TrainingResult.objects.filter(_valid_on(on), worker=OuterRef("pk"))
    on_duty = on_duty_on(on)
    operates = Exists(Worker.sources.through.objects.filter(worker=OuterRef("pk"))) | Exists(
        Worker.devices.through.objects.filter(worker=OuterRef("pk"))
    )
    valid_on_checkout = TrainingResult.objects.filter(
        worker=OuterRef(OuterRef("pk")),
        passed_on__lte=OuterRef("day"),
        valid_until__gte=OuterRef("day"),
    )
    checkouts = (
        Movement.objects.filter(
            Q(worker=OuterRef("pk"))
            | Q(worker__isnull=True, unit=OuterRef("unit"), person=OuterRef("name")),
            kind=MovementKind.CHECK_OUT,
            occurred_at__date__gte=since,
            occurred_at__date__lte=on,
        )
        .annotate(day=TruncDate("occurred_at"))
        .filter(~Exists(valid_on_checkout))
    )
    return (
        worker_list(user=user)
        .annotate(
            operates_unlicensed=Q(on_duty) & operates & ~Exists(valid_today),
            unlicensed_checkouts=Exists(checkouts),
        )
        .filter(Q(operates_unlicensed=True) | Q(unlicensed_checkouts=True))
    )


def unlicensed_count_by_unit(*, user, on: datetime.date | None = None) -> list[dict]:
    """For the bureau: flagged workers per unit, largest first (one aggregate query)."""
    return list(
        unlicensed_workers(user=user, on=on)
        .order_by()
        .values("unit_id", "unit__name")
        .annotate(count=Count("id"))
        .order_by("-count", "unit__name")[:50]
    )
