"""The report notebooks: paired with their py:percent scripts, parameterised, and complete."""

import jupytext
import nbformat
import pytest

from analysis import paths
from analysis.report import notebook_paths

NOTEBOOKS = notebook_paths(paths.NOTEBOOKS)
PARAMETERS = (
    "data_path",
    "statistics_path",
    "out_dir",
    "figures_dir",
    "programme",
    "period",
    "mapping_path",
)


def test_the_notebooks_of_issues_5_and_19_are_there():
    # Issue 5 lists 01 overview … 08 seed programmes; issue 19 adds 09 comparison.
    assert [p.name[:2] for p in NOTEBOOKS] == [f"0{i}" for i in range(1, 10)]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_script_is_in_sync_with_notebook(notebook):
    script = notebook.with_suffix(".py")
    assert script.exists(), f"{script.name} missing: run jupytext --sync {notebook}"
    expected = jupytext.writes(jupytext.read(notebook), fmt="py:percent")
    assert script.read_text(encoding="utf-8") == expected, (
        f"{script.name} and {notebook.name} differ: run `jupytext --sync {script}`"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_has_title_and_parameters(notebook):
    nb = nbformat.read(notebook, as_version=4)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith(f"# {notebook.name[:2]} ")
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for name in PARAMETERS:
        assert f"\n{name} = " in "\n" + tagged[0].source, f"{notebook.name}: no {name}"
    # No absolute path is hard-coded: defaults come from analysis.paths.
    assert "/" not in tagged[0].source.replace("analysis", "")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_outputs_are_clean(notebook):
    nb = nbformat.read(notebook, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert any(c.outputs for c in code), f"{notebook.name} has no stored outputs"
    for cell in code:
        for output in cell.outputs:
            assert output.get("name") != "stderr", f"{notebook.name}: stderr {output.get('text')}"
            assert output.output_type != "error"
            text = str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
            assert str(paths.ROOT) not in text, f"{notebook.name}: absolute path in output"
    checked = [c for c in code if "NBVAL_CHECK_OUTPUT" in c.source]
    assert checked, f"{notebook.name}: no cell is checked by nbval"
