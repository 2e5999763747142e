"""Budget execution: planned against spent by phase, execution rate and cost per output."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import pandas as pd

from analysis.errors import IndicatorInputError
from analysis.indicators._common import (
    LONG_COLUMNS,
    as_float,
    empty_long,
    is_statistics,
    ledger_table,
    public_keys,
    safe_ratio,
    sum_with_qualifier,
    sums_with_qualifiers,
    to_long,
    with_dims,
)
from analysis.indicators._groups import Groups
from analysis.indicators._qualifiers import mask_qualifier, ratio_qualifier
from analysis.indicators._statistics import Ratio, derive, normalise
from analysis.indicators.funnel import deal_stages
from analysis.ledger import Ledger
from analysis.measures import MEASURES

#: Dimensions ``by`` may name (a ``phase`` column is always added).
DIMENSIONS = ("programme", "year")
PHASE_CODES = ("budget_planned", "budget_spent", "budget_execution_rate", "budget_phase_share")
COST_CODES = ("cost_per_attendee", "cost_per_deal", "cost_per_10k_deal_value")
#: Outputs a cost is divided by: cost measure → (output measure, scale).
COST_OUTPUTS = {
    "cost_per_attendee": ("attendees_onsite", 1.0),
    "cost_per_deal": ("deals_signed", 1.0),
    "cost_per_10k_deal_value": ("deal_value", 1e4),
}
BASES = ("spent", "planned")


def cost_ratios(basis: str) -> tuple[Ratio, ...]:
    """The derived budget measures: execution rate, phase shares and cost per output."""
    cost = f"budget_{basis}"
    return (
        Ratio("budget_execution_rate", "budget_spent", "budget_planned", scale=100),
        Ratio("budget_phase_share", "budget_planned", "budget_planned", 100, against_total=True),
        *(Ratio(code, cost, out, scale) for code, (out, scale) in COST_OUTPUTS.items()),
    )


def _check_basis(basis: str) -> None:
    if basis not in BASES:
        raise IndicatorInputError(
            f"budget_execution(): basis must be one of {', '.join(BASES)}; got {basis!r}"
        )


def with_phase_totals(stats: pd.DataFrame) -> pd.DataFrame:
    """Add a total ``budget_planned`` row where only the phases are reported."""
    stats = normalise(stats)
    planned = stats[(stats["measure"] == "budget_planned") & stats["value"].notna()]
    phases = planned[planned["breakdown"] != ""]
    totals = planned.loc[planned["breakdown"] == "", ["programme", "period"]].drop_duplicates()
    missing = phases.merge(totals, on=["programme", "period"], how="left", indicator=True)
    missing = missing[missing["_merge"] == "left_only"].drop(columns="_merge")
    if missing.empty:
        return stats
    bits = missing["qualifier"].map({"exact": 1, "approx": 2, "at_least": 4, "at_most": 8})
    missing = missing.assign(_bit=bits.fillna(1).astype("int64"))
    keys = ["programme", "period"]
    sums = missing.groupby(keys, sort=True).agg(value=("value", "sum"), source=("source", "first"))
    masks = missing[[*keys, "_bit"]].drop_duplicates().groupby(keys, sort=True)["_bit"].sum()
    sums = sums.assign(qualifier=mask_qualifier(masks)).reset_index()
    added = sums.assign(
        measure="budget_planned",
        breakdown="",
        unit=MEASURES["budget_planned"].unit,
        quantity_text="",
        quote="",
    )
    return pd.concat([stats, added[stats.columns]], ignore_index=True)


def budget_execution(
    data: Ledger | pd.DataFrame,
    by: str | Sequence[str] = ("programme",),
    *,
    basis: str = "spent",
    stages: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Planned against spent per phase, execution rate, phase shares and cost per output.

    From a ``Ledger``: for each group and phase (``phase`` blank = the group's total),
    ``budget_planned`` and ``budget_spent`` sum the lines (a blank spent cell means nothing
    spent yet, so it counts as 0; a blank planned cell makes the sum "at least");
    ``budget_execution_rate`` = spent ÷ planned × 100; ``budget_phase_share`` = the phase's
    planned ÷ the group's planned × 100. On total rows, cost per output divides the money
    (``basis``: spent by default, or planned) by on-site attendees (``cost_per_attendee``),
    signed deals (``cost_per_deal``) and deal value in units of 10,000 yuan
    (``cost_per_10k_deal_value``), taken from ``engagement``, ``funnel`` and
    ``deal_values`` for the same group.

    From a statistics long table: the budget measures as reported, a total
    ``budget_planned`` summed from the phases where no total is reported, and the same
    ratios where their inputs are reported for the same programme and period.

    Args:
        data: A ``Ledger`` or a statistics long table.
        by: Ledger only: among ``programme``, ``year``.
        basis: ``"spent"`` or ``"planned"``: the money divided by outputs.
        stages: Ledger only: ``deal_stages(data)`` if already computed (for several views
            of one ledger, as ``funnel_from_stages`` and ``deal_values_from_stages`` take it).

    Returns:
        Ledger: the ``by`` columns + ``phase`` + measure, value, unit, qualifier; phases in
        ledger order after the total. Statistics: the statistics columns.

    Examples:
        >>> lines = pd.DataFrame({"phase": ["一", "二"], "planned": [2e4, 8e4],
        ...                       "spent": [2e4, None]})
        >>> out = budget_execution(Ledger(budget=lines), by=())
        >>> out[out.measure == "budget_execution_rate"][["phase", "value"]].values.tolist()
        [['', 20.0], ['一', 100.0], ['二', 0.0]]
    """
    _check_basis(basis)
    if is_statistics(data):
        codes = [c for c, m in MEASURES.items() if m.group == "budget"]
        return derive(with_phase_totals(data), codes, cost_ratios(basis))
    return ledger_budget_execution(data, by, basis, stages)


