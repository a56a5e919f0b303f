"""Publishing bulletins in tests: public statistics exist only for published bulletins."""

from __future__ import annotations

from nrm.bulletin.models import Edition


def publish_bulletin(period: str) -> None:
    """Publish (a new version of) the bulletin of `period`, as the operator."""
    from nrm.bulletin import services

    edition = Edition.objects.filter(period=period).first()
    if edition is None:
        edition = services.edition_create(actor=None, period=period)
    note = "A new version for the test" if edition.versions.exists() else ""
    services.edition_publish(actor=None, edition=edition, note=note, confirmed=True)
