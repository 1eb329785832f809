"""Follow-ups: the ledger's state against the campaign's deadline → reminders, acknowledgements,
decisions and the report.

Takes the campaign file and the ledger; gives reminder waves (``waves``) sent in the letter's
thread (``reminders``, writing ``messages`` rows ``reminder-N`` and ``ack``), the replies that
wait for a person and their decisions (``review``, writing ``replies``), and the campaign report
as a table, Markdown and an Excel file (``report``, ``excel``).
"""
