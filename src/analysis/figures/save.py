"""Source lines under figures and deterministic saving as PNG and SVG."""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from analysis import paths
from analysis.errors import UserError
from analysis.export.safe import atomic_path
from analysis.figures.fonts import INSTALL_HINT
from analysis.figures.style import GREY, SAVE_DPI, SVG_HASHSALT, source_text

#: Part of a figure file name: starts with a letter or digit; letters, digits, ``_``, ``-``.
_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]|_(?!_))*$")
_GLYPH_WARNING = re.compile(r"^Glyph \d+ .* missing from font")

#: Metadata that would vary between runs or matplotlib versions, removed from every file.
PNG_METADATA = {"Software": None}
SVG_METADATA = {"Date": None, "Creator": None}


class MissingGlyphError(UserError):
    """A figure has characters that no configured font can draw (they would show as boxes)."""


def add_source_line(fig: Figure, text: str, lang: str | None = None, fontsize: float = 8):
    """Put ``数据来源：<text>`` in small grey type under the axes of ``fig``.

    With constrained layout (the house style) a band at the bottom is kept free
    for the line, so it never overlaps tick labels.

    Returns:
        The ``Text`` artist.

    Examples:
        >>> import matplotlib.pyplot as plt
        >>> fig, ax = plt.subplots(layout="constrained")
        >>> add_source_line(fig, "2024年总结报告", lang="zh").get_text()
        '数据来源：2024年总结报告'
        >>> plt.close(fig)
    """
    height_pt = fig.get_figheight() * 72
    band = (fontsize * 2.2) / height_pt
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0, band, 1, 1 - band))
    else:
        fig.subplots_adjust(bottom=max(fig.subplotpars.bottom, band + 0.1))
    return fig.text(
        0.01,
        band * 0.35,
        source_text(text, lang),
        ha="left",
        va="bottom",
        fontsize=fontsize,
        color=GREY,
    )


def figure_paths(notebook: str, name: str, out_dir: str | os.PathLike | None = None):
    """The PNG and SVG paths of figure ``name`` of ``notebook``.

    Raises:
        ValueError: a name is empty, has characters other than letters, digits,
            ``_`` and ``-``, or contains ``__`` (the separator).

    Examples:
        >>> [p.name for p in figure_paths("01_engagement", "attendees", "/tmp/f")]
        ['01_engagement__attendees.png', '01_engagement__attendees.svg']
    """
    for what, value in (("notebook", notebook), ("name", name)):
        if not _NAME.match(value):
            raise ValueError(
                f"figure {what} {value!r} must use letters, digits, '_' and '-' only, "
                "start with a letter or digit and not contain '__'"
            )
    folder = Path(out_dir) if out_dir is not None else paths.FIGURES
    stem = f"{notebook}__{name}"
    return [folder / f"{stem}.png", folder / f"{stem}.svg"]


def _missing(records) -> list[str]:
    return [str(r.message) for r in records if _GLYPH_WARNING.match(str(r.message))]


def _reemit(records) -> None:
    for r in records:
        if not _GLYPH_WARNING.match(str(r.message)):
            warnings.warn_explicit(r.message, r.category, r.filename, r.lineno)


def missing_glyphs(fig: Figure) -> list[str]:
    """Draw ``fig`` and return matplotlib's "Glyph … missing from font(s) …" messages.

    Examples:
        >>> import matplotlib.pyplot as plt
        >>> fig = plt.figure()
        >>> with plt.rc_context({"font.family": "DejaVu Sans"}):
        ...     _ = fig.text(0.5, 0.5, "中")
        ...     print(missing_glyphs(fig)[0].split(" from")[0])
        Glyph 20013 (\\N{CJK UNIFIED IDEOGRAPH-4E2D}) missing
        >>> plt.close(fig)
    """
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        fig.canvas.draw()
    _reemit(records)
    return sorted(set(_missing(records)))


def save_figure(
    fig: Figure,
    notebook: str,
    name: str,
    out_dir: str | os.PathLike | None = None,
    dpi: int = SAVE_DPI,
    strict: bool = True,
) -> list[Path]:
    """Write ``fig`` as ``<notebook>__<name>.png`` and ``.svg``, byte-for-byte reproducibly.

    No timestamps or software versions are written (PNG ``Software``, SVG
    ``Date`` and ``Creator`` are removed), SVG ids use a fixed hash salt, and
    glyphs are stored as paths. Each file is written atomically.

    Args:
        fig: The figure.
        notebook: Notebook stem, e.g. ``"03_funnel"``.
        name: Figure name within the notebook, e.g. ``"stages"``.
        out_dir: Folder; default ``analysis.paths.FIGURES``.
        dpi: PNG resolution.
        strict: Raise ``MissingGlyphError`` if any character has no glyph.

    Returns:
        ``[png_path, svg_path]``.

    Raises:
        MissingGlyphError: ``strict`` and a character could not be drawn; nothing
            is written in that case.

    Examples:
        >>> import tempfile, matplotlib.pyplot as plt
        >>> fig, ax = plt.subplots()
        >>> _ = ax.bar(["a", "b"], [1, 2])
        >>> [p.name for p in save_figure(fig, "00_demo", "bars", tempfile.mkdtemp())]
        ['00_demo__bars.png', '00_demo__bars.svg']
        >>> plt.close(fig)
    """
    png, svg = figure_paths(notebook, name, out_dir)
    rc = {"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path"}
    with mpl.rc_context(rc), warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        with atomic_path(png) as tmp:
            fig.savefig(tmp, format="png", dpi=dpi, metadata=PNG_METADATA)
            missing = _missing(records)
            if strict and missing:
                raise MissingGlyphError(
                    f"图 {png.name} 有字符无法显示：\n  "
                    + "\n  ".join(sorted(set(missing)))
                    + "\n"
                    + INSTALL_HINT
                )
        with atomic_path(svg) as tmp:
            fig.savefig(tmp, format="svg", metadata=SVG_METADATA)
    _reemit(records)
    return [png, svg]
