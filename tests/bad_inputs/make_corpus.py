"""Write the bad-input corpus: broken ledger files of the kinds users really hand over.

Run ``python tests/bad_inputs/make_corpus.py`` to regenerate ``tests/bad_inputs/files/``;
the output is byte-for-byte the same on every run (fixed zip times, seeded corruption).
Each file's expected outcome is in ``expected.py``; ``README.md`` describes them.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
OUT = HERE / "files"
SEED = 8
FIXED_TIME = dt.datetime(2000, 1, 1)

EVENTS_HEADER = ["活动编号", "项目名称", "活动名称", "活动类型", "地区", "日期", "线下参会人数"]
EVENTS = [
    ["E1", "科创中国", "成果对接会", "对接会", "杭州", dt.datetime(2023, 10, 28), 300],
    ["E2", "科创中国", "新材料路演", "路演", "宁波", dt.datetime(2023, 11, 5), 120],
]
SIGNINGS_HEADER = [
    "签约编号",
    "项目名称",
    "活动编号",
    "成果名称",
    "阶段",
    "转化方式",
    "地区",
    "技术领域",
    "签约日期",
    "合同金额",
]


def signing(sid: str, event: str | None, stage: str = "签约", value: object = 1200000) -> list:
    """One signing row; ``event`` None leaves the optional event id blank."""
    return [
        sid,
        "科创中国",
        event,
        "高性能复合材料",
        stage,
        "转让",
        "杭州",
        "新材料",
        dt.datetime(2023, 10, 28),
        value,
    ]


CONVERSIONS_HEADER = ["落地编号", "签约编号", "落地日期", "落地金额"]


# ---------------------------------------------------------------------------- writers


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite an openpyxl package with fixed entry times and creation stamps."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = _strip_times(body)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body, compresslevel=6)
    return out.getvalue()


def _strip_times(core: bytes) -> bytes:
    import re

    return re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2000-01-01T00:00:00Z", core)


def workbook_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return _fixed_zip(buffer.getvalue())


def new_workbook(**sheets: list[list[object]]) -> Workbook:
    """A workbook with one sheet per keyword (sheet title → rows)."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    return wb


