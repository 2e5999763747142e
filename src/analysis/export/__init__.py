"""Everything written for a person to open: safe writes, xlsx workbooks, the forms."""
