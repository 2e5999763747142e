"""Tests for analysis.devtools.extract_scores: scoring the extractor against ground truth."""

from pathlib import Path

import pandas as pd

from analysis.devtools.extract_scores import folder_scores, main, score_extraction

#: Hand-made ground truth: one CSV per seed text, and our own texts with theirs beside them.
GOLD = Path(__file__).resolve().parents[1] / "data" / "extract"
OWN_TEXTS = GOLD / "own_texts"


def test_score_counts_matches_one_to_one():
    gold = pd.DataFrame(
        {
            "start": [0, 5],
            "end": [3, 8],
            "value": [2.0, 2.0],
            "unit": ["event", "event"],
            "qualifier": ["exact", "exact"],
        }
    )
    # Two predictions over the first gold row: only one may match it.
    pred = pd.DataFrame(
        {
            "start": [0, 1],
            "end": [2, 3],
            "value": [2.0, 2.0],
            "unit": ["event", "event"],
            "qualifier": ["exact", "approx"],
        }
    )
    s = score_extraction(pred, gold)
    assert (s.predicted, s.gold, s.matched, s.qualifier_agree) == (2, 2, 1, 1)
    assert (s.precision, s.recall) == (0.5, 0.5)
    empty = score_extraction(pred.iloc[0:0], gold.iloc[0:0])
    assert (empty.precision, empty.recall, empty.qualifier_accuracy) == (1.0, 1.0, 1.0)


def test_main_prints_one_table_per_set(tmp_path, capsys):
    # No seed folder: the own texts are still scored, and the exit code says a set is missing.
    assert (
        main(["--gold", str(GOLD), "--own", str(OWN_TEXTS), "--seeds", str(tmp_path / "none")]) == 2
    )
    out = capsys.readouterr()
    assert "seed folder" in out.err and out.out.startswith("own texts")
    assert "overall" in out.out
    assert set(folder_scores(OWN_TEXTS, OWN_TEXTS)) <= {p.stem for p in OWN_TEXTS.glob("*.txt")}
