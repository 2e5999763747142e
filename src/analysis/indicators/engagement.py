"""Engagement: events held and who took part, by type, region and period."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.indicators._common import (
    as_float,
    is_statistics,
    ledger_table,
    safe_ratio,
    to_long,
    with_dims,
)
from analysis.indicators._groups import Groups
from analysis.indicators._qualifiers import ratio_qualifier
from analysis.indicators._statistics import Ratio, derive
from analysis.ledger import Ledger
from analysis.measures import MEASURES

#: Quantity columns of the events table, summed and averaged per event.
QUANTITIES = (
    "attendees_onsite",
    "online_views",
    "organizations",
    "universities_institutes",
    "academicians",
    "foreign_guests",
    "firms",
)
#: Dimensions ``by`` may name.
DIMENSIONS = ("programme", "event_type", "region", "year", "quarter", "month")
MEASURE_CODES = ("events_held", *QUANTITIES, *(f"{q}_per_event" for q in QUANTITIES))
#: Ratios derived from a statistics table.
RULES = tuple(Ratio(f"{q}_per_event", q, "events_held") for q in QUANTITIES)


def engagement(
    data: Ledger | pd.DataFrame, by: str | Sequence[str] = ("programme", "year")
) -> pd.DataFrame:
    """Events held, attendance and participation per group, with per-event means.

    From a ``Ledger``: ``events_held`` counts events (exact); each quantity column
    (``attendees_onsite``, ``online_views``, ``organizations``, ``universities_institutes``,
    ``academicians``, ``foreign_guests``, ``firms``) is summed, the qualifier combined with
    ``combine_sum`` and a blank cell making the sum "at least"; ``<quantity>_per_event`` is
    the sum over events that recorded the figure divided by their number.

    From a statistics long table: the engagement measures as reported plus
    ``<quantity>_per_event`` = quantity ÷ ``events_held`` where both are reported for the
    same programme, period and breakdown.

    Args:
        data: A ``Ledger`` or a statistics long table.
        by: Ledger only: grouping dimensions among ``programme``, ``event_type``,
            ``region``, ``year``, ``quarter``, ``month``; ``()`` for one total.

    Returns:
        Ledger: the ``by`` columns + measure, value, unit, qualifier. Statistics: the
        statistics columns. Rows with no data are left out.

    Examples:
        >>> events = pd.DataFrame({"event_type": ["symposium", "symposium"],
        ...     "attendees_onsite": [30.0, 50.0],
        ...     "attendees_onsite_qualifier": ["exact", "at_least"]})
        >>> out = engagement(Ledger(events=events), by="event_type")
        >>> out[out.measure == "attendees_onsite"][["value", "qualifier"]].values.tolist()
        [[80.0, 'at_least']]
    """
    codes = [c for c, m in MEASURES.items() if m.group == "engagement"]
    if is_statistics(data):
        return derive(data, codes, RULES)
    events = ledger_table(data, "events", "engagement")
    frame, keys = with_dims(events, by, DIMENSIONS, "engagement")
    # One numbering of the events by group serves the count and every sum.
    groups = Groups(frame, keys)
    present = [q for q in QUANTITIES if q in frame]
    sums: dict[str, object] = {}
    for q in present:
        sums.update(groups.sum_with_qualifier(as_float(frame[q]), frame.get(f"{q}_qualifier"), q))
    agg = groups.keys.assign(events_held=groups.size(), **sums)
    return finish_engagement(agg, keys, present)


def finish_engagement(agg: pd.DataFrame, keys: list[str], present: list[str]) -> pd.DataFrame:
    """Engagement's long table from per-group event counts and sums (any engine).

    ``agg`` holds the keys, ``events_held`` and, for each quantity in ``present``, its sum
    with ``_n``, ``_qualifier`` and ``_known_qualifier``.
    """
    agg["events_held_qualifier"] = "exact"
    for q in present:
        # The sum skips blanks, so it is also the total of the events that recorded the figure.
        agg[f"{q}_per_event"] = safe_ratio(agg[q], agg[f"{q}_n"])
        agg[f"{q}_per_event_qualifier"] = ratio_qualifier(agg[f"{q}_known_qualifier"], "exact")
    return to_long(agg, keys, [c for c in MEASURE_CODES if c in agg])
