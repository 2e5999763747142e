"""Sub-commands of the command line, one module each with ``add_parser`` and ``run``."""

#: Help text of the --map option that validate, indicators, assess and report share.
MAP_HELP = (
    "mapping file (CSV with columns 类型,表,原文,改为,列) for sheet names, headers and "
    "values to read differently; see docs/ledger.md"
)
