"""What ``load_ledger`` must do with each file of the bad-input corpus (``files/``).

Each entry is either an ``error`` (a ``UserError`` whose message contains every keyword)
or the row accounting per table, ``(records, rows_accepted, rows_rejected)`` (records are
the rows read less those skipped as titles, blanks, totals or footers), plus
every rejection as ``(table, sheet, row, column, reason keyword)`` (built by ``rejected``
and ``missing``) in the loader's order (table, then row; table-level problems first) and
keywords that some warning contains. Row numbers are the rows Excel shows (CSV: the line
number). The numbers were worked out by hand from ``make_corpus.py``: a header in row 1
puts the first record in row 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MISSING = "required value missing"
FORMULA = "formula without a computed value"
TOO_BIG = "implausibly large"
NEGATIVE = "negative quantity"
CORRUPT = "corrupt or unreadable workbook"
NO_TABLE = "no known table found"
GARBLED = "wrong encoding"
ERROR_VALUE = "Excel error value"
NOT_A_NUMBER = "not a number: NaN or infinity"
OVER_LIMIT = "workbook over a limit"
NOT_WORKBOOK = "not an Excel workbook"
LEAP_DAY = "serial 60: Excel's fictitious 1900-02-29"
#: Every error value Excel writes into a cell, classic and Excel 365 ones (the last three),
#: in the order ``make_corpus.py`` writes them into ``error_codes_all.xlsx``.
ERROR_CODES = (
    "#N/A",
    "#DIV/0!",
    "#REF!",
    "#VALUE!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
)


Rejection = tuple[str, str | None, int | None, str | None, str]

# The sheet each table is read from in the corpus workbooks (CSV files have no sheet).
SHEETS = {
    "events": "活动",
    "signings": "签约",
    "conversions": "转化落地",
    "fiveg_cases": "5G应用案例",
}


def rejected(
    table: str, row: int | None, column: str | None, reason: str, *, csv: bool = False
) -> Rejection:
    """One rejection of ``table``: on its corpus sheet, or with no sheet when read from a CSV."""
    return (table, None if csv else SHEETS[table], row, column, reason)


def missing(table: str, row: int, *columns: str, csv: bool = False) -> tuple[Rejection, ...]:
    """Row ``row`` of ``table`` rejected once for each required ``columns`` left blank."""
    return tuple(rejected(table, row, column, MISSING, csv=csv) for column in columns)


@dataclass(frozen=True)
class Expect:
    """Expected outcome of loading one corpus path."""

    what: str
    error: tuple[str, ...] = ()
    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    rejections: tuple[Rejection, ...] = ()
    warnings: tuple[str, ...] = ()
    #: ``(table, Excel row)`` of the rows skipped as not data (titles, blanks, totals,
    #: footers); ``None`` leaves them unchecked.
    skipped: tuple[tuple[str, int], ...] | None = None

    @property
    def exit_code(self) -> int:
        """What ``python -m analysis validate`` must return for this path."""
        if self.error:
            return 2
        return 1 if self.rejections else 0


EVENTS_OK = {"events": (2, 2, 0)}

CASES: dict[str, Expect] = {
    # -- headers
    "header_misspelled_required.xlsx": Expect(
        "活动编号 typed as 活动编码: a required column is missing, the whole table is rejected",
        counts={"events": (2, 0, 2)},
        rejections=(rejected("events", None, "活动编号", "required column missing"),),
        warnings=("未知列“活动编码”",),
    ),
    "header_misspelled_optional.xlsx": Expect(
        "线下参会人数 typed as 线下参会认数: an optional column, ignored with a warning",
        counts=EVENTS_OK,
        warnings=("未知列“线下参会认数”",),
    ),
    "header_group_row_merged.xlsx": Expect(
        "a merged group-title row (基本信息, 参会情况) above the real header",
        counts=EVENTS_OK,
        warnings=("合并单元格 A1:E1、F1:G1",),
    ),
    "header_two_rows_merged.xlsx": Expect(
        "two-row header: A1:A2…F1:F2 merged down, 参会情况 split into two sub-columns",
        counts=EVENTS_OK,
        warnings=("等 7 处",),
        skipped=(),
    ),
    "header_fullwidth.xlsx": Expect(
        "full-width header letters (ｅｖｅｎｔ＿ｉｄ), an ideographic space, a (人) unit",
        counts=EVENTS_OK,
    ),
    "title_and_notes_above.xlsx": Expect(
        "a title row, a 填报单位 note row and a blank row above the header: titles skipped",
        counts=EVENTS_OK,
        skipped=(("events", 1), ("events", 2)),
    ),
    "notes_below_table.xlsx": Expect(
        "a 注： note row under the table is a footer: skipped and named, not a record",
        counts=EVENTS_OK,
        skipped=(("events", 4), ("events", 5)),
    ),
    # -- merged, hidden, duplicate and unknown sheets
    "merged_data_cells.xlsx": Expect(
        "项目名称 merged over two records (B2:B3): both rows get the value Excel shows",
        counts=EVENTS_OK,
        warnings=("B2:B3",),
    ),
    "hidden_sheet.xlsx": Expect(
        "a hidden 签约 sheet is ignored with a warning",
        counts=EVENTS_OK,
        warnings=("隐藏的工作表“签约”",),
    ),
    "hidden_rows_and_columns.xlsx": Expect(
        "row 3 hidden (as a filter or a 'deleted' row would be) and column G hidden: read, named",
        counts={"events": (3, 3, 0)},
        warnings=("第 3 行在 Excel 中被隐藏", "G 列在 Excel 中被隐藏"),
    ),
    "stray_cell_far_right.xlsx": Expect(
        "an x in XFD5, the last column: its row is read and rejected, the value named",
        counts={"events": (3, 2, 1)},
        rejections=missing("events", 5, "活动编号", "项目名称", "活动名称", "活动类型", "日期"),
        warnings=("第 16384 列没有表头，其中 1 个值已忽略",),
        skipped=(("events", 4),),
    ),
    "stray_space_last_row.xlsx": Expect(
        "a space in A1048576 stretches the sheet to a million rows: blank, loads quickly",
        counts=EVENTS_OK,
    ),
    "only_hidden_sheets.xlsx": Expect(
        "the only ledger sheet is hidden, the visible one is a note",
        error=(NO_TABLE,),
    ),
    "duplicate_sheets.xlsx": Expect(
        "活动 and 活动台账 both name the events table: the first is read",
        counts=EVENTS_OK,
        warnings=("duplicate sheet ignored",),
    ),
    "not_a_ledger.xlsx": Expect("a workbook with no ledger sheet", error=(NO_TABLE,)),
    # -- formulas
    "formula_uncached.xlsx": Expect(
        "=100+200 written by a script, never calculated: rejected, not read as empty",
        counts={"events": (2, 1, 1)},
        rejections=(rejected("events", 2, "线下参会人数", FORMULA),),
    ),
    "formula_uncached_required.xlsx": Expect(
        "an uncalculated formula in a required text column names the formula, not 'missing'",
        counts={"events": (2, 1, 1)},
        rejections=(rejected("events", 3, "活动名称", FORMULA),),
    ),
    "formula_cached.xlsx": Expect(
        "=100+200 with its cached result 300, as Excel saves it: read as 300",
        counts=EVENTS_OK,
    ),
    # -- values
    "units_in_cells.xlsx": Expect(
        "amounts with units: 120万元, 1.5亿元, 约50万, 1,200,000 read; 300人 refused; 面议 blank",
        counts={"signings": (6, 5, 1)},
        rejections=(rejected("signings", 5, "合同金额", "unit mismatch"),),
        warnings=("第 7 行写的是待定/暂无等，按空值读取",),
    ),
    "unit_in_header.xlsx": Expect(
        "合同金额（万元）: a plain 120 is 120万元; 30万元 keeps its own unit",
        counts={"signings": (2, 2, 0)},
        warnings=("按万元读取",),
    ),
    "fullwidth_digits.xlsx": Expect(
        "full-width Ｅ１, ３００, ２０２３年１０月２８日, １２０万元; a signing's E1 finds Ｅ１",
        counts={"events": (1, 1, 0), "signings": (1, 1, 0)},
    ),
    "dates_as_text.xlsx": Expect(
        "dates typed as text in four formats; 十月五日 and 2023-02-30 rejected",
        counts={"events": (6, 4, 2)},
        rejections=(
            rejected("events", 6, "日期", "unreadable date"),
            rejected("events", 7, "日期", "invalid calendar date"),
        ),
    ),
    "dates_as_serials.xlsx": Expect(
        "Excel serial 45227 (2023-10-28) as number and text; 2023 and 45227.5 are not dates",
        counts={"events": (4, 2, 2)},
        rejections=(
            rejected("events", 4, "日期", "number is not a date"),
            rejected("events", 5, "日期", "number is not a date"),
        ),
    ),
    "negative_amounts.xlsx": Expect(
        "-500000, -50万元 and full-width －３００ rejected as negative; 0 accepted",
        counts={"signings": (4, 1, 3)},
        rejections=tuple(rejected("signings", row, "合同金额", NEGATIVE) for row in (2, 3, 4)),
    ),
    "absurd_amounts.xlsx": Expect(
        "1e16 元, 1200000000亿元 and 9e10 attendees are implausible; 1e12 元 passes",
        counts={"events": (1, 0, 1), "signings": (3, 1, 2)},
        rejections=(
            rejected("events", 2, "线下参会人数", TOO_BIG),
            rejected("signings", 2, "合同金额", TOO_BIG),
            rejected("signings", 3, "合同金额", TOO_BIG),
        ),
    ),
    "bad_categories_and_codes.xlsx": Expect(
        "国家级试点 也许 rejected; division 99 kept as a case that covers no division (listed);"
        " C13 and 44 accepted; 研讨会 is a conference",
        counts={"events": (1, 1, 0), "fiveg_cases": (3, 2, 1)},
        rejections=(rejected("fiveg_cases", 4, "国家级试点", "expected yes/no"),),
    ),
    "blank_looking_rows.xlsx": Expect(
        "rows of only spaces, an ideographic space or a tab are blank: skipped, not records",
        counts=EVENTS_OK,
        skipped=(("events", 3),),
    ),
    # -- ids and references
    "duplicate_ids.xlsx": Expect(
        "E1 twice: the second is rejected and points at the first",
        counts={"events": (3, 2, 1)},
        rejections=(rejected("events", 4, "活动编号", "duplicate id, first at row 2"),),
    ),
    "dangling_references.xlsx": Expect(
        "a signing of event E9, a conversion of an intention-stage signing and of S9",
        counts={"events": (2, 2, 0), "signings": (3, 2, 1), "conversions": (3, 1, 2)},
        rejections=(
            rejected("signings", 3, "活动编号", "unknown events id"),
            rejected("conversions", 3, "签约编号", "not at stage signed"),
            rejected("conversions", 4, "签约编号", "unknown signings id"),
        ),
    ),
    "reference_to_rejected_row.xlsx": Expect(
        "E2 is rejected (date 下周五), so the signing of E2 is rejected and says why",
        counts={"events": (2, 1, 1), "signings": (1, 0, 1)},
        rejections=(
            rejected("events", 3, "日期", "unreadable date"),
            rejected("signings", 2, "活动编号", "第 3 行已被拒绝"),
        ),
    ),
    # -- empty things
    "empty_sheet.xlsx": Expect(
        "an empty 活动 sheet is an empty table with a warning",
        counts={"events": (0, 0, 0), "signings": (1, 1, 0)},
        warnings=("empty sheet or file",),
    ),
    "header_only.xlsx": Expect("a header and no records", counts={"events": (0, 0, 0)}),
    "empty_file.xlsx": Expect("a 0-byte .xlsx", error=("empty file",)),
    "empty_folder_table": Expect(
        "a folder with an empty 活动.csv next to a good 签约.csv",
        counts={"events": (0, 0, 0), "signings": (1, 1, 0)},
        warnings=("empty sheet or file",),
    ),
    "empty_csv": Expect(
        "a folder whose only CSV holds blank lines",
        counts={"events": (0, 0, 0)},
        warnings=("empty sheet or file",),
    ),
    "empty_csv/活动.csv": Expect("the same CSV given alone", error=("empty file",)),
    # -- broken packages
    "truncated.xlsx": Expect("the first half of a good workbook", error=(CORRUPT,)),
    "corrupt_sheet_data.xlsx": Expect(
        "16 seeded byte flips inside the compressed sheet", error=(CORRUPT,)
    ),
    "csv_renamed.xlsx": Expect("a CSV renamed .xlsx", error=("not an Excel workbook", "CSV")),
    "html_saved_as.xls": Expect(
        "an HTML table saved as .xls, as web systems export", error=("HTML",)
    ),
    "ole_garbage.xlsx": Expect("an OLE header followed by seeded noise", error=(CORRUPT,)),
    "zip_without_workbook.xlsx": Expect("a zip without any workbook part", error=(CORRUPT,)),
    "notes.txt": Expect("a .txt file", error=("unsupported file type",)),
    # -- XML attacks
    "xml_entity_bomb_sheet.xlsx": Expect(
        "billion laughs in the sheet XML: refused before any parser sees it",
        error=("unsafe or malformed workbook XML",),
    ),
    "xml_entity_bomb_workbook.xlsx": Expect(
        "billion laughs declared in workbook.xml: defusedxml refuses it",
        error=("unsafe or malformed workbook XML",),
    ),
    "xml_entity_bomb_styles.xlsx": Expect(
        "billion laughs declared in styles.xml, a part no sheet reader needs to parse",
        error=("unsafe or malformed workbook XML", "xl/styles.xml"),
    ),
    "xml_entity_bomb_formula_sheet.xlsx": Expect(
        "billion laughs in a sheet that has formulas (so it is parsed by the formula scan)",
        error=("unsafe or malformed workbook XML",),
    ),
    "xml_external_entity.xlsx": Expect(
        "an external entity pointing at /etc/passwd",
        error=("unsafe or malformed workbook XML",),
    ),
    # -- CSV encodings
    "gb18030_csv": Expect("a GB18030 CSV (Excel on Chinese Windows)", counts=EVENTS_OK),
    "utf8_bom_csv": Expect("a UTF-8 CSV with byte order mark", counts=EVENTS_OK),
    "utf8_read_as_gb18030": Expect(
        "UTF-8 header opened as GBK and saved again (娲诲姩缂栧彿): rejected, the fix is named",
        counts={"events": (3, 0, 3)},
        rejections=(rejected("events", None, None, "“娲诲姩缂栧彿”应为“活动编号”", csv=True),),
    ),
    "utf8_read_as_latin1": Expect(
        "UTF-8 header opened as Latin-1 and saved again as UTF-8",
        counts={"events": (3, 0, 3)},
        rejections=(rejected("events", None, None, GARBLED, csv=True),),
    ),
    "gb18030_read_as_utf8": Expect(
        "GB18030 opened as UTF-8 with replacement characters and saved: unrecoverable",
        counts={"events": (3, 0, 3)},
        rejections=(rejected("events", None, None, "乱码字符", csv=True),),
    ),
    "utf16_tab_text": Expect(
        "Excel's 'Unicode text' export (UTF-16, tab-separated) renamed .csv",
        counts=EVENTS_OK,
    ),
    "semicolon_csv": Expect("a CSV separated by semicolons", counts=EVENTS_OK),
    "mixed_encodings": Expect(
        "two UTF-8 lines followed by a GB18030 line (pasted CSVs)",
        error=("mixed encodings", "第 3 行"),
    ),
    "binary_as_csv": Expect("an .xlsx named 活动.csv", error=("an Excel workbook named .csv",)),
    "unbalanced_quote": Expect(
        "an opening quote never closed (would swallow every later row)",
        error=("第 3 行", "unbalanced quote"),
    ),
    "unquoted_thousands": Expect(
        "1,200,000 without quotes spills into two extra cells; the quoted one is read",
        counts={"signings": (2, 1, 1)},
        rejections=(
            rejected("signings", 2, "第11列", "more cells than headers", csv=True),
            rejected("signings", 2, "第12列", "more cells than headers", csv=True),
        ),
    ),
    "ragged_rows": Expect(
        "a row cut short after three cells",
        counts={"events": (2, 1, 1)},
        rejections=missing("events", 2, "活动类型", "日期", csv=True),
    ),
    # -- hostile files (issue 20); rows with their record in row 2 onwards as above
    "error_cells.xlsx": Expect(
        "#N/A, #DIV/0! and #REF! error cells (calamine reads them as blank) in 线下参会人数",
        counts={"events": (4, 1, 3)},
        rejections=tuple(
            rejected("events", row, "线下参会人数", f"{ERROR_VALUE} {code}")
            for row, code in ((2, "#N/A"), (3, "#DIV/0!"), (4, "#REF!"))
        ),
    ),
    "error_codes_all.xlsx": Expect(
        "every error value as an error cell, Excel 365's #SPILL!, #CALC!, #GETTING_DATA too"
        " (calamine refuses the sheet for those: read from a copy that writes them as #N/A)",
        counts={"events": (10, 0, 10)},
        rejections=tuple(
            rejected("events", row, "线下参会人数", f"{ERROR_VALUE} {code}")
            for row, code in enumerate(ERROR_CODES, start=2)
        ),
    ),
    "error_cell_required_text.xlsx": Expect(
        "a #REF! error cell in the required 活动名称 is an error, not 'required value missing'",
        counts={"events": (2, 1, 1)},
        rejections=(rejected("events", 3, "活动名称", f"{ERROR_VALUE} #REF!"),),
    ),
    "error_text_cells.xlsx": Expect(
        "#N/A and #VALUE! typed as text into 线下参会人数",
        counts={"events": (2, 0, 2)},
        rejections=(
            rejected("events", 2, "线下参会人数", f"{ERROR_VALUE} #N/A"),
            rejected("events", 3, "线下参会人数", f"{ERROR_VALUE} #VALUE!"),
        ),
    ),
    "error_text_csv": Expect(
        "#DIV/0!, #N/A (in a date) and a lower-case #name? in a CSV",
        counts={"events": (3, 0, 3)},
        rejections=(
            rejected("events", 2, "线下参会人数", f"{ERROR_VALUE} #DIV/0!", csv=True),
            rejected("events", 3, "日期", f"{ERROR_VALUE} #N/A", csv=True),
            rejected("events", 4, "线下参会人数", f"{ERROR_VALUE} #NAME?", csv=True),
        ),
    ),
    "nan_text_csv": Expect(
        "nan, NaN, inf, -inf, Infinity as 线下参会人数 are not numbers; nanometre is unreadable",
        counts={"events": (6, 0, 6)},
        rejections=(
            *(
                rejected("events", row, "线下参会人数", NOT_A_NUMBER, csv=True)
                for row in range(2, 7)
            ),
            rejected("events", 7, "线下参会人数", "unreadable quantity", csv=True),
        ),
    ),
    "nan_text.xlsx": Expect(
        "NaN and ' inf ' typed into a workbook's 线下参会人数",
        counts={"events": (2, 0, 2)},
        rejections=(
            rejected("events", 2, "线下参会人数", NOT_A_NUMBER),
            rejected("events", 3, "线下参会人数", NOT_A_NUMBER),
        ),
    ),
    "serial_60.xlsx": Expect(
        "serial 60 as a number and as a date-formatted cell (calamine: 1900-02-28) refused by"
        " name; 59 is no date after 1950",
        counts={"events": (3, 0, 3)},
        rejections=(
            rejected("events", 2, "日期", LEAP_DAY),
            rejected("events", 3, "日期", LEAP_DAY),
            rejected("events", 4, "日期", "number is not a date"),
        ),
    ),
    "date1904.xlsx": Expect(
        "a 1904-date-system workbook: a date cell and the plain serial 43765 are both 2023-10-28",
        counts=EVENTS_OK,
        warnings=("1904 date system",),
    ),
    "strict_ooxml.xlsx": Expect(
        "a Strict OOXML workbook (purl.oclc.org namespaces) reads like a transitional one",
        counts=EVENTS_OK,
    ),
    "strict_ooxml_uncached.xlsx": Expect(
        "Strict OOXML: an uncached formula and an error cell are found by the scan",
        counts={"events": (2, 0, 2)},
        rejections=(
            rejected("events", 2, "线下参会人数", FORMULA),
            rejected("events", 3, "线下参会人数", f"{ERROR_VALUE} #N/A"),
        ),
    ),
    "shared_strings_count_bomb.xlsx": Expect(
        "sharedStrings declares 2^31 strings (the reader would reserve 51 GB and abort)",
        error=(OVER_LIMIT, "2147483648", "declared string count larger than the part"),
    ),
    "cell_far_corner.xlsx": Expect(
        "cells at A1 and XFD1048576: the reader would hold 17 billion cells (550 GB)",
        error=(OVER_LIMIT, "sheet extent over the cell limit"),
    ),
    "cell_beyond_excel.xlsx": Expect(
        "a cell in row 2,000,000,000, beyond Excel's 1,048,576 rows",
        error=(OVER_LIMIT, "beyond Excel's sheet size"),
    ),
    "duplicate_part_names.xlsx": Expect(
        "two zip members named xl/worksheets/sheet1.xml: which one is read depends on the reader",
        error=(OVER_LIMIT, "duplicate part names"),
    ),
    "zip_ratio_bomb.xlsx": Expect(
        "a sheet of 9 MiB of blanks deflated about 1,000 times",
        error=(OVER_LIMIT, "compression ratio"),
    ),
    "empty_zip.xlsx": Expect("an empty zip named .xlsx", error=(CORRUPT, "zip")),
    "events.ods": Expect("an OpenDocument spreadsheet (WPS, LibreOffice)", counts=EVENTS_OK),
    "ods_renamed.xlsx": Expect(
        "an .ods renamed .xlsx: read as what it is, and said so",
        counts=EVENTS_OK,
        warnings=("read as ods",),
    ),
    "xlsx_named_xls.xls": Expect(
        "an .xlsx renamed .xls: read as what it is, and said so",
        counts=EVENTS_OK,
        warnings=("read as xlsx",),
    ),
    "ods_repeated_bomb.ods": Expect(
        "an .ods row repeated 1,048,575 times with a cell repeated 16,384 times",
        error=(CORRUPT, "Cell limit exceeded"),
    ),
    "pdf_renamed.xlsx": Expect("a PDF renamed .xlsx", error=(NOT_WORKBOOK, "PDF")),
    "gzip_renamed.xlsx": Expect("a gzip file renamed .xlsx", error=(NOT_WORKBOOK, "gzip")),
    "html_renamed.xlsx": Expect("an HTML table renamed .xlsx", error=(NOT_WORKBOOK, "HTML")),
    "csv_long_cell": Expect(
        "a 140,000-character 活动名称, beyond the csv module's default limit of 131,072:"
        " read, not called an unbalanced quote",
        counts=EVENTS_OK,
    ),
    "cp1252_csv": Expect(
        "an English CSV from Western Windows (cp1252 ’ and é): not GB18030, read and said so",
        counts=EVENTS_OK,
    ),
    "cp1252_or_gb18030": Expect(
        "cp1252 'Women’s' lines and one GB18030 中国 line: no encoding fits all,"
        " both readings shown",
        error=("ambiguous encoding", "Women抯", "Women’s"),
    ),
    "=1+1.xlsx": Expect(
        "a file named like a formula, with one rejected row: validate --format csv must not"
        " write =1+1.xlsx as a formula",
        counts={"events": (2, 1, 1)},
        rejections=(rejected("events", 2, "线下参会人数", FORMULA),),
    ),
}
