"""A seeded synthetic programme ledger (labelled fake data) for demos, tests and benchmarks."""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import reference
from analysis.devtools.synthetic_profile import (
    ATTENDEE_TEXTS,
    BASE_BUDGET,
    CITIES,
    CITY_WEIGHTS,
    DEPARTMENT,
    EVENT_PROFILE,
    FIELD_WEIGHTS,
    FIELDS,
    FIVEG_SCENARIOS,
    IMPLEMENTER,
    LANDING_LAG_MEDIAN_DAYS,
    LANDING_SHARE,
    MODE_PROFILE,
    MODE_TITLE_WORDS,
    NATIONAL_PILOT_SHARE,
    ONLINE_PROFILE,
    PHASES,
    PROGRAMME,
    SEED,
    SELLER_KINDS,
    SIGNED_SHARE,
    SIGNING_EVENT_TYPES,
    TOPICS,
    VALUE_TEXTS,
    YEARS,
)


def _lognormal(rng: np.random.Generator, mean: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """Lognormal draws with the given arithmetic means (not medians)."""
    mu = np.log(mean) - sigma**2 / 2
    return rng.lognormal(mu, sigma)


def _strings(values: Sequence[str], codes: np.ndarray) -> pd.Series:
    """``values[codes]`` as a string Series, built by an Arrow take rather than a Python loop."""
    return pd.Series(pd.array(list(values), dtype="str").take(np.asarray(codes, dtype="int64")))


def _zero_padded(numbers: np.ndarray, width: int) -> pd.Series:
    """Integers as zero-padded strings (``7`` → ``"0007"``), vectorised."""
    return pd.Series(np.asarray(numbers, dtype="int64") + 10**width).astype("str").str[1:]


def _ids(prefix: str, years: np.ndarray) -> pd.Series:
    """Ids like ``E2023-001``, numbered within each year; rows must be sorted by year.

    Examples:
        >>> _ids("E", np.array([2022, 2023, 2023])).tolist()
        ['E2022-001', 'E2023-001', 'E2023-002']
    """
    years = np.asarray(years, dtype="int64")
    if not len(years):
        return pd.Series([], dtype="str")
    if (np.diff(years) < 0).any():
        raise ValueError("rows must be sorted by year before numbering")
    seq = np.arange(len(years)) - np.searchsorted(years, years, side="left") + 1
    width = max(3, len(str(int(seq.max()))))
    return prefix + pd.Series(years).astype("str") + "-" + _zero_padded(seq, width)


def _random_dates(rng: np.random.Generator, years: np.ndarray) -> np.ndarray:
    """A uniform day within each row's year."""
    years = np.asarray(years, dtype="int64")
    starts = (years - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    ends = (years - 1969).astype("datetime64[Y]").astype("datetime64[D]")
    days = (ends - starts).astype("int64")
    offsets = np.floor(rng.random(len(years)) * days).astype("int64")
    return starts + offsets.astype("timedelta64[D]")


def _qualified(frame: pd.DataFrame, column: str) -> None:
    """Add the ``_qualifier`` companion (exact, empty where the value is) after a quantity."""
    qualifier = _strings(("exact",), np.zeros(len(frame), dtype="int64"))
    qualifier = qualifier.where(frame[column].notna().to_numpy())
    frame.insert(frame.columns.get_loc(column) + 1, f"{column}_qualifier", qualifier.array)


def _none(n: int) -> np.ndarray:
    return np.full(n, None, dtype=object)


def _make_events(rng: np.random.Generator, n: int, years: Sequence[int]) -> pd.DataFrame:
    types = list(EVENT_PROFILE)
    probs = np.array([p[0] for p in EVENT_PROFILE.values()])
    kind = rng.choice(len(types), size=n, p=probs / probs.sum())
    year = rng.choice(np.array(years, dtype="int64"), size=n)
    date = _random_dates(rng, year)
    region = rng.choice(len(CITIES), size=n, p=CITY_WEIGHTS)
    field = rng.choice(len(FIELDS), size=n, p=FIELD_WEIGHTS)
    # Ledgers list events by date; ids follow that order.
    order = np.lexsort((rng.random(n), date))
    kind, year, date, region, field = (a[order] for a in (kind, year, date, region, field))

    profile = list(EVENT_PROFILE.values())
    median = np.array([p[1] for p in profile])[kind]
    sigma = np.array([p[2] for p in profile])[kind]
    onsite = np.maximum(np.round(median * np.exp(sigma * rng.standard_normal(n))), 5.0)

    online_median = np.array([ONLINE_PROFILE.get(t, (1.0, 0.0))[0] for t in types])[kind]
    streamed_share = np.array([ONLINE_PROFILE.get(t, (1.0, 0.0))[1] for t in types])[kind]
    streamed = rng.random(n) < streamed_share
    online_raw = online_median * np.exp(0.7 * rng.standard_normal(n))
    online = np.where(streamed, np.round(online_raw, -1), np.nan)

    organizations = np.maximum(np.round(onsite / rng.uniform(4.0, 10.0, n)), 1.0)
    big = np.isin(kind, [types.index("conference"), types.index("exposition")])
    universities = rng.poisson(np.where(big, 25.0, 3.0)).astype(float)
    academicians = np.where(big, rng.poisson(2.0, n), 0).astype(float)
    foreign = np.where(big, rng.poisson(3.0, n), 0).astype(float)
    firms = np.round(organizations * rng.uniform(0.4, 0.8, n))

    region_text = _strings(CITIES, region)
    suffix = _strings([p[3] for p in profile], kind)
    frame = pd.DataFrame(
        {
            "event_id": _ids("E", year).array,
            "programme": PROGRAMME,
            "name": (region_text + _strings(FIELDS, field) + suffix).array,
            "event_type": _strings(types, kind).array,
            "region": region_text.array,
            "date": pd.to_datetime(date).astype("datetime64[ns]"),
            "year": year,
            "attendees_onsite": onsite,
            "online_views": online,
            "organizations": organizations,
            "universities_institutes": universities,
            "academicians": academicians,
            "foreign_guests": foreign,
            "firms": firms,
            "note": _none(n),
        }
    )
    for column in (
        "attendees_onsite",
        "online_views",
        "organizations",
        "universities_institutes",
        "academicians",
        "foreign_guests",
        "firms",
    ):
        _qualified(frame, column)
    for column in ("attendees_onsite", "online_views"):
        frame.insert(frame.columns.get_loc(f"{column}_qualifier") + 1, f"{column}_text", _none(n))
    _type_texts(rng, frame)
    return frame


def _type_texts(rng: np.random.Generator, frame: pd.DataFrame) -> None:
    """Overwrite a handful of cells with the qualified text an analyst would type."""
    big = frame["event_type"].isin(("conference", "exposition")).to_numpy()
    pools = {
        "attendees_onsite": np.flatnonzero(big),
        "online_views": np.flatnonzero(big & frame["online_views"].notna().to_numpy()),
    }
    used: set[tuple[str, int]] = set()
    for column, value, qualifier, text in ATTENDEE_TEXTS:
        pool = pools[column]
        if not len(pool):
            continue
        row = int(pool[int(rng.integers(len(pool)))])
        if (column, row) in used:
            continue
        used.add((column, row))
        frame.loc[row, [column, f"{column}_qualifier", f"{column}_text"]] = [
            value,
            qualifier,
            text,
        ]


#: Chinese words for each mode in deal titles (e.g. “…技术转让”).
def _make_signings(
    rng: np.random.Generator, n: int, events: pd.DataFrame, years: Sequence[int]
) -> pd.DataFrame:
    modes = list(MODE_PROFILE)
    shares = np.array([p[0] for p in MODE_PROFILE.values()])
    mode = rng.choice(len(modes), size=n, p=shares / shares.sum())
    signed = rng.random(n) < SIGNED_SHARE
    at_event = rng.random(n) < 0.8
    year = rng.choice(np.array(years, dtype="int64"), size=n)
    date = _random_dates(rng, year)
    region = rng.choice(len(CITIES), size=n, p=CITY_WEIGHTS)
    hosts = np.flatnonzero(events["event_type"].isin(SIGNING_EVENT_TYPES).to_numpy())
    host = hosts[rng.integers(0, len(hosts), n)] if len(hosts) else np.zeros(n, dtype="int64")
    at_event &= len(hosts) > 0
    # Deals signed at an event share its date, year and city.
    event_dates = events["date"].to_numpy().astype("datetime64[D]")
    date = np.where(at_event, event_dates[host], date)
    year = np.where(at_event, events["year"].to_numpy()[host], year)
    city_codes = pd.Categorical(events["region"], categories=CITIES).codes.astype("int64")
    region = np.where(at_event, city_codes[host], region)
    field = rng.choice(len(FIELDS), size=n, p=FIELD_WEIGHTS)
    topic = field * 3 + rng.integers(0, 3, n)
    seller_city = rng.integers(0, len(CITIES), n)
    seller_kind = rng.integers(0, len(SELLER_KINDS), n)
    buyer_number = rng.integers(1, max(100, n // 4) + 1, n)

    order = np.lexsort((rng.random(n), date))
    columns = (mode, signed, at_event, year, date, region, host, field, topic)
    mode, signed, at_event, year, date, region, host, field, topic = (a[order] for a in columns)
    seller_city, seller_kind, buyer_number = (
        a[order] for a in (seller_city, seller_kind, buyer_number)
    )

    mean = np.array([p[1] for p in MODE_PROFILE.values()])[mode]
    sigma = np.array([p[2] for p in MODE_PROFILE.values()])[mode]
    value = np.maximum(np.round(_lognormal(rng, mean, sigma), -2), 1000.0)
    # Intentions often have no agreed price yet.
    value = np.where(~signed & (rng.random(n) < 0.3), np.nan, value)

    region_text = _strings(CITIES, region)
    event_id = pd.Series(events["event_id"].array.take(host)).where(at_event)
    topics = [t for field_topics in TOPICS for t in field_topics]
    title = _strings(topics, topic) + "技术" + _strings([MODE_TITLE_WORDS[m] for m in modes], mode)
    seller = _strings(CITIES, seller_city) + _strings(SELLER_KINDS, seller_kind) + "（合成）"
    width = len(str(max(100, n // 4)))
    buyer = region_text + "合成企业" + _zero_padded(buyer_number, max(width, 4))
    frame = pd.DataFrame(
        {
            "signing_id": _ids("S", year).array,
            "programme": PROGRAMME,
            "event_id": event_id.array,
            "title": title.array,
            "stage": _strings(("intention", "signed"), signed.astype("int64")).array,
            "mode": _strings(modes, mode).array,
            "contract_type": _none(n),
            "region": region_text.array,
            "field": _strings(FIELDS, field).array,
            "date": pd.to_datetime(date).astype("datetime64[ns]"),
            "year": year.astype("int64"),
            "value": value,
            "landing_date": pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]"),
            "landed_value": np.full(n, np.nan),
            "seller": seller.array,
            "buyer": buyer.array,
            "note": _none(n),
        }
    )
    _qualified(frame, "value")
    _qualified(frame, "landed_value")
    frame.insert(frame.columns.get_loc("value_qualifier") + 1, "value_text", _none(n))
    signed_rows = np.flatnonzero(signed)
    picks = rng.choice(signed_rows, size=min(len(VALUE_TEXTS), len(signed_rows)), replace=False)
    for row, (amount, qualifier, text) in zip(picks, VALUE_TEXTS, strict=False):
        frame.loc[int(row), ["value", "value_qualifier", "value_text"]] = [amount, qualifier, text]
    return frame


def _make_conversions(
    rng: np.random.Generator, signings: pd.DataFrame, last_day: pd.Timestamp
) -> pd.DataFrame:
    rows = np.flatnonzero((signings["stage"] == "signed").to_numpy())
    lands = rng.random(len(rows)) < LANDING_SHARE
    lag = np.maximum(
        np.round(LANDING_LAG_MEDIAN_DAYS * np.exp(0.6 * rng.standard_normal(len(rows)))), 7
    ).astype("int64")
    date = signings["date"].to_numpy()[rows] + lag.astype("timedelta64[D]")
    # Deals landing after the ledger closes are not recorded yet.
    keep = lands & (date <= last_day.to_datetime64())
    rows, date = rows[keep], date[keep]
    share = rng.uniform(0.3, 1.0, len(rows))
    value = np.round(signings["value"].to_numpy(float)[rows] * share, -2)
    # Sorted by landing date, then by signing order.
    order = np.lexsort((rows, date))
    rows, date, value = rows[order], date[order], value[order]
    date = pd.to_datetime(date).astype("datetime64[ns]")
    year = date.year.to_numpy().astype("int64")
    frame = pd.DataFrame(
        {
            "conversion_id": _ids("C", year).array,
            "signing_id": signings["signing_id"].array.take(rows),
            "title": _none(len(rows)),
            "date": date,
            "year": year,
            "value": value,
            "note": _none(len(rows)),
        }
    )
    _qualified(frame, "value")
    return frame


def _make_fiveg_cases(
    rng: np.random.Generator, n: int, n_divisions: int, years: Sequence[int]
) -> pd.DataFrame:
    divisions = reference.divisions()
    codes = divisions["division_code"].tolist()
    # Manufacturing (section C), utilities, trade and information services take up 5G first.
    weight = np.where(divisions["section_code"].isin(("C", "I", "D", "G")), 3.0, 1.0)
    k = min(n_divisions, len(codes), n)
    covered = rng.choice(len(codes), size=k, replace=False, p=weight / weight.sum())
    popularity = rng.lognormal(0.0, 0.8, k)
    rest = rng.choice(covered, size=n - k, p=popularity / popularity.sum())
    division = np.concatenate([covered, rest])
    year = rng.choice(np.array(years, dtype="int64"), size=n)
    region = rng.choice(len(CITIES), size=n, p=CITY_WEIGHTS)
    scenario = rng.integers(0, len(FIVEG_SCENARIOS), n)
    pilot = rng.random(n) < NATIONAL_PILOT_SHARE
    order = np.lexsort((rng.random(n), year))
    division, year, region, scenario, pilot = (
        a[order] for a in (division, year, region, scenario, pilot)
    )
    region_text = _strings(CITIES, region)
    name = (
        region_text
        + _strings(divisions["division_name"].tolist(), division)
        + "5G+"
        + _strings(FIVEG_SCENARIOS, scenario)
        + "应用"
    )
    return pd.DataFrame(
        {
            "case_id": _ids("G", year).array,
            "programme": PROGRAMME,
            "name": name.array,
            "division_code": _strings(codes, division).array,
            "region": region_text.array,
            "year": year,
            "national_pilot": pilot,
            "note": _none(n),
        }
    )


def _make_budget(rng: np.random.Generator, years: Sequence[int], scale: float) -> pd.DataFrame:
    rows = []
    shares = np.array([p[2] for p in PHASES])
    for year in years:
        total = BASE_BUDGET.get(year, BASE_BUDGET[max(BASE_BUDGET)]) * scale
        planned = np.round(total * shares, -2)
        # A yearly execution rate of 90.5–98.5%, spread unevenly over the phases.
        rate = rng.uniform(0.905, 0.985)
        spent = planned * rate * rng.uniform(0.96, 1.04, len(PHASES))
        spent = np.round(spent * (rate * planned.sum() / spent.sum()), -2)
        for k, (phase, months, _) in enumerate(PHASES):
            rows.append(
                (f"B{year}-{k + 1}", PROGRAMME, year, phase, months, planned[k], spent[k], None)
            )
    frame = pd.DataFrame(
        rows,
        columns=[
            "line_id",
            "programme",
            "year",
            "phase",
            "period_text",
            "planned",
            "spent",
            "note",
        ],
    )
    frame["year"] = frame["year"].astype("int64")
    _qualified(frame, "planned")
    _qualified(frame, "spent")
    return frame


def _round_target(x: float) -> int:
    """Round a target down to two significant figures, as plans usually state them."""
    if x < 10:
        return max(int(x), 1)
    step = 10 ** (int(math.log10(x)) - 1)
    return int(x // step * step)


def _make_targets(
    year: int,
    n_events: int,
    n_signings: int,
    n_cases: int,
    n_divisions: int,
    budget_total: float,
    n_years: int,
) -> pd.DataFrame:
    """Ex-ante targets for ``year``, set at about 90% of what the plan expects."""
    per_year = 1.0 / n_years
    events = _round_target(0.9 * n_events * per_year)
    signed = _round_target(0.9 * n_signings * per_year * SIGNED_SHARE)
    cases = _round_target(0.9 * n_cases * per_year)
    divisions = _round_target(0.6 * n_divisions)
    online_expected = sum(
        EVENT_PROFILE[k][0] * v[0] * v[1] * math.exp(0.7**2 / 2) for k, v in ONLINE_PROFILE.items()
    )
    online = _round_target(0.8 * online_expected * n_events * per_year / 10_000)
    firms = _round_target(0.5 * n_events * per_year * 10)
    mean_value = sum(v[0] * v[1] for v in MODE_PROFILE.values())
    deal_value = _round_target(0.8 * mean_value * n_signings * per_year * SIGNED_SHARE / 1e6) / 100
    budget_wan = _round_target(budget_total / 1e4 + 0.5)
    rows = [
        ("产出指标", "数量指标", "举办产学研对接活动场次", f"≥{events}场", 10, "events_held", None),
        ("产出指标", "数量指标", "促成签约项目数", f"≥{signed}项", 10, "deals_signed", None),
        ("产出指标", "数量指标", "征集5G应用案例数", f"≥{cases}个", 5, "fiveg_cases", None),
        ("产出指标", "质量指标", "签约项目落地率", "≥30%", 10, "conversion_rate", None),
        (
            "产出指标",
            "质量指标",
            "5G应用覆盖国民经济行业大类数",
            f"≥{divisions}个",
            5,
            "fiveg_divisions_covered",
            None,
        ),
        (
            "产出指标",
            "时效指标",
            "年度对接活动完成时间",
            f"{year}年12月底前",
            5,
            None,
            f"{year}年12月中旬完成",
        ),
        ("产出指标", "成本指标", "项目总成本", f"≤{budget_wan}万元", 10, "budget_spent", None),
        (
            "效益指标",
            "社会效益指标",
            "活动线上观看人次",
            f"≥{online}万人次",
            10,
            "online_views",
            None,
        ),
        (
            "效益指标",
            "经济效益指标",
            "签约合同金额",
            f"≥{deal_value:g}亿元",
            10,
            "deal_value",
            None,
        ),
        ("效益指标", "可持续影响指标", "参与对接企业数", f"≥{firms}家", 5, "firms", None),
        ("满意度指标", "服务对象满意度指标", "参会单位满意度", "≥90%", 10, None, "93%"),
    ]
    frame = pd.DataFrame(
        rows, columns=["level1", "level2", "level3", "target", "weight", "measure", "actual"]
    )
    frame.insert(0, "indicator_id", [f"T{k:02d}" for k in range(1, len(frame) + 1)])
    frame.insert(1, "programme", PROGRAMME)
    frame["weight"] = frame["weight"].astype("float64")
    _qualified(frame, "weight")
    frame["direction"] = np.where(frame["level2"] == "时效指标", "qualitative", None)
    frame["reason"] = None
    frame["note"] = None
    return frame


def _make_programmes(
    year: int,
    budget: pd.DataFrame,
    events: pd.DataFrame,
    signings: pd.DataFrame,
    conversions: pd.DataFrame,
    targets: pd.DataFrame,
) -> pd.DataFrame:
    planned = float(budget.loc[budget["year"] == year, "planned"].sum())
    n_events = int((events["year"] == year).sum())
    signed = signings[(signings["year"] == year) & (signings["stage"] == "signed")]
    landed = conversions["signing_id"].isin(signed["signing_id"]).sum()
    goal = (
        f"{year}年在{len(CITIES)}个地市举办产学研对接活动"
        f"{targets.loc[0, 'target']}，促成签约项目{targets.loc[1, 'target']}，"
        f"签约项目落地率{targets.loc[3, 'target']}，推动5G应用覆盖更多国民经济行业大类。"
    )
    outcome = (
        f"{year}年共举办活动{n_events}场，签约项目{len(signed)}项，"
        f"截至年底已落地{int(landed)}项；以上均为合成数据。"
    )
    frame = pd.DataFrame(
        {
            "programme": [PROGRAMME],
            "name": [None],
            "department": [DEPARTMENT],
            "implementer": [IMPLEMENTER],
            "year": np.array([year], dtype="int64"),
            "budget_initial": [float(np.round(planned * 0.9, -2))],
            "budget_full_year": [planned],
            "goal": [goal],
            "outcome": [outcome],
        }
    )
    _qualified(frame, "budget_initial")
    _qualified(frame, "budget_full_year")
    return frame


def make_ledger(
    seed: int = SEED,
    *,
    n_events: int = 300,
    n_signings: int = 3000,
    n_cases: int = 300,
    n_divisions: int = 60,
    years: Sequence[int] = YEARS,
) -> dict[str, pd.DataFrame]:
    """Generate a synthetic ledger of any size, table by table (English column names).

    Big tables are drawn with vectorised numpy from ``default_rng(seed)``, so
    10^6 deals take a few seconds. Budget and targets scale with the number of events
    so that cost per event stays realistic. Quantity columns carry
    ``<column>_qualifier`` and, for a handful of cells, ``<column>_text``
    holding the text an analyst typed (“近300人”).

    Args:
        seed: Seed of the random generator; the same seed gives equal frames.
        n_events: Events over all years.
        n_signings: Deals (intentions and signed) over all years.
        n_cases: 5G application cases.
        n_divisions: Distinct GB/T 4754 divisions the cases cover (at most 97).
        years: Years covered; the self-assessment (programmes, targets) is for the last.

    Returns:
        DataFrames by table name, in ``LEDGER_TABLES`` order.

    Examples:
        >>> ledger = make_ledger(1, n_events=20, n_signings=50, n_cases=10, n_divisions=5)
        >>> len(ledger["events"]), len(ledger["signings"])
        (20, 50)
        >>> ledger["fiveg_cases"]["division_code"].nunique()
        5
    """
    if min(n_events, n_signings, n_cases, n_divisions) < 1:
        raise ValueError("n_events, n_signings, n_cases and n_divisions must be positive")
    years = tuple(int(y) for y in years)
    rng = np.random.default_rng(seed)
    events = _make_events(rng, n_events, years)
    signings = _make_signings(rng, n_signings, events, years)
    last_day = pd.Timestamp(f"{max(years)}-12-31")
    conversions = _make_conversions(rng, signings, last_day)
    cases = _make_fiveg_cases(rng, n_cases, n_divisions, years)
    scale = n_events / 300
    budget = _make_budget(rng, years, scale)
    year = max(years)
    budget_total = float(budget.loc[budget["year"] == year, "planned"].sum())
    targets = _make_targets(
        year, n_events, n_signings, n_cases, n_divisions, budget_total, len(years)
    )
    programmes = _make_programmes(year, budget, events, signings, conversions, targets)
    return {
        "programmes": programmes,
        "events": events,
        "signings": signings,
        "conversions": conversions,
        "fiveg_cases": cases,
        "budget": budget,
        "targets": targets,
    }


def make_sample_ledger(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The bundled sample ledger: 300 events, 3000 deals, 300 5G cases over 60 divisions.

    Examples:
        >>> sample = make_sample_ledger()
        >>> sample["programmes"].loc[0, "programme"].endswith("（合成数据）")
        True
    """
    return make_ledger(seed)


def main(argv: Sequence[str] | None = None) -> int:
    """Write the sample ledger and the empty template (``python -m analysis.devtools.synthetic``).

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> main(["--sample", str(d / "s.xlsx"), "--template", str(d / "t.xlsx")])
        0
    """
    from analysis.export.ledger_workbook import write_ledger_workbook, write_template
    from analysis.paths import LEDGER_TEMPLATE, SAMPLE_LEDGER

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--sample", default=str(SAMPLE_LEDGER))
    parser.add_argument("--template", default=str(LEDGER_TEMPLATE))
    args = parser.parse_args(argv)
    write_ledger_workbook(make_sample_ledger(args.seed), args.sample, title=PROGRAMME)
    write_template(args.template)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
