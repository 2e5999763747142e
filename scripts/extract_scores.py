"""Print precision, recall and qualifier accuracy of the extractor on the annotated texts.

Usage: ``PYTHONPATH=src python scripts/extract_scores.py [--seeds DIR] [-v]``. The ground truth
is in ``tests/data/extract`` (seed texts) and ``tests/data/extract/own_texts`` (our own texts);
``python -m analysis.devtools.extract_scores --gold DIR --own DIR`` takes any other folders.
"""

import sys
from pathlib import Path

from analysis.devtools.extract_scores import main

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "extract"

if __name__ == "__main__":
    raise SystemExit(main(["--gold", str(GOLD), "--own", str(GOLD / "own_texts"), *sys.argv[1:]]))
