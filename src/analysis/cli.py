"""Command line: ``python -m analysis <command>`` (also installed as ``kechuang``)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence

from analysis.errors import UserError

#: Sub-command modules under ``analysis.commands``, in the order ``--help`` lists them.
COMMANDS = ("report", "validate", "indicators", "compare", "assess", "audit", "extract")

EXIT_CODES = """\
exit codes:
  0  success
  1  finished, but input rows were rejected or checks failed (see the report)
  2  usage or input error (missing file, unreadable workbook, bad option)
  3  internal error (a bug: please report it with the command you ran)
"""


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every available sub-command.

    Examples:
        >>> parser = build_parser()
        >>> parser.prog
        'analysis'
    """
    parser = argparse.ArgumentParser(
        prog="analysis",
        description=(
            "Evaluate regional technology-transfer programmes (科技成果转化评估): load ledgers, "
            "compute indicators, score the 绩效自评 form, extract statistics from reports."
        ),
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"analysis.commands.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code.

    Examples:
        >>> main(["--version"])  # doctest: +ELLIPSIS
        analysis ...
        0
    """
    parser = build_parser()
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    args = parser.parse_args(argv)
    if args.version:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("kechuang-eval")
        except PackageNotFoundError:  # run from a source tree that is not installed
            number = "unknown (not installed)"
        print(f"analysis {number}")
        return 0
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except UserError as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``validate x | head``): nothing left to say.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (stop the flush at exit failing)
        return 0
    except Exception as exc:
        return _unexpected(exc)


def _unexpected(exc: Exception) -> int:
    """One line for a failure that is not a ``UserError``; the traceback only on request."""
    message = input_error_message(exc)
    if os.environ.get("ANALYSIS_DEBUG") == "1":
        traceback.print_exc()
    if message is not None:
        print(f"错误 / error: {message}", file=sys.stderr)
        return 2
    print(
        f"内部错误 / internal error: {type(exc).__name__}: {exc} — "
        "please report it with the command you ran (ANALYSIS_DEBUG=1 shows the traceback)",
        file=sys.stderr,
    )
    return 3


def input_error_message(exc: BaseException) -> str | None:
    """A one-line message for errors caused by the files a user named, else None.

    Files that cannot be opened, read or parsed are input errors (exit 2) even when a
    library, not our own code, noticed first.

    Examples:
        >>> input_error_message(PermissionError(13, "Permission denied", "out.xlsx"))
        '无法访问 (cannot access) out.xlsx: Permission denied'
        >>> input_error_message(ValueError("x")) is None
        True
    """
    import zipfile

    if isinstance(exc, OSError) and exc.filename is not None:
        return f"无法访问 (cannot access) {exc.filename}: {exc.strerror or exc}"
    if isinstance(exc, OSError) and isinstance(exc, PermissionError | IsADirectoryError):
        return f"无法访问文件 (cannot access file): {exc}"
    if isinstance(exc, zipfile.BadZipFile):
        return f"文件不是有效的 xlsx/zip (not a valid xlsx file): {exc}"
    if isinstance(exc, UnicodeError):
        return f"文本编码错误 (text encoding error): {exc}"
    module = type(exc).__module__ or ""
    if module.startswith(("openpyxl", "pandas.errors", "python_calamine", "defusedxml")):
        return f"无法读取输入文件 (unreadable input): {type(exc).__name__}: {exc}"
    return None


if __name__ == "__main__":
    raise SystemExit(main())
