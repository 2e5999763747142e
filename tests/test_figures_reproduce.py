"""The committed figures come from the committed data: regenerate them all and compare.

Runs ``analysis.report.build_report`` once on the bundled sample (it executes every
notebook, about a minute), then compares each committed PNG in ``figures/`` with the
regenerated one within a small tolerance.
"""

import pytest

from analysis import paths
from analysis.devtools.images import compare_images
from analysis.report import build_report, notebook_paths

pytestmark = pytest.mark.skipif(
    not notebook_paths(paths.NOTEBOOKS), reason="no notebooks in this checkout"
)

#: RMS difference in 0–255 levels; anti-aliasing differences between font builds stay below it.
TOLERANCE = 2.0


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    result = build_report(
        data=paths.SAMPLE_LEDGER,
        out_dir=out / "reports",
        figures_dir=out / "figures",
        say=lambda _: None,
    )
    return result


def _names(folder):
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".png", ".svg"))


def test_same_figure_files(regenerated):
    committed = _names(paths.FIGURES)
    assert committed, "figures/ is empty: run `make report` and commit the figures"
    assert _names(regenerated.figures_dir) == committed


def test_each_png_matches_the_committed_one(regenerated, tmp_path):
    different = {}
    for png in sorted(paths.FIGURES.glob("*.png")):
        rms = compare_images(
            png,
            regenerated.figures_dir / png.name,
            tol=TOLERANCE,
            diff_path=tmp_path / f"diff_{png.name}",
        )
        if rms is not None:
            different[png.name] = round(rms, 2)
    assert not different, f"figures differ from the committed ones (RMS): {different}"


def test_report_writes_every_notebook_and_the_assessments(regenerated):
    names = {p.name for p in regenerated.notebooks}
    assert names == {p.name for p in notebook_paths(paths.NOTEBOOKS)}
    written = {p.name for p in regenerated.out_dir.iterdir()}
    # 07 writes the form and summary for the sample and the two seed programmes with targets.
    for stem in ("sample", "csaa_low_altitude_2023", "changzhou_518_2019"):
        assert f"{stem}_自评表.xlsx" in written
        assert f"{stem}_自评.md" in written
    summary = (regenerated.out_dir / "sample_自评.md").read_text(encoding="utf-8")
    # The sample's 2023 self-assessment scores 99.07, grade 优 (analysis.assessment on the
    # sample's targets sheet; the budget line is 10 × 217.57 ÷ 240 = 9.07).
    assert "总分 **99.07**" in summary and "等级 **优**" in summary
