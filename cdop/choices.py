"""Reference lists of the CDOP app, aligned with the National Child Mortality Database (NCMD)."""

import re
from datetime import date

from django.db import models


class Borough(models.TextChoices):
    BARNET = "barnet", "Barnet"
    CAMDEN = "camden", "Camden"
    ENFIELD = "enfield", "Enfield"
    HARINGEY = "haringey", "Haringey"
    ISLINGTON = "islington", "Islington"
    OUTSIDE = "outside", "Outside North Central London"


def residence(borough: str, local_authority: str = "") -> str:
    """Where the child normally lived, in words: the borough, or the local authority outside the five."""
    if borough == Borough.OUTSIDE:
        return local_authority or "a local authority outside North Central London"
    return Borough(borough).label if borough in Borough.values else borough


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    INDETERMINATE = "indeterminate", "Indeterminate"
    NOT_KNOWN = "not_known", "Not known"


class Ethnicity(models.TextChoices):
    """The 2021 census groups, as the NCMD records them."""

    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    NOT_KNOWN = "not_known", "Not known"


class PostMortem(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known yet"


class JarTrigger(models.TextChoices):
    EXTERNAL = "external", "The death is or may be from external causes"
    SUDDEN = "sudden", "Sudden with no obvious cause (including SUDI and SUDC)"
    CUSTODY = "custody", "In custody or under the Mental Health Act"
    SUSPICION = "suspicion", "The circumstances raise suspicion"
    STILLBIRTH = "stillbirth", "A stillbirth with no health professional present"


class Category(models.IntegerChoices):
    """The ten categories of death of the CDOP analysis form (NCMD codes 1 to 10)."""

    ABUSE = 1, "Deliberately inflicted injury, abuse or neglect"
    SUICIDE = 2, "Suicide or deliberate self-inflicted harm"
    TRAUMA = 3, "Trauma and other external factors, including medical or surgical complications or error"
    MALIGNANCY = 4, "Malignancy"
    ACUTE = 5, "Acute medical or surgical condition"
    CHRONIC = 6, "Chronic medical condition"
    CONGENITAL = 7, "Chromosomal, genetic and congenital anomalies"
    PERINATAL = 8, "Perinatal or neonatal event"
    INFECTION = 9, "Infection"
    SUDDEN = 10, "Sudden unexpected, unexplained death"


class ModeOfDeath(models.TextChoices):
    """How the child died, as the NCMD data set records the mode of death (the national child death review forms,
    DHSC, and the NCMD's data collection: the reporting form's "circumstances of the death" asks the same)."""

    BRAIN_STEM = "brain_stem", "Brain stem death"
    WITHDRAWAL = "withdrawal", "Withdrawal/withholding/limitation of life-sustaining treatment"
    RESUSCITATION = "resuscitation", "Unsuccessful resuscitation"
    FOUND_DEAD = "found_dead", "Found dead"
    OTHER = "other", "Other"
    NOT_KNOWN = "not_known", "Not known"


# The Index of Multiple Deprivation (English indices of deprivation) decile of the child's home postcode:
# 1 the most deprived tenth of neighbourhoods, 10 the least. The coordinator looks it up; none is invented here.
DEPRIVATION_DECILES = [(decile, str(decile)) for decile in range(1, 11)]


class Grade(models.IntegerChoices):
    NONE = 0, "0: no factors identified"
    SOME = 1, "1: factors that may have contributed"
    SIGNIFICANT = 2, "2: factors that provide a complete and sufficient explanation or contributed significantly"


# The NCMD's age groups at death.
AGE_BANDS = [
    ("0-27d", "0 to 27 days"),
    ("28-364d", "28 to 364 days"),
    ("1-4y", "1 to 4 years"),
    ("5-9y", "5 to 9 years"),
    ("10-14y", "10 to 14 years"),
    ("15-17y", "15 to 17 years"),
]


ADULT_AGE = 18


def age_in_years(date_of_birth: date, on: date) -> int:
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def age_band(date_of_birth: date, date_of_death: date) -> str:
    days = (date_of_death - date_of_birth).days
    if days < 28:
        return "0-27d"
    years = date_of_death.year - date_of_birth.year
    if (date_of_death.month, date_of_death.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    if years < 1:
        return "28-364d"
    for upper, band in [(4, "1-4y"), (9, "5-9y"), (14, "10-14y")]:
        if years <= upper:
            return band
    return "15-17y"


DIGIT_SEPARATORS = re.compile(r"(?<=\d)[\s\-\u2010-\u2015./]+(?=\d)")


def nhs_number_in(text: str, number: str) -> bool:
    """Whether `text` gives the NHS number `number`, however its digits are grouped: "943 476 5919",
    "943-476-5919" and "9434765919" are one number."""
    return bool(number) and number in DIGIT_SEPARATORS.sub("", text)


# A UK postcode: outward code (area, district) and inward code (sector, unit), e.g. "N11 1NP", "SW1A 2AA".
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")


def postcode_normalised(value: str) -> str | None:
    """The postcode in capitals with one space before the inward code ("n111np" is "N11 1NP"); None if it is not
    the shape of a UK postcode."""
    compact = re.sub(r"\s+", "", value or "").upper()
    match = POSTCODE.match(compact)
    return f"{match[1]} {match[2]}" if match else None


class YesNoNotKnown(models.TextChoices):
    """One answer of the national data set where "not known" is an answer, not a gap."""

    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"


class SleepPosition(models.TextChoices):
    """How the infant was placed to sleep (Form B's sudden unexpected death in infancy supplement)."""

    BACK = "back", "On the back"
    SIDE = "side", "On the side"
    FRONT = "front", "On the front"
    NOT_KNOWN = "not_known", "Not known"


class SleepPlace(models.TextChoices):
    COT = "cot", "Cot or Moses basket"
    ADULT_BED = "adult_bed", "Adult bed"
    SOFA = "sofa", "Sofa or armchair"
    OTHER = "other", "Somewhere else"
    NOT_KNOWN = "not_known", "Not known"


# The age bands in which Form B asks the sudden unexpected death in infancy (SUDI) questions by default.
SUDI_AGE_BANDS = ("0-27d", "28-364d")
