"""Analysts' "5G+" case lists (tests/data/fiveg_lists) give their hand-counted coverage.

Each workbook is a provincial, city or county 5G应用案例清单 typed the way a different analyst
would type it. The industry column holds names, short forms, letter + code, code + name,
codes Excel stored as numbers, full-width digits, sections naming no division, codes whose
name disagrees, and unknown words, never a clean 行业大类代码. Its ``.expected.toml`` was
counted by hand from the typed cells before the loader ran on it (see
tests/data/fiveg_lists/README.md for every reading).

The loader does not read these styles yet, so these tests fail until it does.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from analysis.indicators import fiveg_coverage
from analysis.load import load_ledger

LISTS = Path(__file__).resolve().parents[1] / "data" / "fiveg_lists"
CASES = sorted(LISTS.glob("*.expected.toml"))
#: "第12行", or a list such as "第9、13行", in a warning.
_ROWS = re.compile(r"第\s*([\d、，,\s]+?)\s*行")


@pytest.fixture(scope="module", params=CASES, ids=lambda p: p.name.removesuffix(".expected.toml"))
def case(request):
    expected = tomllib.loads(request.param.read_text(encoding="utf-8"))
    ledger = load_ledger(LISTS / expected["file"])
    return expected, ledger


def _codes(cases: pd.DataFrame) -> set[str]:
    """The covered divisions as two-digit text (the non-null division codes)."""
    return {str(code).strip().zfill(2) for code in cases["division_code"].dropna()}


def _value(table: pd.DataFrame, measure: str) -> float:
    rows = table[table["measure"] == measure]
    assert len(rows) == 1, (measure, rows)
    return float(rows["value"].iloc[0])


def _mentions(report, sheet: str, row: int) -> bool:
    """Whether a warning about ``sheet``, or a rejection on it, names Excel row ``row``."""
    for text in report.warnings:
        if sheet not in text:
            continue
        for group in _ROWS.findall(text):
            if str(row) in re.split(r"[、，,\s]+", group):
                return True
    frame = report.to_frame()
    return bool(((frame["sheet"] == sheet) & (frame["row"] == row)).any())


def test_every_data_row_is_a_case(case):
    expected, ledger = case
    # Section-only, unknown, blank and mismatched rows are cases too (flagged, not dropped).
    assert len(ledger.fiveg_cases) == expected["cases"], ledger.report.summary()


def test_coverage_counts_the_divisions_a_careful_reader_resolves(case):
    expected, ledger = case
    table = fiveg_coverage(ledger, by=())
    assert _value(table, "fiveg_cases") == expected["cases"]
    assert _value(table, "fiveg_divisions_covered") == expected["divisions_covered"]


def test_the_covered_codes_are_the_resolved_divisions(case):
    expected, ledger = case
    assert sorted(_codes(ledger.fiveg_cases)) == expected["divisions"]


def test_national_pilots_are_counted_in_the_analysts_own_words(case):
    expected, ledger = case
    pilots = ledger.fiveg_cases["national_pilot"].astype("boolean").fillna(False)
    assert int(pilots.sum()) == expected["national_pilots"]


def test_every_unresolved_row_is_named_in_the_load_report(case):
    expected, ledger = case
    missing = [
        item
        for item in expected["unresolved"]
        if not _mentions(ledger.report, expected["sheet"], item["row"])
    ]
    assert not missing, (missing, ledger.report.summary())


def test_every_row_read_is_accounted_for(case):
    expected, ledger = case
    report = ledger.report
    counts = [c for c in report.counts.values() if c.table == "fiveg_cases"]
    assert len(counts) == 1, report.summary()
    count = counts[0]
    assert count.sheet == expected["sheet"]
    assert count.rows_read == count.rows_accepted + count.rows_rejected + count.rows_skipped
    assert count.rows_read == expected["rows_read"]
    assert count.rows_accepted == expected["cases"]
    skipped = sorted(s.row for s in report.skipped if s.sheet == expected["sheet"])
    assert skipped == [s["row"] for s in expected["skipped"]]


def test_divisions_per_section(case):
    expected, ledger = case
    table = fiveg_coverage(ledger, by=("section",))
    table = table[(table["measure"] == "fiveg_divisions_covered") & (table["value"] > 0)]
    got = {row.section: int(row.value) for row in table.itertuples()}
    assert got == expected["by_section"]


def test_cases_per_year(case):
    expected, ledger = case
    years = ledger.fiveg_cases["year"].dropna().astype(int).astype(str).value_counts()
    assert years.to_dict() == expected["years"]


def test_cases_per_place_as_typed(case):
    expected, ledger = case
    places = ledger.fiveg_cases["region"].dropna().value_counts()
    assert places.to_dict() == expected["places"]


def test_cases_per_programme(case):
    expected, ledger = case
    programmes = ledger.fiveg_cases["programme"].dropna().value_counts()
    assert programmes.to_dict() == expected["programmes"]
    for name, block in expected.get("by_programme", {}).items():
        cases = ledger.fiveg_cases[ledger.fiveg_cases["programme"] == name]
        assert len(cases) == block["cases"], name
        assert sorted(_codes(cases)) == block["divisions"], name
