"""Print precision, recall and qualifier accuracy of the extractor on the annotated texts.

Usage: ``PYTHONPATH=src python scripts/extract_scores.py [--seeds DIR] [--parts dev] [-v]``. The
ground truth is in ``tests/data/extract`` (seed texts), ``tests/data/extract/own_texts`` (our own
texts) and ``tests/data/extract/corpus/{dev,heldback}`` (reports with tables, each with its Word
and PDF versions, scored separately); ``python -m analysis.devtools.extract_scores --gold DIR
--own DIR --corpus DIR`` takes any other folders.
"""

import sys
from pathlib import Path

from analysis.devtools.extract_scores import main

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "extract"

if __name__ == "__main__":
    args = ["--gold", str(GOLD), "--own", str(GOLD / "own_texts"), "--corpus", str(GOLD / "corpus")]
    raise SystemExit(main([*args, *sys.argv[1:]]))
