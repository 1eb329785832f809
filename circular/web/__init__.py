"""The personal confirmation page: the letter's second channel (``circular web``).

Takes a contact's personal link (``circular.letters.links``: ``<public URL>/r/<token>``, in
the letter, its QR code, the e-mail and the reminders) and the campaign file; gives a page in
the contact's language (and the other five; Arabic right to left) where the invitation is
accepted or declined, with who will speak and the preferred day, changeable until the
deadline. Each answer is kept
(``web_answers``) and recorded as a reply decided by ``web`` (``replies``), so outcomes,
reminders, acknowledgements and the report treat it like an e-mail reply (``answers``). The app
(``app``) runs as its own process under uvicorn, never imports Prefect, and is hardened for the
open internet (``security``); the poll flow announces its answers (``answers.unannounced``).
"""
