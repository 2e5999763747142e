"""Read the text layer of a PDF report: paragraphs and ruled tables per page, with their places."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

from analysis.errors import UserError
from analysis.extract.documents import Document, DocumentBuilder

__all__ = ["read_pdf"]

# Gaps between words, in multiples of the font size: a wide gap is a column break (a table
# laid out with spaces), a narrow one a space.
_TAB_GAP = 1.8
_SPACE_GAP = 0.45
# How close to the right edge of the text a line must end to be wrapped, not finished.
_WRAP_SLACK = 2.5


def _inside(word: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _lines(words: list[dict]) -> list[dict]:
    """Words grouped into lines (by their top), each line's text with tabs at wide gaps."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= 0.5 * _size(w):
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for ws in lines:
        ws.sort(key=lambda w: w["x0"])
        parts = [ws[0]["text"]]
        for prev, w in itertools.pairwise(ws):
            gap = (w["x0"] - prev["x1"]) / _size(w)
            parts.append("\t" if gap >= _TAB_GAP else " " if gap >= _SPACE_GAP else "")
            parts.append(w["text"])
        out.append(
            {
                "text": "".join(parts),
                "x0": ws[0]["x0"],
                "x1": ws[-1]["x1"],
                "top": min(w["top"] for w in ws),
                "size": max(_size(w) for w in ws),
            }
        )
    return out


def _size(word: dict) -> float:
    return max(word["bottom"] - word["top"], 1.0)


def _paragraphs(lines: list[dict]) -> list[tuple[float, str]]:
    """Wrapped lines joined into paragraphs: a line that reaches the right edge goes on."""
    if not lines:
        return []
    right = max(line["x1"] for line in lines)
    left = min(line["x0"] for line in lines)
    out: list[tuple[float, str]] = []
    joining = False
    for line in lines:
        text = line["text"]
        if joining and "\t" not in text and line["x0"] <= left + line["size"]:
            top, prev = out[-1]
            out[-1] = (top, prev + text)
        else:
            out.append((line["top"], text))
        joining = "\t" not in text and line["x1"] >= right - _WRAP_SLACK * line["size"]
    return out


def _cell_text(cell: str | None) -> str:
    # A wrapped cell is one value: its lines are joined without a space (Chinese text).
    return "".join((cell or "").split("\n"))


def read_pdf(path: str | os.PathLike) -> Document:
    """Read a PDF's text layer: paragraphs (``第P页第N段``) and ruled tables (``第P页表N``).

    Lines that run to the right edge are joined into paragraphs, so that a sentence or a
    number wrapped over two lines is read as one; ruled tables are read cell by cell; words
    separated by wide gaps (a table laid out with spaces) are separated by tabs.

    Args:
        path: The PDF file.

    Returns:
        The ``Document``. A scanned PDF without a text layer gives an empty text.

    Raises:
        UserError: The file is not a readable PDF.

    Examples:
        >>> from analysis.extract.documents import read_document
        >>> read_document(Path("no-such.pdf"))
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: 找不到文件 no-such.pdf
    """
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    path = Path(path)
    builder = DocumentBuilder(path.name)
    try:
        with pdfplumber.open(path) as pdf:
            for page_no, page in enumerate(pdf.pages, start=1):
                tables = page.find_tables()
                boxes = [t.bbox for t in tables]
                words = [
                    w
                    for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
                    if not _inside(w, boxes)
                ]
                blocks: list[tuple[float, str, object]] = [
                    (top, "p", text) for top, text in _paragraphs(_lines(words))
                ]
                blocks += [(t.bbox[1], "t", t) for t in tables]
                n_para = n_table = 0
                for _, kind, content in sorted(blocks, key=lambda b: b[0]):
                    if kind == "p":
                        n_para += 1
                        builder.paragraph(content, f"第{page_no}页第{n_para}段")
                    else:
                        n_table += 1
                        rows = [[_cell_text(c) for c in row] for row in content.extract()]
                        builder.table(rows, f"第{page_no}页表{n_table}")
    except (PdfminerException, PDFSyntaxError, OSError, ValueError) as exc:
        raise UserError(f"无法读取 PDF 文件 {path}：{exc}") from None
    return builder.build()
