"""UN M49 geographic regions (unstats.un.org/unsd/methodology/m49): where a rare citizenship
goes when the anonymised release generalises it (country -> sub-region -> region).

Kosovo (XK, a user-assigned code) is placed with Southern Europe, as its neighbours.
"""

from __future__ import annotations

SUB_REGIONS: dict[str, tuple[str, str]] = {
    # sub-region: (region, ISO 3166-1 alpha-2 codes separated by spaces)
    "Northern Africa": ("Africa", "DZ EG LY MA SD TN EH"),
    "Eastern Africa": (
        "Africa",
        "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW IO TF",
    ),
    "Middle Africa": ("Africa", "AO CM CF TD CG CD GQ GA ST"),
    "Southern Africa": ("Africa", "BW SZ LS NA ZA"),
    "Western Africa": ("Africa", "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG"),
    "Caribbean": (
        "Americas",
        "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    ),
    "Central America": ("Americas", "BZ CR SV GT HN MX NI PA"),
    "South America": ("Americas", "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE"),
    "Northern America": ("Americas", "BM CA GL PM US"),
    "Central Asia": ("Asia", "KZ KG TJ TM UZ"),
    "Eastern Asia": ("Asia", "CN HK MO KP JP MN KR TW"),
    "South-eastern Asia": ("Asia", "BN KH ID LA MY MM PH SG TH TL VN"),
    "Southern Asia": ("Asia", "AF BD BT IN IR MV NP PK LK"),
    "Western Asia": ("Asia", "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE"),
    "Eastern Europe": ("Europe", "BY BG CZ HU PL MD RO RU SK UA"),
    "Northern Europe": ("Europe", "AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB"),
    "Southern Europe": ("Europe", "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK"),
    "Western Europe": ("Europe", "AT BE FR DE LI LU MC NL CH"),
    "Australia and New Zealand": ("Oceania", "AU NZ CX CC HM NF"),
    "Melanesia": ("Oceania", "FJ NC PG SB VU"),
    "Micronesia": ("Oceania", "GU KI MH FM NR MP PW UM"),
    "Polynesia": ("Oceania", "AS CK PF NU PN WS TK TO TV WF"),
    "Antarctica": ("Antarctica", "AQ"),
}

SUB_REGION_OF: dict[str, str] = {
    code: sub_region
    for sub_region, (_region, codes) in SUB_REGIONS.items()
    for code in codes.split()
}
REGION_OF_SUB_REGION: dict[str, str] = {sub: region for sub, (region, _c) in SUB_REGIONS.items()}
REGIONS = frozenset(REGION_OF_SUB_REGION.values())


def sub_region(code: str) -> str | None:
    return SUB_REGION_OF.get(code.upper())


def region(sub_region_name: str) -> str | None:
    return REGION_OF_SUB_REGION.get(sub_region_name)
