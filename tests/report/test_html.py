"""Tests for analysis.report.html and analysis.report.browser: the one-page HTML report."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import matplotlib
import nbformat
import pytest
from nbformat import v4

from analysis.errors import UserError
from analysis.report import (
    find_chromium,
    print_pdf,
    render_index,
    rendered_text,
    screenshot,
    write_index,
)
from analysis.report.html import markdown_html, strip_ansi

matplotlib.use("Agg")

CODE_MARKER = "SECRET_CODE_MARKER_42"
PARAM_MARKER = "PARAMETER_MARKER_17"
INJECTED_MARKER = "INJECTED_MARKER_23"
STDERR_MARKER = "STDERR_MARKER_99"
TRACEBACK_MARKER = "TRACEBACK_LINE_MARKER"
PLAIN_ONLY_WHEN_RICH = "PLAIN_SHADOWED_BY_HTML"
EVIL = "<script>alert(1)</script>"


def tiny_png() -> str:
    """A real PNG, drawn by matplotlib, as notebooks store it (base64 text)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(1, 1), dpi=20)
    ax.plot([0, 1], [0, 1])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


PNG = tiny_png()

TABLE_HTML = (
    '<table class="dataframe"><thead><tr><th>指标</th><th>数值</th></tr></thead>'
    "<tbody><tr><td>签约项目数</td><td>42</td></tr></tbody></table>"
)


def write_nb(path: Path, cells: list) -> Path:
    nb = v4.new_notebook(cells=cells)
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"  # fixed ids: the notebooks on disk are the same every run
    nbformat.write(nb, path)
    return path


