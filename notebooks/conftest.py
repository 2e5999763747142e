"""pytest over notebooks/: collect the .ipynb files (nbval) only, never the paired .py scripts."""

collect_ignore_glob = ["*.py"]
