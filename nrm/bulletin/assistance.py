"""The bulletin's sections on assistance to victims (services, shelter, referrals: for the
period) and on compensation and confiscated assets (for the year to date, with the trial
monitoring), written from the `referrals` and `compensation` families.

Called by the builder inside `translation.override(language)`. Under a publication policy that
hides small numbers, the breakdowns are left out and a total below the threshold is not stated:
these figures describe few people, and the tables would give the hidden cells back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nrm.bulletin.document import Block, Paragraph, Table
from nrm.bulletin.language import join_list, number
from nrm.bulletin.prose import fill, money
from nrm.statistics import labels

Namer = Callable[[str], str]


def _service_label(code: str) -> str:
    return _upper_first(labels.key_label(code, parent="by_service_type"))


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


class Assistance:
    def __init__(self, referrals: Mapping[str, Any], name: Namer, threshold: int | None) -> None:
        self.referrals = referrals
        self.name = name
        self.threshold = threshold

    def organisation(self, name: str | None) -> str:
        return self.name(name) if name else _("not recorded")

    def shown(self, value: int) -> bool:
        return self.threshold is None or value == 0 or value >= self.threshold

    def blocks(self) -> list[Block]:
        blocks: list[Block] = []
        blocks += self.services()
        blocks += self.shelter()
        blocks += self.answers()
        return blocks

    # Services ---------------------------------------------------------------------------------

    def services(self) -> list[Block]:
        services = self.referrals["services"]
        total = int(services["total"])
        if not total:
            return [Paragraph(_("No service to victims was recorded in the period."))]
        if not self.shown(total):
            return [Paragraph(_("Services to victims were recorded in the period."))]
        if self.threshold is not None:
            # The breakdown by type and the persons served describe few people.
            return [Paragraph(self.services_total(total))]
        by_type = {k: int(v) for k, v in services["by_service_type"].items() if v}
        parts = [
            f"{number(count)} {labels.key_label(code, parent='by_service_type')}"
            for code, count in sorted(by_type.items(), key=lambda item: -item[1])
        ]
        persons = int(services["persons"])
        text = fill(
            ngettext(
                "In the period, %(count)s service was delivered to %(persons)s: %(parts)s.",
                "In the period, %(count)s services were delivered to %(persons)s: %(parts)s.",
                total,
            ),
            total,
            persons=fill(ngettext("%(count)s victim", "%(count)s victims", persons), persons),
            parts=join_list(parts),
        )
        return [Paragraph(text), self.provider_table(services, list(by_type))]

    def services_total(self, total: int) -> str:
        return fill(
            ngettext(
                "In the period, %(count)s service was delivered to victims.",
                "In the period, %(count)s services were delivered to victims.",
                total,
            ),
            total,
        )

    def provider_table(self, services: Mapping[str, Any], types: list[str]) -> Table:
        rows = []
        for provider, entry in services["by_provider"].items():
            counts = entry["by_service_type"]
            rows.append(
                [
                    self.organisation(provider),
                    *(number(int(counts.get(t, 0))) if counts.get(t) else "—" for t in types),
                    number(int(entry["total"])),
                ]
            )
        totals = services["by_service_type"]
        rows.append(
            [_("Total"), *(number(int(totals[t])) for t in types), number(int(services["total"]))]
        )
        return Table(
            caption=_("Services delivered by provider and type"),
            header=[_("Provider"), *(_service_label(t) for t in types), _("Total")],
            rows=rows,
            numeric=[False, *([True] * (len(types) + 1))],
            total_row=True,
        )

    # Shelter ----------------------------------------------------------------------------------

    def shelter(self) -> list[Block]:
        stays = self.referrals["shelter_stays"]
        persons = int(stays["persons"])
        if not persons:
            return [Paragraph(_("No victim stayed in a safe house in the period."))]
        if not self.shown(persons):
            return [Paragraph(_("Victims stayed in safe houses in the period."))]
        days = int(stays.get("days") or 0)
        text = fill(
            ngettext(
                "%(count)s victim stayed in a safe house in the period, %(days)s in all.",
                "%(count)s victims stayed in safe houses in the period, %(days)s in all.",
                persons,
            ),
            persons,
            days=fill(ngettext("%(count)s shelter day", "%(count)s shelter days", days), days),
        )
        started, ended = int(stays["started"]), int(stays["ended"])
        if self.threshold is None:
            text += " " + _("%(started)s and %(ended)s.") % {
                "started": fill(
                    ngettext(
                        "%(count)s stay began in the period",
                        "%(count)s stays began in the period",
                        started,
                    ),
                    started,
                ),
                "ended": fill(
                    ngettext("%(count)s ended", "%(count)s ended", ended),
                    ended,
                ),
            }
        blocks: list[Block] = [Paragraph(text)]
        if self.threshold is None and stays["by_safe_house"]:
            rows = [
                [self.organisation(house), number(int(count))]
                for house, count in stays["by_safe_house"].items()
            ]
            blocks.append(
                Table(
                    caption=_("Victims in safe houses by safe house"),
                    header=[_("Safe house"), _("Victims")],
                    rows=rows,
                    numeric=[False, True],
                )
            )
        return blocks

    # Referrals --------------------------------------------------------------------------------

    def answers(self) -> list[Block]:
        total = int(self.referrals["total"])
        if not total:
            return [Paragraph(_("No referral was made in the period."))]
        if not self.shown(total):
            return [Paragraph(_("Referrals were made in the period."))]
        response = self.referrals.get("response_by_service_type") or {}
        answered = sum(int(r["answered"]) for r in response.values())
        in_time = sum(int(r["answered_in_time"]) for r in response.values())
        text = fill(
            ngettext(
                "%(count)s referral to a service was made in the period; %(answered)s, "
                "%(in_time)s within the response time.",
                "%(count)s referrals to services were made in the period; %(answered)s, "
                "%(in_time)s within the response time.",
                total,
            ),
            total,
            answered=fill(
                ngettext("%(count)s was answered", "%(count)s were answered", answered),
                answered,
            ),
            in_time=number(in_time),
        )
        blocks: list[Block] = [Paragraph(text)]
        if self.threshold is None and response:
            rows = [
                [
                    _service_label(code),
                    number(int(r["referred"])),
                    number(int(r["answered"])),
                    number(int(r["answered_in_time"])),
                ]
                for code, r in response.items()
                if r["referred"]
            ]
            blocks.append(
                Table(
                    caption=_("Referrals by service and how they were answered"),
                    header=[
                        _("Service"),
                        _("Referrals"),
                        _("Answered"),
                        _("Within the response time"),
                    ],
                    rows=rows,
                    numeric=[False, True, True, True],
                )
            )
        return blocks


# Compensation and confiscated assets ----------------------------------------------------------

COMPENSATION_COLUMNS = (
    ("claims_filed", False),
    ("claims_awarded", False),
    ("awarded_bam", True),
    ("paid_bam", True),
    ("confiscation_orders", False),
    ("confiscated_bam", True),
)


def compensation_blocks(compensation: Mapping[str, Any], threshold: int | None) -> list[Block]:
    claims, confiscation = compensation["claims"], compensation["confiscation"]
    filed, orders = int(claims["filed"]), int(confiscation["orders"])
    if not filed and not orders:
        return [
            Paragraph(
                _(
                    "No compensation claim was recorded in the monitored cases and no "
                    "confiscation of assets was ordered."
                )
            )
        ]
    blocks: list[Block] = [
        Paragraph(_claims_text(claims)),
        Paragraph(_confiscation_text(orders, confiscation)),
    ]
    if threshold is not None:
        return blocks
    for key, caption, header in (
        ("by_court_level", _("Compensation and confiscated assets by court level"), _("Court")),
        ("by_code", _("Compensation and confiscated assets by criminal code"), _("Criminal code")),
    ):
        rows = [
            [
                labels.key_label(code, parent=key),
                *(
                    number(int(values[column])) if values[column] else "—"
                    for column, _money in COMPENSATION_COLUMNS
                ),
            ]
            for code, values in compensation[key].items()
            if any(values[column] for column, _m in COMPENSATION_COLUMNS)
        ]
        if rows:
            blocks.append(
                Table(
                    caption=caption,
                    header=[
                        header,
                        *(_upper_first(labels.key_label(c)) for c, _m in COMPENSATION_COLUMNS),
                    ],
                    rows=rows,
                    numeric=[False, *([True] * len(COMPENSATION_COLUMNS))],
                )
            )
    return blocks


def _claims_text(claims: Mapping[str, Any]) -> str:
    filed, decided = int(claims["filed"]), int(claims["decided"])
    awarded, paid = int(claims["awarded"]), int(claims["paid"])
    text = fill(
        ngettext(
            "In the monitored cases, injured parties filed %(count)s compensation claim, "
            "for %(amount)s.",
            "In the monitored cases, injured parties filed %(count)s compensation claims, "
            "for %(amount)s in all.",
            filed,
        ),
        filed,
        amount=money(int(claims["claimed_bam"])),
    )
    if not filed:
        return text
    text += " " + fill(
        ngettext(
            "%(count)s claim was decided in the period.",
            "%(count)s claims were decided in the period.",
            decided,
        ),
        decided,
    )
    if awarded:
        text += " " + fill(
            ngettext(
                "%(count)s claim was awarded, %(amount)s.",
                "%(count)s claims were awarded, %(amount)s in all.",
                awarded,
            ),
            awarded,
            amount=money(int(claims["awarded_bam"])),
        )
        if paid:
            text += " " + fill(
                ngettext(
                    "Payment was recorded for %(count)s claim, %(amount)s.",
                    "Payment was recorded for %(count)s claims, %(amount)s in all.",
                    paid,
                ),
                paid,
                amount=money(int(claims["paid_bam"])),
            )
        else:
            text += " " + _("No payment of an awarded claim was recorded.")
    return text


def _confiscation_text(orders: int, confiscation: Mapping[str, Any]) -> str:
    if not orders:
        return _("No confiscation of assets was ordered in the sentences of the period.")
    return fill(
        ngettext(
            "%(count)s sentence of the period ordered the confiscation of assets, %(amount)s.",
            "%(count)s sentences of the period ordered the confiscation of assets, "
            "%(amount)s in all.",
            orders,
        ),
        orders,
        amount=money(int(confiscation["amount_bam"])),
    )
