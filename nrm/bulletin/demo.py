"""Demo bulletin: the 2024-H2 edition composed in every written language and published, so
that `make demo` leaves it ready to download in every format and language."""

from __future__ import annotations

from nrm.bulletin.models import Edition, Position
from nrm.bulletin.services import (
    edition_choose_photos,
    edition_create,
    edition_publish,
    edition_write,
    section_create,
    section_update,
)
from nrm.core.audit import audit_actor
from nrm.inbox.services import silenced

PERIOD = "2024-H2"

INTRODUCTION = {
    "en": (
        "This bulletin presents the work of Bosnia and Herzegovina's referral mechanism against "
        "trafficking in human beings in the second half of 2024: the figures on potential "
        "victims identified during the year, the findings of trial monitoring, and the "
        "trainings, conferences, campaigns and projects of the institutions and partner "
        "organisations.\n\n"
        "The figures and activity reports come directly from the records of the National "
        "Referral Mechanism and were checked before publication. Where a value was not "
        "recorded, the bulletin says so."
    ),
    "bs": (
        "Ovaj bilten predstavlja rad referalnog mehanizma za borbu protiv trgovine ljudima u "
        "Bosni i Hercegovini u drugoj polovini 2024. godine: podatke o potencijalnim žrtvama "
        "identifikovanim tokom godine, nalaze praćenja suđenja te obuke, konferencije, kampanje "
        "i projekte institucija i partnerskih organizacija.\n\n"
        "Podaci i izvještaji o aktivnostima preuzeti su direktno iz evidencija Nacionalnog "
        "referalnog mehanizma i provjereni prije objave. Tamo gdje neki podatak nije "
        "evidentiran, bilten to navodi."
    ),
    "hr": (
        "Ovaj bilten predstavlja rad referalnog mehanizma za borbu protiv trgovanja ljudima u "
        "Bosni i Hercegovini u drugoj polovici 2024. godine: podatke o potencijalnim žrtvama "
        "identificiranim tijekom godine, nalaze praćenja suđenja te izobrazbe, konferencije, "
        "kampanje i projekte institucija i partnerskih organizacija.\n\n"
        "Podaci i izvješća o aktivnostima preuzeti su izravno iz evidencija Nacionalnog "
        "referalnog mehanizma i provjereni prije objave. Gdje neki podatak nije evidentiran, "
        "bilten to navodi."
    ),
    "sr": (
        "Овај билтен представља рад рефералног механизма за борбу против трговине људима у "
        "Босни и Херцеговини у другој половини 2024. године: податке о потенцијалним жртвама "
        "идентификованим током године, налазе праћења суђења те обуке, конференције, кампање "
        "и пројекте институција и партнерских организација.\n\n"
        "Подаци и извјештаји о активностима преузети су директно из евиденција Националног "
        "рефералног механизма и провјерени прије објаве. Тамо гдје неки податак није "
        "евидентиран, билтен то наводи."
    ),
}

_PHONES = "+387 33 492 455, +387 33 492 452, +387 33 492 420, +387 33 710 530"
CONTACT = {
    "en": (
        "The State Coordinator for Combating Trafficking in Human Beings and Illegal Migration\n"
        "BiH Ministry of Security\nTrg BiH 1\n71000 Sarajevo, Bosnia and Herzegovina\n"
        f"Tel.: {_PHONES}\nFax: +387 33 710 531\nE-mail: ureddk@msb.gov.ba"
    ),
    "bs": (
        "Državni koordinator za borbu protiv trgovine ljudima i ilegalne migracije\n"
        "Ministarstvo sigurnosti BiH\nTrg BiH 1\n71000 Sarajevo, Bosna i Hercegovina\n"
        f"Tel.: {_PHONES}\nFaks: +387 33 710 531\nE-pošta: ureddk@msb.gov.ba"
    ),
    "hr": (
        "Državni koordinator za borbu protiv trgovanja ljudima i ilegalnih migracija\n"
        "Ministarstvo sigurnosti BiH\nTrg BiH 1\n71000 Sarajevo, Bosna i Hercegovina\n"
        f"Tel.: {_PHONES}\nTelefaks: +387 33 710 531\nE-pošta: ureddk@msb.gov.ba"
    ),
    "sr": (
        "Државни координатор за борбу против трговине људима и илегалне миграције\n"
        "Министарство безбједности БиХ\nТрг БиХ 1\n71000 Сарајево, Босна и Херцеговина\n"
        f"Тел.: {_PHONES}\nФакс: +387 33 710 531\nЕ-пошта: ureddk@msb.gov.ba"
    ),
}

ACKNOWLEDGEMENT = {
    "en": (
        "The development of this material was supported by the OSCE Mission to BiH. Any view, "
        "statement, or opinion expressed in this publication, which is not specifically "
        "attributed to the OSCE Mission to BiH, does not necessarily reflect the official "
        "policy of the OSCE Mission to BiH."
    ),
    "bs": (
        "Izradu ovog materijala podržala je Misija OSCE-a u BiH. Stavovi, izjave ili mišljenja "
        "izneseni u ovoj publikaciji, koji nisu izričito pripisani Misiji OSCE-a u BiH, ne "
        "odražavaju nužno službenu politiku Misije OSCE-a u BiH."
    ),
    "hr": (
        "Izradu ovog materijala podržala je Misija OESS-a u BiH. Stajališta, izjave ili "
        "mišljenja iznesena u ovoj publikaciji, koja nisu izričito pripisana Misiji OESS-a u "
        "BiH, ne odražavaju nužno službenu politiku Misije OESS-a u BiH."
    ),
    "sr": (
        "Израду овог материјала подржала је Мисија ОЕБС-а у БиХ. Ставови, изјаве или мишљења "
        "изнесени у овој публикацији, који нису изричито приписани Мисији ОЕБС-а у БиХ, не "
        "одражавају нужно званичну политику Мисије ОЕБС-а у БиХ."
    ),
}

