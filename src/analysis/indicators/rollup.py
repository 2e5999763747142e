"""Roll a ledger up into the statistics long table, and add derived measures to statistics."""

from __future__ import annotations

import pandas as pd

from analysis.errors import IndicatorInputError
from analysis.indicators._common import STAT_COLUMNS, grouped, to_long, with_dims, year_of
from analysis.indicators._statistics import derive, normalise, sort_statistics
from analysis.indicators.budget import cost_ratios, ledger_budget_execution, with_phase_totals
from analysis.indicators.deal_values import RULES as DEAL_VALUE_RULES
from analysis.indicators.deal_values import deal_values_from_stages
from analysis.indicators.engagement import DIMENSIONS as ENGAGEMENT_DIMENSIONS
from analysis.indicators.engagement import RULES as ENGAGEMENT_RULES
from analysis.indicators.engagement import engagement
from analysis.indicators.fiveg import RULES as FIVEG_RULES
from analysis.indicators.fiveg import fiveg_coverage
from analysis.indicators.funnel import RULES as FUNNEL_RULES
from analysis.indicators.funnel import deal_stages, funnel_from_stages
from analysis.ledger import Ledger
from analysis.reference import divisions as bundled_divisions
from analysis.schema import CONTRACT_TYPES, CONVERSION_MODES, EVENT_TYPES

#: ``source`` of every row made from a ledger.
LEDGER_SOURCE = "ledger"
#: ``period`` of a programme whose ledger rows carry no year at all.
NO_PERIOD = "全部"
SECTION_MEASURES = ("fiveg_cases", "fiveg_divisions_covered", "fiveg_section_coverage")


def _spans(ledger: Ledger) -> pd.Series:
    """Programme → ``"2021-2023"`` (or ``"2023"``) from the years of every ledger table."""
    parts = []
    for name in ("events", "signings", "fiveg_cases", "budget", "programmes"):
        table = getattr(ledger, name)
        if "programme" in table and len(table):
            parts.append(
                pd.DataFrame(
                    {"programme": table["programme"].astype("object"), "year": year_of(table)}
                )
            )
    if not parts:
        return pd.Series(dtype="object")
    years = pd.concat(parts, ignore_index=True)
    programmes = sorted(years["programme"].dropna().unique())
    known = years.dropna().groupby("programme")["year"].agg(["min", "max"])
    span = (
        known["min"]
        .astype(str)
        .where(
            known["min"] == known["max"], known["min"].astype(str) + "-" + known["max"].astype(str)
        )
    )
    return span.reindex(programmes).fillna(NO_PERIOD)


def _as_statistics(
    long: pd.DataFrame, spans: pd.Series, breakdown: pd.Series | str = ""
) -> pd.DataFrame:
    if "year" in long:
        period = long["year"].astype("Int64").astype("string").astype("object")
    else:
        period = long["programme"].astype("object").map(spans)
    out = pd.DataFrame(
        {
            "programme": long["programme"].astype("object"),
            "period": period,
            "measure": long["measure"],
            "breakdown": breakdown,
            "value": long["value"],
            "unit": long["unit"],
            "qualifier": long["qualifier"],
            "quantity_text": "",
            "source": LEDGER_SOURCE,
            "quote": "",
        },
        index=long.index,
    )
    return out[out["period"].notna()]


#: Engines ``rollup`` and ``indicators --engine`` take.
ENGINES = ("pandas", "duckdb")


