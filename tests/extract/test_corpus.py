"""The extractor on the corpus of reports with tables: targets, and Word/PDF scoring as the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.devtools.extract_scores import Score, corpus_scores, read_gold

CORPUS = Path(__file__).resolve().parents[1] / "data" / "extract" / "corpus"
TEXTS = sorted(CORPUS.glob("*/*.txt"))


def _total(scores: dict[str, Score], suffix: str) -> Score:
    return sum((s for name, s in scores.items() if name.endswith(suffix)), Score(0, 0, 0, 0))


def _scores(part: str, printed: bool) -> dict[str, Score]:
    if printed:  # the .txt opened in LibreOffice, saved as Word and printed to PDF
        return corpus_scores(CORPUS / part / "printed", (".docx", ".pdf"), gold_dir=CORPUS / part)
    return corpus_scores(CORPUS / part)


@pytest.mark.parametrize("part", ["dev", "heldback"])
@pytest.mark.parametrize(
    ("suffix", "printed"),
    [(".txt", False), (".docx", False), (".pdf", False), (".docx", True), (".pdf", True)],
    ids=["txt", "docx", "pdf", "printed-docx", "printed-pdf"],
)
def test_precision_and_recall_meet_the_target(part, suffix, printed):
    # Issue 18: precision and recall at least 0.95 on the held-back texts (annotated before
    # the extractor was run on them and not looked at while tuning) and their Word and PDF
    # versions; the development texts are held to the same.
    total = _total(_scores(part, printed), suffix)
    assert total.gold == {"dev": 107, "heldback": 45}[part]  # rows annotated by hand
    assert total.precision >= 0.95
    assert total.recall >= 0.95
    assert total.qualifier_accuracy >= 0.95


@pytest.mark.parametrize("text", TEXTS, ids=[p.stem for p in TEXTS])
def test_word_and_pdf_versions_score_as_the_text(text):
    scores = corpus_scores(text.parent)
    printed = _scores(text.parent.name, printed=True)
    stem = text.stem
    assert scores[f"{stem}.docx"] == scores[f"{stem}.txt"]
    assert scores[f"{stem}.pdf"] == scores[f"{stem}.txt"]
    assert printed[f"{stem}.docx"] == scores[f"{stem}.txt"]
    assert printed[f"{stem}.pdf"] == scores[f"{stem}.txt"]


@pytest.mark.parametrize("text", TEXTS, ids=[p.stem for p in TEXTS])
def test_gold_spans_point_at_their_text(text):
    content = text.read_text(encoding="utf-8")
    for r in read_gold(text.with_suffix(".csv")).itertuples():
        assert content[r.start : r.end] == r.quantity_text
