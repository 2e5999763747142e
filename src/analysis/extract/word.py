"""Read a Word (.docx) report: its paragraphs and tables in reading order, with their places."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from analysis.errors import UserError
from analysis.extract.documents import Document, DocumentBuilder

__all__ = ["read_docx", "read_docx_document"]


def _paragraph_text(paragraph) -> str:
    # Runs keep their tabs and line breaks (python-docx writes them as \t and \n).
    return paragraph.text


def _table_rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans: its text goes in the
            # first, the others stay empty, so that every row keeps the grid's columns.
            cells.append("" if id(cell._tc) in seen else cell.text)
            seen.add(id(cell._tc))
        rows.append(cells)
    return rows


def read_docx_document(path: str | os.PathLike) -> Document:
    """Read a ``.docx`` file: paragraphs (``第N段``) and tables (``表N``) in body order.

    Args:
        path: The Word file.

    Returns:
        The ``Document``; each table row is a line of tab-separated cells.

    Raises:
        UserError: The file is not a readable Word document.

    Examples:
        >>> import tempfile, docx
        >>> p = Path(tempfile.mkdtemp()) / "r.docx"
        >>> d = docx.Document(); _ = d.add_paragraph("共举办3场活动")
        >>> t = d.add_table(rows=2, cols=2); t.cell(1, 1).text = "5项"; d.save(p)
        >>> doc = read_docx_document(p)
        >>> doc.text, doc.location(0), doc.tables[0].location
        ('共举办3场活动\\n\\t\\n\\t5项', '第1段', '表1')
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    path = Path(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UserError(f"无法读取 Word 文件 {path}：{exc}") from None
    except Exception as exc:  # lxml's XMLSyntaxError and the like: a damaged document
        raise UserError(f"Word 文件 {path} 的内容已损坏：{exc}") from None
    builder = DocumentBuilder(path.name)
    n_para = n_table = 0
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            n_table += 1
            builder.table(_table_rows(block), f"表{n_table}")
        else:
            n_para += 1
            builder.paragraph(_paragraph_text(block), f"第{n_para}段")
    return builder.build()


def read_docx(path: str | os.PathLike) -> str:
    """The text of a Word document, one line per paragraph and per table row.

    Examples:
        >>> import tempfile, docx
        >>> p = Path(tempfile.mkdtemp()) / "r.docx"
        >>> d = docx.Document(); _ = d.add_paragraph("共举办3场活动"); d.save(p)
        >>> read_docx(p)
        '共举办3场活动'
    """
    return read_docx_document(path).text
