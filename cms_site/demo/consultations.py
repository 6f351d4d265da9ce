"""Demo consultations: "Have your say" with one open, one closed with results, one to come.

Topics come from the seeds: WNWHL's six-monthly survey of satisfaction with involvement
(action plan, "Survey customers to monitor satisfaction with customer involvement
services"), the repairs service standard (Paradigm's review of all service standards with
customers; Thirteen's "right first time repairs") and Thirteen's rent consultation (section
3, "Rent - affordable and social rent consultation"). The answers to the closed one are made
up, spread in fixed proportions so the results look the same on every load; the outcome
text is the demo's own.
"""

import datetime

from django.utils import timezone

from cms_site.models import HomePage
from involvement_pages.consultations.models import (
    ConsultationFormField,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationResponse,
)
from involvement_pages.snippets import ServiceArea

from .site import ensure_child

SATISFACTION = ["Very satisfied", "Fairly satisfied", "Neither", "Fairly dissatisfied"]
SATISFACTION.append("Very dissatisfied")

INVOLVEMENT_SURVEY = [
    (
        "How satisfied are you with the ways you can get involved?",
        "radio",
        SATISFACTION,
        True,
    ),
    (
        "Do you feel that residents' involvement has made a difference?",
        "radio",
        ["Yes, a lot", "Yes, a little", "No", "I don't know"],
        False,
    ),
    (
        "What would help you take part?",
        "checkboxes",
        [
            "Travel paid at 40p a mile, or a taxi",
            "Childcare paid at £7.00 an hour",
            "Meetings in the evening",
            "Taking part online or by phone",
            "Information in another language or format",
        ],
        False,
    ),
    ("Anything else you would like to tell us?", "multiline", [], False),
]

REPAIRS_SURVEY = [
    (
        "Which part of the repairs service matters most to you?",
        "radio",
        [
            "Getting it right first time",
            "Keeping to the appointment",
            "Cleaning up after the job",
            "Being told who is coming and when",
        ],
        True,
    ),
    (
        "How would you like to report a repair?",
        "checkboxes",
        ["Phone", "Online", "Text message", "At a local office"],
        False,
    ),
    (
        "The last time you had a repair, did we do what we promised?",
        "radio",
        ["Yes", "Partly", "No", "I have not had a repair"],
        False,
    ),
    ("What one thing would make repairs better?", "multiline", [], False),
]

RENT_SURVEY = [
    (
        "How easy is it to understand your rent and service charge letter?",
        "radio",
        ["Very easy", "Fairly easy", "Fairly hard", "Very hard"],
        False,
    ),
    ("What should we spend any savings on first?", "multiline", [], False),
]

# The closed survey's 48 responses: (priority, ways to report, promise kept, comment), each
# row repeated ``times``. Comments are the kind residents write; none names anyone.
REPAIRS_ANSWERS = [
    (9, "Getting it right first time", ["Phone"], "Partly", ""),
    (6, "Getting it right first time", ["Phone", "Online"], "Yes", ""),
    (
        3,
        "Getting it right first time",
        ["Online", "Text message"],
        "No",
        "The plumber came three times for the same leak.",
    ),
    (
        2,
        "Getting it right first time",
        ["Phone"],
        "No",
        "Fix it properly the first time, even if it takes longer.",
    ),
    (
        5,
        "Keeping to the appointment",
        ["Text message"],
        "Partly",
        "I took a day off work and nobody came.",
    ),
    (4, "Keeping to the appointment", ["Phone", "Text message"], "Yes", ""),
    (
        3,
        "Being told who is coming and when",
        ["Text message", "Online"],
        "Partly",
        "A text the day before with a two-hour slot would help.",
    ),
    (3, "Being told who is coming and when", ["Phone"], "I have not had a repair", ""),
    (
        2,
        "Cleaning up after the job",
        ["At a local office"],
        "Yes",
        "The workmen left dust all over the kitchen.",
    ),
    (2, "Cleaning up after the job", ["Phone", "At a local office"], "Partly", ""),
    (4, "Getting it right first time", [], "Yes", ""),
    (
        3,
        "Keeping to the appointment",
        ["Online"],
        "No",
        "Please answer the phone faster on Monday mornings.",
    ),
    (
        2,
        "Getting it right first time",
        ["Phone"],
        "",
        "My nan cannot use the website, so keep the phone line.",
    ),
]

