"""Checking single values of a contact row: e-mail addresses, the cc list, the language."""

from __future__ import annotations

import re
import unicodedata

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


def parse_language(text: str) -> str | None:
    """The language code for ``text`` ("fr", "FR", "French", "Français", "法语"), or None when it
    is not one of the six languages."""
    code = _LANGUAGE_LOOKUP.get(text.strip().casefold())
    return code if code in LANGUAGES else None


def check_email(text: str) -> str:
    """A valid e-mail address (domain normalised to lower case), or ValueError saying why.

    An address holding a line break or another control character is refused before anything
    else: such a value could inject a header into the message it is later written to."""
    if any(unicodedata.category(char) == "Cc" for char in text):
        raise ValueError("it contains a line break or another control character")
    address = text.strip()
    if not address:
        raise ValueError("it is empty; an e-mail address is required")
    try:
        # No DNS lookup: intake runs offline and the reserved test domains have no MX.
        checked = validate_email(address, check_deliverability=False, test_environment=True)
    except EmailNotValidError as error:
        raise ValueError(str(error)) from None
    return checked.normalized


def split_cc(text: str) -> list[str]:
    """The cc cell split into addresses (separated by ``;`` or ``,``), blanks dropped; not yet
    checked."""
    return [part.strip() for part in _CC_SPLIT.split(text) if part.strip()]