def code(source: str, outputs: list, tags: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    cell = v4.new_code_cell(source, metadata={"tags": list(tags)} if tags else {})
    cell.outputs = outputs
    return cell


def rich_notebook(path: Path) -> Path:
    """One notebook with a cell of every kind and an output of every kind."""
    return write_nb(
        path,
        [
            v4.new_markdown_cell(
                "# 签约情况 · Deals\n\n按年份统计<b>签约</b>项目。\n\n## 小节 · Part"
            ),
            code(f"programme = '{PARAM_MARKER}'", [], tags=("parameters",)),
            code(
                f"programme = '{INJECTED_MARKER}'",
                [v4.new_output("stream", name="stdout", text=f"{INJECTED_MARKER}\n")],
                tags=("injected-parameters",),
            ),
            code(
                f"table = make_table()  # {CODE_MARKER}\ntable",
                [
                    v4.new_output(
                        "execute_result",
                        data={"text/html": TABLE_HTML, "text/plain": PLAIN_ONLY_WHEN_RICH},
                        execution_count=1,
                    )
                ],
            ),
            code(
                "fig",
                [
                    v4.new_output(
                        "display_data",
                        data={"image/png": PNG, "text/plain": "<Figure size 20x20 with 1 Axes>"},
                    )
                ],
            ),
            code(
                "Markdown(text)",
                [
                    v4.new_output(
                        "display_data",
                        data={"text/markdown": f"**合计** 42 项 {EVIL}", "text/plain": "md"},
                    )
                ],
            ),
            code(
                "skip()",
                [
                    v4.new_output(
                        "display_data",
                        data={"text/markdown": "本节略过：台账没有5G应用案例表。"},
                        metadata={"kechuang": {"skipped": "台账没有5G应用案例表。"}},
                    )
                ],
            ),
            code(
                "print(...)",
                [
                    v4.new_output("stream", name="stdout", text="拒绝 0 处\n"),
                    v4.new_output("stream", name="stdout", text="第二行 \x1b[1mbold\x1b[0m\n"),
                    v4.new_output("stream", name="stderr", text=f"{STDERR_MARKER} warning\n"),
                ],
            ),
            code(
                "plain",
                [v4.new_output("execute_result", data={"text/plain": "42 <plain>"})],
            ),
            code(
                "raise",
                [
                    v4.new_output(
                        "error",
                        ename="\x1b[0;31mValueError\x1b[0m",
                        evalue="\x1b[1;32m金额 <不对>\x1b[0m",
                        traceback=[f"\x1b[0;31m{TRACEBACK_MARKER}\x1b[0m"],
                    )
                ],
            ),
        ],
    )


@pytest.fixture
def notebooks(tmp_path) -> list[Path]:
    first = rich_notebook(tmp_path / "01_deals.ipynb")
    second = write_nb(
        tmp_path / "02_budget.ipynb",
        [v4.new_markdown_cell("# 预算执行 · Budget\n\n执行率九成。")],
    )
    return [first, second]


FACTS = [
    ("项目", EVIL),
    ("期间", "2023年"),
    ("数据文件", "台账.xlsx"),
    ("读入", "活动 12 行：接受 11、拒绝 1、略过 0\n签约 5 行：接受 5"),
]
NOTES = ["已运行 2 个笔记本", f"略过 05：{EVIL}"]


@pytest.fixture
def page(notebooks) -> str:
    return render_index(notebooks, title=f"绩效报告 {EVIL}", facts=FACTS, notes=NOTES)


def section(page: str, section_id: str) -> str:
    found = re.search(rf'<section id="{section_id}"[^>]*>(.*?)</section>', page, re.DOTALL)
    assert found, section_id
    return found.group(1)


def test_the_page_is_a_chinese_html_document(page):
    assert page.startswith("<!DOCTYPE html>\n")
    assert '<html lang="zh-CN">' in page
    assert '<meta charset="utf-8">' in page
    assert page.count("<h1>") == 1
    assert '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC"' in page
    assert "max-width" in page and "@media print" in page


def test_sections_come_in_the_given_order_and_the_toc_lists_them(page, notebooks):
    assert page.index('<section id="nb-01"') < page.index('<section id="nb-02"')
    toc = re.search(r'<nav class="toc".*?</nav>', page, re.DOTALL).group(0)
    assert re.findall(r'href="#(nb-\d\d)"', toc) == ["nb-01", "nb-02"]
    assert '<a href="#nb-01">签约情况 · Deals</a>' in toc
    assert '<a href="#nb-02">预算执行 · Budget</a>' in toc
    reversed_page = render_index(notebooks[::-1], title="t", facts=[])
    assert reversed_page.index('id="nb-02"') < reversed_page.index('id="nb-01"')


def test_markdown_cells_are_rendered_with_headings_below_the_title(page):
    first = section(page, "nb-01")
    assert "<h2>签约情况 · Deals</h2>" in first
    assert "<h3>小节 · Part</h3>" in first
    # raw HTML in markdown is shown as text
    assert "&lt;b&gt;签约&lt;/b&gt;" in first and "<b>" not in first


def test_code_and_parameters_never_appear(page):
    for marker in (CODE_MARKER, PARAM_MARKER, INJECTED_MARKER, "make_table", TRACEBACK_MARKER):
        assert marker not in page


def test_each_kind_of_output(page):
    first = section(page, "nb-01")
    assert TABLE_HTML in first
    assert PLAIN_ONLY_WHEN_RICH not in first  # text/plain only when nothing richer
    assert f'src="data:image/png;base64,{PNG}"' in first
    assert "<Figure size" not in first
    assert "<strong>合计</strong> 42 项" in first
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in first
    assert '<pre class="output output-text">42 &lt;plain&gt;</pre>' in first


def test_stdout_is_kept_stderr_dropped_and_colours_stripped(page):
    first = section(page, "nb-01")
    assert '<pre class="output output-stream">拒绝 0 处\n第二行 bold</pre>' in first
    assert STDERR_MARKER not in page
    assert "\x1b" not in page


def test_an_error_is_a_visible_failure_box(page):
    box = re.search(r'<div class="output error"[^>]*>(.*?)</div>', page, re.DOTALL)
    assert box, "no failure box"
    assert '<span class="ename">ValueError</span>' in box.group(1)
    assert '<span class="evalue">金额 &lt;不对&gt;</span>' in box.group(1)


def test_a_skipped_section_is_a_visible_note(page):
    note = re.search(r'<div class="output skipped"[^>]*>(.*?)</div>', page, re.DOTALL)
    assert note and "本节略过：台账没有5G应用案例表。" in note.group(1)


def test_data_text_is_escaped_everywhere(page):
    assert "<script" not in page
    assert "<title>绩效报告 &lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert "<h1>绩效报告 &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in page
    assert "<dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>" in page
    assert "<li>略过 05：&lt;script&gt;alert(1)&lt;/script&gt;</li>" in page


def test_facts_keep_their_line_breaks_and_notes_are_in_a_box(page):
    assert (
        "<dt>读入</dt><dd>活动 12 行：接受 11、拒绝 1、略过 0<br>\n签约 5 行：接受 5</dd>" in page
    )
    notes = re.search(r'<aside class="notes".*?</aside>', page, re.DOTALL).group(0)
    assert "<li>已运行 2 个笔记本</li>" in notes
    assert page.index("<aside") < page.index('<nav class="toc"') < page.index("<section")


def test_no_notes_no_box(notebooks):
    assert "<aside" not in render_index(notebooks, title="t", facts=[])


def test_nothing_is_loaded_from_outside_the_file(page):
    assert not re.search(r"<script\b|<link\b|<iframe\b|@import|url\(", page, re.IGNORECASE)
    for url in re.findall(r'\b(?:src|href)\s*=\s*["\']?([^"\'\s>]*)', page, re.IGNORECASE):
        assert url.startswith(("#", "data:image/")), url
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:|file:|//)", page, re.IGNORECASE)


def test_markdown_images_from_elsewhere_are_not_fetched():
    rendered = markdown_html("![logo](https://example.org/logo.png) ![本地](figures/a.png)")
    assert "<img" not in rendered and "[图 logo]" in rendered and "[图 本地]" in rendered
    assert "<img" in markdown_html(f"![x](data:image/png;base64,{PNG})")
    assert "[图 A&amp;B &lt;x&gt;]" in markdown_html("![A&B <x>](http://e.org/a.png)")


def test_a_line_break_between_chinese_characters_is_no_space():
    assert markdown_html("列出原因，\n并统计。") == "<p>列出原因，并统计。</p>\n"
    assert markdown_html("one\ntwo") == "<p>one\ntwo</p>\n"


def test_svg_is_inlined_without_its_xml_prologue(tmp_path):
    svg = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n'
        '  "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<metadata><rdf:RDF><cc:Work rdf:resource="http://purl.org/x"/></rdf:RDF></metadata>'
        '<rect width="10" height="10" fill="#0072b2"/></svg>'
    )
    nb = write_nb(
        tmp_path / "01_svg.ipynb",
        [code("fig", [v4.new_output("display_data", data={"image/svg+xml": svg})])],
    )
    page = render_index([nb], title="t", facts=[])
    assert '<rect width="10" height="10" fill="#0072b2"/></svg>' in page
    assert "<?xml" not in page and "DOCTYPE svg" not in page and "purl.org" not in page
    # no heading in the notebook: the section is named after the file
    assert '<a href="#nb-01">01 svg</a>' in page


