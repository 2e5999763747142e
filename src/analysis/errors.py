"""Errors a user can cause; the command line prints them without a traceback."""


class UserError(Exception):
    """An error caused by input the user gave (a file, a cell, an option).

    The command line prints ``str(error)`` and exits with ``exit_code``.

    Examples:
        >>> str(UserError("找不到文件 ledger.xlsx"))
        '找不到文件 ledger.xlsx'
    """

    exit_code = 2
