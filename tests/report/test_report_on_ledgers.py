"""``report`` finishes on ledgers that our writer did not make, and writes only about them.

The ledgers are the hand-typed workbooks of tests/data/report_ledgers (no 5G cases, no
targets, a budget without years, two programmes, events only) and every foreign ledger of
tests/data/ledgers that ``validate`` accepts. Each runs the real notebooks, as
``python -m analysis report --data …`` does.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest

from analysis.report import build_report, find_chromium, rendered_text, screenshot
from analysis.report.run import FAILED, NOT_RUN, RAN

TESTS = Path(__file__).resolve().parents[1]
SRC = TESTS.parent / "src"
REPORT_LEDGERS = TESTS / "data" / "report_ledgers"
FOREIGN = TESTS / "data" / "ledgers"
BAD = TESTS / "bad_inputs" / "files"
CASE_LISTS = TESTS / "data" / "fiveg_lists"

#: Words that would betray text about the bundled sample or the seed programmes.
SAMPLE_WORDS = ("示例", "合成数据", "sample_ledger", "csaa_low_altitude", "changzhou_518")


def _foreign_ledgers() -> list[Path]:
    found = []
    for expected in sorted(FOREIGN.glob("*.expected.toml")):
        if tomllib.loads(expected.read_text(encoding="utf-8")).get("exit_code", 0):
            continue  # a ledger `validate` refuses is not one `report` must run on
        stem = expected.name.removesuffix(".expected.toml")
        path = FOREIGN / f"{stem}.xlsx"
        found.append(path if path.exists() else FOREIGN / stem)
    return found


def _ledgers():
    cases = [pytest.param(p, id=p.stem) for p in sorted(REPORT_LEDGERS.glob("*.xlsx"))]
    cases += [pytest.param(p, id=f"foreign-{p.stem}") for p in _foreign_ledgers()]
    # Inputs a sweep of report over tests/bad_inputs found a notebook failing on: no
    # positive contract value (04 drew an empty bar chart).
    cases += [pytest.param(BAD / "negative_amounts.xlsx", id="bad-negative_amounts")]
    # A 5G case list whose industries are names, letters and section-only words.
    cases += [
        pytest.param(p, id=f"caselist-{p.stem}") for p in sorted(CASE_LISTS.glob("*.xlsx"))[:1]
    ]
    return cases


@pytest.fixture(scope="module", autouse=True)
def kernels_import_this_tree():
    # Each notebook kernel is a new process: it must import the analysis package under test.
    with pytest.MonkeyPatch.context() as patch:
        path = os.environ.get("PYTHONPATH", "")
        patch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(SRC), path) if p))
        yield


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """``report`` on a ledger, run once per ledger and module (the runs take seconds each).

    A PDF is made only of the no-5G ledger's document, which the Chromium test opens.
    """
    done = {}

    def run(ledger: Path):
        if ledger not in done:
            out = tmp_path_factory.mktemp(ledger.stem) / "out"
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("ANALYSIS_NO_PDF", "0" if ledger.stem == "无5G案例台账" else "1")
                done[ledger] = _run(ledger, out)
        return done[ledger]

    return run


def _texts(*folders: Path) -> dict[str, str]:
    texts = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.suffix in (".ipynb", ".md", ".html", ".json", ".svg"):
                texts[str(path.relative_to(folder.parent))] = path.read_text(encoding="utf-8")
    return texts


def _run(ledger: Path, out: Path):
    lines: list[str] = []
    result = build_report(data=ledger, out_dir=out, say=lines.append, jobs=2)
    return result, lines


@pytest.mark.parametrize("ledger", _ledgers())
def test_report_finishes_and_writes_only_about_this_ledger(ledger, report):
    result, lines = report(ledger)
    out = result.out_dir

    failed = [r.line() for r in result.runs if r.status == FAILED]
    assert failed == [], "\n".join(lines)
    statuses = {r.name: r.status for r in result.runs}
    assert statuses.pop("08_seed_programmes.ipynb") == NOT_RUN
    assert set(statuses.values()) == {RAN}
    # Nothing about the sample or the seeds, in any text written: notebooks, summaries,
    # the document, figure SVGs, the manifest.
    texts = _texts(out, result.figures_dir)
    leaks = {name: w for name, text in texts.items() for w in SAMPLE_WORDS if w in text}
    assert leaks == {}
    assert not list(result.figures_dir.glob("08_*"))
    # The document has a section for every notebook that ran, and no code.
    page = result.index.read_text(encoding="utf-8")
    for run in result.runs:
        if run.status == RAN:
            assert f'id="nb-{run.name[:2]}"' in page
    assert "load_scoped(" not in page and "import " not in page


def _skipped(result, notebook: str) -> list[str]:
    return next(r.skipped for r in result.runs if r.name == notebook)


def _outputs(result, notebook: str) -> str:
    """The text of every output of one executed notebook (tables, sentences, prints)."""
    import nbformat

    nb = nbformat.read(result.out_dir / "notebooks" / notebook, as_version=4)
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts.append(data.get("text/markdown", "") + data.get("text/html", ""))
            parts.append(output.get("text", ""))
    return "\n".join(parts)


def test_without_5g_cases_the_coverage_notebook_says_so_and_draws_nothing(report):
    result, _ = report(REPORT_LEDGERS / "无5G案例台账.xlsx")
    assert _skipped(result, "05_fiveg_coverage.ipynb") == ["本台账没有5G应用案例，本节从略。"]
    assert not list(result.figures_dir.glob("05_*"))
    assert "本台账没有5G应用案例，本节从略。" in result.summary.read_text(encoding="utf-8")
    # 8 deals (r3–r10), of which r7 has no date (无5G案例台账.expected.toml): the by-year
    # table shows 7, and the sentence says where the eighth went.
    funnel = _outputs(result, "03_funnel.ipynb")
    assert "意向项目 8 项中 6 项签约（75.0%），签约项目中 3 项已落地（50.0%）。" in funnel
    assert "另有 1 项签约台账记录未填年份：计入合计，不在分年数中。" in funnel


def test_without_targets_the_assessment_is_left_out_and_no_form_written(report):
    result, _ = report(REPORT_LEDGERS / "无绩效目标台账.xlsx")
    assert _skipped(result, "07_self_assessment.ipynb")[0].startswith("本台账没有绩效目标表")
    assert not list(result.out_dir.glob("*自评表.xlsx"))
    # 5G cases are there: coverage is drawn. Hand count: divisions 13, 36, 38, 39.
    assert "覆盖97个行业大类中的4个（4.1%）" in _outputs(result, "05_fiveg_coverage.ipynb")


def test_a_budget_without_years_is_shown_as_one_total(report):
    result, _ = report(REPORT_LEDGERS / "经费无年度台账.xlsx")
    text = _outputs(result, "06_budget.ipynb")
    assert "经费表没有年度一栏" in text
    # Hand-computed in 经费无年度台账.expected.toml: 14万 planned, 12.65万 spent, 90.36%.
    assert "预算14万元，执行12.65万元，执行率90.4%。" in text


def test_two_programmes_are_shown_apart_and_their_means_never_summed(report):
    result, _ = report(REPORT_LEDGERS / "两个项目合并台账.xlsx")
    text = _outputs(result, "02_engagement.ipynb")
    lithium, village = "“科创中国”锂电新能源产业协同创新项目", "“百会万企”科技服务乡村振兴行动"
    assert f"### 1. {lithium}" in text and f"### 2. {village}" in text
    # Hand-computed per programme (两个项目合并台账.expected.toml): 300余 + … over 4 events
    # is at least 150 a head; 近200 + … over the 5 events with a count is about 64.
    cells = re.findall(r"<td>([^<]*)</td>", text)
    assert "≥150" in cells and "约64" in cells
    # Adding the two means (150 + 64 = 214) or pooling the programmes (920/9) is wrong.
    assert not {"214", "≥214", "约214", "102.2", "约102.2"} & set(cells)
    # One figure per programme, numbered in the order the programmes appear.
    names = sorted(p.name for p in result.figures_dir.glob("02_engagement__*.png"))
    assert names == ["02_engagement__events_by_type_1.png", "02_engagement__events_by_type_2.png"]
    # Landed value per programme, never one programme's contracts with the other's landings.
    # Hand-computed contract totals: 53,600,000 and 1,655,000 元.
    deals = _outputs(result, "04_deal_values.ipynb")
    assert "2023年签约金额共5360万元" in deals and "2023年签约金额共165.5万元" in deals
    assert (
        _skipped(result, "05_fiveg_coverage.ipynb")[0] == f"{village}：没有5G应用案例，本节从略。"
    )


def test_programme_option_narrows_every_notebook_to_one(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_NO_PDF", "1")
    village = "“百会万企”科技服务乡村振兴行动"
    lines: list[str] = []
    result = build_report(
        data=REPORT_LEDGERS / "两个项目合并台账.xlsx", out_dir=tmp_path / "out",
        say=lines.append, jobs=2, programme=village,
    )  # fmt: skip
    text = _outputs(result, "02_engagement.ipynb")
    assert "### " not in text and "约64" in text and "≥150" not in text
    assert _skipped(result, "05_fiveg_coverage.ipynb") == ["本台账没有5G应用案例，本节从略。"]


def test_an_events_only_ledger_leaves_out_every_other_section(report):
    result, _ = report(REPORT_LEDGERS / "仅活动台账.xlsx")
    assert _skipped(result, "02_engagement.ipynb") == []
    for notebook in ("03_funnel.ipynb", "04_deal_values.ipynb", "05_fiveg_coverage.ipynb",
                     "06_budget.ipynb", "07_self_assessment.ipynb"):  # fmt: skip
        assert _skipped(result, notebook), notebook
    figures = sorted(p.name.split("__")[0] for p in result.figures_dir.glob("*.png"))
    assert set(figures) == {"01_data_overview", "02_engagement"}


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
def test_index_opens_in_chromium_with_every_section_and_a_pdf(report):
    result, _ = report(REPORT_LEDGERS / "无5G案例台账.xlsx")
    text = rendered_text(result.index)
    for title in ("01 数据概况与质量", "02 活动与参与", "03 签约—转化漏斗", "04 签约金额",
                  "05 5G应用覆盖", "06 预算执行与单位产出成本", "07 绩效自评"):  # fmt: skip
        assert title in text
    assert "本台账没有5G应用案例，本节从略。" in text
    assert "进贤县2023年科技成果转化对接专项行动" in text
    assert result.pdf is not None and result.pdf.read_bytes().startswith(b"%PDF")
    # The page as a reader sees it: not blank, text and figures drawn across its width.
    from PIL import Image, ImageStat

    png = screenshot(result.index, result.out_dir / "index.png", width=1200, height=3000)
    with Image.open(png) as image:
        assert image.size == (1200, 3000)
        grey = image.convert("L")
        assert ImageStat.Stat(grey).stddev[0] > 15
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 20) or ()) > 200


def test_deals_without_any_date_or_year_are_counted_and_said(tmp_path, monkeypatch):
    # Typed here by hand: a 签约 sheet with no date or year column at all. Hand counts:
    # 3 rows (all intention or beyond), 2 signed (已签约, 已落地), 1 landed; 50万 + 20万.
    from openpyxl import Workbook

    monkeypatch.setenv("ANALYSIS_NO_PDF", "1")
    wb = Workbook()
    ws = wb.active
    ws.title = "签约"
    ws.append(["项目名称", "转化方式", "合同金额（万元）", "状态"])
    ws.append(["A技术", "技术转让", 50, "已签约"])
    ws.append(["B专利", "专利许可", 20, "已落地"])
    ws.append(["C工艺", "技术转让", None, "意向"])
    ledger = tmp_path / "无日期台账.xlsx"
    wb.save(ledger)
    result = build_report(data=ledger, out_dir=tmp_path / "out", say=lambda _: None, jobs=2)
    assert result.failed == []
    funnel = _outputs(result, "03_funnel.ipynb")
    assert "签约台账都没有填日期或年份，按年份的表从略。" in funnel
    assert "意向项目 3 项中 2 项签约（66.7%），签约项目中 1 项已落地（50.0%）。" in funnel
    assert "签约金额共70万元" in _outputs(result, "04_deal_values.ipynb")