def test_rendering_is_deterministic(notebooks, tmp_path):
    again = render_index(notebooks, title=f"绩效报告 {EVIL}", facts=FACTS, notes=NOTES)
    first = render_index(notebooks, title=f"绩效报告 {EVIL}", facts=FACTS, notes=NOTES)
    assert first == again
    a = write_index(tmp_path / "a" / "index.html", notebooks, title="t", facts=FACTS)
    b = write_index(tmp_path / "b" / "index.html", notebooks, title="t", facts=FACTS)
    assert a.read_bytes() == b.read_bytes()


def test_write_index_writes_atomically(notebooks, tmp_path):
    target = tmp_path / "out" / "index.html"
    written = write_index(target, notebooks, title="报告", facts=FACTS, notes=NOTES)
    assert written == target
    assert target.read_text(encoding="utf-8") == render_index(
        notebooks, title="报告", facts=FACTS, notes=NOTES
    )
    assert [p.name for p in target.parent.iterdir()] == ["index.html"]  # no temp file left


def test_an_unreadable_notebook_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="notebook not found"):
        render_index([tmp_path / "01_missing.ipynb"], title="t", facts=[])
    broken = tmp_path / "02_broken.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError, match="cannot read notebook"):
        render_index([broken], title="t", facts=[])


