"""Outputs are replaced atomically: an interrupted write leaves the previous file intact."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from analysis.export import safe
from analysis.export.ledger_workbook import write_ledger_workbook
from analysis.export.safe import atomic_path, write_text_atomic

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "analysis"


class DiskFull(OSError):
    """Stands in for ENOSPC half-way through a write."""


def _half_then_fail(original):
    """A write method that writes the first half of its data, then fails."""

    def write(self, data, *args, **kwargs):
        original(self, data[: len(data) // 2], *args, **kwargs)
        raise DiskFull(28, "No space left on device")

    return write


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_interrupted_workbook_keeps_the_previous_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "ledger.xlsx"
    events = pd.DataFrame({"event_id": ["E1"], "name": ["旧"]})
    write_ledger_workbook({"events": events}, target)
    before = target.read_bytes()
    monkeypatch.setattr(Path, "write_bytes", _half_then_fail(Path.write_bytes))
    with pytest.raises(DiskFull):
        write_ledger_workbook({"events": events.assign(name="新")}, target)
    assert target.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_interrupted_text_keeps_the_previous_file(tmp_path: Path, monkeypatch) -> None:
    target = write_text_atomic(tmp_path / "summary.md", "# 旧\n")
    monkeypatch.setattr(Path, "write_text", _half_then_fail(Path.write_text))
    with pytest.raises(DiskFull):
        write_text_atomic(target, "# 新的摘要\n" * 100)
    assert target.read_text(encoding="utf-8") == "# 旧\n"
    assert _leftovers(tmp_path) == []


def test_interrupted_figure_keeps_the_previous_files(tmp_path: Path, monkeypatch) -> None:
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.figures.save import save_figure

    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    png, svg = save_figure(fig, "00_demo", "bars", tmp_path, strict=False)
    before = png.read_bytes(), svg.read_bytes()
    ax.bar(["c"], [3])
    real = fig.savefig

    def savefig(target, **kwargs):
        real(target, **kwargs)  # the whole new image reaches the temporary file …
        raise KeyboardInterrupt  # … then the user presses Ctrl-C

    monkeypatch.setattr(fig, "savefig", savefig)
    with pytest.raises(KeyboardInterrupt):
        save_figure(fig, "00_demo", "bars", tmp_path, strict=False)
    plt.close(fig)
    assert (png.read_bytes(), svg.read_bytes()) == before
    assert _leftovers(tmp_path) == []


def test_killed_writer_leaves_the_target_intact(tmp_path: Path) -> None:
    # SIGKILL cannot be caught: the previous file must survive without any clean-up code.
    target = tmp_path / "report.md"
    target.write_text("previous\n", encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import sys, time
        from analysis.export.safe import atomic_path
        with atomic_path({str(target)!r}) as tmp:
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.write("half of the new re")
                handle.flush()
                print("writing", flush=True)
                time.sleep(60)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    with subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env
    ) as proc:
        assert proc.stdout.readline().strip() == "writing"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert target.read_text(encoding="utf-8") == "previous\n"
    # The orphan is a hidden temporary beside the target, never the target itself.
    orphans = _leftovers(tmp_path)
    assert len(orphans) == 1 and orphans[0].startswith(".report.md.")


def test_atomic_path_keeps_permissions_of_a_plain_write(tmp_path: Path) -> None:
    with atomic_path(tmp_path / "a.txt") as tmp:
        tmp.write_text("x", encoding="utf-8")
    plain = tmp_path / "b.txt"
    plain.write_text("x", encoding="utf-8")
    assert (tmp_path / "a.txt").stat().st_mode == plain.stat().st_mode


# ---------------------------------------------------------------------------- every writer


#: Methods that write a file when given a path.
_WRITERS = {"save", "savefig", "to_csv", "to_excel", "to_parquet", "write_text", "write_bytes"}
#: What a writer may write to besides an atomic temporary path: in-memory buffers, stdout.
_BUFFER_FACTORIES = {"BytesIO", "StringIO"}


def _direct_writes(tree: ast.AST) -> list[int]:
    """Line numbers of file writes that are not inside ``with atomic_path(...) as tmp``."""
    bad: list[int] = []

    def visit(node: ast.AST, temps: frozenset[str], buffers: set[str]) -> None:
        if isinstance(node, ast.With):
            names = set(temps)
            for item in node.items:
                call = item.context_expr
                is_atomic = (
                    isinstance(call, ast.Call)
                    and getattr(call.func, "id", getattr(call.func, "attr", None)) == "atomic_path"
                )
                if is_atomic and isinstance(item.optional_vars, ast.Name):
                    names.add(item.optional_vars.id)
            temps = frozenset(names)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            if getattr(func, "attr", getattr(func, "id", None)) in _BUFFER_FACTORIES:
                buffers.update(t.id for t in node.targets if isinstance(t, ast.Name))
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _WRITERS
        ):
            receiver = node.func.value
            first = node.args[0] if node.args else None
            ok = (
                (isinstance(receiver, ast.Name) and receiver.id in temps | buffers)
                or (isinstance(first, ast.Name) and first.id in temps | buffers)
                or (isinstance(first, ast.Attribute) and ast.unparse(first) == "sys.stdout")
                or ast.unparse(receiver) in {"sys.stdout", "sys.stderr"}
            )
            if not ok:
                bad.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, temps, buffers)

    visit(tree, frozenset(), set())
    return bad


def test_no_module_writes_a_file_directly() -> None:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = _direct_writes(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            found[str(path.relative_to(SRC))] = lines
    assert found == {}


def test_the_scan_catches_a_direct_write() -> None:
    code = textwrap.dedent(
        """
        def f(frame, path):
            frame.to_csv(path)
            with atomic_path(path) as tmp:
                frame.to_csv(tmp)
            buffer = io.BytesIO()
            wb.save(buffer)
            wb.save(path)
        """
    )
    assert _direct_writes(ast.parse(code)) == [3, 8]


def test_output_module_is_the_one_place_that_renames() -> None:
    # os.replace appears only in analysis.export.safe.atomic_path.
    users = [
        str(p.relative_to(SRC))
        for p in PACKAGE.rglob("*.py")
        if "os.replace(" in p.read_text(encoding="utf-8")
    ]
    assert users == ["analysis/export/safe.py"]
    assert safe.atomic_path.__module__ == "analysis.export.safe"
