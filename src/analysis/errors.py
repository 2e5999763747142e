"""Errors a user can cause; the command line prints them without a traceback."""


class UserError(Exception):
    """An error caused by input the user gave (a file, a cell, an option).

    The command line prints ``str(error)`` and exits with ``exit_code``.

    Examples:
        >>> str(UserError("找不到文件 ledger.xlsx"))
        '找不到文件 ledger.xlsx'
    """

    exit_code = 2


class QuantityError(UserError, ValueError):
    """A text that is not a quantity this module can read without guessing.

    The message names the offending text. It is both a ``ValueError`` (for library callers)
    and a ``UserError`` (so the command line prints it without a traceback).

    Examples:
        >>> isinstance(QuantityError("x"), ValueError)
        True
    """


class IndicatorInputError(UserError, ValueError):
    """An indicator was asked for something its input cannot give (bad ``by``, wrong table).

    Examples:
        >>> isinstance(IndicatorInputError("by"), ValueError)
        True
    """
