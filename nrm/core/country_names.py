"""Country names that the project words differently from django-countries.

django-countries' Serbian catalogue is ekavian; Serbian in BiH is ijekavian. These msgids are
translated in nrm/core/locale, which takes precedence (nrm.core is installed before
django_countries).
"""

from django.utils.translation import gettext_noop

IJEKAVIAN_OVERRIDES = [
    gettext_noop("Germany"),
    gettext_noop("Belarus"),
]
