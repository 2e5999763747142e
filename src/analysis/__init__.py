"""Evaluate regional technology-transfer programmes (科技成果转化评估)."""

from __future__ import annotations

import importlib

from analysis.quantities import Quantity, QuantityError, parse_quantity

# Heavier entry points load on first use, so `import analysis` stays cheap.
_LAZY = {
    "load_ledger": "analysis.load",
    "load_statistics": "analysis.load",
    "LedgerError": "analysis.load",
    "Ledger": "analysis.ledger",
    "extract_statistics": "analysis.extract",
    "score_indicator": "analysis.assessment",
    "assess": "analysis.assessment",
}

__all__ = ["Quantity", "QuantityError", "parse_quantity", *_LAZY]


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
