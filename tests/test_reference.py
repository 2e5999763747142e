"""Tests for analysis.reference: bundled GB/T 4754-2017 divisions and MIIT milestones."""

import pytest

from analysis.errors import UserError
from analysis.reference import divisions, miit_5g_milestones


def test_divisions_shape():
    d = divisions()
    # GB/T 4754-2017: 97 two-digit divisions in 20 sections A–T; manufacturing C has 31 (13–43)
    assert len(d) == 97 and d["division_code"].is_unique
    assert d["section_code"].nunique() == 20
    assert (d["section_code"] == "C").sum() == 31
    assert d["division_code"].iloc[-1] == "97"


def test_divisions_is_a_copy():
    # the table is cached; a caller editing its copy must not change what the next caller gets
    first = divisions()
    first.loc[0, "division_name"] = "changed"
    assert divisions().loc[0, "division_name"] == "农业"


def test_miit_milestones_match_the_domain_brief():
    m = miit_5g_milestones()
    # shared/domain.md: 40 of 97 (mid-2022), 67 (Sep 2023), 74 (Jun 2024), 91 (Nov 2025)
    assert m["divisions_covered"].tolist() == [40, 67, 74, 91]
    assert m["date"].dt.strftime("%Y-%m").tolist() == ["2022-06", "2023-09", "2024-06", "2025-11"]
    assert m["coverage"].iloc[0] == pytest.approx(4000 / 97)
    assert m["source"].str.len().min() > 0


def test_missing_reference_file_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="参考表"):
        miit_5g_milestones(tmp_path / "none.csv")
