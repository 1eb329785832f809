"""Contact files → validated contacts in the ledger, with a per-row error report.

The package is split by concern: ``reading`` (bytes, encoding, delimiter, pandas chunks),
``columns`` (header names in six languages), ``values`` and ``rows`` (checking one row),
``checking`` (a whole file), ``loading`` (the ledger, with change history), ``intake`` (the drop
folder: routing, all-or-nothing, moving files, crash safety) and ``problems`` (the report).
"""

from circular.contacts.checking import FileCheck, check_file, iter_contacts
from circular.contacts.intake import (
    IntakeResult,
    Outcome,
    find_drops,
    intake_file,
    intake_folder,
    is_temporary,
)
from circular.contacts.loading import summarise_contacts
from circular.contacts.problems import Problem, ProblemKind, render_report
from circular.contacts.rows import ContactRow

__all__ = [
    "ContactRow",
    "FileCheck",
    "IntakeResult",
    "Outcome",
    "Problem",
    "ProblemKind",
    "check_file",
    "find_drops",
    "intake_file",
    "intake_folder",
    "is_temporary",
    "iter_contacts",
    "render_report",
    "summarise_contacts",
]
