"""Write the bad-input corpus: broken ledger files of the kinds users really hand over.

Run ``python tests/bad_inputs/make_corpus.py`` to regenerate ``tests/bad_inputs/files/``;
the output is byte-for-byte the same on every run (fixed zip times, seeded corruption).
Each file's expected outcome is in ``expected.py``; ``README.md`` describes them.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import random
import shutil
import warnings
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
    hostile(files)
    return files


# ---------------------------------------------------------------------------- hostile files

_TRANSITIONAL = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
)
_STRICT = (
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


class Error(str):
    """An Excel error value written as an error cell (``t="e"``)."""


class Formula(str):
    """A formula written without its cached value, as scripts leave it."""


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _cell(ref: str, value: object) -> str:
    from xml.sax.saxutils import escape

    if isinstance(value, Error):
        return f'<c r="{ref}" t="e"><v>{escape(value)}</v></c>'
    if isinstance(value, Formula):
        return f'<c r="{ref}"><f>{escape(value)}</f></c>'
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def sheet_rows(rows: list[list[object]], start: int = 1) -> str:
    """SpreadsheetML rows for ``rows`` (None leaves a cell out)."""
    out = []
    for r, row in enumerate(rows, start=start):
        cells = "".join(
            _cell(f"{_column_name(c)}{r}", v) for c, v in enumerate(row) if v is not None
        )
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out)


def minimal_xlsx(
    rows_xml: str,
    *,
    shared: list[str] | None = None,
    sst_attributes: str | None = None,
    workbook_pr: str = "",
    strict: bool = False,
    sheet: str = "活动",
    extra: tuple[tuple[str, bytes], ...] = (),
) -> bytes:
    """A workbook package written by hand, so that each part says exactly what a test needs.

    ``strict`` writes Strict OOXML (ISO 29500 strict namespaces), as Excel's "Strict Open XML
    Spreadsheet" does; ``shared`` adds a shared-strings part (``sst_attributes`` overrides
    its declared counts); ``extra`` adds members after the others (duplicates too).
    """
    main, rel = _STRICT if strict else _TRANSITIONAL
    overrides = (
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
    )
    strings = ""
    if shared is not None:
        overrides += (
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
        )
        strings = f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
    members = [
        (
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + overrides + "</Types>",
        ),
        (
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_RELS}">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        ),
        (
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            f'{workbook_pr}<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>",
        ),
        (
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG_RELS}">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f"{strings}</Relationships>",
        ),
        (
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}" xmlns:r="{rel}">'
            f"<sheetData>{rows_xml}</sheetData></worksheet>",
        ),
    ]
    if shared is not None:
        attributes = sst_attributes or f'count="{len(shared)}" uniqueCount="{len(shared)}"'
        body = "".join(f"<si><t>{s}</t></si>" for s in shared)
        members.append(
            (
                "xl/sharedStrings.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" {attributes}>'
                f"{body}</sst>",
            )
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in [*members, *extra]:
            entry = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            data = body if isinstance(body, bytes) else body.encode()
            with warnings.catch_warnings():  # a duplicate name is the point of some files
                warnings.simplefilter("ignore", UserWarning)
                archive.writestr(entry, data, compresslevel=6)
    return out.getvalue()


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _ods_cell(value: object, repeat: int = 1) -> str:
    from xml.sax.saxutils import escape

    more = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if isinstance(value, str):
        return (
            f'<table:table-cell office:value-type="string"{more}>'
            f"<text:p>{escape(value)}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="float" office:value="{value}"{more}>'
        f"<text:p>{value}</text:p></table:table-cell>"
    )


def ods_bytes(rows_xml: str, sheet: str = "活动") -> bytes:
    """An OpenDocument spreadsheet (as WPS or LibreOffice saves it) holding ``rows_xml``."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} '
        'office:version="1.2"><office:body><office:spreadsheet>'
        f'<table:table table:name="{sheet}">{rows_xml}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # The mimetype comes first and stored, as the OpenDocument package format requires.
        archive.writestr(
            zipfile.ZipInfo("mimetype", date_time=FIXED_TIME.timetuple()[:6]),
            b"application/vnd.oasis.opendocument.spreadsheet",
        )
        for name, body in (("content.xml", content), ("META-INF/manifest.xml", manifest)):
            entry = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, body.encode(), compresslevel=6)
    return out.getvalue()


def ods_rows(rows: list[list[object]]) -> str:
    return "".join(
        "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
        for row in rows
    )


