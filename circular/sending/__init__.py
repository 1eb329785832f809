"""Sending: rendered letters → MIME messages → SMTP, each exactly once, at the provider's pace.

Takes the campaign, its contacts and their letters; gives messages accepted by the SMTP server
and writes the ``messages`` table (claim → sending → sent | failed | unknown, with the server's
answer). Modules: ``outgoing`` (cover note + letter → ``OutgoingMessage``), ``mime`` (bytes
written once, no header injection), ``claims`` (the ledger's exactly-once state changes),
``outbox`` (the sender: connections, retries, reconciliation), ``smtp`` (one aiosmtplib
connection), ``ratelimit`` (per minute and per day), ``imap`` and ``sent_folder`` (the
account's IMAP side: the Sent folder, also used by the reply poller).
"""
