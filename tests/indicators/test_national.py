"""Tests for analysis.indicators.national: mean deal by mode against the national mean."""

import pandas as pd
import pytest

from analysis.indicators.national import against_national, national_means


def test_national_means_by_mode():
    m = national_means().set_index(["period", "breakdown"])
    # shared/domain.md: 2023 转让 46.1万, 许可 63.5万, 作价投资 946.0万 (元 in the table)
    assert m.loc[("2023", "转让"), "national_mean"] == 46.1e4
    assert m.loc[("2023", "作价投资"), "national_contracts"] == 472


def test_only_the_same_year_and_the_three_modes():
    s = pd.DataFrame(
        {
            "programme": "P",
            "period": ["2023", "2023", "2021-2023", "2023"],
            "measure": "deal_value_mean",
            "breakdown": ["作价投资", "合作实施", "转让", ""],
            "value": [473e4, 100e4, 40e4, 80e4],
            "qualifier": "exact",
            "source": "s",
        }
    )
    out = against_national(s)
    # 合作实施 has no national counterpart, a span none, a total none: one row left
    assert out["breakdown"].tolist() == ["作价投资"]
    # 473万 ÷ 946万 = 50 %
    assert out["vs_national_pct"].iloc[0] == pytest.approx(50.0)
    assert out["national_source"].iloc[0].startswith("中国科技成果转化2024年度报告")
