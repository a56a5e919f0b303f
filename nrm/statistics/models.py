"""Historical aggregates: yearly figures from before the records begin, imported from public
reports with their source, and never mixed silently with counts of records."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nrm.core.audit import audited
from nrm.core.models import DomainModel


@audited
class HistoricalFigure(DomainModel):
    """One figure of one year as a public report printed it (e.g. 2017, by_sex.female, 58)."""

    year = models.PositiveSmallIntegerField(_("year"))
    key = models.CharField(_("figure"), max_length=60)  # total, female, minors, sexual, ...
    value = models.PositiveIntegerField(_("value"))
    source = models.CharField(_("source"), max_length=200)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["year", "key"]
        verbose_name = _("historical figure")
        verbose_name_plural = _("historical figures")
        constraints = [
            models.UniqueConstraint(fields=["year", "key"], name="historical_figure_once")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.key}: {self.value}"
