"""Print precision, recall and qualifier accuracy of the extractor on the annotated seeds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from analysis.extract import extract_statistics
from analysis.extract_eval import Score, score_extraction
from analysis.paths import ROOT, SHARED_SEEDS

GOLD = ROOT / "tests" / "data" / "extract"


def read_gold(path: Path) -> pd.DataFrame:
    """Read one ground-truth CSV (quantity_text, start, end, value, unit, qualifier, what)."""
    return pd.read_csv(path, dtype={"quantity_text": "str", "unit": "str", "what": "str"})


def seed_scores(seeds: Path = SHARED_SEEDS, gold_dir: Path = GOLD) -> dict[str, Score]:
    """Score every annotated seed whose text is in ``seeds``; the key is the file stem."""
    out = {}
    for gold_path in sorted(gold_dir.glob("*.csv")):
        text_path = seeds / f"{gold_path.stem}.txt"
        if not text_path.exists():
            raise FileNotFoundError(f"seed text {text_path} is missing")
        text = text_path.read_text(encoding="utf-8")
        out[gold_path.stem] = score_extraction(extract_statistics(text), read_gold(gold_path))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=SHARED_SEEDS, help="folder of seed texts")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    args = parser.parse_args(argv)
    if not args.seeds.is_dir():
        print(f"seed folder {args.seeds} not found", file=sys.stderr)
        return 2
    scores = seed_scores(args.seeds)
    total = Score(0, 0, 0, 0)
    print(f"{'seed':<24}{'pred':>6}{'gold':>6}{'match':>6}{'precision':>11}{'recall':>8}"
          f"{'qualifier':>11}")
    for stem, s in scores.items():
        total = total + s
        print(f"{stem:<24}{s.predicted:>6}{s.gold:>6}{s.matched:>6}{s.precision:>11.3f}"
              f"{s.recall:>8.3f}{s.qualifier_accuracy:>11.3f}")
    print(f"{'overall':<24}{total.predicted:>6}{total.gold:>6}{total.matched:>6}"
          f"{total.precision:>11.3f}{total.recall:>8.3f}{total.qualifier_accuracy:>11.3f}")
    if args.verbose:
        for stem in scores:
            text = (args.seeds / f"{stem}.txt").read_text(encoding="utf-8")
            pred = extract_statistics(text)
            gold = read_gold(GOLD / f"{stem}.csv")
            keys_p = {(r.start, r.end, r.value, r.unit, r.qualifier) for r in pred.itertuples()}
            keys_g = {(r.start, r.end, float(r.value), r.unit, r.qualifier)
                      for r in gold.itertuples()}
            for k in sorted(keys_p - keys_g):
                print(stem, "extra ", k, repr(text[k[0]:k[1]]))
            for k in sorted(keys_g - keys_p):
                print(stem, "missed", k, repr(text[k[0]:k[1]]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
