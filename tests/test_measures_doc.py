"""Tests that docs/measures.md documents exactly the codes of analysis.measures."""

from __future__ import annotations

import re

from analysis.measures import MEASURES
from analysis.paths import ROOT

DOC = ROOT / "docs" / "measures.md"
ROW = re.compile(r"^\| `(?P<code>[a-z0-9_]+)` \| (?P<rest>.*) \|$")


def _documented() -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    # the column table of the statistics table comes first and has the same shape
    text = DOC.read_text(encoding="utf-8").split("\n## Measure codes\n", 1)[1]
    for line in text.splitlines():
        match = ROW.match(line)
        if match:
            assert match["code"] not in rows, f"{match['code']} documented twice"
            rows[match["code"]] = [cell.strip() for cell in match["rest"].split(" | ")]
    return rows


def test_every_code_is_documented_once_and_nothing_else():
    assert sorted(_documented()) == sorted(MEASURES)


def test_labels_unit_and_group_agree_with_the_code():
    for code, cells in _documented().items():
        m = MEASURES[code]
        assert cells[:4] == [m.zh, m.en, str(m.unit), m.group], code
        # definition, origin, seed figures and caveats are all filled in
        assert len(cells) == 8 and all(cells[4:]), code
