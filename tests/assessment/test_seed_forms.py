"""The bundled seed targets produce filled forms; typed actuals are checked against the seeds."""

import re

import pytest
from openpyxl import load_workbook

from analysis import paths
from analysis.assessment import assess
from analysis.assessment.inputs import programme_info
from analysis.export.form import CELLS, FORM_SHEET, write_form
from analysis.load import load_statistics, load_table

TARGETS = paths.SEEDS / "targets"
SEED_FILES = {
    "csaa_low_altitude_2023": "000_e7fb6761fbfb5854.txt",
    "changzhou_518_2019": "003_c5dbadca8354f2c1.txt",
}


def _statistics():
    if not paths.SEED_STATISTICS_CSV.is_file():
        pytest.skip(f"seed statistics not found: {paths.SEED_STATISTICS_CSV}")
    return load_statistics(paths.SEED_STATISTICS_CSV)


def _assess(programme):
    targets = load_table(TARGETS / f"{programme}.csv", "targets")
    info = programme_info(load_table(TARGETS / "programmes.csv", "programmes"), programme)
    return assess(_statistics(), targets, info=info)


def test_csaa_scores():
    result = _assess("csaa_low_altitude_2023")
    points = dict(zip(result.rows["indicator_id"], result.rows["points"], strict=True))
    # A02 3 trips of ≥2 (150%, flagged); A04 近300 of ≥300 scored on 300; A06 and A08 partly
    # met at the top of the 60–80% band: 5 × 0.8 = 4, 15 × 0.8 = 12.
    assert points == {
        "A01": 10.0,
        "A02": 10.0,
        "A03": 5.0,
        "A04": 10.0,
        "A05": 10.0,
        "A06": 4.0,
        "A07": 10.0,
        "A08": 12.0,
        "A09": 15.0,
    }
    # Budget: 20万 planned (seed), spending not reported → 0 points and a flag.
    assert result.budget.full_year == 200000.0 and result.budget.spent is None
    assert result.budget.points == 0.0
    assert result.total == 86.0 and result.grade == "良"
    flags = set(zip(result.flags["indicator_id"], result.flags["flag"], strict=True))
    assert {("A02", "target_low"), ("A04", "approx"), ("A05", "at_least")} <= flags
    assert ("budget", "budget_spent_missing") in flags


def test_changzhou_scores():
    result = _assess("changzhou_518_2019")
    points = dict(zip(result.rows["indicator_id"], result.rows["points"], strict=True))
    # Every count meets its (assumed) target; C10 partly met: 15 × 0.8 = 12.
    assert points == {
        "C01": 10.0,
        "C02": 10.0,
        "C03": 10.0,
        "C04": 5.0,
        "C05": 5.0,
        "C06": 5.0,
        "C07": 5.0,
        "C08": 10.0,
        "C09": 15.0,
        "C10": 12.0,
    }
    # 146 ÷ 120 = 122% and 25 ÷ 20 = 125%: under the 130% flag line.
    assert "target_low" not in set(result.flags["flag"])
    assert result.total == 87.0 and result.grade == "良"


@pytest.mark.parametrize("programme", sorted(SEED_FILES))
def test_seed_form_is_filled(tmp_path, programme):
    result = _assess(programme)
    ws = load_workbook(write_form(result, tmp_path / "form.xlsx"))[FORM_SHEET]
    assert ws[CELLS["programme"]].value == result.info["name"]
    assert ws[CELLS["department"]].value
    assert ws[CELLS["goal"]].value and ws[CELLS["outcome"]].value


@pytest.mark.parametrize("programme", sorted(SEED_FILES))
def test_typed_actuals_and_quotes_are_in_the_seed(programme):
    seed = paths.SHARED_SEEDS / SEED_FILES[programme]
    if not seed.is_file():
        pytest.skip(f"../shared/seeds not found: {paths.SHARED_SEEDS} (set ANALYSIS_SHARED_SEEDS)")
    text = seed.read_text(encoding="utf-8")
    targets = load_table(TARGETS / f"{programme}.csv", "targets")
    # Every quote the notes attribute to the seed (原文“…”) must be a verbatim locator.
    quotes = [q for note in targets["note"] for q in re.findall(r"原文“([^”]+)”", note)]
    assert len(quotes) >= 2
    for quote in quotes:
        assert quote in text, quote


def test_seed_dates_match_the_text():
    seeds = paths.SHARED_SEEDS
    if not (seeds / SEED_FILES["csaa_low_altitude_2023"]).is_file():
        pytest.skip(f"../shared/seeds not found: {seeds} (set ANALYSIS_SHARED_SEEDS)")
    # CSAA conference date and the Changzhou exposition dates, as typed in the targets.
    assert "2023年10月28日" in (seeds / SEED_FILES["csaa_low_altitude_2023"]).read_text("utf-8")
    assert "5月18-19日" in (seeds / SEED_FILES["changzhou_518_2019"]).read_text("utf-8")
