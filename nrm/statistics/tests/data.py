"""The figures of the State Coordinator's bulletin for 2024, as the families return them."""

BULLETIN_VICTIMS = {
    "total": 37,
    "by_status": {"potential": 37, "identified": 0},
    "by_sex": {"female": 16, "male": 21, "other": 0, "unknown": 0},
    "by_age_group": {
        "adult": {"total": 12, "female": 5, "male": 7, "other": 0, "unknown": 0},
        "minor": {"total": 25, "female": 11, "male": 14, "other": 0, "unknown": 0},
        "unknown": {"total": 0, "female": 0, "male": 0, "other": 0, "unknown": 0},
    },
    "by_exploitation": {
        "sexual": 6,
        "labour": 8,
        "begging": 12,
        "criminality": 0,
        "marriage": 0,
        "domestic_servitude": 0,
        "organ_removal": 0,
        "other": 10,
        "not_recorded": 1,
    },
    "by_citizenship": {"BA": 24, "TR": 8, "HR": 2, "AF": 1, "DE": 1, "RU": 1, "unknown": 0},
    "nationals": 24,
    "foreigners": 13,
    "citizenship_unknown": 0,
    "in_shelter": 24,
}

BULLETIN_MONITORING = {
    "cases": {"total": 33, "ongoing": 26, "finalized": 7},
    "defendants": {"total": 64, "male": 55, "female": 9},
    "cases_by_article": {
        "bih:186": 6, "rs:146": 1, "fbih:210a": 5, "fbih:210b": 3, "bd:207a": 2, "bih:187": 2,
        "fbih:210": 4, "fbih:219": 9, "fbih:209": 3, "fbih:211": 3, "rs:175": 1, "fbih:212": 2,
        "fbih:207": 2, "fbih:238": 2, "fbih:217": 1, "fbih:179": 1, "fbih:203": 1, "fbih:208": 1,
        "rs:184": 1, "bd:218": 1, "rs:207": 0, "rs2017:187": 0, "bd:216": 0,
    },  # fmt: skip
    "verdicts": {"convicted": 10, "acquitted": 2, "dismissed": 0},
    "sentences": {
        "suspended": 5,
        "imprisonment": 4,
        "fine": 1,
        "imprisonment_months": {"min": 12, "max": 120},
        "suspended_months": {"min": 3, "max": 12},
        "fines_bam": {"min": 300, "max": 300},
    },
}
