"""Regenerate data/sample/sample_ledger.xlsx and data/templates/ledger_template.xlsx.

Run from the repository root::

    PYTHONPATH=src python scripts/make_sample_data.py

The output is byte-for-byte reproducible (seed 20231028, fixed workbook times).
"""

from analysis.devtools.synthetic import main

if __name__ == "__main__":
    raise SystemExit(main())
