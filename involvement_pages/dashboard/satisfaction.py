"""Satisfaction with involvement over survey waves (TP06 to TP08; BVPI 57 for older waves).

The figures come from surveys, so each is shown with how many people answered: a rise of
five points among 60 people may be chance. Public, for the dashboard and the reports:

- :func:`waves_up_to` (year, landlord=None) -> [SatisfactionWave], oldest first
- :func:`trend_table` (waves, with_landlord=False) -> Table
- :func:`latest_change` (waves) -> [sentence]
- :func:`small_sample_warnings` (waves) -> [sentence]
- :func:`satisfaction_section` (request, year, landlord=None) -> Section or None
"""

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .profiles import SatisfactionWave
from .tables import Section, Table

SMALL_SAMPLE = 100
MEASURES = (
    ("tp06", _("TP06: listens to views and acts upon them")),
    ("tp07", _("TP07: keeps tenants informed")),
    ("tp08", _("TP08: treats tenants fairly and with respect")),
    ("bvpi57", _("BVPI 57: opportunities to take part")),
)


def waves_up_to(year, landlord=None):
    """Survey waves that closed by the end of ``year``, oldest first.

    For a landlord, its own waves; for the whole group (None), every wave, the group's and
    each landlord's, since the trend is then read with the landlord beside each wave.
    """
    waves = SatisfactionWave.objects.filter(held_on__lte=year.end).select_related("landlord")
    if landlord is not None:
        waves = waves.filter(landlord=landlord)
    return list(waves.order_by("held_on", "pk"))


def _who(wave):
    return wave.landlord.name if wave.landlord_id else gettext("Whole group")


def trend_table(waves, with_landlord=False):
    """The trend :class:`Table`: one row a wave, the number who answered beside its figures.

    Measures no wave asked about are left out, so a group that only ever ran the Tenant
    Satisfaction Measures gets no empty BVPI 57 column.
    """
    measures = [
        (name, label)
        for name, label in MEASURES
        if any(getattr(w, name) is not None for w in waves)
    ]
    headers = [gettext("Survey"), gettext("Survey date")]
    if with_landlord:
        headers.append(gettext("Landlord"))
    headers += [gettext("Method"), gettext("Number who answered")]
    headers += [gettext("%(measure)s (%%)") % {"measure": label} for _name, label in measures]
    rows = []
    for wave in waves:
        row = [wave.name, date_format(wave.held_on, "j M Y")]
        if with_landlord:
            row.append(_who(wave))
        row += [wave.get_method_display(), wave.sample_size]
        row += [getattr(wave, name) for name, _label in measures]
        rows.append(row)
    return Table(
        slug="satisfaction-trend",
        caption=gettext("Satisfaction with involvement, survey by survey"),
        headers=headers,
        rows=rows,
        chart="line",
        notes=small_sample_warnings(waves),
    )


def previous_of(waves, latest):
    """The wave before ``latest`` of the same landlord (or of the whole group), or None."""
    earlier = [
        wave
        for wave in waves
        if wave.landlord_id == latest.landlord_id and wave.held_on < latest.held_on
    ]
    return earlier[-1] if earlier else None


def latest_change(waves):
    """[sentence] saying how the latest wave compares with the one before, measure by measure.

    Only waves of the same landlord are compared: the group's survey and one landlord's
    ask different people.
    """
    if not waves:
        return []
    latest = waves[-1]
    before = previous_of(waves, latest)
    if before is None:
        return [
            gettext(
                "%(wave)s is the first survey entered for %(who)s, so there is nothing to "
                "compare it with yet."
            )
            % {"wave": latest.name, "who": _who(latest)}
        ]
    sentences = []
    for name, label in MEASURES:
        now, then = getattr(latest, name), getattr(before, name)
        if now is None or then is None:
            continue
        change = now - then
        values = {
            "measure": label,
            "now": now,
            "then": then,
            "points": abs(change),
            "latest": latest.name,
            "latest_n": f"{latest.sample_size:,}",
            "before": before.name,
            "before_n": f"{before.sample_size:,}",
        }
        if change > 0:
            text = gettext(
                "%(measure)s: %(now)s%% in %(latest)s (%(latest_n)s answered), up %(points)s "
                "points from %(then)s%% in %(before)s (%(before_n)s answered)."
            )
        elif change < 0:
            text = gettext(
                "%(measure)s: %(now)s%% in %(latest)s (%(latest_n)s answered), down "
                "%(points)s points from %(then)s%% in %(before)s (%(before_n)s answered)."
            )
        else:
            text = gettext(
                "%(measure)s: %(now)s%% in %(latest)s (%(latest_n)s answered), the same as in "
                "%(before)s (%(before_n)s answered)."
            )
        sentences.append(text % values)
    if not sentences:
        sentences.append(
            gettext(
                "%(latest)s and %(before)s asked different questions, so they cannot be compared."
            )
            % {"latest": latest.name, "before": before.name}
        )
    return sentences


def small_sample_warnings(waves):
    """[sentence] for each wave answered by fewer than ``SMALL_SAMPLE`` people."""
    return [
        gettext("Only %(n)s people answered %(wave)s: treat its figures with care.")
        % {"n": wave.sample_size, "wave": wave.name}
        for wave in waves
        if wave.sample_size < SMALL_SAMPLE
    ]


def satisfaction_section(request, year, landlord=None):
    """The dashboard's satisfaction :class:`Section`, or None when no wave has been entered."""
    waves = waves_up_to(year, landlord)
    if not waves:
        return None
    return Section(
        slug="satisfaction",
        title=gettext("Satisfaction with involvement"),
        template="involvement_dashboard/sections/satisfaction.html",
        context={
            "year": year,
            "landlord": landlord,
            "latest": waves[-1],
            "changes": latest_change(waves),
            "warnings": small_sample_warnings(waves),
        },
        tables=[trend_table(waves, with_landlord=landlord is None)],
    )
