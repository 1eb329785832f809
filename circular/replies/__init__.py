"""Replies: the reply inbox (IMAP) → decoded, classified replies matched to their letters.

Takes the mailbox and the ``messages`` table; gives each reply a kind (accept, decline, other,
auto_reply, bounce) with its evidence, files it in a folder, and writes the ``replies`` and
``mailbox_state`` tables. Modules: ``inbox`` (the poll), ``mailtext`` (charsets, HTML, quoted
text cut, attachments), ``bounces`` and ``autoreplies`` (automatic mail), ``cues`` and
``classify`` (the human reply's meaning), ``matching`` (reply → letter), ``outcomes`` (a
contact's status, derived), ``activity`` (what happened, for events).
"""
