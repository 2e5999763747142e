"""The report's edge-case ledgers (tests/data/report_ledgers) give their hand-computed figures.

Five workbooks typed as analysts type them, each missing something a report must cope with:
no 5G cases, no 绩效目标 sheet, a budget without a year, two programmes in one workbook, only
an events sheet. Every ``<stem>.expected.toml`` was computed by hand from the typed cells
(see tests/data/report_ledgers/README.md), so these tests compare the loader and the
indicator families with a person's reading, not with the code's own output.

Each expected figure is one test: the workbook is loaded with ``load_ledger`` and the
indicators are computed per programme (``by=("programme",)``), or over the whole workbook
for an ``[all]`` block (``by=()``).
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from analysis.indicators import (
    budget_execution,
    deal_values,
    engagement,
    fiveg_coverage,
    funnel,
)
from analysis.load import load_ledger

DATA = Path(__file__).resolve().parents[1] / "data" / "report_ledgers"
CASES = sorted(DATA.glob("*.expected.toml"))
ALL = "[all]"

FAMILIES = {
    "engagement": engagement,
    "funnel": funnel,
    "deal_values": deal_values,
    "budget": budget_execution,
    "fiveg": fiveg_coverage,
}
#: Expectation key -> (family, measure code).
MEASURES = {
    "events_held": ("engagement", "events_held"),
    "attendees_onsite": ("engagement", "attendees_onsite"),
    "attendees_onsite_per_event": ("engagement", "attendees_onsite_per_event"),
    "deals_intention": ("funnel", "deals_intention"),
    "deals_signed": ("funnel", "deals_signed"),
    "deals_converted": ("funnel", "deals_converted"),
    "deal_value_yuan": ("deal_values", "deal_value"),
    "converted_value_yuan": ("deal_values", "converted_value"),
    "budget_planned_yuan": ("budget", "budget_planned"),
    "budget_spent_yuan": ("budget", "budget_spent"),
    "budget_execution_rate_percent": ("budget", "budget_execution_rate"),
    "fiveg_cases": ("fiveg", "fiveg_cases"),
    "fiveg_divisions_covered": ("fiveg", "fiveg_divisions_covered"),
}
#: Expectation key -> the measure whose qualifier it gives.
QUALIFIERS = {
    "attendees_onsite_qualifier": "attendees_onsite",
    "attendees_onsite_per_event_qualifier": "attendees_onsite_per_event",
    "deal_value_qualifier": "deal_value_yuan",
}
#: Counts: a programme with nothing to count has no row, which is a count of 0.
COUNTS = {
    "events_held",
    "deals_intention",
    "deals_signed",
    "deals_converted",
    "fiveg_cases",
    "fiveg_divisions_covered",
}
#: Measure code -> family, for ``not_reported`` lists.
FAMILY_OF = {measure: family for family, measure in MEASURES.values()}
YEAR_TABLES = {"events": "engagement", "deals": "funnel", "budget": "budget", "fiveg": "fiveg"}
#: Keys in a programme block that are not figures.
NOT_FIGURES = {"years", "not_reported"}


def _expected(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


@functools.cache
def _ledger(file: str):
    return load_ledger(DATA / file)


@functools.cache
def _table(file: str, family: str, by: tuple[str, ...]) -> pd.DataFrame:
    out = FAMILIES[family](_ledger(file), by=by)
    if family == "budget":
        out = out[out["phase"] == ""]  # the programme's total, not its phases
    return out


def _rows(file: str, programme: str, family: str, measure: str) -> pd.DataFrame:
    by = () if programme == ALL else ("programme",)
    table = _table(file, family, by)
    rows = table[table["measure"] == measure]
    if programme != ALL:
        rows = rows[rows["programme"] == programme]
    return rows


def _figure(file: str, programme: str, key: str) -> tuple[float, str | None]:
    family, measure = MEASURES[key]
    rows = _rows(file, programme, family, measure)
    if rows.empty and key in COUNTS:
        return 0.0, None
    assert len(rows) == 1, (programme, key, rows)
    return float(rows["value"].iloc[0]), rows["qualifier"].iloc[0]


def _blocks(expected: dict) -> dict[str, dict]:
    blocks = dict(expected["programme"])
    if "all" in expected:
        blocks[ALL] = expected["all"]
    return blocks


def _short(programme: str, expected: dict) -> str:
    return "all" if programme == ALL else f"p{expected['programmes'].index(programme) + 1}"


def _figure_params() -> list:
    params = []
    for path in CASES:
        expected = _expected(path)
        stem = path.name.removesuffix(".expected.toml")
        for programme, block in _blocks(expected).items():
            for key in block:
                if key in NOT_FIGURES:
                    continue
                params.append(
                    pytest.param(
                        expected["file"],
                        programme,
                        key,
                        block[key],
                        id=f"{stem}-{_short(programme, expected)}-{key}",
                    )
                )
    return params


@pytest.mark.parametrize(("file", "programme", "key", "wanted"), _figure_params())
def test_hand_computed_figure(file, programme, key, wanted):
    if key in QUALIFIERS:
        _, qualifier = _figure(file, programme, QUALIFIERS[key])
        assert qualifier == wanted
    else:
        value, _ = _figure(file, programme, key)
        assert value == pytest.approx(wanted, rel=1e-9)


@pytest.fixture(scope="module", params=CASES, ids=lambda p: p.name.removesuffix(".expected.toml"))
def case(request):
    expected = _expected(request.param)
    return expected, _ledger(expected["file"])


def test_every_expected_key_is_checked(case):
    expected, _ = case
    known = set(MEASURES) | set(QUALIFIERS) | NOT_FIGURES
    for programme, block in _blocks(expected).items():
        assert set(block) <= known, (programme, set(block) - known)


def test_the_programmes_are_named_as_a_person_reads_them(case):
    expected, ledger = case
    names: set[str] = set()
    for table in (ledger.events, ledger.signings, ledger.budget, ledger.fiveg_cases):
        names.update(table["programme"].dropna())
    assert sorted(names) == sorted(expected["programmes"])
    assert sorted(expected["programme"]) == sorted(expected["programmes"])


def test_measures_without_data_are_not_reported(case):
    expected, _ = case
    for programme, block in _blocks(expected).items():
        for measure in block.get("not_reported", []):
            rows = _rows(expected["file"], programme, FAMILY_OF[measure], measure)
            assert rows.empty, (programme, measure, rows)


def _years(file: str, programme: str, family: str) -> list[int]:
    table = _table(file, family, ("programme", "year"))
    years = pd.to_numeric(table.loc[table["programme"] == programme, "year"], errors="coerce")
    return sorted({int(y) for y in years.dropna()})


def test_years_present(case):
    expected, _ = case
    every: set[int] = set()
    for programme, block in expected["programme"].items():
        for table, family in YEAR_TABLES.items():
            got = _years(expected["file"], programme, family)
            assert got == block["years"][table], (programme, table)
            every.update(got)
    assert sorted(every) == expected["years"]


def test_every_row_is_accounted_for(case):
    expected, ledger = case
    report = ledger.report
    assert report.ok, report.problems()
    for count in report.counts.values():
        assert count.rows_read == count.rows_accepted + count.rows_rejected + count.rows_skipped
    assert sorted(c.sheet for c in report.counts.values()) == sorted(
        s["sheet"] for s in expected["sheets"]
    )
    for sheet in expected["sheets"]:
        count = report.counts[sheet["table"]]
        assert count.sheet == sheet["sheet"]
        assert count.rows_accepted == sheet["data_rows"], sheet["sheet"]
        assert count.rows_rejected == 0, sheet["sheet"]
        skipped = [s.row for s in report.skipped if s.sheet == sheet["sheet"]]
        assert skipped == [s["row"] for s in sheet["skipped"]], sheet["sheet"]
        # read = the title and note rows above the header + the rows below it
        assert count.rows_read == sheet["data_rows"] + len(sheet["skipped"]), sheet["sheet"]
