"""Dates and times written the GOV.UK way: "Tuesday 12 January 2027", "5:30pm", "midday"."""


def govuk_time(value):
    """'10am', '5:30pm', 'midday' or 'midnight' for a time or datetime."""
    if value is None:
        return ""
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def govuk_date(value, year=True):
    """'Tuesday 12 January 2027' (or without the year)."""
    if value is None:
        return ""
    text = f"{value:%A} {value.day} {value:%B}"
    return f"{text} {value.year}" if year else text


def time_range(start, end):
    """'5:30pm to 7:30pm', adding the end's date when it ends on another day."""
    if end is None or end == start:
        return govuk_time(start)
    if hasattr(end, "date") and end.date() != start.date():
        return f"{govuk_time(start)} to {govuk_date(end, year=False)}, {govuk_time(end)}"
    return f"{govuk_time(start)} to {govuk_time(end)}"
