"""Foreign places in the reader's language: "Beograd, Srbija", "Београд, Србија", "Беч, Аустрија".

Reporters write cities abroad as they know them, often by their English name. Cities the
region writes its own way are translated (catalogues, context "city"); other cities of the
former Yugoslavia are local names that Serbian Cyrillic readers read transliterated; any other
foreign name is kept as written (transliterating "Strasbourg" would garble it).
"""

from __future__ import annotations

from django.utils.translation import pgettext, pgettext_lazy

from nrm.core.transliterate import name_to_cyrillic

CITIES = {
    "Belgrade": pgettext_lazy("city", "Belgrade"),
    "Vienna": pgettext_lazy("city", "Vienna"),
    "Zagreb": pgettext_lazy("city", "Zagreb"),
    "Ljubljana": pgettext_lazy("city", "Ljubljana"),
    "Podgorica": pgettext_lazy("city", "Podgorica"),
    "Skopje": pgettext_lazy("city", "Skopje"),
    "Brussels": pgettext_lazy("city", "Brussels"),
    "Strasbourg": pgettext_lazy("city", "Strasbourg"),
    "Geneva": pgettext_lazy("city", "Geneva"),
    "Rome": pgettext_lazy("city", "Rome"),
    "Warsaw": pgettext_lazy("city", "Warsaw"),
    "Prague": pgettext_lazy("city", "Prague"),
    "The Hague": pgettext_lazy("city", "The Hague"),
    "Munich": pgettext_lazy("city", "Munich"),
    "Athens": pgettext_lazy("city", "Athens"),
    "Budapest": pgettext_lazy("city", "Budapest"),
}
# Countries whose place names are written in the region's Latin alphabet.
REGION = {"BA", "HR", "ME", "MK", "RS", "SI", "XK"}


def city_name(city: str, country_code: str, language: str) -> str:
    """A city abroad as the reader's language writes it."""
    city = city.strip()
    if city in CITIES:
        return str(pgettext("city", city))
    if language == "sr" and str(country_code).upper() in REGION:
        return name_to_cyrillic(city)
    return city
