"""Prefect flows: a thin layer that orchestrates the domain code in ``circular``."""
