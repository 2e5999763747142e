"""budget_execution(stages=...) reuses a deal_stages computed once for several views."""

import pandas as pd

from analysis.indicators import budget_execution, deal_stages
from analysis.ledger import Ledger


def _ledger():
    budget = pd.DataFrame(
        {"year": [2023, 2023], "phase": ["一", "二"], "planned": [6e5, 4e5], "spent": [5e5, 3e5]}
    )
    signings = pd.DataFrame(
        {
            "signing_id": ["S1", "S2", "S3"],
            "stage": ["signed", "intention", "intention"],
            "date": pd.to_datetime(["2023-01-05", "2023-02-01", "2023-03-01"]),
            "year": [2023, 2023, 2023],
            "value": [2e6, 1e6, None],
            "value_qualifier": ["exact", "exact", None],
        }
    )
    # S2 landed, so it counts as signed: two signed deals worth 3,000,000 yuan
    conversions = pd.DataFrame(
        {
            "signing_id": ["S2"],
            "date": pd.to_datetime(["2023-06-01"]),
            "value": [5e5],
            "value_qualifier": ["exact"],
        }
    )
    return Ledger(budget=budget, signings=signings, conversions=conversions)


def test_stages_give_the_same_table_and_hand_computed_costs():
    ledger = _ledger()
    direct = budget_execution(ledger, by="year")
    reused = budget_execution(ledger, by="year", stages=deal_stages(ledger))
    pd.testing.assert_frame_equal(direct, reused)
    total = reused[reused["phase"] == ""].set_index("measure")["value"]
    # spent 800,000 yuan ÷ 2 signed deals = 400,000; ÷ (3,000,000 / 10,000) = 2,666.67
    assert total["cost_per_deal"] == 400_000.0
    assert round(total["cost_per_10k_deal_value"], 2) == 2666.67
