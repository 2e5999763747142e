"""5G application coverage: cases, GB/T 4754-2017 divisions reached of 97, by section and year."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.errors import IndicatorInputError
from analysis.indicators._common import (
    as_float,
    empty_long,
    grouped,
    is_statistics,
    ledger_table,
    public_keys,
    safe_ratio,
    to_long,
    with_dims,
    year_of,
)
from analysis.indicators._dims import factorized
from analysis.indicators._groups import Groups
from analysis.indicators._qualifiers import ratio_qualifier
from analysis.indicators._statistics import Ratio, derive
from analysis.ledger import Ledger
from analysis.measures import MEASURES
from analysis.reference import DIVISION_COUNT
from analysis.reference import divisions as bundled_divisions

#: Dimensions ``by`` may name.
DIMENSIONS = ("programme", "region", "year", "section")
MEASURE_CODES = (
    "fiveg_cases",
    "fiveg_divisions_covered",
    "fiveg_division_coverage",
    "fiveg_section_coverage",
    "fiveg_national_pilots",
    "fiveg_national_pilot_share",
)
#: Ratios derived from a statistics table (percent).
RULES = (
    Ratio(
        "fiveg_division_coverage",
        "fiveg_divisions_covered",
        None,
        scale=100,
        constant=DIVISION_COUNT,
    ),
    Ratio("fiveg_national_pilot_share", "fiveg_national_pilots", "fiveg_cases", scale=100),
)


def division_codes(column: pd.Series) -> pd.Series:
    """Normalise division codes to two-digit text (``1``, ``1.0``, ``"1"`` → ``"01"``).

    Works on the distinct values only and returns a categorical, so it stays fast on long
    tables.

    Examples:
        >>> division_codes(pd.Series([1, 39, None])).tolist()
        ['01', '39', nan]
    """
    codes, uniques = factorized(column)
    distinct = pd.Series(uniques)
    if pd.api.types.is_numeric_dtype(distinct):
        text = distinct.astype("Float64").round().astype("Int64").astype(str)
    else:
        text = distinct.astype(str).str.strip()
    norm_codes, norm_uniques = pd.factorize(text.str.zfill(2))
    new_codes = np.where(codes >= 0, np.append(norm_codes, -1)[codes], -1)
    return pd.Series(
        pd.Categorical.from_codes(new_codes, categories=pd.Index(norm_uniques, dtype=object)),
        index=column.index,
    )


def _pilot_flags(cases: pd.DataFrame) -> np.ndarray:
    """National-pilot marks as 1.0 / 0.0, NaN where blank."""
    if "national_pilot" not in cases:
        return np.full(len(cases), np.nan)
    pilot = cases["national_pilot"]
    if pd.api.types.is_bool_dtype(pilot) and not isinstance(pilot.dtype, pd.BooleanDtype):
        return pilot.to_numpy(dtype="float64")
    if isinstance(pilot.dtype, pd.BooleanDtype):
        return pilot.to_numpy(dtype="float64", na_value=np.nan)
    return pilot.astype("boolean").astype("Float64").to_numpy(dtype="float64", na_value=np.nan)


def _sections(codes: pd.Series, reference: pd.DataFrame) -> pd.Series:
    """The section of each case's division, as a categorical (looked up per division)."""
    sections = dict(zip(reference["division_code"], reference["section_code"], strict=True))
    divisions = codes.cat.categories
    of_division = pd.Series(divisions.map(sections), dtype="object")
    unknown = sorted(str(d) for d, s in zip(divisions, of_division, strict=True) if pd.isna(s))
    if unknown:
        raise IndicatorInputError(
            f"5G应用案例表中有不在 GB/T 4754-2017 的行业大类代码：{', '.join(unknown[:5])}; "
            "division_code must be a two-digit division 01–97"
        )
    names = sorted(set(of_division))
    lookup = np.array([names.index(s) for s in of_division] + [-1], dtype="int64")
    return pd.Series(
        pd.Categorical.from_codes(lookup[codes.cat.codes.to_numpy()], categories=names),
        index=codes.index,
    )


def _cases(data: Ledger, reference: pd.DataFrame) -> pd.DataFrame:
    cases = ledger_table(data, "fiveg_cases", "fiveg_coverage")
    codes = division_codes(cases["division_code"])
    section = _sections(codes, reference)
    return cases.assign(division=codes, section=section, _pilot=_pilot_flags(cases))


