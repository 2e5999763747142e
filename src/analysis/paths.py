"""Where bundled data, figures and reports live; every path is overridable."""

from __future__ import annotations

import os
from pathlib import Path

#: Repository root when running from a checkout (``src/analysis/paths.py`` → three levels up).
ROOT = Path(os.environ.get("ANALYSIS_ROOT", Path(__file__).resolve().parents[2]))


def _dir(env: str, default: Path) -> Path:
    value = os.environ.get(env)
    return Path(value) if value else default


#: Bundled data: reference tables, seed statistics, the sample ledger, templates.
DATA = _dir("ANALYSIS_DATA", ROOT / "data")
REFERENCE = DATA / "reference"
SEEDS = DATA / "seeds"
SAMPLE = DATA / "sample"
TEMPLATES = DATA / "templates"
#: Committed figures written by the notebooks.
FIGURES = _dir("ANALYSIS_FIGURES", ROOT / "figures")
#: Executed notebooks, assessment workbooks and summaries.
REPORTS = _dir("ANALYSIS_REPORTS", ROOT / "reports")
NOTEBOOKS = ROOT / "notebooks"
#: The five seed reports (Chinese texts), kept outside the repository.
SHARED_SEEDS = _dir("ANALYSIS_SHARED_SEEDS", ROOT.parent / "shared" / "seeds")

DIVISIONS_CSV = REFERENCE / "gbt4754_2017_divisions.csv"
SEED_STATISTICS_CSV = SEEDS / "statistics.csv"
SAMPLE_LEDGER = SAMPLE / "sample_ledger.xlsx"
SEED_PROGRAMMES_CSV = SEEDS / "programmes.csv"
LEDGER_TEMPLATE = TEMPLATES / "ledger_template.xlsx"
