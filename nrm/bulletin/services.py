"""Every write to bulletin editions: composing, the publication policy, publishing.

Only the State Coordinator's office (coordinators) composes and publishes. Publishing builds the
document in every language from the records as they are at that moment and stores it: the
published version never changes afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.accounts.models import User
from nrm.bulletin.builder import build_bulletin
from nrm.bulletin.checks import (
    PublicationCheck,
    missing_text_warnings,
    period_blockers,
    plausible_period,
    prose_checks,
)
from nrm.bulletin.document import Bulletin
from nrm.bulletin.figures import figure_values
from nrm.bulletin.language import LANGUAGES, WRITTEN_LANGUAGES
from nrm.bulletin.models import (
    Disclosure,
    Edition,
    FreeSection,
    Position,
    PublishedVersion,
    RenderedFile,
)
from nrm.bulletin.render import check_format, render_document
from nrm.bulletin.sources import (
    BulletinSources,
    Composition,
    FreeText,
    collect_sources,
    photo_choices,
    reporting_partners,
)
from nrm.core.errors import Conflict, ValidationError
from nrm.core.periods import Period
from nrm.core.roles import Role, require_role
from nrm.core.services import service, update_versioned, validated_save
from nrm.statistics.tables import public_threshold

# Bump when the renderers change what they draw: published files are drawn again.
RENDERER_VERSION = "1"
MAX_TEXT = 20_000


def _written_language(language: str) -> str:
    if language not in WRITTEN_LANGUAGES:
        raise ValidationError(
            _("Texts are written in %(choices)s (Serbian Latin is made from Serbian Cyrillic).")
            % {"choices": ", ".join(WRITTEN_LANGUAGES)},
            fields={
                "language": [
                    _("choose from: %(choices)s") % {"choices": ", ".join(WRITTEN_LANGUAGES)}
                ]
            },
        )
    return language


def _text(value: str, field: str) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError(
            fields={field: [_("At most %(limit)s characters.") % {"limit": MAX_TEXT}]}
        )
    return text


def _with_text(texts: Mapping[str, str], language: str, value: str) -> dict[str, str]:
    updated = {k: v for k, v in texts.items() if v}
    if value:
        updated[language] = value
    else:
        updated.pop(language, None)
    return updated


@service
def edition_create(*, actor: User | None, period: str) -> Edition:
    """A new edition; the contact block and acknowledgement carry over from the latest one."""
    require_role(actor, Role.COORDINATOR)
    parsed = plausible_period(period)
    if Edition.objects.filter(period=parsed.name).exists():
        raise Conflict(
            _("The bulletin for %(period)s already exists.") % {"period": parsed.name},
            fields={"period": [_("already exists")]},
        )
    previous = Edition.objects.order_by("-period").first()
    edition = Edition(
        period=parsed.name,
        created_by=actor if actor is not None else None,
        contact=dict(previous.contact) if previous else {},
        acknowledgement=dict(previous.acknowledgement) if previous else {},
        disclosure=previous.disclosure if previous else Disclosure.EXACT,
    )
    return validated_save(edition)


@service
def edition_write(
    *,
    actor: User | None,
    edition: Edition,
    expected_version: int,
    language: str,
    introduction: str,
    contact: str,
    acknowledgement: str,
) -> Edition:
    """The coordinator's texts in one written language."""
    require_role(actor, Role.COORDINATOR)
    language = _written_language(language)
    changes = {
        "introduction": _with_text(
            edition.introduction, language, _text(introduction, "introduction")
        ),
        "contact": _with_text(edition.contact, language, _text(contact, "contact")),
        "acknowledgement": _with_text(
            edition.acknowledgement, language, _text(acknowledgement, "acknowledgement")
        ),
    }
    return update_versioned(edition, expected_version=expected_version, changes=changes)


@service
def edition_set_policy(
    *, actor: User | None, edition: Edition, expected_version: int, disclosure: str
) -> Edition:
    """The publication policy of the official bulletin (audited like every change). Hiding
    small numbers has no settings of its own: it is the public statistics page's control."""
    require_role(actor, Role.COORDINATOR)
    if disclosure not in Disclosure.values:
        raise ValidationError(fields={"disclosure": [_("Choose one of the policies.")]})
    return update_versioned(
        edition, expected_version=expected_version, changes={"disclosure": disclosure}
    )


MOVES = {"up": -1, "down": 1}


