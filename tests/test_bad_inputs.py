"""The bad-input corpus: every broken file loads to its expected accounting or a clean error."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import psutil
import pytest
import python_calamine

from analysis.errors import UserError
from analysis.load import load_ledger

CORPUS = Path(__file__).parent / "bad_inputs"
FILES = CORPUS / "files"
SRC = Path(__file__).resolve().parents[1] / "src"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"bad_inputs_{name}", CORPUS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while building
    spec.loader.exec_module(module)
    return module


expected = _module("expected")
CASES = expected.CASES


def test_corpus_on_disk_is_what_the_script_makes() -> None:
    # The committed files are exactly the seeded script's output, so they can be regenerated.
    built = _module("make_corpus").build()
    on_disk = {str(p.relative_to(FILES)): p.read_bytes() for p in FILES.rglob("*") if p.is_file()}
    assert sorted(on_disk) == sorted(built)
    changed = [name for name, data in built.items() if on_disk[name] != data]
    assert changed == []


def test_readme_lists_every_case() -> None:
    # README.md is rendered from expected.py by make_corpus.py; regenerate it after edits.
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert readme == _module("make_corpus").readme()
    assert all(f"| `{name}` |" in readme for name in CASES)


def test_every_corpus_file_has_an_expectation() -> None:
    tops = {p.name for p in FILES.iterdir()}
    assert tops <= set(CASES)
    assert all((FILES / name).exists() for name in CASES)
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input(name: str) -> None:
    expect = CASES[name]
    path = FILES / name
    if expect.error:
        with pytest.raises(UserError) as info:
            load_ledger(path)
        message = str(info.value)
        for keyword in expect.error:
            assert keyword in message, message
        return
    report = load_ledger(path).report
    # Records: rows read less the rows skipped as not data (TableCount checks the sum).
    counts = {
        c.table: (c.rows_read - c.rows_skipped, c.rows_accepted, c.rows_rejected)
        for c in report.counts.values()
    }
    assert counts == expect.counts
    if expect.skipped is not None:
        assert [(r.table, r.row) for r in report.skipped] == list(expect.skipped)
    got = [(r.table, r.sheet, r.row, r.column, r.reason) for r in report.rejections]
    assert len(got) == len(expect.rejections), report.problems()
    for (table, sheet, row, column, reason), want in zip(got, expect.rejections, strict=True):
        assert (table, sheet, row, column) == want[:4], report.problems()
        assert want[4] in reason, reason
    for keyword in expect.warnings:
        assert any(keyword in w for w in report.warnings), report.warnings


# ---------------------------------------------------------------------------- values read


def test_fullwidth_digits_are_read_as_their_ascii_values() -> None:
    ledger = load_ledger(FILES / "fullwidth_digits.xlsx")
    event = ledger.events.iloc[0]
    # Ｅ１ → E1, ３００ → 300, ２０２３年１０月２８日 → 2023-10-28, １２０万元 → 1,200,000 元.
    assert (event["event_id"], event["attendees_onsite"]) == ("E1", 300.0)
    assert event["date"] == np.datetime64("2023-10-28")
    assert ledger.signings.loc[0, "value"] == 1_200_000.0


def test_unit_in_header_scales_plain_numbers_only() -> None:
    values = load_ledger(FILES / "unit_in_header.xlsx").signings["value"].tolist()
    # 120 under 合同金额（万元） is 120 × 10⁴; 30万元 already says its unit.
    assert values == [1_200_000.0, 300_000.0]


def test_units_typed_into_cells() -> None:
    frame = load_ledger(FILES / "units_in_cells.xlsx").signings
    # 120万元, 1.5亿元, 约50万 (approx), 1,200,000; 面议 (row 7) is no amount yet: blank.
    assert frame["value"].tolist()[:4] == [1.2e6, 1.5e8, 5e5, 1.2e6]
    assert frame["value"].isna().tolist() == [False] * 4 + [True]
    assert frame["value_qualifier"].tolist()[:4] == ["exact", "exact", "approx", "exact"]


def test_merged_cells_take_the_top_left_value() -> None:
    frame = load_ledger(FILES / "merged_data_cells.xlsx").events
    assert frame["programme"].tolist() == ["科创中国", "科创中国"]


def test_two_row_merged_header_reads_both_sub_columns() -> None:
    frame = load_ledger(FILES / "header_two_rows_merged.xlsx").events
    assert frame["attendees_onsite"].tolist() == [300.0, 120.0]
    assert frame["online_views"].tolist() == [5000.0, 12000.0]  # 1.2万


def test_formula_with_cached_value_reads_the_value() -> None:
    frame = load_ledger(FILES / "formula_cached.xlsx").events
    assert frame["attendees_onsite"].tolist() == [300.0, 120.0]


def test_uncached_formula_shows_the_formula_as_the_value() -> None:
    rejection = load_ledger(FILES / "formula_uncached.xlsx").report.rejections[0]
    assert rejection.value == "=100+200"


def test_dates_typed_as_text_and_serials() -> None:
    text = load_ledger(FILES / "dates_as_text.xlsx").events["date"].dt.date.tolist()
    assert text == [
        dt.date(2023, 10, 28),
        dt.date(2023, 11, 5),
        dt.date(2023, 11, 5),
        dt.date(2023, 10, 28),
    ]
    serial = load_ledger(FILES / "dates_as_serials.xlsx").events["date"].dt.date.tolist()
    # Serial 45227 counted from 1899-12-30 is 2023-10-28.
    assert serial == [dt.date(2023, 10, 28), dt.date(2023, 10, 28)]


def test_encodings_are_named_in_the_report() -> None:
    for name, label in (
        ("gb18030_csv", "GB18030"),
        ("utf8_bom_csv", "UTF-8 with BOM"),
        ("utf16_tab_text", "UTF-16, 制表符分隔"),
        ("semicolon_csv", "UTF-8, 分号分隔"),
    ):
        report = load_ledger(FILES / name).report
        assert report.counts["events"].encoding == label
        assert load_ledger(FILES / name).events["name"].tolist() == ["成果对接会", "新材料路演"]


# ---------------------------------------------------------------------------- XML attacks


def test_openpyxl_parses_with_defusedxml() -> None:
    # openpyxl switches to defusedxml when it is installed; our dependency list pins it.
    assert openpyxl.DEFUSEDXML is True
    from defusedxml import EntitiesForbidden

    with pytest.raises(ValueError) as info:  # openpyxl wraps the defusedxml error
        openpyxl.load_workbook(FILES / "xml_entity_bomb_sheet.xlsx")
    assert isinstance(info.value.__cause__, EntitiesForbidden)


@pytest.mark.parametrize("name", [n for n in CASES if n.startswith("xml_")])
def test_xml_attacks_fail_fast_without_memory_growth(name: str) -> None:
    process = psutil.Process()
    before = process.memory_info().rss
    with pytest.raises(UserError) as info:
        load_ledger(FILES / name)
    # Expanded, the bomb is 10⁹ × "lol" = 3 GB; refusing it costs next to nothing.
    assert process.memory_info().rss - before < 50 * 2**20
    assert "root:" not in str(info.value)  # /etc/passwd was not read into the message


# ---------------------------------------------------------------------------- a large file


def test_large_csv_accounts_for_every_row(tmp_path: Path) -> None:
    rows = 200_000
    rng = np.random.default_rng(8)
    bad = set(rng.choice(rows, size=25, replace=False).tolist())
    lines = ["活动编号,项目名称,活动名称,活动类型,地区,日期,线下参会人数"]
    for i in range(rows):
        people = "-5" if i in bad else str(i % 500)
        lines.append(f"E{i},科创中国,活动{i % 97},路演,杭州,2023-{i % 12 + 1:02d}-01,{people}")
    folder = tmp_path / "big"
    folder.mkdir()
    (folder / "活动.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    process = psutil.Process()
    before = process.memory_info().rss
    report = load_ledger(folder).report
    grown = process.memory_info().rss - before
    assert report.counts["events"].rows_read == rows
    assert report.counts["events"].rows_rejected == 25
    assert report.counts["events"].rows_accepted == rows - 25
    # Row i of the data is line i + 2 of the file (line 1 is the header).
    assert sorted(r.row for r in report.rejections) == sorted(i + 2 for i in bad)
    # 12 MB of CSV; measured about 220 MB of growth. A generous bound catches a blow-up.
    assert grown < 1024 * 2**20


# ---------------------------------------------------------------------------- the CLI


CLI_SAMPLE = [
    "formula_uncached.xlsx",
    "header_two_rows_merged.xlsx",
    "truncated.xlsx",
    "csv_renamed.xlsx",
    "xml_entity_bomb_sheet.xlsx",
    "xml_entity_bomb_workbook.xlsx",
    "utf8_read_as_gb18030",
    "mixed_encodings",
    "unbalanced_quote",
    "empty_file.xlsx",
    # Files that killed the process or hung it before issue 20.
    "shared_strings_count_bomb.xlsx",
    "cell_far_corner.xlsx",
    "ods_repeated_bomb.ods",
    "error_codes_all.xlsx",
]


@pytest.mark.parametrize("name", CLI_SAMPLE)
def test_validate_command_exit_code_and_no_traceback(name: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("ANALYSIS_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", str(FILES / name)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == CASES[name].exit_code, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    if CASES[name].error:
        assert done.stderr.startswith("错误 / error:")


# ---------------------------------------------------------------------------- calamine failures


class PanicException(BaseException):
    """Stands in for pyo3's PanicException: a Rust panic surfaces as a BaseException."""


