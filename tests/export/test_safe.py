"""Tests for analysis.export.safe: formula-proof text and refusing to overwrite inputs."""

import pytest
from openpyxl import Workbook

from analysis.errors import UserError
from analysis.export.safe import (
    FORMULA_TRIGGERS,
    csv_text,
    is_formula_like,
    refuse_overwriting_inputs,
    set_text_cell,
)


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_every_trigger_is_formula_like_and_neutralised(trigger):
    text = f"{trigger}1+1"
    assert is_formula_like(text)
    assert csv_text(text) == "'" + text
    cell = Workbook().active["A1"]
    set_text_cell(cell, text)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_plain_text_and_numbers_are_left_alone():
    assert not is_formula_like("签约35项") and csv_text("签约35项") == "签约35项"
    assert csv_text(-5) == -5
    cell = Workbook().active["A1"]
    set_text_cell(cell, 3.5)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (3.5, "n", False)


def test_output_may_not_be_an_input(tmp_path):
    ledger = tmp_path / "ledger.xlsx"
    refuse_overwriting_inputs(None, ledger)
    refuse_overwriting_inputs(tmp_path / "report.csv", ledger, None)
    with pytest.raises(UserError, match="覆盖"):
        refuse_overwriting_inputs(tmp_path / "sub" / ".." / "ledger.xlsx", None, ledger)