@service
def edition_move_partner(
    *,
    actor: User | None,
    edition: Edition,
    expected_version: int,
    organisation: int,
    direction: str,
) -> Edition:
    """Move one partner up or down in the bulletin's order of partners (audited like every
    change). The whole order is saved, so that later reports do not reshuffle it."""
    require_role(actor, Role.COORDINATOR)
    if direction not in MOVES:
        raise ValidationError(fields={"direction": [_("Move a partner up or down.")]})
    order = [
        p.organisation_id
        for p in reporting_partners(Period.parse(edition.period), edition.partner_order or ())
    ]
    if organisation not in order:
        raise ValidationError(
            fields={"organisation": [_("This organisation reported no activity of the period.")]}
        )
    index = order.index(organisation)
    target = index + MOVES[direction]
    if 0 <= target < len(order):
        order[index], order[target] = order[target], order[index]
    return update_versioned(
        edition, expected_version=expected_version, changes={"partner_order": order}
    )


@service
def edition_restore_partner_order(
    *, actor: User | None, edition: Edition, expected_version: int
) -> Edition:
    """Back to the default order of partners (institutions, international organisations,
    NGOs), audited like every change."""
    require_role(actor, Role.COORDINATOR)
    return update_versioned(
        edition, expected_version=expected_version, changes={"partner_order": []}
    )


@service
def edition_choose_photos(
    *, actor: User | None, edition: Edition, expected_version: int, documents: list[int]
) -> Edition:
    """The photos shown beside the activities (audited like every change): only photos
    attached to the activities the bulletin reports, never another record's documents."""
    require_role(actor, Role.COORDINATOR)
    allowed = {p.document for p in photo_choices(Period.parse(edition.period))}
    chosen = sorted(set(documents))
    if any(pk not in allowed for pk in chosen):
        raise ValidationError(
            fields={
                "photos": [_("Choose photos attached to the activities this bulletin reports.")]
            }
        )
    return update_versioned(edition, expected_version=expected_version, changes={"photos": chosen})


def _section_values(language: str, position: str, title: str, body: str) -> tuple[str, str, str]:
    if position not in Position.values:
        raise ValidationError(fields={"position": [_("Choose where the section goes.")]})
    title = _text(title, "title")
    if not title:
        raise ValidationError(fields={"title": [_("A section needs a title.")]})
    return _written_language(language), title, _text(body, "body")


@service
def section_create(
    *, actor: User | None, edition: Edition, language: str, position: str, title: str, body: str
) -> FreeSection:
    require_role(actor, Role.COORDINATOR)
    language, title, body = _section_values(language, position, title, body)
    last = edition.sections.aggregate(n=Max("order"))["n"]
    section = FreeSection(
        edition=edition,
        position=position,
        order=(last or 0) + 1,
        title={language: title},
        body={language: body} if body else {},
    )
    return validated_save(section)


@service
def section_update(
    *,
    actor: User | None,
    section: FreeSection,
    language: str,
    position: str,
    title: str,
    body: str,
    order: int | None = None,
) -> FreeSection:
    require_role(actor, Role.COORDINATOR)
    language, title, body = _section_values(language, position, title, body)
    section.position = position
    section.title = _with_text(section.title, language, title)
    section.body = _with_text(section.body, language, body)
    if order is not None:
        section.order = order
    return validated_save(section)


@service
def section_delete(*, actor: User | None, section: FreeSection) -> None:
    require_role(actor, Role.COORDINATOR)
    section.delete()


def composition_of(edition: Edition) -> Composition:
    return Composition(
        introduction=dict(edition.introduction),
        contact=dict(edition.contact),
        acknowledgement=dict(edition.acknowledgement),
        sections=tuple(
            FreeText(position=s.position, title=dict(s.title), body=dict(s.body))
            for s in edition.sections.order_by("order", "pk")
        ),
        disclosure=edition.disclosure,
        partner_order=tuple(edition.partner_order or ()),
        photos=tuple(edition.photos or ()),
    )


def publication_check(edition: Edition, sources: BulletinSources | None = None) -> PublicationCheck:
    """What the coordinator must know before publishing (see nrm.bulletin.checks)."""
    from nrm.statistics.quality import quality_review

    period = Period.parse(edition.period)
    if sources is None:
        sources = collect_sources(period=period, composition=composition_of(edition))
    values = figure_values(sources.statistics, sources.period_statistics)
    prose_blockers, prose_warnings = prose_checks(edition, values)
    return PublicationCheck(
        blockers=period_blockers(period) + prose_blockers,
        findings=[f for f in quality_review(actor=None, period=period) if f.kind != "resolved"],
        missing_texts=missing_text_warnings(edition),
        warnings=prose_warnings,
    )