@pytest.mark.parametrize(
    ("error", "keyword"),
    [
        (python_calamine.PasswordError("workbook is encrypted"), "password-protected"),
        (PanicException("index out of bounds"), "corrupt or unreadable workbook"),
        (python_calamine.ZipError("invalid Zip archive"), "corrupt or unreadable workbook"),
    ],
)
def test_calamine_failures_are_user_errors(monkeypatch, error, keyword) -> None:
    def fail(_path):
        raise error

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", fail)
    with pytest.raises(UserError, match=keyword):
        load_ledger(FILES / "header_only.xlsx")


def test_ctrl_c_inside_calamine_is_not_swallowed(monkeypatch) -> None:
    def interrupted(_path):
        raise KeyboardInterrupt

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", interrupted)
    with pytest.raises(KeyboardInterrupt):
        load_ledger(FILES / "header_only.xlsx")


# ---------------------------------------------------------------------------- bounds


#: Seconds any corpus case may take to load, and the memory it may add to its process.
CASE_SECONDS = 10
CASE_MEMORY = 2**30


def _address_space() -> int:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _load_in_child(path: Path, conn) -> None:
    """Load ``path`` under RLIMIT_AS (what it inherits plus ``CASE_MEMORY``); send the outcome."""
    import resource
    import time

    limit = _address_space() + CASE_MEMORY
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    start = time.perf_counter()
    try:
        load_ledger(path)
        outcome = "loaded"
    except UserError as exc:
        outcome = f"UserError: {str(exc)[:200]}"
    except MemoryError:
        outcome = "MemoryError"
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    conn.send((outcome, time.perf_counter() - start, grown))
    conn.close()