def _finish(agg: pd.DataFrame, keys: list[str], reference: pd.DataFrame) -> pd.DataFrame:
    agg["fiveg_cases_qualifier"] = "exact"
    agg["fiveg_divisions_covered_qualifier"] = "exact"
    agg["fiveg_division_coverage"] = safe_ratio(
        agg["fiveg_divisions_covered"], pd.Series(DIVISION_COUNT, index=agg.index), 100
    )
    agg["fiveg_division_coverage_qualifier"] = "exact"
    if "section" in keys:
        size = agg["section"].map(reference.groupby("section_code").size())
        agg["fiveg_section_coverage"] = safe_ratio(agg["fiveg_divisions_covered"], size, 100)
        agg["fiveg_section_coverage_qualifier"] = "exact"
    agg["fiveg_national_pilot_share"] = safe_ratio(
        agg["fiveg_national_pilots"], agg["fiveg_cases"], 100
    )
    agg["fiveg_national_pilot_share_qualifier"] = ratio_qualifier(
        agg["fiveg_national_pilots_qualifier"], "exact"
    )
    present = [c for c in MEASURE_CODES if c in agg]
    return to_long(agg, keys, present)


def fiveg_coverage(
    data: Ledger | pd.DataFrame,
    by: str | Sequence[str] = ("programme",),
    *,
    divisions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """5G application cases and the share of the 97 divisions they reach.

    From a ``Ledger``: ``fiveg_cases`` counts cases; ``fiveg_divisions_covered`` counts
    distinct two-digit divisions with at least one case; ``fiveg_division_coverage`` =
    covered ÷ 97 × 100. With ``section`` in ``by`` every section A–T is listed for each group
    (zeros included) and ``fiveg_section_coverage`` = covered ÷ divisions in the section ×
    100. ``fiveg_national_pilots`` counts cases marked national pilots (a blank mark makes it
    "at least") and ``fiveg_national_pilot_share`` = pilots ÷ cases × 100.

    From a statistics long table: the 5G measures as reported plus coverage = covered ÷ 97
    and pilot share = pilots ÷ cases, qualifiers carried (Jiangxi's "50余" of 97 gives
    coverage ≥ 51.5%, at least).

    Args:
        data: A ``Ledger`` or a statistics long table.
        by: Ledger only: among ``programme``, ``region``, ``year``, ``section``.
        divisions: The GB/T 4754-2017 table (``analysis.reference.divisions()`` by default).

    Examples:
        >>> cases = pd.DataFrame({"division_code": ["13", "13", "38"],
        ...                       "national_pilot": [True, False, False]})
        >>> out = fiveg_coverage(Ledger(fiveg_cases=cases), by=()).set_index("measure")
        >>> out["value"].round(2).to_dict()
        {'fiveg_cases': 3.0, 'fiveg_divisions_covered': 2.0, 'fiveg_division_coverage': 2.06, \
'fiveg_national_pilots': 1.0, 'fiveg_national_pilot_share': 33.33}
    """
    if is_statistics(data):
        codes = [c for c, m in MEASURES.items() if m.group == "fiveg"]
        return derive(data, codes, RULES)
    reference = bundled_divisions() if divisions is None else divisions
    frame, keys = with_dims(_cases(data, reference), by, DIMENSIONS, "fiveg_coverage")
    if frame.empty:
        return empty_long(keys)
    groups = Groups(frame, keys)
    # Pilot marks are yes/no: exact when given, a blank makes the count "at least".
    pilots = groups.sum_with_qualifier(frame["_pilot"], None, "fiveg_national_pilots")
    agg = groups.keys.assign(
        fiveg_cases=groups.size(),
        fiveg_divisions_covered=groups.distinct(frame["division"]),
        **pilots,
    )
    return finish_fiveg(agg, keys, reference)


def finish_fiveg(agg: pd.DataFrame, keys: list[str], reference: pd.DataFrame) -> pd.DataFrame:
    """5G coverage's long table from per-group cases, divisions covered and pilots.

    ``agg`` holds the keys, ``fiveg_cases``, ``fiveg_divisions_covered`` and
    ``fiveg_national_pilots`` with its qualifier (any engine).
    """
    agg["fiveg_national_pilots"] = agg["fiveg_national_pilots"].fillna(0.0)
    if "section" in keys:
        agg = _all_sections(agg, keys, reference)
    return _finish(agg, keys, reference)


def _all_sections(agg: pd.DataFrame, keys: list[str], reference: pd.DataFrame) -> pd.DataFrame:
    # Coverage per section is only honest with the empty sections shown as zero.
    others = [k for k in public_keys(keys) if k != "section"]
    sections = pd.DataFrame({"section": sorted(reference["section_code"].unique())})
    if others:
        grid = agg[others].drop_duplicates().merge(sections, how="cross")
    else:
        grid = sections.assign(**{k: agg[k].iloc[0] for k in keys if k != "section"})
    full = grid.merge(agg, on=keys, how="left")
    for column in ("fiveg_cases", "fiveg_divisions_covered", "fiveg_national_pilots"):
        full[column] = full[column].fillna(0).astype("float64")
    full["fiveg_national_pilots_qualifier"] = full["fiveg_national_pilots_qualifier"].fillna(
        "exact"
    )
    return full.sort_values(keys, kind="stable").reset_index(drop=True)


def fiveg_coverage_over_time(
    data: Ledger,
    by: str | Sequence[str] = ("programme",),
    *,
    divisions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Cumulative cases and divisions covered up to each year with cases.

    For each group and each year Y that has cases, ``fiveg_cases`` and
    ``fiveg_divisions_covered`` count cases and distinct divisions with year ≤ Y, and
    ``fiveg_division_coverage`` divides by 97. Cases without a year are left out.

    Args:
        data: A ``Ledger``.
        by: Among ``programme``, ``region`` (``year`` is always added, last).
        divisions: The GB/T 4754-2017 table (bundled by default).

    Examples:
        >>> cases = pd.DataFrame({"division_code": ["13", "13", "38"], "year": [2022, 2023, 2023]})
        >>> out = fiveg_coverage_over_time(Ledger(fiveg_cases=cases), by=())
        >>> out[out.measure == "fiveg_divisions_covered"][["year", "value"]].values.tolist()
        [[2022, 1.0], [2023, 2.0]]
        >>> cases.loc[3] = [None, 2023]  # a case whose industry named no division
        >>> out = fiveg_coverage_over_time(Ledger(fiveg_cases=cases), by=())
        >>> out[out.year == 2023].set_index("measure")["value"].loc[["fiveg_cases",
        ...     "fiveg_divisions_covered"]].tolist()
        [4.0, 2.0]
    """
    names = [by] if isinstance(by, str) else list(by)
    reference = bundled_divisions() if divisions is None else divisions
    cases = _cases(data, reference)
    cases = cases.assign(year=year_of(cases))
    cases = cases[cases["year"].notna()]
    frame, keys = with_dims(cases, names, ("programme", "region"), "fiveg_coverage_over_time")
    if frame.empty:
        return empty_long([*public_keys(keys), "year"])
    # Each division counts from the first year it appears in the group; a case whose
    # industry names no division is a case but no division.
    named = frame[frame["division"].notna()]
    first = grouped(named[[*keys, "division", "year"]], [*keys, "division"])["year"].min()
    first = first.reset_index()
    new = grouped(first, [*keys, "year"]).size().rename("_new").reset_index()
    per_year = grouped(frame[[*keys, "year"]], [*keys, "year"]).size().rename("_cases")
    agg = per_year.reset_index().merge(new, on=[*keys, "year"], how="left")
    agg["_new"] = agg["_new"].fillna(0)
    agg = agg.sort_values([*keys, "year"], kind="stable")
    agg["fiveg_cases"] = grouped(agg, keys)["_cases"].cumsum().astype("float64")
    agg["fiveg_divisions_covered"] = grouped(agg, keys)["_new"].cumsum().astype("float64")
    agg["fiveg_division_coverage"] = as_float(agg["fiveg_divisions_covered"]) / DIVISION_COUNT * 100
    for code in ("fiveg_cases", "fiveg_divisions_covered", "fiveg_division_coverage"):
        agg[f"{code}_qualifier"] = "exact"
    codes = ("fiveg_cases", "fiveg_divisions_covered", "fiveg_division_coverage")
    return to_long(agg, [*keys, "year"], codes)


def compare_with_national(over_time: pd.DataFrame, milestones: pd.DataFrame) -> pd.DataFrame:
    """Set a programme's cumulative coverage beside the latest national milestone of each year.

    Args:
        over_time: Output of ``fiveg_coverage_over_time``.
        milestones: ``analysis.reference.miit_5g_milestones()`` or a table with ``date`` and
            ``coverage`` (percent of 97).

    Returns:
        The ``over_time`` keys + ``year``, ``coverage``, ``national_coverage`` (latest
        milestone dated on or before 31 December of the year; blank before the first),
        ``national_date`` and ``gap`` (programme − national, percentage points).

    Examples:
        >>> ot = pd.DataFrame({"year": [2023], "measure": ["fiveg_division_coverage"],
        ...                    "value": [50.0], "unit": ["percent"], "qualifier": ["exact"]})
        >>> ms = pd.DataFrame({"date": pd.to_datetime(["2022-06-01", "2023-09-01"]),
        ...                    "coverage": [40 / 97 * 100, 67 / 97 * 100]})
        >>> round(float(compare_with_national(ot, ms)["gap"].iloc[0]), 2)
        -19.07
    """
    keys = [c for c in over_time.columns if c not in ("measure", "value", "unit", "qualifier")]
    cov = over_time[over_time["measure"] == "fiveg_division_coverage"]
    cov = cov[[*keys, "value"]].rename(columns={"value": "coverage"})
    national = milestones[["date", "coverage"]].rename(
        columns={"coverage": "national_coverage", "date": "national_date"}
    )
    national = national.sort_values("national_date", kind="stable")
    cov = cov.assign(
        _end=pd.to_datetime(cov["year"].astype("Int64").astype(str) + "-12-31")
    ).sort_values("_end", kind="stable")
    merged = pd.merge_asof(cov, national, left_on="_end", right_on="national_date")
    merged["gap"] = merged["coverage"] - merged["national_coverage"]
    merged = merged.sort_values(keys, kind="stable").reset_index(drop=True)
    return merged[[*keys, "coverage", "national_coverage", "national_date", "gap"]]
