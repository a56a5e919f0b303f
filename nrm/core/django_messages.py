"""Django's own form messages, worded for BiH.

Django's Serbian catalogue is ekavian ("вредност", "време") and its Bosnian one incomplete;
NRM's Serbian is ijekavian. Listing the messages people meet on NRM's forms here puts them in
NRM's catalogues (nrm/core/locale), which take precedence over Django's.
"""

from django.utils.translation import gettext_noop

OVERRIDDEN = [
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid value."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid time."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Enter a list of values."),
    gettext_noop("Enter a complete value."),
    gettext_noop("Please correct the duplicate values below."),
]
