"""Fixed answers on the register and in equality monitoring.

Equality answers keep three states apart: blank (not answered), ``prefer_not_to_say`` and
an answer. The wording follows the Office for National Statistics' 2021 Census questions.
"""

from django.db import models

PREFER_NOT_TO_SAY = ("prefer_not_to_say", "Prefer not to say")


class Tenure(models.TextChoices):
    TENANT = "tenant", "Tenant"
    LEASEHOLDER = "leaseholder", "Leaseholder"
    SHARED_OWNER = "shared_owner", "Shared owner"
    HOUSEHOLD_MEMBER = "household_member", "Someone else in a tenant's household"
    HOUSING_REGISTER = "housing_register", "On the housing register (waiting for a home)"
    OTHER = "other", "Another resident"


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    POST = "post", "Post"


class HowHeard(models.TextChoices):
    LETTER = "letter", "A letter or leaflet"
    MAGAZINE = "magazine", "The residents' magazine"
    WEBSITE = "website", "Our website"
    SOCIAL_MEDIA = "social_media", "Social media"
    STAFF = "staff", "A member of staff"
    RESIDENT = "resident", "Another resident"
    EVENT = "event", "An event or roadshow"
    OTHER = "other", "Somewhere else"


class SignUpStatus(models.TextChoices):
    PLACE = "place", "Has a place"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


class AgeBand(models.TextChoices):
    UNDER_16 = "under_16", "Under 16"
    AGE_16_24 = "16_24", "16 to 24"
    AGE_25_34 = "25_34", "25 to 34"
    AGE_35_44 = "35_44", "35 to 44"
    AGE_45_54 = "45_54", "45 to 54"
    AGE_55_64 = "55_64", "55 to 64"
    AGE_65_74 = "65_74", "65 to 74"
    AGE_75_PLUS = "75_plus", "75 or over"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Gender(models.TextChoices):
    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    NON_BINARY = "non_binary", "Non-binary"
    OTHER = "other", "In another way"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Ethnicity(models.TextChoices):
    ASIAN_INDIAN = "asian_indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
    ASIAN_OTHER = "asian_other", "Asian or Asian British: any other Asian background"
    BLACK_AFRICAN = "black_african", "Black, Black British, Caribbean or African: African"
    BLACK_CARIBBEAN = "black_caribbean", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_OTHER = "black_other", "Black, Black British, Caribbean or African: any other background"
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        "Mixed or multiple ethnic groups: White and Black Caribbean",
    )
    MIXED_WHITE_BLACK_AFRICAN = (
        "mixed_white_black_african",
        "Mixed or multiple ethnic groups: White and Black African",
    )
    MIXED_WHITE_ASIAN = "mixed_white_asian", "Mixed or multiple ethnic groups: White and Asian"
    MIXED_OTHER = "mixed_other", "Mixed or multiple ethnic groups: any other background"
    WHITE_BRITISH = (
        "white_british",
        "White: English, Welsh, Scottish, Northern Irish or British",
    )
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "White: Roma"
    WHITE_OTHER = "white_other", "White: any other White background"
    ARAB = "arab", "Other ethnic group: Arab"
    OTHER = "other", "Other ethnic group: any other ethnic group"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Disability(models.TextChoices):
    YES_A_LOT = "yes_a_lot", "Yes, and it limits my day-to-day activities a lot"
    YES_A_LITTLE = "yes_a_little", "Yes, and it limits my day-to-day activities a little"
    YES_NOT_LIMITED = "yes_not_limited", "Yes, but it does not limit my day-to-day activities"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT_TO_SAY


class SexualOrientation(models.TextChoices):
    STRAIGHT = "straight", "Straight or heterosexual"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Another sexual orientation"
    PREFER_NOT = PREFER_NOT_TO_SAY


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    CHRISTIAN = "christian", "Christian"
    BUDDHIST = "buddhist", "Buddhist"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion"
    PREFER_NOT = PREFER_NOT_TO_SAY
