# Dates as the language writes them: the day with its full stop, the month in words in the
# genitive ("1. siječnja 2024.", "31. децембра 2024."), the year with its full stop. Short
# dates are numeric. Month names come from NRM's catalogues (nrm.core.dates).
DATE_FORMAT = "j. E Y."
SHORT_DATE_FORMAT = "j. n. Y."
DATETIME_FORMAT = "j. E Y. H:i"
SHORT_DATETIME_FORMAT = "j. n. Y. H:i"
YEAR_MONTH_FORMAT = "F Y."
MONTH_DAY_FORMAT = "j. E"
TIME_FORMAT = "H:i"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y.", "%d.%m.%Y", "%d. %m. %Y.", "%d/%m/%Y"]
FIRST_DAY_OF_WEEK = 1
