"""Command line: ``python -m analysis <command>`` (also installed as ``kechuang``)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from analysis.errors import UserError

#: Sub-command modules under ``analysis.commands``, in the order ``--help`` lists them.
COMMANDS = ("report", "validate", "indicators", "assess", "extract")

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
        try:
            module = importlib.import_module(f"analysis.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"analysis.commands.{name}":
                raise
            continue
        module.add_parser(sub)
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
        from importlib.metadata import version

        print(f"analysis {version('kechuang-eval')}")
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


if __name__ == "__main__":
    raise SystemExit(main())