@service
def edition_publish(
    *, actor: User | None, edition: Edition, note: str = "", confirmed: bool = False
) -> PublishedVersion:
    """Freeze the bulletin as it is now, in every language, as the next version.

    A period that has not ended is never published; open findings and missing texts need the
    coordinator's confirmation (`confirmed`, given on the confirmation page that lists them);
    a new version of a published edition says what it corrects.
    """
    require_role(actor, Role.COORDINATOR)
    note = _text(note, "note")[:300]
    period = Period.parse(edition.period)
    number = (edition.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    sources = collect_sources(period=period, composition=composition_of(edition), version=number)
    check = publication_check(edition, sources)
    if check.blockers:
        raise ValidationError(" ".join(check.blockers), fields={"period": check.blockers})
    if check.needs_confirmation and not confirmed:
        raise ValidationError(
            _("Confirm the publication: the bulletin has open findings or missing texts."),
            fields={"confirm": [_("confirm that you have seen what is listed")]},
        )
    if edition.versions.exists() and not note:
        raise ValidationError(
            _("A new version corrects the one published: say what changed and why."),
            fields={"note": [_("say what this version corrects")]},
        )
    documents = {language: build_bulletin(sources, language).to_dict() for language in LANGUAGES}
    figures = {**sources.statistics, "activities_period": sources.period_statistics}
    version = PublishedVersion(
        edition=edition,
        number=number,
        published_at=timezone.now(),
        published_by=actor,
        note=note,
        documents=documents,
        figures=figures,
        public_figures=figures if not sources.composition.suppresses else _public_cells(sources),
    )
    return validated_save(version)


def _public_cells(sources: BulletinSources) -> dict[str, Any]:
    """What the public API gives with a bulletin that hides small numbers: the cells of the
    public tables, a hidden one null, never the records' figures it was built from."""
    return {
        "period": sources.statistics["period"],
        "disclosure": {"policy": Disclosure.SUPPRESS.value, "threshold": public_threshold()},
        **{
            family: {name: cells.value(name) for name in figures.values}
            for family, (figures, cells) in sources.public.items()
        },
    }


@service
def version_withdraw(
    *, actor: User | None, version: PublishedVersion, reason: str
) -> PublishedVersion:
    """Withdraw a published version: it stays listed with the reason, its files are no longer
    served."""
    require_role(actor, Role.COORDINATOR)
    reason = _text(reason, "reason")
    if not reason:
        raise ValidationError(fields={"reason": [_("Say why the version is withdrawn.")]})
    if len(reason) > 300:
        raise ValidationError(
            fields={"reason": [_("At most %(limit)s characters.") % {"limit": 300}]}
        )
    if version.withdrawn:
        raise Conflict(_("Version %(number)s is already withdrawn.") % {"number": version.number})
    version.withdrawn_at = timezone.now()
    version.withdrawn_by = actor
    version.withdrawal_reason = reason
    return validated_save(version)


def version_document(version: PublishedVersion, language: str) -> Bulletin:
    if language not in version.documents:
        raise ValidationError(fields={"lang": [_("This version has no such language.")]})
    return Bulletin.from_dict(version.documents[language])


@service
def version_file(*, actor: Any, version: PublishedVersion, language: str, fmt: str) -> bytes:
    """A published version as a file: drawn once, kept (published bulletins are public, so
    anyone may cause the drawing; the content is fixed by the version)."""
    check_format(fmt)
    if version.withdrawn:
        raise Conflict(
            _("Version %(number)s of the bulletin for %(period)s was withdrawn: %(reason)s")
            % {
                "number": version.number,
                "period": version.edition.period,
                "reason": version.withdrawal_reason,
            },
            code="withdrawn",
        )
    cached = RenderedFile.objects.filter(
        version=version, language=language, format=fmt, renderer=RENDERER_VERSION
    ).first()
    if cached is not None:
        return bytes(cached.content)
    content = render_document(version_document(version, language), fmt)
    RenderedFile.objects.get_or_create(
        version=version,
        language=language,
        format=fmt,
        renderer=RENDERER_VERSION,
        defaults={"content": content},
    )
    return content
