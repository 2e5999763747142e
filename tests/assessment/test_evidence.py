"""Evidence behind each actual: ledger rows, a statistics row with its quote, or typed."""

import pytest

from analysis import paths
from analysis.assessment import assess
from analysis.assessment.evidence import EVIDENCE_COLUMNS, evidence
from analysis.assessment.inputs import programme_info
from analysis.indicators._common import year_of
from analysis.load import load_ledger, load_statistics, load_table


@pytest.fixture(scope="module")
def sample():
    ledger = load_ledger(paths.SAMPLE_LEDGER)
    return ledger, assess(ledger)


def test_ledger_actuals_name_their_rows(sample):
    ledger, result = sample
    table = evidence(result, ledger)
    assert list(table.columns) == list(EVIDENCE_COLUMNS)
    by_id = table.set_index("indicator_id")
    # T01 counts the programme's 2023 events: the rows named are exactly those events.
    events = ledger.events[year_of(ledger.events) == 2023]
    first, last = int(events["_row"].min()), int(events["_row"].max())
    assert by_id.loc["T01", "kind"] == "台账"
    assert by_id.loc["T01", "where"] == f"sample_ledger.xlsx［活动］第 {first}–{last} 行（107 行）"
    assert len(events) == 107  # the 107场 on the form
    # Typed actuals point at their row of the 绩效目标 sheet.
    typed = ledger.targets.set_index("indicator_id").loc["T11", "_row"]
    assert by_id.loc["T11", "where"] == f"sample_ledger.xlsx［绩效目标］第 {typed} 行"
    assert by_id.loc["T11", "kind"] == "填写"
    # Every actual has a source, and the budget figures close the table.
    assert (table["kind"] != "").all()
    assert table["indicator_id"].tolist()[-2:] == ["预算执行", "预算执行"]


def test_seed_actuals_carry_their_quote():
    if not paths.SEED_STATISTICS_CSV.is_file():
        pytest.skip("seed statistics not found")
    stats = load_statistics(paths.SEED_STATISTICS_CSV)
    targets = load_table(paths.SEEDS / "targets" / "csaa_low_altitude_2023.csv", "targets")
    info = programme_info(
        load_table(paths.SEEDS / "targets" / "programmes.csv", "programmes"),
        "csaa_low_altitude_2023",
    )
    result = assess(stats, targets, info=info)
    table = evidence(result, stats, targets=targets)
    quoted = table[table["kind"] == "统计表"]
    assert len(quoted) >= 3
    seed_file = paths.SHARED_SEEDS / "000_e7fb6761fbfb5854.txt"
    if not seed_file.is_file():
        pytest.skip(f"seed report not found: {seed_file}")
    seed = seed_file.read_text(encoding="utf-8")
    # Each quote is verbatim from the seed report it names.
    for row in quoted.itertuples():
        assert row.where == "000_e7fb6761fbfb5854.txt"
        assert row.quote and row.quote in seed
