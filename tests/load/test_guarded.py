"""Tests for analysis.load.guarded: an .ods or .xls read in a child with a memory limit."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from analysis.errors import UserError
from analysis.load import guarded
from analysis.load.guarded import read_guarded

CORPUS = Path(__file__).resolve().parents[1] / "bad_inputs"


def _make_corpus():
    spec = importlib.util.spec_from_file_location("guarded_make_corpus", CORPUS / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and RLIMIT_AS only")


def test_child_reads_what_calamine_reads(tmp_path: Path) -> None:
    corpus = _make_corpus()
    path = tmp_path / "events.ods"
    path.write_bytes(corpus.ods_bytes(corpus.ods_rows([["编号", "人数"], ["E1", 300]])))
    book = read_guarded(path, "ods", by_name=True)
    assert [m.name for m in book.sheets_metadata] == ["活动"]
    assert book.get_sheet_by_name("活动").to_python() == [["编号", "人数"], ["E1", 300.0]]


def test_a_reader_over_its_memory_is_a_user_error_not_a_dead_process(
    tmp_path: Path, monkeypatch
) -> None:
    # 2 million rows of one cell fit calamine's own cell limit but not 16 MiB of memory.
    corpus = _make_corpus()
    rows = (
        '<table:table-row table:number-rows-repeated="2000000">'
        + corpus._ods_cell(1)
        + "</table:table-row>"
    )
    path = tmp_path / "big.ods"
    path.write_bytes(corpus.ods_bytes(rows))
    monkeypatch.setattr(guarded, "MEMORY_BUDGET", 16 * 2**20)
    with pytest.raises(UserError, match=r"memory|内存"):
        read_guarded(path, "ods", by_name=True)
