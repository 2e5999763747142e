"""Print precision, recall and qualifier accuracy of the extractor on the annotated seeds.

Usage: ``PYTHONPATH=src python scripts/extract_scores.py [--seeds DIR] [-v]``
(the same as ``python -m analysis.devtools.extract_scores``).
"""

from analysis.devtools.extract_scores import main

if __name__ == "__main__":
    raise SystemExit(main())