def _bounded_load(path: Path) -> tuple[str, float, int]:
    """Load ``path`` in a forked child with a memory limit and a timeout; a dead or stuck
    child fails the test instead of the test run."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    before = psutil.Process().memory_info().rss
    # Not a daemon: the loader forks its own child for .xls and .ods (load.guarded).
    child = context.Process(target=_load_in_child, args=(path, send))
    child.start()
    send.close()
    got = receive.recv() if receive.poll(3 * CASE_SECONDS) else None
    child.join(5)
    if child.is_alive():
        child.kill()
        child.join()
    assert got is not None, f"{path.name}: no answer in {3 * CASE_SECONDS} s, exit {child.exitcode}"
    outcome, seconds, peak = got
    return outcome, seconds, peak - before


def _bombs(folder: Path) -> list[Path]:
    """Hostile files too large to commit, or that git cannot hold, made in ``folder``."""
    import zipfile

    made = []
    # A 1 GiB sheet deflated to about 1 MB (issue 20's 2.5 MB bomb inflated one sheet to 1 GiB).
    bomb = folder / "zip_bomb_1gib.xlsx"
    good = (FILES / "header_only.xlsx").read_bytes()
    with (
        zipfile.ZipFile(io.BytesIO(good)) as src,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info.filename, src.read(info))
        with dst.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b" " * 2**20
            for _ in range(1024):
                sheet.write(block)
    made.append(bomb)
    many = folder / "too_many_members.xlsx"
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(many, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        for i in range(10_001):
            dst.writestr(f"x/{i}", b"")
    made.append(many)
    pipe_folder = folder / "named_pipe"
    pipe_folder.mkdir()
    os.mkfifo(pipe_folder / "活动.csv")
    shutil.copy(FILES / "empty_folder_table" / "签约.csv", pipe_folder / "签约.csv")
    made += [pipe_folder, pipe_folder / "活动.csv"]
    return made


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    return {p.name: p for p in _bombs(tmp_path_factory.mktemp("bombs"))}


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_case_takes_more_than_seconds_or_a_gibibyte(name: str) -> None:
    # A bound, not a benchmark: each case must finish in a forked child limited to 1 GiB
    # more than it inherits, well inside CASE_SECONDS, with an outcome (never a dead child).
    outcome, seconds, grown = _bounded_load(FILES / name)
    assert outcome == "loaded" or outcome.startswith("UserError"), outcome
    assert seconds < CASE_SECONDS
    assert grown < CASE_MEMORY


@pytest.mark.parametrize(
    ("name", "keyword"),
    [
        ("zip_bomb_1gib.xlsx", "zip bomb"),
        ("too_many_members.xlsx", "too many zip members"),
        ("活动.csv", "named pipe"),
    ],
)
def test_generated_bombs_are_refused_in_bounds(bombs, name: str, keyword: str) -> None:
    outcome, seconds, grown = _bounded_load(bombs[name])
    assert outcome.startswith("UserError") and keyword in outcome, outcome
    assert seconds < CASE_SECONDS
    assert grown < CASE_MEMORY


def test_named_pipe_in_a_folder_is_named_and_not_opened(bombs) -> None:
    # Opening the pipe would wait for a writer forever: the child's timeout would fail this.
    outcome, _seconds, _grown = _bounded_load(bombs["named_pipe"])
    assert outcome == "loaded"
    report = load_ledger(bombs["named_pipe"]).report  # safe: the pipe is never opened
    assert report.counts["signings"].rows_accepted == 1
    assert any("活动.csv" in w and "named pipe" in w for w in report.warnings), report.warnings


def test_link_leading_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(FILES / "gb18030_csv" / "活动.csv", outside / "活动.csv")
    folder = tmp_path / "ledger"
    folder.mkdir()
    (folder / "活动.csv").symlink_to(outside / "活动.csv")
    shutil.copy(FILES / "empty_folder_table" / "签约.csv", folder / "签约.csv")
    report = load_ledger(folder).report
    assert "events" not in report.counts  # no events table was read
    assert any("活动.csv" in w and "outside the folder" in w for w in report.warnings)
    # A link to a file inside the folder is an ordinary file.
    (folder / "活动.csv").unlink()
    shutil.copy(outside / "活动.csv", folder / "真的活动.csv")
    (folder / "活动.csv").symlink_to(folder / "真的活动.csv")
    assert load_ledger(folder).report.counts["events"].rows_accepted == 2


def test_date1904_serials_and_dates_read_alike() -> None:
    dates = load_ledger(FILES / "date1904.xlsx").events["date"].dt.date.tolist()
    # A date cell, and the plain number 43765: 1904-01-01 + 43765 days = 2023-10-28.
    assert dates == [dt.date(2023, 10, 28), dt.date(2023, 10, 28)]


def test_cp1252_csv_reads_the_apostrophe_and_names_the_encoding() -> None:
    ledger = load_ledger(FILES / "cp1252_csv")
    assert ledger.events["programme"].tolist() == ["Women’s Innovation Fund"] * 2
    assert ledger.events["name"].tolist() == ["Café pitch", "Investor’s day"]
    assert ledger.report.counts["events"].encoding.startswith("Windows-1252")


def test_long_csv_cell_is_read_whole() -> None:
    names = load_ledger(FILES / "csv_long_cell").events["name"].tolist()
    assert [len(n) for n in names] == [140_000, 5]


def test_validate_csv_escapes_a_file_named_like_a_formula(tmp_path: Path) -> None:
    out = tmp_path / "rejections.csv"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    command = ["validate", str(FILES / "=1+1.xlsx"), "--format", "csv", "-o", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "analysis", *command],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    import csv

    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(r["file"], r["value"]) for r in rows] == [("'=1+1.xlsx", "'=100+200")]
