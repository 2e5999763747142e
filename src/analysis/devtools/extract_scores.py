"""Score extracted statistics against hand-made ground truth (precision, recall, qualifiers)."""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.paths import SHARED_SEEDS

__all__ = [
    "Score",
    "content_score",
    "corpus_scores",
    "differences",
    "folder_scores",
    "read_gold",
    "score_extraction",
    "seed_scores",
]


@dataclass(frozen=True)
class Score:
    """Agreement of extracted rows with ground-truth rows.

    Attributes:
        predicted: Rows extracted.
        gold: Rows in the ground truth.
        matched: Pairs whose spans overlap and whose (value, unit) agree.
        qualifier_agree: Matched pairs whose qualifier also agrees.
    """

    predicted: int
    gold: int
    matched: int
    qualifier_agree: int

    @property
    def precision(self) -> float:
        """Share of extracted rows that are in the ground truth (1.0 when none extracted)."""
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of ground-truth rows that were extracted (1.0 when there are none)."""
        return self.matched / self.gold if self.gold else 1.0

    @property
    def qualifier_accuracy(self) -> float:
        """Share of matched pairs with the right qualifier (1.0 when nothing matched)."""
        return self.qualifier_agree / self.matched if self.matched else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.matched + other.matched,
            self.qualifier_agree + other.qualifier_agree,
        )


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def score_extraction(predicted: pd.DataFrame, gold: pd.DataFrame) -> Score:
    """Match extracted rows to ground-truth rows one to one and count agreements.

    A predicted row matches a gold row when their ``[start, end)`` spans overlap and their
    ``value`` and ``unit`` agree (missing units agree with each other). Each row matches at
    most once, taken in order of position.

    Args:
        predicted: Rows with start, end, value, unit, qualifier.
        gold: Rows with the same columns.

    Returns:
        The counts; ``Score`` derives precision, recall and qualifier accuracy.

    Examples:
        >>> gold = pd.DataFrame({"start": [0, 10], "end": [4, 13], "value": [300.0, 3.0],
        ...                      "unit": ["person", "event"], "qualifier": ["approx", "exact"]})
        >>> pred = pd.DataFrame({"start": [0, 20], "end": [4, 22], "value": [300.0, 2.0],
        ...                      "unit": ["person", "event"], "qualifier": ["exact", "exact"]})
        >>> s = score_extraction(pred, gold)
        >>> s.precision, s.recall, s.qualifier_accuracy
        (0.5, 0.5, 0.0)
    """

    def rows(df: pd.DataFrame) -> list[tuple[int, int, float, object, str]]:
        units = [None if pd.isna(u) or u == "" else u for u in df["unit"]]
        return sorted(
            zip(
                df["start"].astype(int),
                df["end"].astype(int),
                df["value"].astype(float),
                units,
                df["qualifier"].astype(str),
                strict=True,
            ),
            key=lambda r: (r[0], r[1]),
        )

    pred_rows, gold_rows = rows(predicted), rows(gold)
    used: set[int] = set()
    matched = agree = 0
    for start, end, value, unit, qualifier in pred_rows:
        for i, (g_start, g_end, g_value, g_unit, g_qualifier) in enumerate(gold_rows):
            if i in used or g_start >= end or start >= g_end:
                continue
            if unit == g_unit and _same(value, g_value):
                used.add(i)
                matched += 1
                agree += qualifier == g_qualifier
                break
    return Score(len(pred_rows), len(gold_rows), matched, agree)


def _content(row) -> tuple[str, float, object]:
    unit = None if pd.isna(row.unit) or row.unit == "" else row.unit
    return ("".join(str(row.quantity_text).split()), float(row.value), unit)


def content_score(predicted: pd.DataFrame, gold: pd.DataFrame) -> Score:
    """Match rows by what they say, not where: value and unit agree and one text holds the other.

    For a document whose text is laid out differently from the annotated text (its Word or
    PDF version), offsets differ, so the overlap of spans (``score_extraction``) becomes the
    overlap of texts: ``约8600家`` matches a gold ``约8600家次`` of the same value and unit, as
    their spans would overlap in the text. Rows are matched one to one, in order.

    Examples:
        >>> gold = pd.DataFrame({"quantity_text": ["3场", "3场"], "value": [3.0, 3.0],
        ...     "unit": ["event", "event"], "qualifier": ["exact", "exact"]})
        >>> pred = gold.iloc[:1].assign(qualifier="approx")
        >>> s = content_score(pred, gold)
        >>> s.matched, s.precision, s.recall, s.qualifier_accuracy
        (1, 1.0, 0.5, 0.0)
    """
    gold_rows = [(*_content(r), str(r.qualifier)) for r in gold.itertuples(index=False)]
    used: set[int] = set()
    matched = agree = 0
    for row in predicted.itertuples(index=False):
        text, value, unit = _content(row)
        for i, (g_text, g_value, g_unit, g_qualifier) in enumerate(gold_rows):
            if i in used or unit != g_unit or not _same(value, g_value):
                continue
            if text in g_text or g_text in text:
                used.add(i)
                matched += 1
                agree += str(row.qualifier) == g_qualifier
                break
    return Score(len(predicted), len(gold), matched, agree)


def corpus_scores(
    folder: Path, suffixes=(".txt", ".docx", ".pdf"), gold_dir: Path | None = None
) -> dict[str, Score]:
    """Scores of every annotated text in ``folder`` and of its Word and PDF versions.

    The ``.txt`` is scored by spans (``score_extraction``); a ``.docx`` or ``.pdf`` with the
    same stem by content (``content_score``), read by ``analysis.extract.read_document``.
    Keys are file names (``city_summary.pdf``). ``gold_dir`` (default ``folder``) holds the
    ground truth, for versions kept in a folder of their own (``dev/printed``).

    Examples:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "t.txt").write_text("共举办3场活动", encoding="utf-8")
        >>> _ = (folder / "t.csv").write_text(
        ...     "quantity_text,start,end,value,unit,qualifier\\n3场,3,5,3,event,exact\\n")
        >>> {name: s.recall for name, s in corpus_scores(folder).items()}
        {'t.txt': 1.0}
    """
    from analysis.extract import extract_document, read_document

    out = {}
    for gold_path in sorted(Path(gold_dir or folder).glob("*.csv")):
        gold = read_gold(gold_path)
        for suffix in suffixes:
            path = Path(folder) / f"{gold_path.stem}{suffix}"
            if not path.is_file():
                continue
            predicted = extract_document(read_document(path))
            if suffix == ".txt":
                out[path.name] = score_extraction(predicted, gold)
            else:
                out[path.name] = content_score(predicted, gold)
    return out


def read_gold(path: Path) -> pd.DataFrame:
    """Read a ground-truth CSV (quantity_text, start, end, value, unit, qualifier, …).

    Examples:
        >>> import tempfile
        >>> gold = Path(tempfile.mkdtemp()) / "t.csv"
        >>> _ = gold.write_text(
        ...     "quantity_text,start,end,value,unit,qualifier\\n3场,2,4,3,event,exact\\n")
        >>> read_gold(gold)["value"].tolist()
        [3.0]
    """
    df = pd.read_csv(path, dtype={"quantity_text": "str", "unit": "str", "qualifier": "str"})
    return df.astype({"start": "int64", "end": "int64", "value": "float64"})


def folder_scores(texts: Path, gold_dir: Path) -> dict[str, Score]:
    """Extract from every text that has a ground-truth CSV and score it; keys are file stems.

    Args:
        texts: Folder of ``<stem>.txt`` files (UTF-8).
        gold_dir: Folder of ``<stem>.csv`` ground-truth files.

    Raises:
        FileNotFoundError: A text named by a ground-truth file is missing.

    Examples:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "t.txt").write_text("共举办3场活动", encoding="utf-8")
        >>> _ = (folder / "t.csv").write_text(
        ...     "quantity_text,start,end,value,unit,qualifier\\n3场,3,5,3,event,exact\\n")
        >>> score = folder_scores(folder, folder)["t"]
        >>> score.gold, score.matched
        (1, 1)
    """
    from analysis.extract import extract_statistics

    out = {}
    for gold_path in sorted(Path(gold_dir).glob("*.csv")):
        text_path = Path(texts) / f"{gold_path.stem}.txt"
        if not text_path.is_file():
            raise FileNotFoundError(f"text {text_path} is missing")
        text = text_path.read_text(encoding="utf-8")
        out[gold_path.stem] = score_extraction(extract_statistics(text), read_gold(gold_path))
    return out


def seed_scores(gold: Path, seeds: Path = SHARED_SEEDS) -> dict[str, Score]:
    """Scores on the five seed texts (read from ``seeds``) against the ground truth in ``gold``."""
    return folder_scores(seeds, gold)


def differences(texts: Path, gold_dir: Path, stem: str) -> list[str]:
    """Rows extracted but not in the ground truth ("extra") and the other way ("missed")."""
    from analysis.extract import extract_statistics

    text = (Path(texts) / f"{stem}.txt").read_text(encoding="utf-8")
    pred = extract_statistics(text)
    gold = read_gold(Path(gold_dir) / f"{stem}.csv")
    keys = ["start", "end", "value", "unit", "qualifier"]
    p = set(pred[keys].itertuples(index=False, name=None))
    g = set(gold[keys].itertuples(index=False, name=None))
    return [f"{stem} extra  {k} {text[k[0] : k[1]]!r}" for k in sorted(p - g)] + [
        f"{stem} missed {k} {text[k[0] : k[1]]!r}" for k in sorted(g - p)
    ]


def _print_table(title: str, scores: dict[str, Score], total: bool = True) -> None:
    print(
        f"{title:<26}{'pred':>6}{'gold':>6}{'match':>6}{'precision':>10}{'recall':>8}"
        f"{'qualifier':>10}"
    )
    rows = list(scores.items())
    if total:
        rows.append(("overall", sum(scores.values(), Score(0, 0, 0, 0))))
    for stem, s in rows:
        print(
            f"{stem:<26}{s.predicted:>6}{s.gold:>6}{s.matched:>6}{s.precision:>10.3f}"
            f"{s.recall:>8.3f}{s.qualifier_accuracy:>10.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    """Print precision, recall and qualifier accuracy per text and overall."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis.devtools.extract_scores",
        description="Score the statistic extractor on the hand-annotated texts.",
    )
    parser.add_argument(
        "--gold", type=Path, required=True, help="folder of the seed texts' ground-truth CSVs"
    )
    parser.add_argument(
        "--own", type=Path, required=True, help="folder of own texts with ground truth beside"
    )
    parser.add_argument("--seeds", type=Path, default=SHARED_SEEDS, help="folder of seed texts")
    parser.add_argument(
        "--corpus",
        type=Path,
        help="folder of corpus parts (dev/, heldback/): texts with their .docx and .pdf",
    )
    parser.add_argument(
        "--parts",
        default="dev,heldback",
        help="corpus parts to score, comma-separated (default: dev,heldback)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    args = parser.parse_args(argv)
    sets = []
    if Path(args.seeds).is_dir():
        sets.append(("seed texts", args.seeds, args.gold))
    else:
        print(f"seed folder {args.seeds} not found (set ANALYSIS_SHARED_SEEDS)", file=sys.stderr)
    sets.append(("own texts", args.own, args.own))
    for i, (title, texts, gold_dir) in enumerate(sets):
        scores = folder_scores(texts, gold_dir)
        if i:
            print()
        _print_table(title, scores)
        if args.verbose:
            for stem in scores:
                for line in differences(texts, gold_dir, stem):
                    print(line)
    if args.corpus is not None:
        for part in [p for p in args.parts.split(",") if p]:
            folder = Path(args.corpus) / part
            scores = corpus_scores(folder)
            printed = corpus_scores(folder / "printed", (".docx", ".pdf"), gold_dir=folder)
            scores |= {f"printed/{name}": s for name, s in printed.items()}
            print()
            _print_table(f"corpus {part}", scores, total=False)
            for fmt in (".txt", ".docx", ".pdf", "printed/.docx", "printed/.pdf"):
                folder_part, _, suffix = fmt.rpartition("/")
                chosen = [
                    s
                    for name, s in scores.items()
                    if name.endswith(suffix)
                    and name.startswith(folder_part)
                    and (folder_part or "/" not in name)
                ]
                total = sum(chosen, Score(0, 0, 0, 0))
                print(
                    f"{'overall ' + fmt:<26}{total.predicted:>6}{total.gold:>6}"
                    f"{total.matched:>6}{total.precision:>10.3f}{total.recall:>8.3f}"
                    f"{total.qualifier_accuracy:>10.3f}"
                )
            if args.verbose:
                for stem in sorted({Path(name).stem for name in scores}):
                    for line in differences(folder, folder, stem):
                        print(line)
    return 0 if len(sets) == 2 else 2


if __name__ == "__main__":
    raise SystemExit(main())
