"""Edits of the nuclide reference table by the system administrator.

The half-life is never among them: it comes from `radioactivedecay` (ICRP-107) through the data
migration, so a typing slip cannot change every source's decay. D-values and exemption activities
may be corrected as the law's tables are checked (and marked verified); every change is audited
with its before and after, since every source's category follows from them."""

import math
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from radsafe.core.audit import audit_update, model_snapshot
from radsafe.core.permissions import has_capability
from radsafe.core.versioning import save_versioned

from ..models import Nuclide

NUCLIDE_FIELDS = ["name_zh", "code", "d_value_tbq", "exemption_bq", "verified"]
CODE_RE = re.compile(r"[0-9A-Z]{2}")


def _validate(nuclide: Nuclide) -> None:
    errors: dict[str, list[str]] = {}
    nuclide.name_zh = (nuclide.name_zh or "").strip()
    nuclide.code = (nuclide.code or "").strip()
    if not nuclide.name_zh:
        errors["name_zh"] = [_("请填写中文名。")]
    if nuclide.code:
        if not CODE_RE.fullmatch(nuclide.code):
            errors["code"] = [_("编码代码应为两位数字或大写字母（放射源编码第 5–6 位）。")]
        else:
            other = Nuclide.objects.filter(code=nuclide.code).exclude(pk=nuclide.pk).first()
            if other is not None:
                errors["code"] = [
                    _("编码代码 %(code)s 已由 %(other)s 使用。")
                    % {"code": nuclide.code, "other": other}
                ]
    d_value = nuclide.d_value_tbq
    if not isinstance(d_value, int | float) or not math.isfinite(d_value) or d_value <= 0:
        errors["d_value_tbq"] = [_("D 值必须是大于 0 的数值（单位 TBq）。")]
    exemption = nuclide.exemption_bq
    if exemption is not None and (
        not isinstance(exemption, int | float) or not math.isfinite(exemption) or exemption <= 0
    ):
        errors["exemption_bq"] = [_("豁免活度必须大于 0（单位 Bq），未知时留空。")]
    try:
        nuclide.full_clean(exclude=list(errors))
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


def nuclide_update(
    *, nuclide: Nuclide, actor, expected_version: int | None, **fields: Any
) -> Nuclide:
    """Reference data is not scoped, so the capability is checked here too: nothing but the
    administrator's own pages and endpoint may reach this, and they check it first."""
    if actor is not None and not has_capability(actor, "nuclide.change"):
        raise PermissionDenied
    before = model_snapshot(nuclide)
    for name, value in fields.items():
        if name not in NUCLIDE_FIELDS:
            raise ValueError(f"nuclide_update cannot change {name!r}")
        setattr(nuclide, name, value)
    _validate(nuclide)
    with transaction.atomic():
        save_versioned(nuclide, expected_version=expected_version, fields=NUCLIDE_FIELDS)
        audit_update(
            actor=actor,
            action="nuclide.update",
            obj=nuclide,
            before=before,
            after=model_snapshot(nuclide),
        )
    return nuclide