def ledger_budget_execution(
    data: Ledger,
    by: str | Sequence[str],
    basis: str,
    stages: pd.DataFrame | None,
    outputs: Callable[[list[str]], pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """``budget_execution`` of a ledger (``basis`` checked by the caller).

    ``outputs`` (keys → the per-group frame ``_outputs`` returns) lets another engine
    compute the attendees, signed deals and deal value that costs are divided by.
    """
    lines = ledger_table(data, "budget", "budget_execution")
    frame, keys = with_dims(lines, by, DIMENSIONS, "budget_execution")
    if frame.empty:
        return empty_long([*keys, "phase"])
    frame = frame.assign(
        spent=as_float(frame["spent"]).fillna(0.0),
        phase=frame["phase"].astype("object").fillna("").astype(str),
    )
    phase_order = ["", *pd.unique(frame["phase"][frame["phase"] != ""])]
    total = _money(frame, keys)
    total["phase"] = ""
    by_phase = _money(frame, [*keys, "phase"])
    by_phase = by_phase[by_phase["phase"] != ""]
    shared = public_keys(keys) or None
    if shared:
        by_phase = by_phase.merge(
            total[[*shared, "budget_planned", "budget_planned_qualifier"]],
            on=shared,
            how="left",
            suffixes=("", "_total"),
        )
    else:
        by_phase["budget_planned_total"] = total["budget_planned"].iloc[0]
        by_phase["budget_planned_qualifier_total"] = total["budget_planned_qualifier"].iloc[0]
    by_phase["budget_phase_share"] = safe_ratio(
        by_phase["budget_planned"], by_phase["budget_planned_total"], 100
    )
    by_phase["budget_phase_share_qualifier"] = ratio_qualifier(
        by_phase["budget_planned_qualifier"], by_phase["budget_planned_qualifier_total"]
    )
    if outputs is None:
        outputs = partial(_outputs, data, stages=stages)
    total = _costs(total, keys, basis, outputs)
    agg = pd.concat([total, by_phase], ignore_index=True)
    agg["phase"] = pd.Categorical(agg["phase"], categories=phase_order, ordered=True)
    out_keys = [*public_keys(keys), "phase"]
    long = to_long(agg, out_keys, [*PHASE_CODES, *COST_CODES])
    long["phase"] = long["phase"].astype("object")
    return long[[*out_keys, *LONG_COLUMNS]]


def _money(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    agg = sums_with_qualifiers(frame, keys, {"planned": "budget_planned", "spent": "budget_spent"})
    agg["budget_execution_rate"] = safe_ratio(agg["budget_spent"], agg["budget_planned"], 100)
    agg["budget_execution_rate_qualifier"] = ratio_qualifier(
        agg["budget_spent_qualifier"], agg["budget_planned_qualifier"]
    )
    return agg


def _outputs(data: Ledger, keys: list[str], stages: pd.DataFrame | None) -> pd.DataFrame:
    """Per group: on-site attendees, signed deals and their value, each with a qualifier.

    The same definitions as ``engagement``, ``funnel`` and ``deal_values``, computed directly
    so that cost per output does not pay for quartiles and shares it does not use.
    """
    names = [k for k in keys if k != "_all"]
    events, ekeys = with_dims(data.events, names, DIMENSIONS, "budget_execution")
    attendees = sum_with_qualifier(events, ekeys, "attendees_onsite")
    stages = deal_stages(data) if stages is None else stages
    stages, skeys = with_dims(stages, names, DIMENSIONS, "budget_execution")
    # Signed deals picked by a mask over the grouped deals, not copied out of them.
    signed = stages["signed"].to_numpy(dtype=bool)
    groups = Groups(stages, skeys)
    counts = groups.count(signed)
    value = groups.keys.assign(
        **groups.sum_with_qualifier(
            as_float(stages["value"]), stages.get("value_qualifier"), "deal_value", rows=signed
        ),
        deals_signed=counts.astype("float64"),
        deals_signed_qualifier="exact",
    )
    value = value[counts > 0]
    return attendees.merge(value, on=ekeys, how="outer")


def _costs(
    total: pd.DataFrame,
    keys: list[str],
    basis: str,
    outputs: Callable[[list[str]], pd.DataFrame],
) -> pd.DataFrame:
    joined = total[keys].merge(outputs(keys), on=keys, how="left", validate="one_to_one")
    money = total[f"budget_{basis}"].to_numpy()
    money_q = pd.Series(total[f"budget_{basis}_qualifier"].to_numpy())
    for code, (measure, scale) in COST_OUTPUTS.items():
        ratio = safe_ratio(pd.Series(money), pd.Series(joined[measure].to_numpy()), scale)
        total[code] = ratio.to_numpy()
        quals = ratio_qualifier(money_q, pd.Series(joined[f"{measure}_qualifier"].to_numpy()))
        total[f"{code}_qualifier"] = quals.to_numpy()
    return total
