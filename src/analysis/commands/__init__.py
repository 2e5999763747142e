"""Sub-commands of the command line, one module each with ``add_parser`` and ``run``."""