class PandasViews:
    """The families ``rollup`` needs, from pandas, sharing one ``deal_stages``."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.stages = deal_stages(ledger)

    def funnel(self, by):
        return funnel_from_stages(self.stages, by)

    def deal_values(self, by):
        return deal_values_from_stages(self.stages, by)

    def engagement(self, by):
        return engagement(self.ledger, by=by)

    def events_held(self, by):
        frame, keys = with_dims(self.ledger.events, by, ENGAGEMENT_DIMENSIONS, "rollup")
        agg = grouped(frame[keys], keys).size().rename("events_held").reset_index()
        agg["events_held_qualifier"] = "exact"
        return to_long(agg, keys, ["events_held"])

    def fiveg_coverage(self, by, *, divisions=None):
        return fiveg_coverage(self.ledger, by=by, divisions=divisions)

    def budget_execution(self, by, *, basis="spent"):
        return ledger_budget_execution(self.ledger, by, basis, self.stages)


def _engine(ledger: Ledger, engine: str):
    if engine == "pandas":
        return PandasViews(ledger)
    if engine == "duckdb":
        from analysis.indicators.engine_duckdb import DuckDBEngine

        return DuckDBEngine.from_ledger(ledger)
    raise IndicatorInputError(
        f"rollup(): engine must be one of {', '.join(ENGINES)}; got {engine!r}"
    )


def _labels(column: pd.Series, labels) -> pd.Series:
    return column.astype("object").map(lambda code: labels.get(code, code) if code else "")


def rollup(
    ledger: Ledger, *, divisions: pd.DataFrame | None = None, engine: str = "pandas"
) -> pd.DataFrame:
    """Reduce a ledger to the statistics long table, derived measures included.

    Each programme gets rows per year (``period`` ``"2023"``) and for its whole span
    (``"2021-2023"``; a one-year programme has only the latter). Totals have a blank
    breakdown; breakdowns are labelled in Chinese: events held per event type (``调研``),
    funnel and deal values per conversion mode (``转让``), 5G coverage per section
    (``C 制造业``), budget per phase (the phase text). ``field_trips`` and ``symposia``
    repeat the counts of those event types so that a ledger meets narrative reports on the
    same codes. ``source`` is ``ledger``; ``quote`` and ``quantity_text`` are empty.
    ``engine="duckdb"`` (the optional ``duckdb`` extra) aggregates the rows in DuckDB
    instead of pandas, with the same results.

    Examples:
        >>> events = pd.DataFrame({"programme": ["P"], "event_type": ["symposium"],
        ...     "date": pd.to_datetime(["2023-10-28"]), "attendees_onsite": [300.0],
        ...     "attendees_onsite_qualifier": ["approx"]})
        >>> r = rollup(Ledger(events=events))
        >>> r[r.breakdown == ""][["period", "measure", "value", "qualifier"]].values.tolist()
        [['2023', 'events_held', 1.0, 'exact'], ['2023', 'symposia', 1.0, 'exact'], \
['2023', 'attendees_onsite', 300.0, 'approx'], \
['2023', 'attendees_onsite_per_event', 300.0, 'approx']]
    """
    spans = _spans(ledger)
    reference = bundled_divisions() if divisions is None else divisions
    sections = reference.drop_duplicates("section_code")
    section_label = dict(
        zip(
            sections["section_code"],
            sections["section_code"] + " " + sections["section_name"],
            strict=True,
        )
    )
    parts: list[pd.DataFrame] = []
    views = _engine(ledger, engine)
    families = (views.funnel, views.deal_values)
    for level in (("programme", "year"), ("programme",)):
        parts.append(_as_statistics(views.engagement(level), spans))
        by_type = views.events_held((*level, "event_type"))
        parts.append(_as_statistics(by_type, spans, _labels(by_type["event_type"], EVENT_TYPES)))
        for event_type, code in (("field_trip", "field_trips"), ("symposium", "symposia")):
            rows = by_type[by_type["event_type"].astype("object") == event_type]
            parts.append(_as_statistics(rows.assign(measure=code), spans))
        for family in families:
            parts.append(_as_statistics(family(level), spans))
            # Deals without a mode (technology contracts, blanks) count in the totals only;
            # technology contracts also get rows of their own contract type.
            for dimension, labels in (
                ("mode", CONVERSION_MODES),
                ("contract_type", CONTRACT_TYPES),
            ):
                rows = family((*level, dimension))
                rows = rows[rows[dimension].notna()]
                parts.append(_as_statistics(rows, spans, _labels(rows[dimension], labels)))
        parts.append(_as_statistics(views.fiveg_coverage(level, divisions=reference), spans))
        per_section = views.fiveg_coverage((*level, "section"), divisions=reference)
        # Per section, coverage within the section is what matters; the rest stays in totals.
        per_section = per_section[per_section["measure"].isin(SECTION_MEASURES)]
        parts.append(_as_statistics(per_section, spans, per_section["section"].map(section_label)))
        money = views.budget_execution(level, basis="spent")
        parts.append(_as_statistics(money, spans, money["phase"]))
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(
            {c: pd.Series(dtype="float64" if c == "value" else "object") for c in STAT_COLUMNS}
        )
    table = pd.concat(parts, ignore_index=True)
    # A one-year programme's span equals its year: keep the span rows, which also hold
    # lines without a year.
    table = table.drop_duplicates(["programme", "period", "measure", "breakdown"], keep="last")
    return sort_statistics(table[list(STAT_COLUMNS)])


def with_derived(statistics: pd.DataFrame, *, basis: str = "spent") -> pd.DataFrame:
    """Every row of a statistics table plus the measures derivable from it.

    Applies the ratio rules of every family (per-event means, funnel rates, mean deal
    value, 5G coverage of 97 and pilot share, budget execution, phase shares, cost per
    output; see ``docs/indicators.md``) and adds a budget total summed from phases where only
    phases are reported. A derived row is not added where the same programme, period,
    measure and breakdown is already reported. Derived rows have an empty quote.

    Examples:
        >>> s = pd.DataFrame({"programme": ["GZ", "GZ"], "period": ["2020-2021"] * 2,
        ...     "measure": ["deals_signed", "deal_value"], "value": [117.0, 35.71e8],
        ...     "qualifier": ["exact", "exact"], "source": ["004.txt"] * 2})
        >>> d = with_derived(s)
        >>> round(float(d.loc[d.measure == "deal_value_mean", "value"].iloc[0]) / 1e4)
        3052
    """
    base = with_phase_totals(normalise(statistics))
    rules = (
        *ENGAGEMENT_RULES,
        *FUNNEL_RULES,
        *DEAL_VALUE_RULES,
        *FIVEG_RULES,
        *cost_ratios(basis),
    )
    return derive(base, list(base["measure"].unique()), rules)


def indicator_table(
    data: Ledger | pd.DataFrame, basis: str = "spent", engine: str = "pandas"
) -> pd.DataFrame:
    """The statistics long table of a ledger (rolled up) or of statistics (derived measures added).

    ``engine`` (``pandas`` or ``duckdb``) is the one that rolls a ledger up; statistics
    need no aggregation and are derived in pandas either way.

    Examples:
        >>> list(indicator_table(Ledger()).columns)[:3]
        ['programme', 'period', 'measure']
    """
    if isinstance(data, pd.DataFrame):
        return with_derived(data, basis=basis)
    return rollup(data, engine=engine)
