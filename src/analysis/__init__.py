"""Evaluate regional technology-transfer programmes."""
