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
# Column starts: a gap of at least _MIN_GAP points before a word that starts within _ALIGN
# points of a word of one of the _NEIGHBOURS lines above or below.
_MIN_GAP = 0.8
_ALIGN = 1.0
_NEIGHBOURS = 3
# Default tab stops in points (1.25 cm, 0.5 inch) and how near a word must start to one.
_STOPS = (35.433, 36.0)
_STOP_SLACK = 0.6
# The narrowest gap, in multiples of the font size, that a tab stop or an aligned column
# makes a column break.
_NARROW_TAB = 0.3
# How close to the right edge of the text a line must end to be wrapped, not finished.
_WRAP_SLACK = 2.5
_SOFT_WRAP = 8.0
_ENDS = "。！？；：!?;:”）)"
# A table row ending within _ROW_SLACK points of the right edge may go on on the next line,
# when that line is one short fragment (its last cell).
_ROW_SLACK = 110.0
_WRAPPED_CELL = 12


def _inside(word: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _aligned_starts(lines: list[list[dict]], i: int) -> set[int]:
    """Indexes of the words of line ``i`` that start after a gap at the x where a word of a
    neighbouring line also starts after a gap: the columns of a table laid out with tabs."""
    starts = [
        w["x0"]
        for k in range(max(0, i - _NEIGHBOURS), min(len(lines), i + _NEIGHBOURS + 1))
        if k != i
        for prev, w in itertools.pairwise(lines[k])
        if w["x0"] - prev["x1"] >= _MIN_GAP
    ]
    out = set()
    for j, (prev, w) in enumerate(itertools.pairwise(lines[i]), start=1):
        if w["x0"] - prev["x1"] >= _MIN_GAP and any(abs(w["x0"] - x) <= _ALIGN for x in starts):
            out.add(j)
    return out if len(out) >= 2 else set()


def _on_tab_stop(x: float, left: float) -> bool:
    """Whether ``x`` is on a default tab stop from the left edge (LibreOffice 1.25 cm, Word
    0.5 inch): where a tab in a text printed to PDF moves the next word."""
    return any(abs((x - left) - round((x - left) / stop) * stop) <= _STOP_SLACK for stop in _STOPS)


def _lines(words: list[dict]) -> list[dict]:
    """Words grouped into lines (by their top), each line's text with tabs between columns.

    A gap is a column break when it is wide, or when the next word starts where words of the
    lines around it start too (tab stops: a cell may end just before the next stop).
    """
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= 0.5 * _size(w):
            lines[-1].append(w)
        else:
            lines.append([w])
    for ws in lines:
        ws.sort(key=lambda w: w["x0"])
    left = min((ws[0]["x0"] for ws in lines), default=0.0)
    out = []
    for i, ws in enumerate(lines):
        aligned = _aligned_starts(lines, i)
        breaks = set()
        for j, (prev, w) in enumerate(itertools.pairwise(ws), start=1):
            gap = (w["x0"] - prev["x1"]) / _size(w)
            if gap >= _TAB_GAP or (
                gap >= _NARROW_TAB and (j in aligned or _on_tab_stop(w["x0"], left))
            ):
                breaks.add(j)
        # A narrow gap on a tab stop is a column break only in a row of several columns, not
        # between a digit and a character of another font in a sentence (增长 12%).
        if len(breaks) < 2:
            breaks = {
                j
                for j, (prev, w) in enumerate(itertools.pairwise(ws), start=1)
                if (w["x0"] - prev["x1"]) / _size(w) >= _TAB_GAP
            }
        else:
            # In a row, a cell may end just before the next tab stop: any gap on a stop is a
            # break, except a unit after its number (≥8场: a change of font, not a tab).
            for j, (prev, w) in enumerate(itertools.pairwise(ws), start=1):
                unit_after_number = prev["text"][-1].isascii() and not w["text"][0].isascii()
                if (
                    w["x0"] - prev["x1"] >= _MIN_GAP
                    and not unit_after_number
                    and (j in aligned or _on_tab_stop(w["x0"], left))
                ):
                    breaks.add(j)
        parts = [ws[0]["text"]]
        for j, (prev, w) in enumerate(itertools.pairwise(ws), start=1):
            gap = (w["x0"] - prev["x1"]) / _size(w)
            if j in breaks:
                parts.append("\t")
            else:
                parts.append(" " if gap >= _SPACE_GAP else "")
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
    joining = row_wrapped = False
    for line in lines:
        text = line["text"]
        at_left = line["x0"] <= left + line["size"]
        if joining and "\t" not in text and at_left:
            top, prev = out[-1]
            out[-1] = (top, prev + text)
        elif (
            row_wrapped
            and line["x0"] <= left + 2 * max(_STOPS)  # after a tab: at the first stops
            and "\t" not in text
            and len(text) <= _WRAPPED_CELL
            and not any(ch in text for ch in "。，；：！？")
        ):
            # A table row too wide for the page goes on at the left edge: its last cells.
            top, prev = out[-1]
            out[-1] = (top, prev + "\t" + text)
        else:
            out.append((line["top"], text))
        full = line["x1"] >= right - _WRAP_SLACK * line["size"]
        # A line may end short of the edge when the next word cannot be split (（8-9月）):
        # it goes on unless it ends a sentence.
        near = line["x1"] >= right - _SOFT_WRAP * line["size"] and text[-1:] not in _ENDS
        joining = "\t" not in text and (full or near)
        row_wrapped = "\t" in text and line["x1"] >= right - _ROW_SLACK
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
                    for w in page.extract_words(
                        keep_blank_chars=False, use_text_flow=False, x_tolerance=_MIN_GAP
                    )
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
