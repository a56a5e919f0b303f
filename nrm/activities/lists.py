"""The activity list as a list people work with (nrm.core.lists)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nrm.core.lists import Column, ListSpec


def _title(activity: object) -> str:
    titles = activity.titles()  # type: ignore[attr-defined]
    return str(titles.get("en") or next((t for t in titles.values() if t), ""))


ACTIVITIES = ListSpec(
    key="activities",
    columns=(
        Column("title", _("Title"), _title, "title_en"),
        Column("type", _("Type"), lambda a: a.get_type_display(), "type"),
        Column("start", _("From"), lambda a: a.start_date, "start_date"),
        Column("end", _("To"), lambda a: a.end_date, "end_date"),
        Column("reporter", _("Reported by"), lambda a: str(a.reporter), "reporter__name"),
        Column("status", _("Status"), lambda a: a.get_status_display(), "status"),
    ),
)
