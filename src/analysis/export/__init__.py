"""Everything written for a person to open: atomic, formula-proof writes, workbooks, forms."""

from __future__ import annotations

import importlib

# Loaded on first use, so that ``analysis.export.safe`` (used by figures and the reports)
# does not pull in openpyxl and the assessment.
_PUBLIC = {
    "atomic_path": "analysis.export.safe",
    "write_text_atomic": "analysis.export.safe",
    "refuse_overwriting_inputs": "analysis.export.safe",
    "save_workbook": "analysis.export.xlsx",
    "write_table": "analysis.export.xlsx",
    "write_ledger_workbook": "analysis.export.ledger_workbook",
    "write_template": "analysis.export.ledger_workbook",
    "write_form": "analysis.export.form",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> object:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'analysis.export' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
