"""``python -m analysis indicators PATH``: the indicator table of a ledger or statistics file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from analysis.errors import UserError
from analysis.export.safe import atomic_path, csv_text
from analysis.schema import STATISTICS

#: File suffixes read as a ledger workbook; ``.csv`` is read as a statistics table.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``indicators`` sub-command.

    Examples:
        >>> parser = argparse.ArgumentParser()
        >>> _ = add_parser(parser.add_subparsers())
        >>> parser.parse_args(["indicators", "ledger.xlsx", "--format", "xlsx"]).format
        'xlsx'
    """
    parser = subparsers.add_parser(
        "indicators",
        help="compute the indicator table (统计长表，含派生指标) of a ledger or statistics file",
        description=(
            "Write the indicator table in the statistics long form: a ledger workbook (or a "
            "folder of ledger CSV files) is rolled up; a statistics CSV gets its derived "
            "measures (rates, means, coverage, cost per output) added."
        ),
    )
    parser.add_argument(
        "path", type=Path, help="ledger workbook (.xlsx), folder, or statistics CSV"
    )
    parser.add_argument("--format", choices=("csv", "xlsx"), default=None, help="output format")
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="output file (CSV to stdout if omitted)"
    )
    parser.add_argument(
        "--basis",
        choices=("spent", "planned"),
        default="spent",
        help="money divided by outputs for cost per output (default: spent)",
    )
    parser.set_defaults(run=run)
    return parser


def read_input(path: Path):
    """Load ``path`` as a ``Ledger`` (workbook or folder) or a statistics DataFrame (CSV).

    Raises:
        UserError: a missing path or an unsupported file type.

    Examples:
        >>> read_input(Path("no/such/ledger.xlsx"))
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: 找不到文件 no/such/ledger.xlsx: no such file or folder
    """
    if not path.exists():
        raise UserError(f"找不到文件 {path}: no such file or folder")
    from analysis import load  # the loader is a layer below; imported here to keep --help fast

    if path.is_dir() or path.suffix.lower() in WORKBOOK_SUFFIXES:
        return load.load_ledger(path)
    if path.suffix.lower() == ".csv":
        return load.load_statistics(path)
    raise UserError(
        f"不支持的文件类型 {path.suffix or '(无后缀)'}：{path}; give a ledger workbook "
        f"({', '.join(WORKBOOK_SUFFIXES)}), a folder of ledger CSV files, or a statistics CSV"
    )


def indicator_table(data, basis: str = "spent") -> pd.DataFrame:
    """The statistics long table of ``data`` with derived measures.

    Examples:
        >>> from analysis.ledger import Ledger
        >>> list(indicator_table(Ledger()).columns)[:3]
        ['programme', 'period', 'measure']
    """
    from analysis.indicators import rollup, with_derived

    if isinstance(data, pd.DataFrame):
        return with_derived(data, basis=basis)
    return rollup(data)


def write_xlsx(table: pd.DataFrame, path: Path) -> None:
    """Write ``table`` to one sheet with Chinese headers, reproducibly; text stays text.

    Examples:
        >>> import tempfile
        >>> from openpyxl import load_workbook
        >>> p = Path(tempfile.mkdtemp()) / "t.xlsx"
        >>> write_xlsx(pd.DataFrame({"programme": ["=P"], "value": [1.5]}), p)
        >>> ws = load_workbook(p).active
        >>> ws["A1"].value, ws["A2"].value, ws["A2"].data_type, ws["B2"].value
        ('项目', '=P', 's', 1.5)
    """
    from openpyxl import Workbook

    from analysis.export.xlsx import save_workbook, write_table

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = STATISTICS.zh
    write_table(sheet, table, headers={c.name: c.zh for c in STATISTICS.columns})
    # Fixed timestamps: the same table gives the same workbook, byte for byte.
    save_workbook(workbook, path)


def run(args: argparse.Namespace) -> int:
    """Compute and write the indicator table; return the exit code.

    Examples:
        >>> args = argparse.Namespace(path=Path("x.csv"), format="xlsx", output=None,
        ...                           basis="spent")
        >>> run(args)
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: --format xlsx 需要用 -o 指定输出文件: xlsx output needs -o OUT
    """
    fmt = args.format or (
        "xlsx" if args.output and args.output.suffix.lower() == ".xlsx" else "csv"
    )
    if fmt == "xlsx" and args.output is None:
        raise UserError("--format xlsx 需要用 -o 指定输出文件: xlsx output needs -o OUT")
    data = read_input(args.path)
    table = indicator_table(data, basis=args.basis)
    if fmt == "xlsx":
        write_xlsx(table, args.output)
    else:
        # Programme names and quotes are user text: Excel must not run them as formulas.
        text = table.select_dtypes(exclude="number").columns
        safe = table.assign(**{c: table[c].astype(object).map(csv_text) for c in text})
        if args.output is None:
            safe.to_csv(sys.stdout, index=False, lineterminator="\n")
        else:
            # BOM so that Excel on Windows opens the Chinese text correctly.
            with atomic_path(args.output) as tmp:
                safe.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
    if args.output is not None:
        print(f"{len(table)} 行指标 → {args.output}", file=sys.stderr)
    report = getattr(data, "report", None)
    if report is not None and not report.ok:
        print(
            f"注意：台账中有 {len(report.rejections)} 处问题，相关行未计入指标；"
            f"运行 `python -m analysis validate {args.path}` 查看 "
            "(rows were rejected and left out; run validate for the list)",
            file=sys.stderr,
        )
        return 1
    return 0
