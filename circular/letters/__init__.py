"""Letters: the campaign's Word templates and the ledger's contacts → one DOCX (and, on request,
PDF) letter per contact, in the contact's language.

Takes ``letters/<campaign>/letter.<lang>.docx`` and the contacts; gives
``letters/out/<campaign>/<ISO3>.<lang>.docx`` and writes the ``letters`` table (sha256 of each
letter). Modules: ``render`` (the engine and ``render_campaign``), ``fastdocx`` (the prepared
fast path), ``context`` (the fields a letter sees), ``fields`` (which fields templates use),
``jinja_sandbox`` and ``docx_safety`` (sandboxed, escaped rendering), ``dates`` (long dates in
six languages), ``pdf`` (DOCX → PDF with LibreOffice).
"""
