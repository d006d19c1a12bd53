"""Tables of the asset pages. Each cell comes from the row and what its selector joined (the
nuclide, the unit, the site), so the current activity and category, computed per row from the
nuclide's half-life and D-value, cost no query: ten rows or a million, the same queries."""

import datetime

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from radsafe.core.web.tables import DATE_FORMAT, TABLE_CLASS
from radsafe.inventory.models import DeviceType, Nuclide, RayDevice, Source, StorageSite
from radsafe.inventory.selectors.assets import SourceState, source_state
from radsafe.inventory.templatetags.asset_format import activity_text, category_badge

NUMBER_ATTRS = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


def location_html(source: Source) -> str:
    """Where the register puts the source: out (checked out), in a site, or at its work place."""
    if source.is_checked_out:
        return format_html('<span class="badge text-bg-warning">{}</span>', _("已出库"))
    if source.site_id is not None:
        return source.site.name
    return source.work_place or "—"


class SourceTable(tables.Table):
    code = tables.Column(
        linkify=("inventory:source-detail", [tables.A("pk")]),
        attrs={"td": {"class": "font-monospace"}},
    )
    nuclide = tables.Column(order_by=("nuclide__symbol", "code"))
    unit = tables.Column(order_by=("unit__name", "code"), attrs={"td": {"class": "wrap"}})
    activity_bq = tables.Column(verbose_name=_("出厂活度"), attrs=NUMBER_ATTRS)
    reference_date = tables.DateColumn(format=DATE_FORMAT)
    current_activity = tables.Column(
        verbose_name=_("当前活度"), empty_values=(), orderable=False, attrs=NUMBER_ATTRS
    )
    current_category = tables.Column(verbose_name=_("当前类别"), empty_values=(), orderable=False)
    category_at_manufacture = tables.Column(verbose_name=_("出厂类别"), empty_values=())
    status = tables.Column()
    location = tables.Column(verbose_name=_("位置"), empty_values=(), orderable=False)

    class Meta:
        model = Source
        fields = [
            "code",
            "nuclide",
            "unit",
            "activity_bq",
            "reference_date",
            "current_activity",
            "current_category",
            "category_at_manufacture",
            "status",
            "location",
        ]
        attrs = {"id": "source-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的放射源。")

    def __init__(self, *args, at: datetime.date | None = None, **kwargs):
        self.at = at or timezone.localdate()
        self._states: dict[int, SourceState] = {}
        super().__init__(*args, **kwargs)

    def state(self, record: Source) -> SourceState:
        if record.pk not in self._states:
            self._states[record.pk] = source_state(record, self.at)
        return self._states[record.pk]

    def render_nuclide(self, record):
        return record.nuclide.name_zh

    def render_unit(self, record):
        return record.unit.name

    def render_activity_bq(self, value):
        return activity_text(value)

    def render_current_activity(self, record):
        return activity_text(self.state(record).activity_bq)

    def render_current_category(self, record):
        state = self.state(record)
        badge = category_badge(state.category)
        manufactured = record.category_at_manufacture
        if manufactured is not None and manufactured != state.category:
            return format_html('{} <span class="small text-muted">{}</span>', badge, _("已变化"))
        return badge

    def render_category_at_manufacture(self, value):
        return category_badge(value) if value else "—"

    def render_location(self, record):
        return location_html(record)


FIELD_NAMES = {field.name for field in Source._meta.get_fields()}


class HeldSourceTable(SourceTable):
    """The sources of a site or a unit, from a list of `HeldSource` (state already computed)."""

    class Meta(SourceTable.Meta):
        attrs = {"id": "held-source-table", "class": TABLE_CLASS}
        exclude = ("unit", "location")
        # What the page is about first, so a phone shows it without scrolling sideways.
        sequence = ("code", "nuclide", "current_category", "current_activity", "status", "...")
        orderable = False

    def state(self, record):
        return self._held[record.pk]

    def __init__(self, held, **kwargs):
        self._held = {item.source.pk: item.state for item in held}
        super().__init__([item.source for item in held], **kwargs)
        # A list, unlike a queryset, does not tell django-tables2 the model: take the headers
        # from the model's verbose names so they stay in the page's language.
        for name, column in self.base_columns.items():
            if column.verbose_name is None and name in FIELD_NAMES:
                self.columns[name].column.verbose_name = Source._meta.get_field(name).verbose_name


class DeviceTable(tables.Table):
    name = tables.Column(
        linkify=("inventory:device-detail", [tables.A("pk")]), attrs={"td": {"class": "wrap"}}
    )
    unit = tables.Column(order_by=("unit__name", "name"), attrs={"td": {"class": "wrap"}})
    device_type = tables.Column(order_by=("device_type__order", "name"))
    device_class = tables.Column()
    model = tables.Column()
    serial_number = tables.Column()
    rating = tables.Column(verbose_name=_("额定参数"), empty_values=(), orderable=False)
    location = tables.Column()
    status = tables.Column()

    class Meta:
        model = RayDevice
        fields = [
            "name",
            "unit",
            "device_type",
            "device_class",
            "model",
            "serial_number",
            "rating",
            "location",
            "status",
        ]
        attrs = {"id": "device-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的射线装置。")

    def render_unit(self, record):
        return record.unit.name

    def render_rating(self, record):
        return device_rating(record) or "—"


