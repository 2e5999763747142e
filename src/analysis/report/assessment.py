"""The ``assess`` job: load the data, targets and programme header, score, write the form."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from analysis.assessment import Assessment, Rules, assess
from analysis.assessment.evidence import evidence
from analysis.assessment.inputs import programme_info
from analysis.assessment.sensitivity import Sensitivity, sensitivity
from analysis.assessment.summary import evidence_markdown, sensitivity_markdown, summary_markdown
from analysis.assessment.target_sheet import read_target_sheet
from analysis.errors import UserError
from analysis.export import refuse_overwriting_inputs, write_form, write_text_atomic
from analysis.ledger import Ledger
from analysis.load import load_data, load_table


@dataclass(frozen=True)
class AssessmentFiles:
    """What ``assess_files`` scored and wrote."""

    assessment: Assessment
    form: Path
    summary: Path | None
    #: How the targets file was read (levels filled down, merged cells …), for the user.
    notes: tuple[str, ...] = ()
    #: How firm the grade is, when asked for (``sensitivity=True``).
    sensitivity: Sensitivity | None = None
    #: The figure of the re-scored totals over the grade bands, when asked for.
    figure: Path | None = None


def assess_files(
    data: str | os.PathLike | None,
    out: str | os.PathLike,
    *,
    targets: str | os.PathLike | None = None,
    programmes: str | os.PathLike | None = None,
    summary: str | os.PathLike | None = None,
    programme: str | None = None,
    period: str | None = None,
    rules: Rules | None = None,
    mapping: str | os.PathLike | None = None,
    info: dict | None = None,
    layout: str = "central",
    sensitivity_figure: bool | str | os.PathLike = False,
) -> AssessmentFiles:
    """Score a programme from its files and write the 自评表 (and a markdown summary).

    Args:
        data: A ledger (workbook or CSV folder), a statistics table (CSV), or ``None``
            when the targets carry their actuals (实际完成值).
        out: Where the form (.xlsx) goes.
        targets: A targets table (绩效目标); by default the ledger's 绩效目标 sheet.
        programmes: A programmes table for the header and budget; by default
            ``programmes.csv`` beside ``targets`` when there is one, else the ledger's 项目信息.
        summary: Where the markdown summary goes, if anywhere.
        programme: The programme to score when the targets hold several.
        period: The period of the statistics to read (default: the programme's year).
        rules: Scoring rule options (``Rules()`` by default).
        mapping: A mapping file for the ledger's sheets, headers and values (docs/ledger.md).
        info: Header and budget fields (name, department, implementer, year, budget_initial,
            budget_full_year, budget_spent in 元, budget_reason) over the programmes table.
        layout: ``central`` (财预〔2020〕10号) or ``sichuan`` (510000_0013zp) form.
        sensitivity_figure: Re-score under every preset and seeded random changes
            (``analysis.assessment.sensitivity``), add the result to the summary and draw
            its figure: ``True`` writes ``<form>_稳健性.png`` beside the form, a path
            writes there.

    Raises:
        UserError: a file is missing or unreadable, an output would overwrite an input, or
            statistics come without targets.

    Examples:
        >>> assess_files("missing.csv", "form.xlsx")
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: 找不到文件 missing.csv: no such file or folder
    """
    for output in (out, summary):
        refuse_overwriting_inputs(output, data, targets, programmes, mapping)
    if data is None and targets is None:
        raise UserError(
            "请给出数据文件（台账或统计表），或用 --targets 给出带实际完成值的绩效目标表"
        )
    loaded = None if data is None else load_data(data, mapping=mapping, programme=programme)
    ledger = loaded if isinstance(loaded, Ledger) else None
    sheet = read_target_sheet(targets) if targets else None
    target_table = sheet.table if sheet is not None else None
    if target_table is None and ledger is None:
        raise UserError("统计表没有绩效目标：请用 --targets 指定绩效目标表")
    if programmes is None and targets is not None:
        beside = Path(targets).with_name("programmes.csv")
        programmes = beside if beside.is_file() else None
    header: dict = {}
    if programmes is not None:
        source = target_table if target_table is not None else ledger.targets
        names = sorted({str(p).strip() for p in source["programme"].dropna()} - {""})
        name = programme or (names[0] if len(names) == 1 else None)
        table = load_table(programmes, "programmes")
        if name is None and not names:
            # An export that names no programme: the --name given, or the file's only one.
            given = (info or {}).get("name")
            listed = sorted({str(p).strip() for p in table["programme"].dropna()} - {""})
            name = given or (listed[0] if len(listed) == 1 else None)
            programme = programme or name
        if name:
            header = programme_info(table, name)
    header.update({k: v for k, v in (info or {}).items() if v is not None})
    if (
        target_table is not None
        and not (target_table["programme"].astype(str).str.strip() != "").any()
    ):
        # A budget-system export names no programme in its rows: the header's name does.
        target_table = target_table.assign(programme=programme or header.get("name") or "")
        if not programme and not header.get("name"):
            raise UserError("绩效目标表没有“项目名称”列：请用 --name 或 --programme 给出项目名称")
    result = assess(
        loaded,
        target_table,
        rules or Rules(),
        programme=programme,
        period=period,
        info=header or None,
    )
    source = Path(targets).name if targets else None
    traced = evidence(result, loaded, targets=target_table, period=period, targets_source=source)
    form = write_form(result, out, layout=layout, evidence=traced)
    firm = figure = None
    text = summary_markdown(result) + "\n" + evidence_markdown(traced)
    if sensitivity_figure:
        firm = sensitivity(result)
        text += "\n" + sensitivity_markdown(firm, result.grade)
        place = (
            Path(out).with_name(f"{Path(out).stem}_稳健性.png")
            if sensitivity_figure is True
            else Path(sensitivity_figure)
        )
        refuse_overwriting_inputs(place, data, targets, programmes, mapping)
        figure = _sensitivity_figure(result, firm, place)
    written = write_text_atomic(summary, text) if summary else None
    notes = tuple(sheet.notes if sheet else ())
    return AssessmentFiles(result, form, written, notes, firm, figure)


def _sensitivity_figure(result: Assessment, firm: Sensitivity, place: Path) -> Path:
    """Draw the re-scored totals over the grade bands and save the PNG at ``place``."""
    import matplotlib.pyplot as plt

    from analysis.export import atomic_path
    from analysis.figures import add_source_line, use_house_style
    from analysis.figures.charts import score_distribution

    use_house_style("zh")
    fig, _ = score_distribution(
        firm.draws["total"],
        result.rules.grade_bounds,
        score=result.total,
        title=f"{result.programme}：重算 {len(firm.draws)} 次的总分分布"
        f"（表上 {result.total:.2f}，{result.grade}）",
    )
    add_source_line(fig, f"评分规则组合与随机变动，随机种子 {firm.seed}")
    with atomic_path(place) as tmp:
        fig.savefig(tmp, format="png", dpi=150, metadata={"Software": None})
    plt.close(fig)
    return place