def test_strip_ansi():
    assert strip_ansi("\x1b[0;31mValueError\x1b[0m: \x1b[1;32mx\x1b[0m") == "ValueError: x"


# --- Chromium -------------------------------------------------------------------------


def test_find_chromium_honours_the_environment(monkeypatch, tmp_path):
    fake = tmp_path / "my-chromium"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("ANALYSIS_CHROMIUM", str(fake))
    assert find_chromium() == str(fake)
    monkeypatch.setenv("ANALYSIS_CHROMIUM", str(tmp_path / "nowhere"))
    with pytest.raises(UserError, match="ANALYSIS_CHROMIUM"):
        find_chromium()


def test_a_failing_chromium_is_a_user_error(monkeypatch, tmp_path):
    fake = tmp_path / "broken-chromium"
    fake.write_text("#!/bin/sh\necho 'cannot start' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    page = tmp_path / "index.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    monkeypatch.setenv("ANALYSIS_CHROMIUM", str(fake))
    with pytest.raises(UserError, match=r"exit code 3(.|\n)*cannot start"):
        screenshot(page, tmp_path / "shot.png")
    assert not (tmp_path / "shot.png").exists()
    with pytest.raises(UserError, match="HTML file not found"):
        rendered_text(tmp_path / "missing.html")


def test_print_pdf_without_chromium_is_none(monkeypatch, tmp_path):
    monkeypatch.delenv("ANALYSIS_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    page = tmp_path / "index.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    assert find_chromium() is None
    assert print_pdf(page, tmp_path / "index.pdf") is None


def _chromium_or_none() -> str | None:
    try:
        return find_chromium()
    except UserError:
        return None


needs_chromium = pytest.mark.skipif(
    _chromium_or_none() is None,
    reason="no Chromium (install Debian chromium or set ANALYSIS_CHROMIUM)",
)


@needs_chromium
def test_chromium_renders_the_page(tmp_path):
    from PIL import Image, ImageStat

    first = write_nb(
        tmp_path / "01_events.ipynb",
        [
            v4.new_markdown_cell("# 活动与参与 · Events\n\n科技成果转化对接活动共举办十二场。"),
            code(
                "table",
                [
                    v4.new_output(
                        "execute_result", data={"text/html": TABLE_HTML}, execution_count=1
                    )
                ],
            ),
            code("fig", [v4.new_output("display_data", data={"image/png": PNG})]),
        ],
    )
    second = write_nb(
        tmp_path / "02_budget.ipynb",
        [v4.new_markdown_cell("# 预算执行 · Budget\n\n预算执行率为百分之九十。")],
    )
    index = write_index(
        tmp_path / "index.html",
        [first, second],
        title="某市对接活动绩效报告",
        facts=[("项目", "某市对接活动"), ("期间", "2023年")],
        notes=["已运行 2 个笔记本"],
    )

    png = screenshot(index, tmp_path / "index.png", width=1024, height=1400)
    with Image.open(png) as image:
        assert image.size == (1024, 1400)
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 50  # text, boxes, table stripes, figure
        assert max(ImageStat.Stat(rgb.convert("L")).stddev) > 15  # not a blank page

    dom = rendered_text(index)
    for text in (
        "活动与参与 · Events",
        "预算执行 · Budget",
        "科技成果转化对接活动共举办十二场",
        "签约项目数",
    ):
        assert text in dom
    assert '<section id="nb-01"' in dom and '<section id="nb-02"' in dom

    pdf = print_pdf(index, tmp_path / "index.pdf")
    assert pdf == tmp_path / "index.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