def patch_member(data: bytes, member: str, edit: Callable[[bytes], bytes]) -> bytes:
    """Return the package with one member's bytes replaced by ``edit(old)``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            body = src.read(info)
            if info.filename == member:
                body = edit(body)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body, compresslevel=6)
    return out.getvalue()


def events_workbook(rows: list[list[object]], header: list[str] | None = None) -> Workbook:
    return new_workbook(活动=[header or EVENTS_HEADER, *rows])


def csv_bytes(lines: list[str], encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def events_csv_lines() -> list[str]:
    return [
        ",".join(EVENTS_HEADER),
        "E1,科创中国,成果对接会,对接会,杭州,2023-10-28,300",
        "E2,科创中国,新材料路演,路演,宁波,2023-11-05,120",
    ]


BOMB_DTD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%s;" % (b"" if i == 1 else b"%d" % (i - 1))) * 10)
        for i in range(1, 10)
    )
    + b"]>\n"
)


def _with_dtd(xml: bytes, entity: bytes, dtd: bytes = BOMB_DTD) -> bytes:
    """Put a DOCTYPE in front of the XML and use ``entity`` in the first shared text."""
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    return dtd.replace(b"worksheet", body.split(b" ", 1)[0][1:], 1) + body.replace(
        b"<t>E1</t>", b"<t>" + entity + b"</t>", 1
    )


# ---------------------------------------------------------------------------- the corpus


def build() -> dict[str, bytes]:
    """Every corpus file as relative path → bytes."""
    rng = random.Random(SEED)
    files: dict[str, bytes] = {}

    def xlsx(name: str, wb: Workbook) -> None:
        files[name] = workbook_bytes(wb)

    # -- headers
    header = EVENTS_HEADER.copy()
    header[0] = "活动编码"
    xlsx("header_misspelled_required.xlsx", events_workbook(EVENTS, header))
    header = EVENTS_HEADER.copy()
    header[6] = "线下参会认数"
    xlsx("header_misspelled_optional.xlsx", events_workbook(EVENTS, header))

    wb = new_workbook(
        活动=[["基本信息", None, None, None, None, "参会情况", None], EVENTS_HEADER, *EVENTS]
    )
    wb["活动"].merge_cells("A1:E1")
    wb["活动"].merge_cells("F1:G1")
    xlsx("header_group_row_merged.xlsx", wb)

    # A two-row header: most headers merged down over both rows, one group split in two.
    wb = new_workbook(
        活动=[
            [*EVENTS_HEADER[:6], "参会情况", None],
            [None] * 6 + ["线下参会人数", "线上观看人次"],
            [*EVENTS[0], 5000],
            [*EVENTS[1], "1.2万"],
        ]
    )
    for col in "ABCDEF":
        wb["活动"].merge_cells(f"{col}1:{col}2")
    wb["活动"].merge_cells("G1:H1")
    xlsx("header_two_rows_merged.xlsx", wb)

    wb = events_workbook(EVENTS, ["ａｃｔｉｖｉｔｙ", *EVENTS_HEADER[1:]])
    wb["活动"]["A1"] = "ｅｖｅｎｔ＿ｉｄ"
    wb["活动"]["B1"] = "项目　名称"  # ideographic space typed with a Chinese IME
    wb["活动"]["G1"] = "线下参会人数（人）"
    xlsx("header_fullwidth.xlsx", wb)

    xlsx(
        "title_and_notes_above.xlsx",
        new_workbook(
            活动=[
                ["2023年科创中国活动台账"],
                ["填报单位：某市科协", None, None, "填报日期：2024年1月"],
                [],
                EVENTS_HEADER,
                *EVENTS,
            ]
        ),
    )
    xlsx(
        "notes_below_table.xlsx",
        new_workbook(活动=[EVENTS_HEADER, *EVENTS, [], ["注：人数为现场签到人数"]]),
    )

    # -- merged, hidden and duplicate sheets
    wb = events_workbook(EVENTS)
    wb["活动"]["B3"] = None
    wb["活动"].merge_cells("B2:B3")
    xlsx("merged_data_cells.xlsx", wb)

    wb = events_workbook(EVENTS)
    hidden = wb.create_sheet("签约")
    for row in (SIGNINGS_HEADER, signing("S1", "E1")):
        hidden.append(row)
    hidden.sheet_state = "hidden"
    xlsx("hidden_sheet.xlsx", wb)

    wb = new_workbook(活动=[EVENTS_HEADER, *EVENTS], 说明=[["本工作簿的台账在隐藏表中"]])
    wb["活动"].sheet_state = "hidden"
    xlsx("only_hidden_sheets.xlsx", wb)

    wb = events_workbook([EVENTS[0], ["E3", *EVENTS[1][1:]], EVENTS[1]])
    wb["活动"].row_dimensions[3].hidden = True  # e.g. filtered out, or "deleted" by hiding
    wb["活动"].column_dimensions["G"].hidden = True
    xlsx("hidden_rows_and_columns.xlsx", wb)

    wb = events_workbook(EVENTS)
    wb["活动"]["XFD5"] = "x"  # a stray keystroke in the last column Excel has
    xlsx("stray_cell_far_right.xlsx", wb)
    wb = events_workbook(EVENTS)
    wb["活动"]["A1048576"] = " "  # a space in Excel's last row: the used range is 1,048,576 rows
    xlsx("stray_space_last_row.xlsx", wb)

    xlsx(
        "duplicate_sheets.xlsx",
        new_workbook(活动=[EVENTS_HEADER, *EVENTS], 活动台账=[EVENTS_HEADER, EVENTS[0]]),
    )
    xlsx("not_a_ledger.xlsx", new_workbook(Sheet1=[["姓名", "电话"], ["张三", "123"]]))

    # -- formulas: openpyxl stores them without results, as scripts and pandas do
    wb = events_workbook([[*EVENTS[0][:6], "=100+200"], EVENTS[1]])
    xlsx("formula_uncached.xlsx", wb)
    wb = events_workbook([EVENTS[0], [*EVENTS[1][:2], '=C2&"（二）"', *EVENTS[1][3:]]])
    xlsx("formula_uncached_required.xlsx", wb)
    data = workbook_bytes(events_workbook([[*EVENTS[0][:6], "=100+200"], EVENTS[1]]))
    files["formula_cached.xlsx"] = patch_member(
        data,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"<f>100+200</f><v></v>", b"<f>100+200</f><v>300</v>"),
    )

    # -- values
    xlsx(
        "units_in_cells.xlsx",
        new_workbook(
            签约=[
                SIGNINGS_HEADER,
                signing("S1", None, value="120万元"),
                signing("S2", None, value="1.5亿元"),
                signing("S3", None, value="约50万"),
                signing("S4", None, value="300人"),
                signing("S5", None, value="1,200,000"),
                signing("S6", None, value="面议"),
            ]
        ),
    )
    header = SIGNINGS_HEADER.copy()
    header[9] = "合同金额（万元）"
    xlsx(
        "unit_in_header.xlsx",
        new_workbook(
            签约=[header, signing("S1", None, value=120), signing("S2", None, value="30万元")]
        ),
    )
    xlsx(
        "fullwidth_digits.xlsx",
        new_workbook(
            活动=[
                EVENTS_HEADER,
                [
                    "Ｅ１",
                    "科创中国",
                    "成果对接会",
                    "对接会",
                    "杭州",
                    "２０２３年１０月２８日",
                    "３００",
                ],
            ],
            签约=[SIGNINGS_HEADER, signing("S1", "E1", value="１２０万元")],
        ),
    )
    xlsx(
        "dates_as_text.xlsx",
        events_workbook(
            [
                [f"E{i}", "科创中国", "对接会", "对接会", "杭州", text, 10]
                for i, text in enumerate(
                    [
                        "2023年10月28日",
                        "2023/11/5",
                        "20231105",
                        "2023.10.28",
                        "十月五日",
                        "2023-02-30",
                    ],
                    start=1,
                )
            ]
        ),
    )
    xlsx(
        "dates_as_serials.xlsx",
        events_workbook(
            [
                [f"E{i}", "科创中国", "对接会", "对接会", "杭州", value, 10]
                for i, value in enumerate([45227, "45227", 2023, 45227.5], start=1)
            ]
        ),
    )
    xlsx(
        "negative_amounts.xlsx",
        new_workbook(
            签约=[
                SIGNINGS_HEADER,
                signing("S1", None, value=-500000),
                signing("S2", None, value="-50万元"),
                signing("S3", None, value="－３００"),
                signing("S4", None, value=0),
            ]
        ),
    )
    xlsx(
        "absurd_amounts.xlsx",
        new_workbook(
            签约=[
                SIGNINGS_HEADER,
                signing("S1", None, value=1e16),
                signing("S2", None, value="1200000000亿元"),
                signing("S3", None, value=1e12),
            ],
            活动=[EVENTS_HEADER, [*EVENTS[0][:6], 9e10]],
        ),
    )
    xlsx(
        "bad_categories_and_codes.xlsx",
        new_workbook(
            活动=[EVENTS_HEADER, [*EVENTS[0][:3], "研讨会", *EVENTS[0][4:]]],
            **{
                "5G应用案例": [
                    ["案例编号", "项目名称", "案例名称", "行业大类代码", "地区", "国家级试点"],
                    ["G1", "科创中国", "智慧矿山", "C13", "杭州", "是"],
                    ["G2", "科创中国", "智慧港口", "99", "宁波", "否"],
                    ["G3", "科创中国", "智慧电网", 44, "温州", "也许"],
                ]
            },
        ),
    )
    xlsx(
        "blank_looking_rows.xlsx",
        events_workbook([EVENTS[0], ["　", " ", None, "\t"], EVENTS[1], ["", "", "", ""]]),
    )

    # -- ids and references
    # the third row is complete, so that only its id is wrong
    wb = events_workbook([EVENTS[0], EVENTS[1], ["E1", *EVENTS[1][1:]]])
    xlsx("duplicate_ids.xlsx", wb)
    xlsx(
        "dangling_references.xlsx",
        new_workbook(
            活动=[EVENTS_HEADER, *EVENTS],
            签约=[
                SIGNINGS_HEADER,
                signing("S1", "E1"),
                signing("S2", "E9"),
                signing("S3", "E2", stage="意向"),
            ],
            转化落地=[
                CONVERSIONS_HEADER,
                ["C1", "S1", dt.datetime(2024, 1, 15), 800000],
                ["C2", "S3", dt.datetime(2024, 1, 16), 100000],
                ["C3", "S9", dt.datetime(2024, 1, 17), 100000],
            ],
        ),
    )
    xlsx(
        "reference_to_rejected_row.xlsx",
        new_workbook(
            活动=[EVENTS_HEADER, EVENTS[0], [*EVENTS[1][:5], "下周五", 120]],
            签约=[SIGNINGS_HEADER, signing("S1", "E2")],
        ),
    )

    # -- empty things
    xlsx(
        "empty_sheet.xlsx",
        new_workbook(活动=[], 签约=[SIGNINGS_HEADER, signing("S1", None)]),
    )
    xlsx("header_only.xlsx", events_workbook([]))
    files["empty_file.xlsx"] = b""
    files["empty_folder_table/活动.csv"] = b""
    files["empty_folder_table/签约.csv"] = csv_bytes(
        [
            ",".join(SIGNINGS_HEADER),
            "S1,科创中国,,高性能复合材料,签约,转让,杭州,新材料,2023-10-28,1200000",
        ]
    )
    files["empty_csv/活动.csv"] = b"\r\n \r\n"

    # -- broken packages
    good = workbook_bytes(events_workbook(EVENTS))
    files["truncated.xlsx"] = good[: len(good) // 2]
    corrupt = bytearray(good)
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for _ in range(16):
        corrupt[start + rng.randrange(info.compress_size)] ^= rng.randrange(1, 256)
    files["corrupt_sheet_data.xlsx"] = bytes(corrupt)
    files["csv_renamed.xlsx"] = csv_bytes(events_csv_lines())
    files["html_saved_as.xls"] = (
        "<html><body><table><tr><td>活动编号</td></tr><tr><td>E1</td></tr></table></body></html>"
    ).encode()
    files["ole_garbage.xlsx"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(
        rng.randrange(256) for _ in range(2048)
    )
    files["zip_without_workbook.xlsx"] = _zip({"hello.txt": b"not a workbook"})
    files["notes.txt"] = "活动编号,项目名称\r\nE1,科创中国\r\n".encode()

    # -- XML attacks (openpyxl parses with defusedxml; calamine does not expand entities)
    files["xml_entity_bomb_sheet.xlsx"] = patch_member(
        good, "xl/worksheets/sheet1.xml", lambda xml: _with_dtd(xml, b"&lol9;")
    )
    files["xml_entity_bomb_workbook.xlsx"] = patch_member(
        good, "xl/workbook.xml", lambda xml: _with_dtd(xml, b"")
    )
    files["xml_entity_bomb_styles.xlsx"] = patch_member(
        good, "xl/styles.xml", lambda xml: _with_dtd(xml, b"")
    )
    with_formula = workbook_bytes(events_workbook([[*EVENTS[0][:6], "=100+200"], EVENTS[1]]))
    files["xml_entity_bomb_formula_sheet.xlsx"] = patch_member(
        with_formula, "xl/worksheets/sheet1.xml", lambda xml: _with_dtd(xml, b"&lol9;")
    )
    xxe = (
        b'<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    )
    files["xml_external_entity.xlsx"] = patch_member(
        good, "xl/worksheets/sheet1.xml", lambda xml: _with_dtd(xml, b"&xxe;", xxe)
    )

    # -- CSV encodings
    files["gb18030_csv/活动.csv"] = csv_bytes(events_csv_lines(), "gb18030")
    files["utf8_bom_csv/活动.csv"] = b"\xef\xbb\xbf" + csv_bytes(events_csv_lines())
    files["utf8_read_as_gb18030/活动.csv"] = csv_bytes(
        [",".join(_mojibake(cell, "gb18030") for cell in EVENTS_HEADER), *events_csv_lines()[1:]]
    )
    files["utf8_read_as_latin1/活动.csv"] = csv_bytes(
        [",".join(_mojibake(cell, "latin-1") for cell in EVENTS_HEADER), *events_csv_lines()[1:]]
    )
    files["gb18030_read_as_utf8/活动.csv"] = csv_bytes(
        [line.encode("gb18030").decode("utf-8", errors="replace") for line in events_csv_lines()]
    )
    lines = events_csv_lines()
    files["utf16_tab_text/活动.csv"] = "\r\n".join(
        line.replace(",", "\t") for line in lines
    ).encode("utf-16")
    files["semicolon_csv/活动.csv"] = csv_bytes([line.replace(",", ";") for line in lines])
    files["mixed_encodings/活动.csv"] = csv_bytes(lines[:2]) + csv_bytes(lines[2:], "gb18030")
    files["binary_as_csv/活动.csv"] = good
    files["unbalanced_quote/活动.csv"] = csv_bytes(
        [lines[0], 'E1,科创中国,"成果对接会,对接会,杭州,2023-10-28,300', lines[2]]
    )
    files["unquoted_thousands/签约.csv"] = csv_bytes(
        [
            ",".join(SIGNINGS_HEADER),
            "S1,科创中国,,高性能复合材料,签约,转让,杭州,新材料,2023-10-28,1,200,000",
            'S2,科创中国,,高性能复合材料,签约,转让,杭州,新材料,2023-10-28,"1,200,000"',
        ]
    )
    files["ragged_rows/活动.csv"] = csv_bytes([lines[0], "E1,科创中国,成果对接会", lines[2]])
    return files


def _mojibake(text: str, codec: str) -> str:
    garbled = text.encode("utf-8").decode(codec)
    assert garbled.encode(codec).decode("utf-8") == text, text
    return garbled


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            entry = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            archive.writestr(entry, body)
    return out.getvalue()


README_HEAD = """\
# Bad-input corpus

