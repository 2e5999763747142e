"""Tests for analysis.indicators.funnel.deal_stages: days from signing to first landing."""

import pandas as pd
import pytest

from analysis.indicators.funnel import deal_stages
from analysis.ledger import Ledger


def stages(signed_on, landed_on):
    signings = pd.DataFrame(
        {
            "signing_id": ["S1"],
            "stage": ["signed"],
            "date": pd.to_datetime([signed_on]),
        }
    )
    conversions = pd.DataFrame(
        {"signing_id": ["S1"], "date": pd.to_datetime([landed_on]), "value": [1.0]}
    )
    return deal_stages(Ledger(signings=signings, conversions=conversions))


def test_landing_before_signing_is_negative_days():
    # Recorded landing 2023-03-01, nine days before the 2023-03-10 signing: -9 (kept, not
    # dropped or clipped; current behaviour).
    got = stages("2023-03-10", "2023-03-01")
    assert got["days_to_conversion"].tolist() == [-9.0]
    assert bool(got["converted"].iloc[0])


@pytest.mark.parametrize(
    ("signed_on", "landed_on", "days"),
    [
        # -9.5 days: floored to -10, as pd.Timedelta("-9.5D").days == -10 (not truncated to -9)
        ("2023-03-10 12:00", "2023-03-01", -10.0),
        # +8.5 days: floored to 8
        ("2023-03-01 12:00", "2023-03-10", 8.0),
    ],
)
def test_days_are_floored_like_timedelta_days(signed_on, landed_on, days):
    expected = (pd.Timestamp(landed_on) - pd.Timestamp(signed_on)).days
    assert expected == days  # the hand value agrees with Timedelta.days
    assert stages(signed_on, landed_on)["days_to_conversion"].tolist() == [days]
