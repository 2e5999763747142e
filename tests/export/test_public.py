"""Tests for the public face of analysis.export."""

import subprocess
import sys

import pytest

import analysis.export
from analysis.export import (
    atomic_path,
    save_workbook,
    write_form,
    write_ledger_workbook,
    write_table,
    write_template,
    write_text_atomic,
)


def test_public_names_come_from_their_modules():
    assert atomic_path.__module__ == write_text_atomic.__module__ == "analysis.export.safe"
    assert save_workbook.__module__ == write_table.__module__ == "analysis.export.xlsx"
    assert write_ledger_workbook.__module__ == "analysis.export.ledger_workbook"
    assert write_template.__module__ == "analysis.export.ledger_workbook"
    assert write_form.__module__ == "analysis.export.form"
    assert set(analysis.export.__all__) <= set(dir(analysis.export))


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = analysis.export.nothing


def test_safe_writers_stay_light():
    # figures and the reports import export.safe; that must not load openpyxl or assessment.
    code = (
        "import sys, analysis.export.safe; "
        "print(sorted(m for m in ('openpyxl', 'analysis.assessment') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