Broken ledger files of the kinds users hand over, each with the outcome `load_ledger`
must give. `tests/test_bad_inputs.py` loads every one and checks it; a sample also goes
through `python -m analysis validate` (exit code, no traceback).

- `make_corpus.py` writes `files/` (seeded, byte-for-byte reproducible) and this README:
  `python tests/bad_inputs/make_corpus.py`. A test fails if either is out of date.
- `expected.py` holds the outcomes: a `UserError` with message keywords (exit 2), or the
  row accounting per table (read / accepted / rejected) and every rejection as
  (table, sheet, row, column, reason keyword). Row numbers are Excel's (CSV: line numbers).
- The very large file (200,000 CSV rows, 25 seeded bad ones) is generated at test time in
  `test_large_csv_accounts_for_every_row`, not committed.

Outcome legend: **error** = `UserError`, exit 2, one line; counts are
`table read/accepted/rejected`; a rejection is `table row column: reason`.

| path | what it is | outcome |
|---|---|---|
"""


def _outcome(expect) -> str:
    if expect.error:
        return "**error**: " + " … ".join(f"“{k}”" for k in expect.error)
    parts = [f"{t} {r}/{a}/{j}" for t, (r, a, j) in expect.counts.items()]
    for table, _sheet, row, column, reason in expect.rejections:
        where = f"row {row}" if row is not None else "whole table"
        parts.append(f"{table} {where} {column or ''}: “{reason}”".replace("  ", " "))
    parts += [f"warns “{w}”" for w in expect.warnings]
    return "; ".join(parts)


def readme() -> str:
    """The corpus README: one row per path of ``expected.CASES``."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("bad_inputs_expected", HERE / "expected.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    rows = []
    for name, expect in sorted(module.CASES.items()):
        what = expect.what.replace("|", "\\|")
        rows.append(f"| `{name}` | {what} | {_outcome(expect)} |")
    return README_HEAD + "\n".join(rows) + "\n"


def main() -> int:
    (HERE / "README.md").write_text(readme(), encoding="utf-8")
    files = build()
    if OUT.exists():
        shutil.rmtree(OUT)
    for name, body in sorted(files.items()):
        target = OUT / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    print(f"{len(files)} files written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
