"""Fixed answers on the register and in equality monitoring.

Equality answers keep three states apart: blank (not answered), ``prefer_not_to_say`` and
an answer. The wording follows the Office for National Statistics' 2021 Census questions.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

PREFER_NOT_TO_SAY = ("prefer_not_to_say", _("Prefer not to say"))


class Tenure(models.TextChoices):
    TENANT = "tenant", _("Tenant")
    LEASEHOLDER = "leaseholder", _("Leaseholder")
    SHARED_OWNER = "shared_owner", _("Shared owner")
    HOUSEHOLD_MEMBER = "household_member", _("Someone else in a tenant's household")
    HOUSING_REGISTER = "housing_register", _("On the housing register (waiting for a home)")
    OTHER = "other", _("Another resident")


class ContactMethod(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    POST = "post", _("Post")


class HowHeard(models.TextChoices):
    LETTER = "letter", _("A letter or leaflet")
    MAGAZINE = "magazine", _("The residents' magazine")
    WEBSITE = "website", _("Our website")
    SOCIAL_MEDIA = "social_media", _("Social media")
    STAFF = "staff", _("A member of staff")
    RESIDENT = "resident", _("Another resident")
    EVENT = "event", _("An event or roadshow")
    OTHER = "other", _("Somewhere else")


class SignUpStatus(models.TextChoices):
    PLACE = "place", _("Has a place")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class AgeBand(models.TextChoices):
    UNDER_16 = "under_16", _("Under 16")
    AGE_16_24 = "16_24", _("16 to 24")
    AGE_25_34 = "25_34", _("25 to 34")
    AGE_35_44 = "35_44", _("35 to 44")
    AGE_45_54 = "45_54", _("45 to 54")
    AGE_55_64 = "55_64", _("55 to 64")
    AGE_65_74 = "65_74", _("65 to 74")
    AGE_75_PLUS = "75_plus", _("75 or over")
    PREFER_NOT = PREFER_NOT_TO_SAY


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    OTHER = "other", _("In another way")
    PREFER_NOT = PREFER_NOT_TO_SAY


class Ethnicity(models.TextChoices):
    ASIAN_INDIAN = "asian_indian", _("Asian or Asian British: Indian")
    ASIAN_PAKISTANI = "asian_pakistani", _("Asian or Asian British: Pakistani")
    ASIAN_BANGLADESHI = "asian_bangladeshi", _("Asian or Asian British: Bangladeshi")
    ASIAN_CHINESE = "asian_chinese", _("Asian or Asian British: Chinese")
    ASIAN_OTHER = "asian_other", _("Asian or Asian British: any other Asian background")
    BLACK_AFRICAN = "black_african", _("Black, Black British, Caribbean or African: African")
    BLACK_CARIBBEAN = "black_caribbean", _("Black, Black British, Caribbean or African: Caribbean")
    BLACK_OTHER = (
        "black_other",
        _("Black, Black British, Caribbean or African: any other background"),
    )
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        _("Mixed or multiple ethnic groups: White and Black Caribbean"),
    )
    MIXED_WHITE_BLACK_AFRICAN = (
        "mixed_white_black_african",
        _("Mixed or multiple ethnic groups: White and Black African"),
    )
    MIXED_WHITE_ASIAN = "mixed_white_asian", _("Mixed or multiple ethnic groups: White and Asian")
    MIXED_OTHER = "mixed_other", _("Mixed or multiple ethnic groups: any other background")
    WHITE_BRITISH = (
        "white_british",
        _("White: English, Welsh, Scottish, Northern Irish or British"),
    )
    WHITE_IRISH = "white_irish", _("White: Irish")
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", _("White: Gypsy or Irish Traveller")
    WHITE_ROMA = "white_roma", _("White: Roma")
    WHITE_OTHER = "white_other", _("White: any other White background")
    ARAB = "arab", _("Other ethnic group: Arab")
    OTHER = "other", _("Other ethnic group: any other ethnic group")
    PREFER_NOT = PREFER_NOT_TO_SAY


class Disability(models.TextChoices):
    YES_A_LOT = "yes_a_lot", _("Yes, and it limits my day-to-day activities a lot")
    YES_A_LITTLE = "yes_a_little", _("Yes, and it limits my day-to-day activities a little")
    YES_NOT_LIMITED = "yes_not_limited", _("Yes, but it does not limit my day-to-day activities")
    NO = "no", _("No")
    PREFER_NOT = PREFER_NOT_TO_SAY


class SexualOrientation(models.TextChoices):
    STRAIGHT = "straight", _("Straight or heterosexual")
    GAY_LESBIAN = "gay_lesbian", _("Gay or lesbian")
    BISEXUAL = "bisexual", _("Bisexual")
    OTHER = "other", _("Another sexual orientation")
    PREFER_NOT = PREFER_NOT_TO_SAY


class Religion(models.TextChoices):
    NONE = "none", _("No religion")
    CHRISTIAN = "christian", _("Christian")
    BUDDHIST = "buddhist", _("Buddhist")
    HINDU = "hindu", _("Hindu")
    JEWISH = "jewish", _("Jewish")
    MUSLIM = "muslim", _("Muslim")
    SIKH = "sikh", _("Sikh")
    OTHER = "other", _("Any other religion")
    PREFER_NOT = PREFER_NOT_TO_SAY
