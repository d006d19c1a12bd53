"""Off-site use filings (异地使用备案, 条例第二十五条): a source or device used away from the unit's
own sites must be filed with the authority of the place before use.

A check-out to a place and day with no filing that covers them is flagged (see
`covering_filing`); the place is stored stripped so that comparison is exact."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from radsafe.core.audit import model_snapshot
from radsafe.core.writes import assign_fields, insert_row, update_row
from radsafe.inventory.models import OffsiteUse, RayDevice, Source

OFFSITE_FIELDS = ["source", "device", "place", "starts_on", "ends_on", "authority", "filing_number"]


def _validate(filing: OffsiteUse) -> None:
    for name in ("place", "authority", "filing_number"):
        setattr(filing, name, (getattr(filing, name) or "").strip())
    errors: dict[str, list[str]] = {}
    source: Source | None = filing.source
    device: RayDevice | None = filing.device
    if source is None and device is None:
        errors["source"] = [_("请选择放射源或射线装置。")]
    elif source is not None and device is not None and source.unit_id != device.unit_id:
        errors["device"] = [_("放射源和射线装置必须属于同一单位。")]
    else:
        filing.unit_id = (source or device).unit_id
    if filing.starts_on and filing.ends_on and filing.ends_on < filing.starts_on:
        errors["ends_on"] = [_("结束日期不能早于开始日期。")]
    try:
        filing.full_clean(exclude=["unit"])  # derived above from the source or device
    except ValidationError as error:
        for key, messages in error.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def offsite_create(
    *,
    actor,
    place: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    authority: str,
    filing_number: str,
    source: Source | None = None,
    device: RayDevice | None = None,
) -> OffsiteUse:
    filing = OffsiteUse(
        source=source,
        device=device,
        place=place,
        starts_on=starts_on,
        ends_on=ends_on,
        authority=authority,
        filing_number=filing_number,
    )
    _validate(filing)
    return insert_row(filing, actor=actor, action="offsite.create")


def offsite_update(
    *, actor, filing: OffsiteUse, expected_version: int | None, **fields: Any
) -> OffsiteUse:
    """Edit a filing (a corrected number or an extended period). A check-out keeps the filing it
    was linked to when it was recorded."""
    before = model_snapshot(filing)
    assign_fields(filing, fields, OFFSITE_FIELDS, service="offsite_update")
    _validate(filing)
    return update_row(
        filing,
        actor=actor,
        action="offsite.update",
        before=before,
        expected_version=expected_version,
        fields=[*OFFSITE_FIELDS, "unit"],
    )


def covering_filing(*, source: Source, on: datetime.date, destination: str) -> OffsiteUse | None:
    """The off-site filing (异地使用备案) for this source whose period holds the day and whose
    place is the destination."""
    return (
        OffsiteUse.objects.filter(
            source_id=source.pk, starts_on__lte=on, ends_on__gte=on, place=destination.strip()
        )
        .order_by("-starts_on", "-id")
        .first()
    )
