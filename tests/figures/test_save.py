"""Tests for analysis.figures.save: reproducible bytes, names, metadata, source line."""

import struct
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from analysis.figures.save import add_source_line, figure_paths, save_figure


def _figure():
    # A figure with Chinese text, a source line and several artists that get SVG ids.
    fig, ax = plt.subplots()
    ax.bar(["第一阶段", "第二阶段", "第三阶段"], [2, 2, 5])
    ax.plot([0, 1, 2], [1, 3, 2])
    ax.set_title("经费预算（万元）")
    add_source_line(fig, "测试数据")
    return fig


def _png_text_keys(path: Path) -> list[bytes]:
    """Keywords of the tEXt/iTXt/zTXt chunks of a PNG (where software and dates would be)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, keys = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind in (b"tEXt", b"iTXt", b"zTXt", b"tIME"):
            keys.append(kind + b":" + data[pos + 8 : pos + 8 + length].split(b"\0")[0])
        pos += 12 + length
    return keys


def test_saving_twice_gives_identical_bytes(house_zh, tmp_path):
    first = save_figure(_figure(), "00_test", "budget", tmp_path / "a")
    second = save_figure(_figure(), "00_test", "budget", tmp_path / "b")
    again = save_figure(plt.gcf(), "00_test", "budget", tmp_path / "c")  # same object again
    for a, b, c in zip(first, second, again, strict=True):
        assert a.read_bytes() == b.read_bytes() == c.read_bytes(), a.name


def test_names_and_folder(house_zh, tmp_path):
    paths = save_figure(_figure(), "03_funnel", "stages", tmp_path)
    assert [p.name for p in paths] == ["03_funnel__stages.png", "03_funnel__stages.svg"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.name for p in paths]  # no temp files


def test_default_folder_is_paths_figures(house_zh, tmp_path, monkeypatch):
    from analysis import paths

    monkeypatch.setattr(paths, "FIGURES", tmp_path / "figs")
    png, svg = save_figure(_figure(), "01_x", "y")
    assert png.parent == tmp_path / "figs" and png.is_file() and svg.is_file()


@pytest.mark.parametrize("bad", ["", "a b", "a/b", "a__b", "_a", "图一", "x.png"])
def test_bad_names_are_rejected(bad):
    with pytest.raises(ValueError, match="figure"):
        figure_paths("01_ok", bad)
    with pytest.raises(ValueError, match="figure"):
        figure_paths(bad, "ok")


def test_no_timestamps_or_versions_in_the_files(house_zh, tmp_path):
    png, svg = save_figure(_figure(), "00_test", "meta", tmp_path)
    assert _png_text_keys(png) == []
    text = svg.read_text(encoding="utf-8")
    assert "<dc:date>" not in text
    assert "Matplotlib v" not in text and "matplotlib.org" not in text
    # Glyphs are stored as paths, so the SVG needs no font; no <text> elements remain.
    assert "<text" not in text


def test_png_size_follows_figure_size_and_dpi(house_zh, tmp_path):
    from PIL import Image

    png, _ = save_figure(_figure(), "00_test", "size", tmp_path)
    with Image.open(png) as img:
        # House figure size 7.0 x 4.2 inches at 150 dpi.
        assert img.size == (1050, 630)


def test_source_line_sits_below_the_axes_and_their_labels(house_zh):
    fig = _figure()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    source = next(t for t in fig.texts if t.get_text().startswith("数据来源："))
    assert source.get_text() == "数据来源：测试数据"
    source_box = source.get_window_extent(renderer)
    axes_box = fig.axes[0].get_tightbbox(renderer)  # includes tick labels and axis labels
    assert source_box.y1 <= axes_box.y0
    assert source_box.x0 >= 0


def test_source_line_in_english(house_zh):
    fig, _ = plt.subplots()
    assert add_source_line(fig, "sample ledger", lang="en").get_text() == "Source: sample ledger"