REPORT_SECTION = {
    "title": {
        "en": "Report trafficking in human beings",
        "bs": "Prijavite trgovinu ljudima",
        "hr": "Prijavite trgovanje ljudima",
        "sr": "Пријавите трговину људима",
    },
    "body": {
        "en": (
            "If you are a victim of trafficking in human beings or suspect trafficking, you can "
            "report it anonymously through the web portals www.sigurnodijete.ba and "
            "www.eurcenter.ba, or call the free help line 0800 22 323."
        ),
        "bs": (
            "Ukoliko ste žrtva trgovine ljudima ili sumnjate na trgovinu ljudima, anonimno "
            "prijavljivanje je moguće putem web-portala www.sigurnodijete.ba i www.eurcenter.ba "
            "ili putem besplatne linije za savjete i podršku 0800 22 323."
        ),
        "hr": (
            "Ako ste žrtva trgovanja ljudima ili sumnjate na trgovanje ljudima, anonimno "
            "prijavljivanje moguće je putem web-portala www.sigurnodijete.ba i www.eurcenter.ba "
            "ili putem besplatne linije za savjete i podršku 0800 22 323."
        ),
        "sr": (
            "Уколико сте жртва трговине људима или сумњате на трговину људима, анонимно "
            "пријављивање је могуће путем веб-портала www.sigurnodijete.ba и www.eurcenter.ba "
            "или путем бесплатне линије за савјете и подршку 0800 22 323."
        ),
    },
}


def load_demo() -> None:
    with audit_actor(None, via="demo data"):
        edition = Edition.objects.filter(period=PERIOD).first()
        if edition is None:
            edition = edition_create(actor=None, period=PERIOD)
        if not edition.introduction:
            for language in INTRODUCTION:
                edition.refresh_from_db()
                edition = edition_write(
                    actor=None,
                    edition=edition,
                    expected_version=edition.version,
                    language=language,
                    introduction=INTRODUCTION[language],
                    contact=CONTACT[language],
                    acknowledgement=ACKNOWLEDGEMENT[language],
                )
        if not edition.sections.exists():
            section = section_create(
                actor=None,
                edition=edition,
                language="en",
                position=Position.CALLOUT,
                title=REPORT_SECTION["title"]["en"],
                body=REPORT_SECTION["body"]["en"],
            )
            for language in ("bs", "hr", "sr"):
                section = section_update(
                    actor=None,
                    section=section,
                    language=language,
                    position=Position.CALLOUT,
                    title=REPORT_SECTION["title"][language],
                    body=REPORT_SECTION["body"][language],
                )
        if not edition.versions.exists():
            with silenced():  # past reviews notify nobody
                _review_partner_reports()
            edition = _choose_the_training_photo(edition)
            edition_publish(actor=None, edition=edition, note="First edition", confirmed=True)


def _choose_the_training_photo(edition: Edition) -> Edition:
    """A photo beside an activity, as a coordinator would choose it on the compose page."""
    from nrm.documents.demo import activity_photo

    photo = activity_photo()
    if photo is None:
        return edition
    return edition_choose_photos(
        actor=None, edition=edition, expected_version=edition.version, documents=[photo.pk]
    )


# The coordinator's review of the reports the partners sent for 2024-H2, as the State
# Coordinator's office did before publishing: the symposium's three reports linked as one event
# (counted with the Council of Europe's figures), the campaign whose women and men exceed its
# reach confirmed as reported, and the remaining reports approved.
SYMPOSIUM_TITLES = (
    "Panel on trafficking in human beings at the Annual Symposium of Prosecutors",
    "Panel II “Combating Human Trafficking” at the XVII Prosecutorial Symposium",
    "Panel discussion on prosecuting trafficking cases at the Annual Prosecutorial ",
)
CAMPAIGN_NOTE = (
    "Confirmed with IOM: women and men reached are counted per platform and overlap, so they "
    "add up to more than the 1,194,614 people reached; published as reported."
)
RESUBMITTED_NOTE = "The partner confirmed that the campaign's reach was not measured."


def _review_partner_reports() -> None:
    from nrm.accounts.models import User
    from nrm.activities import services as activities
    from nrm.activities.models import Activity, ActivityStatus
    from nrm.core.periods import Period

    coordinator = User.objects.get(username="coordinator")
    period = Period.parse(PERIOD)
    waiting = Activity.objects.filter(
        end_date__range=(period.start, period.end),
        status__in=(ActivityStatus.SUBMITTED, ActivityStatus.RETURNED),
    ).exclude(title_en__startswith="Information campaign on free legal aid")
    symposium = []
    for activity in waiting.order_by("pk"):
        if activity.status == ActivityStatus.RETURNED:
            # The partner sends it again (entered by the system, as the demo's partners are).
            activity = activities.activity_submit(actor=None, activity=activity)
            comment = RESUBMITTED_NOTE
        elif activity.reach_people == 1_194_614:
            comment = CAMPAIGN_NOTE
        else:
            comment = ""
        activity = activities.activity_approve(
            actor=coordinator, activity=activity, comment=comment
        )
        if activity.title_en.startswith(SYMPOSIUM_TITLES):
            symposium.append(activity)
    if len(symposium) == 3 and not any(a.event_id for a in symposium):
        counted = max(symposium, key=lambda a: a.participants_total or 0)
        activities.event_link(actor=coordinator, activities=symposium, counted=counted)
