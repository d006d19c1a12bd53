from django.db import models
from django.utils.translation import gettext_lazy as _


class Nuclide(models.Model):
    """Reference data. The half-life comes from `radioactivedecay` (ICRP-107) through the data
    migration and is never typed by hand; D-values and exemption activities come from domain.md
    and carry `verified` where their source is firm. Edited only through services (audited)."""

    symbol = models.CharField(_("核素"), max_length=20, unique=True)  # "Co-60", "Am-241/Be"
    name_zh = models.CharField(_("中文名"), max_length=20)  # "钴-60"
    decay_symbol = models.CharField(
        _("衰变计算核素"), max_length=20, help_text=_("radioactivedecay 中的核素名，如 Sr-90。")
    )
    code = models.CharField(_("编码代码"), max_length=2, blank=True)  # positions 5–6 of a code
    half_life_s = models.FloatField(_("半衰期（秒）"), editable=False)
    d_value_tbq = models.FloatField(_("D 值（TBq）"))
    exemption_bq = models.FloatField(_("豁免活度（Bq）"), null=True, blank=True)
    verified = models.BooleanField(_("数据已核实"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["symbol"]
        verbose_name = _("核素")
        verbose_name_plural = _("核素")

    def __str__(self) -> str:
        return f"{self.name_zh} ({self.symbol})"

    @property
    def half_life_days(self) -> float:
        return self.half_life_s / 86_400
