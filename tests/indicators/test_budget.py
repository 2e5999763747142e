"""Tests for analysis.indicators.budget."""

import pandas as pd
import pytest

from analysis.errors import UserError
from analysis.indicators import budget_execution

from .conftest import budget_line, by_measure, event, signing

PHASES = ["第一阶段", "第二阶段", "第三阶段", "第四阶段", "第五阶段"]


@pytest.fixture
def ledger(make_ledger):
    # CSAA-like plan: 2/2/5/10/1 万 planned; 2/2/4/10/(blank = nothing spent) 万 spent
    planned = [2e4, 2e4, 5e4, 10e4, 1e4]
    spent = [2e4, 2e4, 4e4, 10e4, None]
    return make_ledger(
        budget=[
            budget_line(str(i), phase, p, spent=s)
            for i, (phase, p, s) in enumerate(zip(PHASES, planned, spent, strict=True))
        ],
        events=[
            event(
                "E1",
                "会",
                "conference",
                "2023-10-28",
                attendees_onsite=300,
                attendees_onsite_qualifier="approx",
            )
        ],
        signings=[
            signing("S1", "signed", "transfer", "2023-10-28", title="a", value=1e6),
            signing("S2", "signed", "licence", "2023-10-28", title="b", value=2e6),
        ],
    )


def test_totals_and_rates(ledger):
    out = budget_execution(ledger)
    total = by_measure(out, phase="")
    # planned 20万; spent 2+2+4+10+0 = 18万; rate 90%
    assert total["budget_planned"] == (2e5, "exact")
    assert total["budget_spent"] == (1.8e5, "exact")
    assert total["budget_execution_rate"] == (90.0, "exact")
    # phases keep ledger order, total first
    assert list(dict.fromkeys(out["phase"])) == ["", *PHASES]


def test_phase_rates_and_shares(ledger):
    out = budget_execution(ledger)
    rates = [by_measure(out, phase=p)["budget_execution_rate"][0] for p in PHASES]
    # 2/2, 2/2, 4/5, 10/10, 0/1
    assert rates == [100.0, 100.0, 80.0, 100.0, 0.0]
    shares = [by_measure(out, phase=p)["budget_phase_share"][0] for p in PHASES]
    # 2/20, 2/20, 5/20, 10/20, 1/20
    assert shares == pytest.approx([10.0, 10.0, 25.0, 50.0, 5.0])


def test_cost_per_output(ledger):
    total = by_measure(budget_execution(ledger), phase="")
    # spent 180,000 ÷ 近300 attendees = 600 yuan per person, approximate
    assert total["cost_per_attendee"] == (600.0, "approx")
    # 180,000 ÷ 2 signed deals = 90,000 exact
    assert total["cost_per_deal"] == (90000.0, "exact")
    # 180,000 ÷ (3,000,000 ÷ 10,000) = 600 yuan per 10,000 yuan of deal value
    assert total["cost_per_10k_deal_value"] == (600.0, "exact")
    planned = by_measure(budget_execution(ledger, basis="planned"), phase="")
    # 200,000 ÷ 300 = 666.67
    assert planned["cost_per_attendee"][0] == pytest.approx(666.6667, abs=1e-3)


def test_by_programme_and_year(ledger):
    out = budget_execution(ledger, by=("programme", "year"))
    assert list(out.columns[:3]) == ["programme", "year", "phase"]
    assert by_measure(out, year=2023, phase="")["cost_per_deal"][0] == 90000.0


def test_bad_basis_is_a_user_error(ledger):
    with pytest.raises(UserError, match="basis"):
        budget_execution(ledger, basis="actual")


def csaa_statistics(with_total=True):
    rows = [("budget_planned", "", 2e5)] if with_total else []
    rows += [
        ("budget_planned", p, v) for p, v in zip(PHASES, [2e4, 2e4, 5e4, 10e4, 1e4], strict=True)
    ]
    rows += [("attendees_onsite", "", 300.0)]
    return pd.DataFrame(
        {
            "programme": "CSAA低空经济产学融合会议",
            "period": "2023",
            "measure": [r[0] for r in rows],
            "breakdown": [r[1] for r in rows],
            "value": [r[2] for r in rows],
            "qualifier": ["approx" if r[0] == "attendees_onsite" else "exact" for r in rows],
            "source": "000_e7fb6761fbfb5854.txt",
        }
    )


def test_statistics_csaa_phases(seed_quotes):
    # CSAA (seed 000): budget 共20万 in five phases of 2/2/5/10/1 万.
    seed_quotes(
        "000",
        "经费预算（共20万）",
        "组织开展专家考察调研，2万",
        "会前宣传及会务对接，2万",
        "与当地相关部门对接，5万",
        "产学融合会议，10万",
        "形成总结报告，1万",
    )
    out = budget_execution(csaa_statistics(), basis="planned")
    planned = out[out.measure == "budget_planned"].set_index("breakdown")["value"]
    # the five phases add up to the reported total: 2+2+5+10+1 = 20万
    assert planned.drop("").sum() == planned[""] == 2e5
    shares = out[out.measure == "budget_phase_share"].set_index("breakdown")["value"]
    assert shares.reindex(PHASES).tolist() == pytest.approx([10.0, 10.0, 25.0, 50.0, 5.0])
    # no spending is reported, so no execution rate is invented
    assert "budget_execution_rate" not in set(out["measure"])
    # cost per attendee on the planned basis: 200,000 ÷ 近300 = 666.67, approx
    cost = out[out.measure == "cost_per_attendee"].iloc[0]
    assert cost["value"] == pytest.approx(2e5 / 300)
    assert cost["qualifier"] == "approx"


def test_statistics_total_is_summed_from_phases():
    out = budget_execution(csaa_statistics(with_total=False))
    total = out[(out.measure == "budget_planned") & (out.breakdown == "")]
    # no total reported: 2+2+5+10+1 = 20万, exact phases → exact total
    assert total["value"].tolist() == [2e5]
    assert total["qualifier"].tolist() == ["exact"]
    shares = out[out.measure == "budget_phase_share"]
    assert len(shares) == 5


def test_statistics_execution_rate():
    stats = pd.DataFrame(
        {
            "programme": ["P", "P"],
            "period": ["2023", "2023"],
            "measure": ["budget_planned", "budget_spent"],
            "value": [2e5, 1.9e5],
            "qualifier": ["exact", "approx"],
            "source": ["s", "s"],
        }
    )
    row = budget_execution(stats).set_index("measure").loc["budget_execution_rate"]
    # 约19万 ÷ 20万 = 95%, approximate
    assert (row["value"], row["qualifier"]) == (95.0, "approx")
