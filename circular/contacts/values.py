"""Checking single values of a contact row: e-mail addresses, the cc list, the language."""

from __future__ import annotations

import re
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email

from circular.countries import LANGUAGES

#: Language names and codes staff write, in the six languages, mapped to the code.
_LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    "ar": ("ar", "ara", "arabic", "arabe", "árabe", "арабский", "阿拉伯语", "阿拉伯文", "العربية"),
    "en": ("en", "eng", "english", "anglais", "inglés", "английский", "英语", "英文", "الإنكليزية",
           "الإنجليزية"),
    "es": ("es", "spa", "esp", "spanish", "espagnol", "español", "castellano", "испанский",
           "西班牙语", "西班牙文", "الإسبانية"),
    "fr": ("fr", "fra", "fre", "french", "français", "francés", "французский", "法语", "法文",
           "الفرنسية"),
    "ru": ("ru", "rus", "russian", "russe", "ruso", "русский", "俄语", "俄文", "الروسية"),
    "zh": ("zh", "zho", "chi", "chinese", "chinois", "chino", "китайский", "中文", "汉语",
           "الصينية", "zh-cn", "zh-hans"),
}  # fmt: skip

_LANGUAGE_LOOKUP = {
    name.casefold(): code for code, names in _LANGUAGE_NAMES.items() for name in names
}
_CC_SPLIT = re.compile(r"[;,]")
# Unicode category Cc: C0 controls (CR, LF, TAB, NUL...), DEL and C1 controls.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# RFC 5322 dot-atom in ASCII, at most 64 characters: always a valid local part.
_PLAIN_LOCAL = re.compile(
    r"(?=.{1,64}$)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
)


def parse_language(text: str) -> str | None:
    """The language code for ``text`` ("fr", "FR", "French", "Français", "法语"), or None when it
    is not one of the six languages."""
    code = _LANGUAGE_LOOKUP.get(text.strip().casefold())
    return code if code in LANGUAGES else None


def check_email(text: str, *, smtputf8: bool = False) -> str:
    """A valid e-mail address (domain normalised to lower case), or ValueError saying why.

    An internationalised domain (``info@mid.рф``) is kept in Unicode: sending writes it in
    ASCII (IDNA 2008) where the server lacks SMTPUTF8. Letters outside ASCII before the @
    (``josé@…``) cannot be written in ASCII at all: they are accepted only with ``smtputf8``
    (CIRCULAR_SMTP_UTF8=yes, the provider says it delivers such mail), else refused here
    rather than failing at send time.

    An address holding a line break or another control character is refused before anything
    else: such a value could inject a header into the message it is later written to."""
    if _CONTROL.search(text):
        raise ValueError("it contains a line break or another control character")
    address = text.strip()
    if not address:
        raise ValueError("it is empty; an e-mail address is required")
    local, _, domain = address.rpartition("@")
    if _PLAIN_LOCAL.fullmatch(local) and len(address) <= 254:
        # The common case (a plain ASCII local part): the domain is checked once per file,
        # not once per row, as validating an address is costly and domains repeat.
        try:
            return f"{local}@{_check_domain(domain)}"
        except EmailNotValidError as error:
            raise ValueError(str(error)) from None
    try:
        # No DNS lookup: intake runs offline and the reserved test domains have no MX.
        # Checked as if SMTPUTF8 were allowed, so an address wrong in other ways says so.
        checked = validate_email(
            address, check_deliverability=False, test_environment=True, allow_smtputf8=True
        )
    except EmailNotValidError as error:
        raise ValueError(str(error)) from None
    if checked.smtputf8 and not smtputf8:
        raise ValueError(_needs_smtputf8(checked.local_part))
    return checked.normalized


def _needs_smtputf8(local: str) -> str:
    return (
        f"the part before the @ ({local}) has letters outside ASCII, which only mail servers "
        "with SMTPUTF8 deliver: ask for an ASCII address, or set CIRCULAR_SMTP_UTF8=yes if "
        "the mail provider supports SMTPUTF8"
    )


@lru_cache(maxsize=4096)
def _check_domain(domain: str) -> str:
    """The normalised domain, checked by email-validator with a known-good local part."""
    checked = validate_email(f"x@{domain}", check_deliverability=False, test_environment=True)
    return checked.domain


def split_cc(text: str) -> list[str]:
    """The cc cell split into addresses (separated by ``;`` or ``,``), blanks dropped; not yet
    checked."""
    return [part.strip() for part in _CC_SPLIT.split(text) if part.strip()]