REPAIRS_OUTCOME = (
    "<p>48 residents answered. Getting repairs right first time mattered most to 26 of you, "
    "and 27 of you told us that the last time, we kept our promises only partly or not at all.</p>"
    "<ul><li>The new repairs service standard promises a two-hour appointment slot and a "
    "text message the day before.</li><li>Operatives now carry the most common parts, so "
    "more jobs are finished on the first visit.</li><li>You can still report a repair by "
    "phone: the line stays open for everyone who cannot use the website.</li></ul>"
    "<p>The Repairs Task and Finish Group checks how we are doing every quarter.</p>"
)


def load_consultations(stdout=None, now=None):
    """The "Have your say" page and its consultations; adds only what is missing."""
    home = HomePage.objects.first()
    if home is None:
        return
    now = now or timezone.now()
    index, _ = ensure_child(
        home,
        ConsultationIndexPage,
        slug="have-your-say",
        title="Have your say",
        intro="Surveys and consultations open to every resident. You do not need to give "
        "your name. See what we did with the views you gave us before.",
        search_description="Surveys and consultations open now, and what earlier ones changed.",
        show_in_menus=True,
    )
    services = {s.slug: s for s in ServiceArea.objects.all()}
    day = datetime.timedelta(days=1)
    ensure_consultation(
        index,
        INVOLVEMENT_SURVEY,
        slug="involvement-satisfaction-survey",
        title="How satisfied are you with getting involved?",
        opens_at=now - 10 * day,
        closes_at=now + 32 * day,
        service_area=services.get("customer-involvement"),
        intro="<p>Every six months we ask residents, involved or not, what they think of the "
        "ways to get involved and the support we give. It takes about five minutes.</p>",
        what_we_will_do="<p>The Customer Council reads the results and agrees changes with the "
        "Involvement Team. We publish what changed on this page and in the residents' "
        "magazine.</p>",
        ask_for_contact=True,
        contact_reason="Only if you would like to hear about ways to get involved. "
        "Your answers are read the same whether or not you give your name.",
    )
    repairs = ensure_consultation(
        index,
        REPAIRS_SURVEY,
        slug="repairs-service-standard",
        title="Repairs service standard review",
        opens_at=now - 70 * day,
        closes_at=now - 28 * day,
        service_area=services.get("repairs"),
        intro="<p>We are rewriting the repairs service standard with residents: what we "
        "promise about appointments, getting repairs right first time and cleaning up.</p>",
        what_we_will_do="<p>The Repairs Task and Finish Group will read every answer and "
        "write the new standard with staff.</p>",
        outcome_summary=REPAIRS_OUTCOME,
    )
    ensure_consultation(
        index,
        RENT_SURVEY,
        slug="rent-and-service-charges",
        title="Rent and service charges: have your say",
        opens_at=now + 14 * day,
        closes_at=now + 56 * day,
        service_area=services.get("rent-money"),
        intro="<p>Before the Boards set next year's rents and service charges, tell us what "
        "you think of the way we explain them and where savings should go.</p>",
        what_we_will_do="<p>The Customer Council will present a summary of your views to the "
        "Boards before they decide.</p>",
    )
    added = ensure_repairs_answers(repairs)
    if stdout is not None and added:
        stdout.write(f"Consultations: {added} demo answers to the repairs survey.")


def ensure_consultation(index, questions, *, slug, **fields):
    page, created = ensure_child(index, ConsultationPage, slug=slug, **fields)
    if created:
        for order, (label, field_type, choices, required) in enumerate(questions):
            ConsultationFormField.objects.create(
                page=page,
                sort_order=order,
                label=label,
                field_type=field_type,
                choices="\n".join(choices),
                required=required,
            )
    return page


def ensure_repairs_answers(page):
    if ConsultationResponse.objects.filter(page=page).exists():
        return 0
    names = [field.clean_name for field in page.get_form_fields()]
    rows = [row for times, *row in REPAIRS_ANSWERS for _ in range(times)]
    responses = ConsultationResponse.objects.bulk_create(
        ConsultationResponse(page=page, form_data=dict(zip(names, row, strict=True)))
        for row in rows
    )
    # Spread the answers over the weeks it was open, as they would have come in.
    span = (page.closes_at - page.opens_at) / (len(responses) + 1)
    for number, response in enumerate(responses, start=1):
        response.submit_time = page.opens_at + span * number
    ConsultationResponse.objects.bulk_update(responses, ["submit_time"])
    return len(responses)
