"""Tests for analysis.indicators.fiveg."""

import pandas as pd
import pytest

from analysis.errors import UserError
from analysis.indicators import compare_with_national, fiveg_coverage, fiveg_coverage_over_time
from analysis.reference import miit_5g_milestones

from .conftest import by_measure, fiveg_case


@pytest.fixture
def ledger(make_ledger):
    # divisions: 13 and 38 are in section C (31 divisions), 01 in A (5), 83 in P (1)
    return make_ledger(
        fiveg_cases=[
            fiveg_case("F1", "13", 2022, True),
            fiveg_case("F2", "01", 2022),
            fiveg_case("F3", "13", 2023, True),
            fiveg_case("F4", "38", 2023),
            fiveg_case("F5", "83", 2024, None),  # pilot status not recorded
        ]
    )


def test_total_coverage(ledger):
    out = by_measure(fiveg_coverage(ledger, by=()))
    assert out["fiveg_cases"] == (5.0, "exact")
    # distinct divisions 13, 01, 38, 83 = 4 → 4 / 97 = 4.1237%
    assert out["fiveg_divisions_covered"] == (4.0, "exact")
    assert out["fiveg_division_coverage"][0] == pytest.approx(400 / 97)
    # pilots F1, F3 + one blank → at least 2; share 2 / 5 = 40%, at least
    assert out["fiveg_national_pilots"] == (2.0, "at_least")
    assert out["fiveg_national_pilot_share"] == (40.0, "at_least")


def test_per_section_lists_every_section(ledger):
    out = fiveg_coverage(ledger, by="section")
    assert sorted(out["section"].unique()) == list("ABCDEFGHIJKLMNOPQRST")
    # C: 13 and 38 → 2 of 31 = 6.45%; A: 01 → 1 of 5 = 20%; P: 83 → 1 of 1 = 100%; B: 0
    assert by_measure(out, section="C")["fiveg_section_coverage"][0] == pytest.approx(200 / 31)
    assert by_measure(out, section="A")["fiveg_section_coverage"][0] == pytest.approx(20.0)
    assert by_measure(out, section="P")["fiveg_section_coverage"][0] == pytest.approx(100.0)
    assert by_measure(out, section="B")["fiveg_divisions_covered"] == (0.0, "exact")


def test_by_year(ledger):
    out = fiveg_coverage(ledger, by="year")
    # 2023: F3 (13), F4 (38) → 2 divisions
    assert by_measure(out, year=2023)["fiveg_divisions_covered"] == (2.0, "exact")


def test_coverage_over_time_is_cumulative(ledger):
    out = fiveg_coverage_over_time(ledger, by=())
    covered = out[out.measure == "fiveg_divisions_covered"].set_index("year")["value"]
    # 2022: {13, 01}; 2023 adds 38 (13 again); 2024 adds 83 → 2, 3, 4
    assert covered.to_dict() == {2022: 2.0, 2023: 3.0, 2024: 4.0}
    cases = out[out.measure == "fiveg_cases"].set_index("year")["value"]
    assert cases.to_dict() == {2022: 2.0, 2023: 4.0, 2024: 5.0}


def test_compare_with_national_milestones(ledger):
    over_time = fiveg_coverage_over_time(ledger, by=())
    out = compare_with_national(over_time, miit_5g_milestones()).set_index("year")
    # by end-2022 the latest MIIT figure is 40 of 97 (mid-2022); end-2023: 67; end-2024: 74
    assert out.loc[2022, "national_coverage"] == pytest.approx(4000 / 97)
    assert out.loc[2023, "national_coverage"] == pytest.approx(6700 / 97)
    assert out.loc[2024, "national_coverage"] == pytest.approx(7400 / 97)
    # gap 2024: 4/97 − 74/97 = −70/97 percentage points ×100
    assert out.loc[2024, "gap"] == pytest.approx(-7000 / 97)


def test_division_codes_are_normalised(make_ledger):
    ledger = make_ledger(fiveg_cases=[fiveg_case("F1", "1", 2023), fiveg_case("F2", " 01", 2023)])
    assert by_measure(fiveg_coverage(ledger, by=()))["fiveg_divisions_covered"] == (1.0, "exact")


def test_unknown_division_is_a_user_error(make_ledger):
    ledger = make_ledger(fiveg_cases=[fiveg_case("F1", "99", 2023)])
    with pytest.raises(UserError, match="99"):
        fiveg_coverage(ledger)


def test_statistics_jiangxi(seed_quotes):
    # Jiangxi (seed 001): 826 cases covering 50余 of the 97 divisions; 67 national pilots.
    seed_quotes(
        "001",
        "826个“5G+”行业应用案例",
        "覆盖国民经济97个大类中的50余个",
        "67个项目入选国家级试点示范",
    )
    stats = pd.DataFrame(
        {
            "programme": ["江西03专项成果转化试点"] * 3,
            "period": ["2023"] * 3,
            "measure": ["fiveg_cases", "fiveg_divisions_covered", "fiveg_national_pilots"],
            "value": [826.0, 50.0, 67.0],
            "qualifier": ["exact", "at_least", "exact"],
            "source": ["001_3a6f9fdd2998bf3d.txt"] * 3,
        }
    )
    out = fiveg_coverage(stats).set_index("measure")
    # 50余 ÷ 97 = 51.546…% → "≥ 51.5%", still a lower bound
    assert out.loc["fiveg_division_coverage", "value"] == pytest.approx(5000 / 97)
    assert out.loc["fiveg_division_coverage", "value"] >= 51.5
    assert out.loc["fiveg_division_coverage", "qualifier"] == "at_least"
    # 67 ÷ 826 = 8.11% exact
    assert out.loc["fiveg_national_pilot_share", "value"] == pytest.approx(6700 / 826)
    assert out.loc["fiveg_national_pilot_share", "qualifier"] == "exact"
