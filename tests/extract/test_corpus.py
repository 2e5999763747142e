"""The extractor on the corpus of reports with tables: targets, and Word/PDF scoring as the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.devtools.extract_scores import Score, corpus_scores, read_gold

CORPUS = Path(__file__).resolve().parents[1] / "data" / "extract" / "corpus"
TEXTS = sorted(CORPUS.glob("*/*.txt"))


def _total(scores: dict[str, Score], suffix: str) -> Score:
    return sum((s for name, s in scores.items() if name.endswith(suffix)), Score(0, 0, 0, 0))


@pytest.mark.parametrize("part", ["dev", "heldback"])
@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_precision_and_recall_meet_the_target(part, suffix):
    # Issue 18: precision and recall at least 0.95 on the held-back texts (annotated before
    # the extractor was run on them and not looked at while tuning) and their Word and PDF
    # versions; the development texts are held to the same.
    total = _total(corpus_scores(CORPUS / part), suffix)
    assert total.gold == {"dev": 107, "heldback": 45}[part]  # rows annotated by hand
    assert total.precision >= 0.95
    assert total.recall >= 0.95
    assert total.qualifier_accuracy >= 0.95


@pytest.mark.parametrize("text", TEXTS, ids=[p.stem for p in TEXTS])
def test_word_and_pdf_versions_score_as_the_text(text):
    scores = corpus_scores(text.parent)
    stem = text.stem
    assert scores[f"{stem}.docx"] == scores[f"{stem}.txt"]
    assert scores[f"{stem}.pdf"] == scores[f"{stem}.txt"]


@pytest.mark.parametrize("text", TEXTS, ids=[p.stem for p in TEXTS])
def test_gold_spans_point_at_their_text(text):
    content = text.read_text(encoding="utf-8")
    for r in read_gold(text.with_suffix(".csv")).itertuples():
        assert content[r.start : r.end] == r.quantity_text
