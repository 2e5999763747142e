"""Analysts' own ledgers (tests/data/ledgers), unchanged, give their hand-computed totals.

Each workbook imitates a ledger someone else made (titles above the header, units in the
title, 合计 and footer rows, one deal sheet with a status column, mode words, merged
cells); its ``.expected.toml`` was written by hand from the typed cells before the loader
ran on it (see tests/data/ledgers/README.md). Totals go through ``python -m analysis
indicators``, as a user would get them.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from analysis.load import load_ledger
from analysis.schema import CONTRACT_TYPES, CONVERSION_MODES, EVENT_TYPES

LEDGERS = Path(__file__).resolve().parents[1] / "data" / "ledgers"
CASES = sorted(LEDGERS.glob("*.expected.toml"))


def _expected(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _ledger_path(case: Path, expected: dict) -> Path:
    return LEDGERS / expected["file"]


@pytest.fixture(scope="module", params=CASES, ids=lambda p: p.name.removesuffix(".expected.toml"))
def case(request):
    expected = _expected(request.param)
    path = _ledger_path(request.param, expected)
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "indicators", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    # 0, or 1 where the ledger has rows a careful reader cannot read either (exit_code).
    assert done.returncode == expected.get("exit_code", 0), done.stderr
    table = pd.read_csv(io.StringIO(done.stdout), keep_default_na=False, na_values=[""])
    return expected, path, table


def _programmes(expected: dict) -> list[str]:
    block = expected["programme"]
    return block["names"] if "names" in block else [block["name"]]


def _section(expected: dict, key: str, programme: str) -> dict | None:
    block = expected.get(key)
    if block is None:
        return None
    return block.get(programme, block)


def _value(table: pd.DataFrame, programme: str, measure: str, breakdown: str | None = None):
    rows = table[(table["programme"] == programme) & (table["measure"] == measure)]
    rows = (
        rows[rows["breakdown"].isna()]
        if breakdown is None
        else rows[rows["breakdown"] == breakdown]
    )
    # A one-year ledger has one period (its year); there must be exactly one row.
    assert len(rows) == 1, (programme, measure, breakdown, rows)
    return float(rows["value"].iloc[0]), rows["qualifier"].iloc[0]


def test_the_programmes_are_named_as_a_person_reads_them(case):
    expected, _, table = case
    assert sorted(table["programme"].unique()) == sorted(_programmes(expected))


def test_deals_by_stage_and_value(case):
    expected, _, table = case
    for programme in _programmes(expected):
        deals = _section(expected, "deals", programme)
        if deals is None:
            continue
        everything = (
            deals["intention"] + deals["signed_not_landed"] + deals["landed"] + deals["terminated"]
        )
        assert _value(table, programme, "deals_intention")[0] == everything
        assert _value(table, programme, "deals_signed")[0] == deals["signed_total_count"]
        assert _value(table, programme, "deals_converted")[0] == deals["landed"]
        value, qualifier = _value(table, programme, "deal_value")
        assert value == pytest.approx(deals["contract_value_wan"] * 1e4)
        assert qualifier == deals.get("contract_value_qualifier", "exact")
        landed, _ = _value(table, programme, "converted_value")
        assert landed == pytest.approx(deals["landed_value_wan"] * 1e4)


def test_deals_by_mode_and_contract_type(case):
    expected, _, table = case
    for programme in _programmes(expected):
        deals = _section(expected, "deals", programme)
        if deals is None:
            continue
        labels = {**CONVERSION_MODES, **CONTRACT_TYPES}
        wanted = {**deals.get("by_mode", {}), **deals.get("by_contract_type", {})}
        for code, count in wanted.items():
            rows = table[
                (table["programme"] == programme)
                & (table["measure"] == "deals_signed")
                & (table["breakdown"] == labels[code])
            ]
            got = float(rows["value"].sum()) if len(rows) else 0.0
            assert got == count, (programme, code)


def test_events_and_attendees(case):
    expected, _, table = case
    for programme in _programmes(expected):
        events = _section(expected, "events", programme)
        if events is None:
            continue
        assert _value(table, programme, "events_held")[0] == events["count"]
        attendees, qualifier = _value(table, programme, "attendees_onsite")
        assert attendees == events["attendees"]
        # A sum with an approximate figure in it is approximate; else "at least" wins.
        if events.get("attendees_approx"):
            assert qualifier == "approx"
        elif events.get("attendees_at_least"):
            assert qualifier == "at_least"
        for code, count in events.get("by_type", {}).items():
            got, _ = _value(table, programme, "events_held", EVENT_TYPES[code])
            assert got == count, (programme, code)


def test_budget_planned_and_spent(case):
    expected, _, table = case
    for programme in _programmes(expected):
        budget = _section(expected, "budget", programme)
        if budget is None:
            continue
        assert _value(table, programme, "budget_planned")[0] == pytest.approx(
            budget["planned_wan"] * 1e4
        )
        assert _value(table, programme, "budget_spent")[0] == pytest.approx(
            budget["spent_wan"] * 1e4
        )


def test_every_row_is_accounted_for_and_every_skipped_row_named(case):
    expected, path, _ = case
    report = load_ledger(path).report
    for sheet in expected["sheets"]:
        if sheet["table"] in ("empty", "none"):
            continue
        name = sheet["sheet"]
        counts = [c for c in report.counts.values() if name in (c.sheet, c.file)]
        assert len(counts) == 1, (name, report.summary())
        count = counts[0]
        assert count.rows_accepted == sheet["data_rows"], name
        rejected = sorted({r.row for r in report.rejections if name in (r.sheet, r.file)})
        assert rejected == sheet.get("rejected_rows", []), (name, report.problems())
        skipped = [s.row for s in report.skipped if name in (s.sheet, s.file)]
        assert skipped == [s["row"] for s in sheet.get("skipped", [])], name
        assert count.rows_read == count.rows_accepted + count.rows_rejected + count.rows_skipped
