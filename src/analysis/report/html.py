"""One self-contained HTML document (``index.html``) from the executed report notebooks."""

from __future__ import annotations

import functools
import html
import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import mistune
from mistune.util import striptags

from analysis.errors import UserError
from analysis.export.safe import write_text_atomic
from analysis.report.sections import skip_reason

#: Cells with these tags hold papermill parameters (paths, options): never shown.
HIDDEN_TAGS = frozenset({"parameters", "injected-parameters"})

#: Chinese fonts first, in the order the platforms we support ship them.
FONT_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
    '"SimHei", sans-serif'
)

_NUMBERED = re.compile(r"^(\d+)_")
#: ANSI escape sequences (colours, cursor moves) that IPython puts in tracebacks.
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
#: Parts of an SVG file that must not be inlined into HTML or that name web addresses.
_SVG_PROLOGUE = re.compile(
    r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->|<metadata\b.*?</metadata>", re.DOTALL | re.IGNORECASE
)

_CSS = f"""
:root {{ color-scheme: light; }}
html {{ background: #fff; }}
body {{
  font-family: {FONT_STACK};
  color: #1f2328; background: #fff; line-height: 1.6;
  max-width: 66rem; margin: 0 auto; padding: 1.5rem 2rem 4rem;
}}
h1 {{ font-size: 1.9rem; margin: 0.5rem 0 1rem; }}
h2 {{ font-size: 1.45rem; margin: 2rem 0 0.75rem; padding-bottom: 0.25rem;
      border-bottom: 2px solid #d0d7de; }}
h3 {{ font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }}
h4, h5, h6 {{ font-size: 1rem; margin: 1.2rem 0 0.4rem; }}
dl.facts {{ display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem;
            margin: 0 0 1.25rem; }}
dl.facts dt {{ font-weight: bold; color: #57606a; }}
dl.facts dd {{ margin: 0; }}
aside.notes {{ border: 1px solid #54aeff; border-left: 6px solid #0969da;
               background: #f1f8ff; padding: 0.5rem 1rem; margin: 1rem 0 1.5rem; }}
aside.notes h2 {{ font-size: 1.1rem; border: 0; margin: 0.25rem 0; }}
aside.notes ul {{ margin: 0.25rem 0; padding-left: 1.25rem; }}
nav.toc ol {{ padding-left: 1.5rem; }}
nav.toc a {{ color: #0969da; text-decoration: none; }}
nav.toc a:hover {{ text-decoration: underline; }}
section.notebook {{ margin-top: 2.5rem; }}
.output {{ margin: 0.75rem 0; }}
.output-html {{ overflow-x: auto; }}
table {{ border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; }}
th, td {{ border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; }}
thead th {{ background: #eaeef2; }}
th {{ word-break: keep-all; }}
tbody tr:nth-child(even) {{ background: #f6f8fa; }}
td {{ font-variant-numeric: tabular-nums; }}
img, svg {{ max-width: 100%; height: auto; }}
figure {{ margin: 1rem 0; }}
pre {{ background: #f6f8fa; border: 1px solid #d0d7de; padding: 0.5rem 0.75rem;
       overflow-x: auto; white-space: pre-wrap; word-break: break-word; font-size: 0.85rem; }}
code, pre {{ font-family: "Noto Sans Mono CJK SC", "Sarasa Mono SC", ui-monospace, monospace; }}
.skipped {{ border: 1px solid #d4a72c; border-left: 6px solid #bf8700; background: #fff8c5;
            padding: 0.5rem 1rem; }}
.skipped p {{ margin: 0.25rem 0; }}
.error {{ border: 1px solid #ff8182; border-left: 6px solid #cf222e; background: #ffebe9;
          padding: 0.5rem 1rem; }}
.error p {{ margin: 0.25rem 0; }}
.error .error-title, .error .ename {{ font-weight: bold; }}
.error .evalue {{ white-space: pre-wrap; }}
.missing-image {{ color: #57606a; font-style: italic; }}
@page {{ size: A4; margin: 15mm; }}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 10.5pt; }}
  section.notebook {{ break-before: page; margin-top: 0; }}
  nav.toc a {{ color: inherit; text-decoration: none; }}
  .output-html, pre {{ overflow: visible; }}
  h2, h3, h4 {{ break-after: avoid; }}
  img, svg, figure, tr, .skipped, .error {{ break-inside: avoid; }}
}}
"""


