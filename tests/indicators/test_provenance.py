"""Traces of rolled-up figures: the rows named give back the very figure the rollup made."""

import math
from pathlib import Path

import pandas as pd
import pytest

from analysis.indicators import rollup
from analysis.indicators.provenance import Tracer, rows_text, trace
from analysis.ledger import Ledger
from analysis.load import load_ledger

ROOT = Path(__file__).parents[2]
LEDGERS = sorted(
    [ROOT / "data" / "sample" / "sample_ledger.xlsx"]
    + [p for p in (ROOT / "tests" / "data" / "ledgers").iterdir() if p.suffix == ".xlsx"]
    + [p for p in (ROOT / "tests" / "data" / "ledgers").iterdir() if p.name.endswith("_csv")]
)


@pytest.mark.parametrize("path", LEDGERS, ids=lambda p: p.name)
def test_every_traced_total_equals_the_rollup(path):
    # The rollup and the trace compute each figure separately; they must agree on every
    # programme, period and measure the trace covers, on ledgers in other people's layouts.
    ledger = load_ledger(path)
    totals = rollup(ledger)
    totals = totals[totals["breakdown"] == ""]
    checked, tracer = 0, Tracer(ledger)
    for row in totals.itertuples():
        found = tracer.trace(row.measure, row.programme, row.period)
        if found is None:
            continue
        assert found.value is not None, (row.measure, row.period)
        assert math.isclose(found.value, row.value, rel_tol=1e-9), (row.measure, row.period)
        checked += 1
    assert checked or totals.empty


def test_rows_and_rule_by_hand():
    # Two symposia and a roadshow of P in 2023, one without attendance; Q's row is not P's.
    events = pd.DataFrame(
        {
            "programme": ["P", "P", "P", "Q"],
            "year": [2023, 2023, 2022, 2023],
            "event_type": ["symposium", "symposium", "roadshow", "symposium"],
            "attendees_onsite": [120.0, None, 80.0, 9.0],
            "_row": [5, 6, 7, 8],
        }
    )
    ledger = Ledger(events=events)
    assert trace(ledger, "symposia", "P", "2023").rows == (5, 6)
    assert trace(ledger, "events_held", "P", "2022-2023").value == 3.0
    per_event = trace(ledger, "attendees_onsite_per_event", "P", "2022-2023")
    assert (per_event.value, per_event.rows) == (100.0, (5, 7))  # (120 + 80) ÷ 2
    assert trace(ledger, "top10_share", "P", "2023") is None


def test_rows_text_runs():
    assert rows_text((3, 4, 5, 7, 10, 11)) == "3–5、7、10–11"
    assert rows_text(()) == "无"