def device_rating(device: RayDevice) -> str:
    parts = []
    if device.rated_kv is not None:
        parts.append(f"{device.rated_kv:g} kV")
    if device.rated_ma is not None:
        parts.append(f"{device.rated_ma:g} mA")
    if device.energy_mev is not None:
        parts.append(f"{device.energy_mev:g} MeV")
    return " / ".join(parts)


def security_badges(site: StorageSite) -> str:
    """双人双锁, video, alarm: green when present, red when missing (what inspections look at)."""
    parts = []
    for name in ("dual_lock", "video", "alarm"):
        label = StorageSite._meta.get_field(name).verbose_name
        colour = "success" if getattr(site, name) else "danger"
        mark = "✓" if getattr(site, name) else "✗"
        parts.append(
            format_html('<span class="badge text-bg-{} me-1">{} {}</span>', colour, mark, label)
        )
    return format_html("{}{}{}", *parts)


class SiteTable(tables.Table):
    name = tables.Column(
        linkify=("inventory:site-detail", [tables.A("pk")]), attrs={"td": {"class": "wrap"}}
    )
    unit = tables.Column(order_by=("unit__name", "name"), attrs={"td": {"class": "wrap"}})
    kind = tables.Column()
    place = tables.Column(attrs={"td": {"class": "wrap"}})
    security = tables.Column(verbose_name=_("安保措施"), empty_values=(), orderable=False)
    source_count = tables.Column(verbose_name=_("在库放射源"), attrs=NUMBER_ATTRS)

    class Meta:
        model = StorageSite
        fields = ["name", "unit", "kind", "place", "security", "source_count"]
        attrs = {"id": "site-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的贮存场所。")

    def render_unit(self, record):
        return record.unit.name

    def render_security(self, record):
        return security_badges(record)


class NuclideTable(tables.Table):
    symbol = tables.Column()
    name_zh = tables.Column()
    code = tables.Column(default="—")
    half_life = tables.Column(
        verbose_name=_("半衰期"), empty_values=(), order_by=("half_life_s",), attrs=NUMBER_ATTRS
    )
    d_value_tbq = tables.Column(attrs=NUMBER_ATTRS)
    exemption_bq = tables.Column(attrs=NUMBER_ATTRS, default="—")
    verified = tables.BooleanColumn(yesno=("✓", "✗"))
    edit = tables.Column(verbose_name=_("操作"), empty_values=(), orderable=False)

    class Meta:
        model = Nuclide
        fields = [
            "symbol",
            "name_zh",
            "code",
            "half_life",
            "d_value_tbq",
            "exemption_bq",
            "verified",
            "edit",
        ]
        attrs = {"id": "nuclide-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的核素。")

    def __init__(self, *args, can_edit: bool = False, **kwargs):
        if not can_edit:
            kwargs["exclude"] = (*kwargs.get("exclude", ()), "edit")
        super().__init__(*args, **kwargs)

    def render_half_life(self, record):
        return half_life_text(record.half_life_s)

    def render_d_value_tbq(self, value):
        return f"{value:g}"

    def render_exemption_bq(self, value):
        return activity_text(value)

    def render_edit(self, record):
        url = reverse("inventory:nuclide-edit", args=[record.pk])
        return format_html(
            '<a class="btn btn-sm btn-outline-primary" href="{}">{}</a>', url, _("编辑")
        )


class DeviceTypeTable(tables.Table):
    name = tables.Column(attrs={"td": {"class": "wrap"}})
    device_class = tables.Column(order_by=("device_class", "order", "id"))
    order = tables.Column(verbose_name=_("排序"), attrs=NUMBER_ATTRS)
    edit = tables.Column(verbose_name=_("操作"), empty_values=(), orderable=False)

    class Meta:
        model = DeviceType
        fields = ["name", "device_class", "order", "edit"]
        attrs = {"id": "device-type-table", "class": TABLE_CLASS}
        empty_text = _("没有符合条件的射线装置类型。")

    def __init__(self, *args, can_edit: bool = False, **kwargs):
        if not can_edit:
            kwargs["exclude"] = (*kwargs.get("exclude", ()), "edit")
        super().__init__(*args, **kwargs)

    def render_edit(self, record):
        url = reverse("inventory:device-type-edit", args=[record.pk])
        return format_html(
            '<a class="btn btn-sm btn-outline-primary" href="{}">{}</a>', url, _("编辑")
        )


def half_life_text(seconds: float) -> str:
    days = seconds / 86_400
    if days >= 365.25:
        return _("%(n)s 年") % {"n": f"{days / 365.25:.4g}"}
    return _("%(n)s 天") % {"n": f"{days:.4g}"}