#: Wide (Chinese) characters and punctuation: a line break between two of them is no space.
_WIDE = re.compile(
    r"[\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


def _edge_char(token: dict, last: bool) -> str:
    text = _plain_text([token])
    return (text[-1:] if last else text[:1]) if text else ""


class _Renderer(mistune.HTMLRenderer):
    """Markdown to HTML with raw HTML escaped, headings one level down, images kept inside."""

    def __init__(self) -> None:
        super().__init__(escape=True)

    def iter_tokens(self, tokens: Iterable[dict], state) -> Iterable[str]:
        # A browser shows a line break in the source as a space, which is wrong between
        # two Chinese characters ("原因，\n并统计"); such breaks are dropped.
        tokens = list(tokens)
        for i, token in enumerate(tokens):
            if (
                token.get("type") == "softbreak"
                and 0 < i < len(tokens) - 1
                and _WIDE.match(_edge_char(tokens[i - 1], last=True))
                and _WIDE.match(_edge_char(tokens[i + 1], last=False))
            ):
                continue
            yield self.render_token(token, state)

    def heading(self, text: str, level: int, **attrs) -> str:
        # The page title is the only <h1>; a notebook's own "# title" becomes an <h2>.
        return super().heading(text, min(level + 1, 6))

    def image(self, text: str, url: str, title: str | None = None) -> str:
        if url.lower().startswith("data:image/"):
            return super().image(text, url, title)
        # A picture from elsewhere would make the page depend on a file or the network.
        alt = striptags(text) or html.escape(url)  # text is HTML already
        return f'<span class="missing-image">[图 {alt}]</span>'


@functools.cache
def _markdown() -> mistune.Markdown:
    return mistune.create_markdown(renderer=_Renderer(), plugins=["table", "strikethrough"])


def markdown_html(text: str) -> str:
    """Render markdown ``text`` to HTML; raw HTML in it is shown as text, headings move down one.

    Examples:
        >>> markdown_html("# 标题 <b>x</b>")
        '<h2>标题 &lt;b&gt;x&lt;/b&gt;</h2>\\n'
    """
    return _markdown()(text)


def strip_ansi(text: str) -> str:
    """Remove ANSI colour and cursor codes (IPython's tracebacks are full of them).

    Examples:
        >>> strip_ansi("\\x1b[0;31mValueError\\x1b[0m: bad")
        'ValueError: bad'
    """
    return _ANSI.sub("", text)


def _joined(value: object) -> str:
    """A notebook string field: stored either as one string or as a list of lines."""
    if isinstance(value, list):
        return "".join(str(part) for part in value)
    return "" if value is None else str(value)


def _escaped_lines(text: str) -> str:
    return "<br>\n".join(html.escape(line) for line in str(text).splitlines())


def _read_notebook(path: Path) -> dict:
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"找不到笔记本 / notebook not found: {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"无法读取笔记本 / cannot read notebook {path}: {exc}") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise UserError(f"不是 Jupyter 笔记本 / not a Jupyter notebook: {path}")
    return nb


def _plain_text(tokens: Iterable[dict]) -> str:
    parts = []
    for token in tokens:
        if "raw" in token:
            parts.append(token["raw"])
        elif token.get("children"):
            parts.append(_plain_text(token["children"]))
        elif token.get("type") in ("softbreak", "linebreak"):
            parts.append(" ")
    return "".join(parts)


@functools.cache
def _markdown_ast() -> mistune.Markdown:
    return mistune.create_markdown(renderer=None)


def _first_heading(cells: Sequence[dict]) -> str | None:
    """Plain text of the first markdown heading of a notebook, if it has one."""
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        for token in _markdown_ast()(_joined(cell.get("source"))):
            if token.get("type") == "heading":
                text = " ".join(_plain_text(token.get("children", ())).split())
                if text:
                    return text
    return None


def _hidden(cell: dict) -> bool:
    tags = (cell.get("metadata") or {}).get("tags") or ()
    return any(tag in HIDDEN_TAGS for tag in tags)


def _svg_inline(svg: str) -> str:
    return _SVG_PROLOGUE.sub("", svg).strip()


def _image_size(output: dict, mime: str) -> str:
    meta = (output.get("metadata") or {}).get(mime) or {}
    attrs = []
    for key in ("width", "height"):
        value = meta.get(key) if isinstance(meta, dict) else None
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            attrs.append(f' {key}="{int(value)}"')
    return "".join(attrs)


def _rich_output(output: dict) -> str:
    """One ``display_data`` or ``execute_result``: the richest form we can show."""
    data = output.get("data") or {}
    reason = skip_reason(output)
    if reason is not None:
        text = _joined(data.get("text/markdown")) or reason
        return f'<div class="output skipped" role="note">{markdown_html(text)}</div>'
    if "text/html" in data:
        return f'<div class="output output-html">{_joined(data["text/html"])}</div>'
    for mime in ("image/png", "image/jpeg"):
        if mime in data:
            b64 = "".join(_joined(data[mime]).split())
            size = _image_size(output, mime)
            return (
                f'<figure class="output"><img src="data:{mime};base64,{b64}" alt="图表 figure"'
                f"{size}></figure>"
            )
    if "image/svg+xml" in data:
        return f'<figure class="output">{_svg_inline(_joined(data["image/svg+xml"]))}</figure>'
    if "text/markdown" in data:
        rendered = markdown_html(_joined(data["text/markdown"]))
        return f'<div class="output output-markdown">{rendered}</div>'
    if "text/plain" in data:
        text = strip_ansi(_joined(data["text/plain"]))
        return f'<pre class="output output-text">{html.escape(text)}</pre>'
    return ""


def _stream_text(text: str) -> str:
    """What a terminal shows: carriage returns overwrite their line, colours are dropped."""
    lines = strip_ansi(text).replace("\r\n", "\n").split("\n")
    return "\n".join(line.rsplit("\r", 1)[-1] for line in lines)


def _error_output(output: dict) -> str:
    ename = html.escape(strip_ansi(_joined(output.get("ename"))))
    evalue = html.escape(strip_ansi(_joined(output.get("evalue"))))
    return (
        '<div class="output error" role="alert"><p class="error-title">运行出错 · Error</p>'
        f'<p><span class="ename">{ename}</span>: <span class="evalue">{evalue}</span></p></div>'
    )


def _outputs_html(outputs: Sequence[dict]) -> list[str]:
    parts: list[str] = []
    stdout: list[str] = []

    def flush() -> None:
        if stdout:
            text = _stream_text("".join(stdout)).rstrip("\n")
            parts.append(f'<pre class="output output-stream">{html.escape(text)}</pre>')
            stdout.clear()

    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            if output.get("name") == "stdout":
                stdout.append(_joined(output.get("text")))
            continue  # stderr is warnings and progress noise, not part of the report
        flush()
        if kind in ("display_data", "execute_result"):
            parts.append(_rich_output(output))
        elif kind == "error":
            parts.append(_error_output(output))
    flush()
    return [part for part in parts if part]


def _section(nb: dict, section_id: str, title: str, has_heading: bool) -> str:
    parts = [f'<section id="{section_id}" class="notebook">']
    if not has_heading:
        parts.append(f"<h2>{html.escape(title)}</h2>")
    for cell in nb["cells"]:
        if not isinstance(cell, dict) or _hidden(cell):
            continue
        kind = cell.get("cell_type")
        if kind == "markdown":
            parts.append(markdown_html(_joined(cell.get("source"))).rstrip("\n"))
        elif kind == "code":
            parts.extend(_outputs_html(cell.get("outputs") or ()))
    parts.append("</section>")
    return "\n".join(parts)


def _section_ids(notebooks: Sequence[Path]) -> list[str]:
    ids: list[str] = []
    for i, path in enumerate(notebooks, start=1):
        found = _NUMBERED.match(Path(path).name)
        base = f"nb-{found.group(1)}" if found else f"nb-{i:02d}"
        ids.append(base if base not in ids else f"{base}-{i}")
    return ids


def render_index(
    notebooks: Sequence[Path],
    *,
    title: str,
    facts: Sequence[tuple[str, str]],
    notes: Sequence[str] = (),
) -> str:
    """Render executed notebooks as one self-contained HTML page.

    The page has the title, the ``facts`` as a definition list, the run ``notes`` in a box,
    a table of contents and one ``<section id="nb-NN">`` per notebook, in the order given.
    Markdown cells are rendered; code cells show their outputs only, never their code;
    cells tagged ``parameters`` or ``injected-parameters`` are left out. Text from the
    data (title, facts, notes, markdown) is escaped. The same notebooks give the same bytes.

    Args:
        notebooks: Executed ``NN_name.ipynb`` files, in the order to show them.
        title: Page title and ``<h1>``.
        facts: Label and value pairs shown under the title; values keep their line breaks.
        notes: Lines of the run summary (what ran, what was skipped and why, failures).

    Returns:
        The HTML document.

    Raises:
        UserError: when a notebook cannot be read.

    Examples:
        >>> import json, tempfile
        >>> nb = Path(tempfile.mkdtemp()) / "01_overview.ipynb"
        >>> cells = [{"cell_type": "markdown", "metadata": {}, "source": "# 概况"}]
        >>> _ = nb.write_text(json.dumps({"cells": cells}), encoding="utf-8")
        >>> page = render_index([nb], title="<报告>", facts=[("期间", "2023年")])
        >>> "<h1>&lt;报告&gt;</h1>" in page, '<section id="nb-01"' in page
        (True, True)
        >>> '<a href="#nb-01">概况</a>' in page
        True
    """
    sections = []
    toc = []
    for path, section_id in zip(notebooks, _section_ids(notebooks), strict=True):
        nb = _read_notebook(Path(path))
        cells = [cell for cell in nb["cells"] if isinstance(cell, dict) and not _hidden(cell)]
        heading = _first_heading(cells)
        name = heading or Path(path).stem.replace("_", " ")
        toc.append(f'<li><a href="#{section_id}">{html.escape(name)}</a></li>')
        sections.append(_section(nb, section_id, name, has_heading=heading is not None))

    head = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    if facts:
        head.append('<dl class="facts">')
        for label, value in facts:
            head.append(f"<dt>{html.escape(str(label))}</dt><dd>{_escaped_lines(value)}</dd>")
        head.append("</dl>")
    head.append("</header>")
    if notes:
        head.append('<aside class="notes" aria-label="运行情况">')
        head.append("<h2>运行情况 · Run summary</h2>")
        head.append("<ul>")
        head.extend(f"<li>{_escaped_lines(note)}</li>" for note in notes)
        head.append("</ul>")
        head.append("</aside>")
    head.append('<nav class="toc" aria-label="目录">')
    head.append("<h2>目录 · Contents</h2>")
    if toc:
        head.extend(["<ol>", *toc, "</ol>"])
    else:
        head.append("<p>没有笔记本 · No notebooks.</p>")
    head.append("</nav>")
    body = ["<main>", *sections, "</main>", "</body>", "</html>"]
    return "\n".join(head + body) + "\n"


def write_index(
    path: str | os.PathLike,
    notebooks: Sequence[Path],
    *,
    title: str,
    facts: Sequence[tuple[str, str]],
    notes: Sequence[str] = (),
) -> Path:
    """Render the notebooks (``render_index``) and write the page to ``path`` atomically.

    Examples:
        >>> import json, tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> nb = folder / "01_overview.ipynb"
        >>> _ = nb.write_text(json.dumps({"cells": []}), encoding="utf-8")
        >>> out = write_index(folder / "index.html", [nb], title="报告", facts=[])
        >>> out.name, out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        ('index.html', True)
    """
    page = render_index(notebooks, title=title, facts=facts, notes=notes)
    return write_text_atomic(path, page)