#: The sample events with their dates as Excel serials (45227 is 2023-10-28, 45235 2023-11-05).
SERIAL_EVENTS = [
    ["E1", "科创中国", "成果对接会", "对接会", "杭州", 45227, 300],
    ["E2", "科创中国", "新材料路演", "路演", "宁波", 45235, 120],
]
NOT_NUMBERS = ("nan", "NaN", "inf", "-inf", "Infinity")


def _event(i: int, attendees: object, date: object = 45227) -> list[object]:
    return [f"E{i}", "科创中国", f"活动{i}", "对接会", "杭州", date, attendees]


def hostile(files: dict[str, bytes]) -> None:
    """Files made to crash, hang or fool a reader (issue 20), added to ``files``."""
    # -- error values: calamine reads an error cell as empty
    files["error_cells.xlsx"] = minimal_xlsx(
        sheet_rows(
            [
                EVENTS_HEADER,
                _event(1, Error("#N/A")),
                _event(2, Error("#DIV/0!")),
                _event(3, Error("#REF!")),
                _event(4, 80),
            ]
        )
    )
    codes = _expected().ERROR_CODES
    files["error_codes_all.xlsx"] = minimal_xlsx(
        sheet_rows([EVENTS_HEADER, *(_event(i, Error(c)) for i, c in enumerate(codes, 1))])
    )
    files["error_cell_required_text.xlsx"] = minimal_xlsx(
        sheet_rows(
            [
                EVENTS_HEADER,
                SERIAL_EVENTS[0],
                ["E2", "科创中国", Error("#REF!"), *SERIAL_EVENTS[1][3:]],
            ]
        )
    )
    wb = events_workbook([_event(1, "#N/A", dt.datetime(2023, 10, 28)), _event(2, "#VALUE!")])
    for ref in ("G2", "G3"):
        wb["活动"][ref].data_type = "s"  # typed as text: openpyxl would write an error cell
    xlsx_typed = workbook_bytes(wb)
    files["error_text_cells.xlsx"] = xlsx_typed
    files["error_text_csv/活动.csv"] = csv_bytes(
        [
            ",".join(EVENTS_HEADER),
            "E1,科创中国,成果对接会,对接会,杭州,2023-10-28,#DIV/0!",
            "E2,科创中国,新材料路演,路演,宁波,#N/A,120",
            "E3,科创中国,技术沙龙,路演,宁波,2023-11-06,#name?",
        ]
    )
    files["nan_text_csv/活动.csv"] = csv_bytes(
        [",".join(EVENTS_HEADER)]
        + [
            f"E{i},科创中国,活动{i},对接会,杭州,2023-10-28,{t}"
            for i, t in enumerate(NOT_NUMBERS, 1)
        ]
        + ["E6,科创中国,活动6,对接会,杭州,2023-10-28,nanometre"]
    )
    files["nan_text.xlsx"] = workbook_bytes(
        events_workbook(
            [
                _event(1, "NaN", dt.datetime(2023, 10, 28)),
                _event(2, " inf ", dt.datetime(2023, 11, 5)),
            ]
        )
    )
    # -- dates: serial 60 is Excel's 1900-02-29, which never was; 1904 workbooks count from 1904
    wb = events_workbook([_event(1, 10, 60), _event(2, 10, 60), _event(3, 10, 59)])
    wb["活动"]["F3"].number_format = "yyyy-mm-dd"  # shown as a date: calamine reads 1900-02-28
    files["serial_60.xlsx"] = workbook_bytes(wb)
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = events_workbook([_event(1, 10, dt.datetime(2023, 10, 28)), _event(2, 10, 45227 - 1462)])
    wb.epoch = CALENDAR_MAC_1904
    files["date1904.xlsx"] = workbook_bytes(wb)
    # -- Strict OOXML: the same workbook under the ISO 29500 strict namespaces
    files["strict_ooxml.xlsx"] = minimal_xlsx(
        sheet_rows([EVENTS_HEADER, *SERIAL_EVENTS]), strict=True
    )
    files["strict_ooxml_uncached.xlsx"] = minimal_xlsx(
        sheet_rows([EVENTS_HEADER, _event(1, Formula("100+200")), _event(2, Error("#N/A"))]),
        strict=True,
    )
    # -- declared sizes a reader would believe
    header = sheet_rows([EVENTS_HEADER[:2]])
    shared_rows = '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>'
    files["shared_strings_count_bomb.xlsx"] = minimal_xlsx(
        header + shared_rows,
        shared=["E1", "科创中国"],
        sst_attributes='count="2147483648" uniqueCount="2147483648"',
    )
    files["cell_far_corner.xlsx"] = minimal_xlsx(
        sheet_rows([EVENTS_HEADER, SERIAL_EVENTS[0]])
        + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    files["cell_beyond_excel.xlsx"] = minimal_xlsx(
        sheet_rows([EVENTS_HEADER, SERIAL_EVENTS[0]])
        + '<row r="2000000000"><c r="A2000000000"><v>1</v></c></row>'
    )
    files["duplicate_part_names.xlsx"] = minimal_xlsx(
        sheet_rows([EVENTS_HEADER, *SERIAL_EVENTS]),
        extra=(
            (
                "xl/worksheets/sheet1.xml",
                f'<worksheet xmlns="{_TRANSITIONAL[0]}"><sheetData>'
                f"{sheet_rows([EVENTS_HEADER, _event(9, 1)])}</sheetData></worksheet>".encode(),
            ),
        ),
    )
    # 9 MiB of blank rows deflate to about 9 KB: a ratio of about 1,000, as bombs have.
    filler = b'<row r="3"/>' + b" " * (9 * 2**20)
    files["zip_ratio_bomb.xlsx"] = patch_member(
        minimal_xlsx(sheet_rows([EVENTS_HEADER, SERIAL_EVENTS[0]])),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"</sheetData>", filler + b"</sheetData>"),
    )
    files["empty_zip.xlsx"] = _zip({})
    # -- formats under the wrong suffix: read as what they are, or refused naming it
    ods_events = ods_rows([EVENTS_HEADER, *SERIAL_EVENTS])
    files["events.ods"] = ods_bytes(ods_events)
    files["ods_renamed.xlsx"] = ods_bytes(ods_events)
    files["xlsx_named_xls.xls"] = workbook_bytes(events_workbook(EVENTS))
    files["ods_repeated_bomb.ods"] = ods_bytes(
        ods_rows([EVENTS_HEADER])
        + '<table:table-row table:number-rows-repeated="1048575">'
        + _ods_cell(1, repeat=16384)
        + "</table:table-row>"
    )
    files["pdf_renamed.xlsx"] = (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    )
    files["gzip_renamed.xlsx"] = gzip.compress(csv_bytes(events_csv_lines()), mtime=0)
    files["html_renamed.xlsx"] = (
        "<html><body><table><tr><td>活动编号</td></tr><tr><td>E1</td></tr></table></body></html>"
    ).encode()
    # -- CSV text
    lines = events_csv_lines()
    long_name = "长" * 140_000  # beyond the csv module's default cell limit of 131,072
    files["csv_long_cell/活动.csv"] = csv_bytes(
        [lines[0], f"E1,科创中国,{long_name},对接会,杭州,2023-10-28,300", lines[2]]
    )
    english = "event_id,programme,name,event_type,region,date,attendees_onsite"
    files["cp1252_csv/活动.csv"] = csv_bytes(
        [
            english,
            "E1,Women’s Innovation Fund,Café pitch,roadshow,Hangzhou,2023-10-28,30",
            "E2,Women’s Innovation Fund,Investor’s day,roadshow,Ningbo,2023-11-05,40",
        ],
        "cp1252",
    )
    body = [
        f"E{i},Women’s Innovation Fund,Pitch {i},roadshow,Hangzhou,2023-10-28,{i}"
        for i in range(1, 41)
    ]
    files["cp1252_or_gb18030/活动.csv"] = csv_bytes(
        [english, *body], "cp1252"
    ) + "E41,中国,x,roadshow,x,2023-10-28,1\r\n".encode("gb18030")
    # -- a user's file name that is a formula, for every CSV the commands write
    files["=1+1.xlsx"] = workbook_bytes(events_workbook([[*EVENTS[0][:6], "=100+200"], EVENTS[1]]))


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


def _expected():
    """``expected.py`` beside this script (it is not a package): the outcomes and the codes."""
    import importlib.util
    import sys

    if "bad_inputs_expected" in sys.modules:
        return sys.modules["bad_inputs_expected"]
    spec = importlib.util.spec_from_file_location("bad_inputs_expected", HERE / "expected.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def readme() -> str:
    """The corpus README: one row per path of ``expected.CASES``."""
    module = _expected()
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
