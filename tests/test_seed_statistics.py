"""Tests for the bundled seed statistics (data/seeds/statistics.csv, data/seeds/programmes.csv).

Schema-level checks always run. Checks against the seed texts read them from
``analysis.paths.SHARED_SEEDS`` and skip when that folder is absent. Quotes are compared
verbatim: no whitespace normalisation is applied.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter, defaultdict

import pytest

from analysis.measures import MEASURES
from analysis.paths import SEED_PROGRAMMES_CSV, SEED_STATISTICS_CSV, SHARED_SEEDS
from analysis.quantities import UNITS, parse_quantity
from analysis.schema import QUALIFIERS, STATISTICS

PROGRAMMES_CSV = SEED_PROGRAMMES_CSV
#: A locator quote is short; the brief allows about 40 characters.
MAX_QUOTE_CHARS = 40
#: Periods: 2019, 2015-2021, 2021-07 (a stock as of that month) or 2020-09/2021-07.
PERIOD = re.compile(r"\d{4}(-\d{4}|-\d{2}(/\d{4}-\d{2})?)?")


def _read(path):
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


HEADER, ROWS = _read(SEED_STATISTICS_CSV)
PROGRAMME_HEADER, PROGRAMMES = _read(PROGRAMMES_CSV)
ROW_IDS = [f"{r['source'][:3]}:{r['measure']}:{r['breakdown'] or 'total'}" for r in ROWS]


def _seed_text(name: str) -> str:
    if not SHARED_SEEDS.is_dir():
        pytest.skip(f"../shared/seeds not found: {SHARED_SEEDS} (set ANALYSIS_SHARED_SEEDS)")
    path = SHARED_SEEDS / name
    assert path.is_file(), f"source file {name} is not in {SHARED_SEEDS}"
    return path.read_text(encoding="utf-8")


def _one(programme: str, measure: str, breakdown: str = "", period: str | None = None):
    found = [
        r
        for r in ROWS
        if r["programme"] == programme
        and r["measure"] == measure
        and r["breakdown"] == breakdown
        and (period is None or r["period"] == period)
    ]
    assert len(found) == 1, (programme, measure, breakdown, found)
    return found[0]


# --- schema-level checks (no seed texts needed) ---------------------------------------------


def test_header_is_the_statistics_table():
    assert tuple(HEADER) == STATISTICS.names


def test_at_least_70_rows_and_every_seed_contributes():
    assert len(ROWS) >= 70
    per_source = Counter(r["source"] for r in ROWS)
    assert set(per_source) == {p["source"] for p in PROGRAMMES}
    # the CAST guidance is a framework document and has the fewest figures: 7 rows
    assert min(per_source.values()) >= 7


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_row_is_well_formed(row):
    for column in STATISTICS.columns:
        if column.required:
            assert row[column.name].strip(), f"{column.name} is empty"
    assert PERIOD.fullmatch(row["period"]), row["period"]
    assert row["measure"] in MEASURES, f"unknown measure code {row['measure']!r}"
    assert row["unit"] in UNITS
    # the stored unit is the measure's base unit, so rows of one measure add up
    assert row["unit"] == MEASURES[row["measure"]].unit
    assert row["qualifier"] in QUALIFIERS
    value = float(row["value"])
    assert math.isfinite(value) and value >= 0
    if row["unit"] == "percent":
        assert value <= 100
    assert row["quantity_text"] in row["quote"]
    assert len(row["quote"]) <= MAX_QUOTE_CHARS


def test_programmes_table():
    assert PROGRAMME_HEADER == [
        "id",
        "name_zh",
        "organiser",
        "place",
        "period",
        "source",
        "description",
    ]
    ids = [p["id"] for p in PROGRAMMES]
    assert len(ids) == len(set(ids)) == 5
    by_id = {p["id"]: p for p in PROGRAMMES}
    for row in ROWS:
        assert row["programme"] in by_id
        assert row["source"] == by_id[row["programme"]]["source"]


def test_no_observation_is_stated_twice():
    keys = Counter((r["programme"], r["period"], r["measure"], r["breakdown"]) for r in ROWS)
    assert [k for k, n in keys.items() if n > 1] == []


def test_headline_rows():
    # Guangzhou trading centre: "促成技术成果转化交易117项，涉及金额35.71亿元" (004, 二、)
    gz, centre = "guangzhou_cast_2015_2021", "2020-09/2021-07"
    assert float(_one(gz, "deals_converted", "交易中心", centre)["value"]) == 117
    value = _one(gz, "converted_value", "交易中心", centre)
    assert float(value["value"]) == 3.571e9
    assert value["qualifier"] == "exact"
    # Jiangxi: 826 "5G+" cases covering "50余个" of the 97 divisions (001, 2.3)
    assert float(_one("jiangxi_03_5g", "fiveg_cases")["value"]) == 826
    divisions = _one("jiangxi_03_5g", "fiveg_divisions_covered")
    assert (float(divisions["value"]), divisions["qualifier"]) == (50, "at_least")
    # Jiangxi: 1953.1万户 5G users is 19,531,000 accounts
    assert float(_one("jiangxi_03_5g", "fiveg_users")["value"]) == 19_531_000
    # Changzhou: 146 activities of which 35 key ones (003, 二、绩效情况)
    assert float(_one("changzhou_518_2019", "events_held")["value"]) == 146
    assert float(_one("changzhou_518_2019", "key_events_held")["value"]) == 35
    # CAST 百千万: 百家学会, 千家企业, 万名科技工作者 (002, 指导意见 opening)
    assert float(_one("cast_bqw_2019", "target_societies")["value"]) == 100
    assert float(_one("cast_bqw_2019", "target_firms")["value"]) == 1000
    assert float(_one("cast_bqw_2019", "target_workers")["value"]) == 10000


def test_csaa_budget_phases_sum_to_the_total():
    # 000: "经费预算（共20万）" in five phases of 2万/2万/5万/10万/1万
    budget = [r for r in ROWS if r["programme"] == "csaa_low_altitude_2023"]
    budget = [r for r in budget if r["measure"] == "budget_planned"]
    total = [float(r["value"]) for r in budget if not r["breakdown"]]
    phases = [float(r["value"]) for r in budget if r["breakdown"]]
    assert total == [200_000]
    assert phases == [20_000, 20_000, 50_000, 100_000, 10_000]
    assert sum(phases) == total[0]


def test_platforms_and_bases_match_the_numbered_tasks():
    # 002: "五平台一基地" is task group (三), whose tasks are numbered 7 to 12: six tasks
    parts = defaultdict(float)
    for r in ROWS:
        if r["programme"] == "cast_bqw_2019" and r["measure"] == "platforms_planned":
            parts[r["breakdown"]] += float(r["value"])
    assert dict(parts) == {"平台": 5, "基地": 1}
    assert sum(parts.values()) == 12 - 7 + 1


# --- checks against the seed texts -------------------------------------------------------


def test_every_seed_text_has_rows():
    if not SHARED_SEEDS.is_dir():
        pytest.skip(f"../shared/seeds not found: {SHARED_SEEDS} (set ANALYSIS_SHARED_SEEDS)")
    texts = sorted(p.name for p in SHARED_SEEDS.glob("*.txt"))
    assert texts == sorted(p["source"] for p in PROGRAMMES)


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_quote_is_verbatim_in_its_source(row):
    assert row["quote"] in _seed_text(row["source"])


@pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
def test_quantity_text_parses_to_the_row(row):
    q = parse_quantity(row["quantity_text"])
    # a number written without a unit (共20万, 三大) takes the measure's unit
    unit = q.unit if q.unit is not None else MEASURES[row["measure"]].unit
    assert (unit, q.qualifier) == (row["unit"], row["qualifier"])
    assert q.value == pytest.approx(float(row["value"]), rel=1e-12)
