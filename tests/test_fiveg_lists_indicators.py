"""``python -m analysis indicators`` on analysts' 5G case lists gives the hand-counted figures.

The lists and their hand counts are tests/data/fiveg_lists (README.md there): per programme,
cases, divisions covered without doubt and national pilots, over the whole span of years.
"""

import csv
import tomllib
from pathlib import Path

import pytest

from analysis.cli import main

LISTS = Path(__file__).resolve().parent / "data" / "fiveg_lists"
CASES = sorted(LISTS.glob("*.expected.toml"))
MEASURES = {"cases": "fiveg_cases", "divisions_covered": "fiveg_divisions_covered",
            "national_pilots": "fiveg_national_pilots"}  # fmt: skip


def _per_programme(expected: dict) -> dict[str, dict]:
    if "by_programme" in expected:
        return expected["by_programme"]
    (name,) = expected["programmes"]
    return {name: expected}


@pytest.mark.parametrize("expected_file", CASES, ids=lambda p: p.name.split(".")[0])
def test_indicators_command_gives_the_hand_counts(expected_file, tmp_path, capsys):
    expected = tomllib.loads(expected_file.read_text(encoding="utf-8"))
    out = tmp_path / "indicators.csv"
    assert main(["indicators", str(LISTS / expected["file"]), "-o", str(out)]) == 0
    capsys.readouterr()
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if not r.get("breakdown")]
    for programme, figures in _per_programme(expected).items():
        mine = [r for r in rows if r["programme"] == programme]
        # The widest period is the whole span (2022-2024), never a sum of years: divisions
        # covered in two years are not the sum of each year's.
        span = max({r["period"] for r in mine}, key=len)
        got = {k: float(next(r["value"] for r in mine if r["period"] == span and
                             r["measure"] == m)) for k, m in MEASURES.items()}  # fmt: skip
        assert got == {k: float(figures[k]) for k in MEASURES}, programme


@pytest.mark.parametrize("expected_file", CASES, ids=lambda p: p.name.split(".")[0])
def test_cumulative_coverage_ends_at_the_hand_count(expected_file):
    # Every case in these lists has a year (a column or the title), so the cumulative count
    # of the last year is the whole list's: cases without a division add cases, no division.
    from analysis.indicators import fiveg_coverage_over_time
    from analysis.load import load_ledger

    expected = tomllib.loads(expected_file.read_text(encoding="utf-8"))
    ledger = load_ledger(LISTS / expected["file"])
    for programme, figures in _per_programme(expected).items():
        over = fiveg_coverage_over_time(ledger, by=("programme",))
        mine = over[over["programme"] == programme]
        got = mine[mine["year"] == mine["year"].max()].set_index("measure")["value"]
        assert got["fiveg_cases"] == figures["cases"], programme
        assert got["fiveg_divisions_covered"] == figures["divisions_covered"], programme
