"""The page's fixtures (tests/support/web_support.py)."""

from tests.support.web_support import web_desk

__all__ = ["web_desk"]
