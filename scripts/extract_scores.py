"""Print precision, recall and qualifier accuracy of the extractor on the annotated seeds.

Usage: ``PYTHONPATH=src python scripts/extract_scores.py [--seeds DIR] [-v]``
(the same as ``python -m analysis.extract_eval``).
"""

from analysis.extract_eval import main

if __name__ == "__main__":
    raise SystemExit(main())
