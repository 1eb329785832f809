"""The cache of prepared templates (``circular.letters.prepcache``, issue 20): a template
restored from it gives the very letters a fresh preparation gives; anything doubtful in it
(corrupt, truncated, another version, an edited template) is a miss, never a wrong letter."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document

from circular.countries import LANGUAGES
from circular.letters.context import docx_letter_context
from circular.letters.docx_safety import sanitize_context
from circular.letters.fields import _sources_of
from circular.letters.prepcache import TemplateCache
from circular.letters.render import LetterTemplate, render_campaign, template_cache
from circular.letters.signature import Signature
from tests.letters.test_signature import SIGNATURE_PNG, campaign_copy, contact
from tests.support.fastdocx_samples import build_letter_template, sample_context


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return campaign_copy(tmp_path_factory.mktemp("campaign") / "cl-21-4", SIGNATURE_PNG)


def template(path: Path, language: str, cache: TemplateCache | None, **kwargs) -> LetterTemplate:  # type: ignore[no-untyped-def]
    _sources_of.cache_clear()  # nothing of an earlier preparation in this process helps
    return LetterTemplate(path, language, cache=cache, **kwargs)


def letters(made: LetterTemplate, contexts: list[dict]) -> list[bytes]:  # type: ignore[type-arg]
    return [made.render_checked(sanitize_context(c), f"letter {i}") for i, c in enumerate(contexts)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_template_from_the_cache_gives_the_same_letters(
    shipped,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    language: str,
) -> None:
    signature = Signature.read(shipped.signature_path)
    path = shipped.template_path("letter", language)
    cache = template_cache(tmp_path / "cache")
    assert cache is not None
    # Several letters: the third on takes the written body, without lxml's round trip.
    contexts = [
        docx_letter_context(shipped, contact(language), language, reply_url=f"https://x.test/r/{n}")
        for n in range(4)
    ]
    fresh = template(path, language, None, signature=signature)
    cold = template(path, language, cache, signature=signature)
    warm = template(path, language, cache, signature=signature)
    assert fresh.fast and not fresh.from_cache and not cold.from_cache
    assert warm.from_cache and warm.fast
    expected = letters(fresh, contexts)
    assert letters(cold, contexts) == expected
    assert letters(warm, contexts) == expected
    assert warm.qr == fresh.qr
    assert warm._fast is not None and warm._fast._use_written_body is True
    # Its fields are checked as a fresh template's are.
    available = {"name", "ministry"}
    assert warm.field_problems(available) == fresh.field_problems(available)
    # Another signature is another entry.
    other = replace(signature, sha256=hashlib.sha256(b"another picture").hexdigest())
    assert not template(path, language, cache, signature=other).from_cache


def test_the_sample_templates_from_the_cache_give_the_same_letters(tmp_path: Path) -> None:
    """Templates with a header holding tags, a ``{%tr %}`` table and hostile values."""
    cache = template_cache(tmp_path / "cache")
    for language in ("en", "ar"):
        path = build_letter_template(tmp_path / f"letter.{language}.docx", language)
        contexts = [sample_context(n, language) for n in range(4)]
        contexts.append({**contexts[0], "name": "A & B <w:t>x</w:t> {{ 7*7 }}\tC\nD"})
        template(path, language, cache)
        warm = template(path, language, cache)
        assert warm.from_cache
        assert letters(warm, contexts) == letters(template(path, language, None), contexts)


def only_entry(folder: Path) -> Path:
    [entry] = folder.glob("*.prepared")
    return entry


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: b"",
        lambda data: data[:100] + bytes([data[100] ^ 1]) + data[101:],  # one bit changed
        lambda data: b"CTC1" + b"\0" * 32 + b"not marshal",
    ],
    ids=["truncated", "empty", "corrupt", "garbage"],
)
def test_a_spoilt_entry_is_a_miss_and_is_written_again(tmp_path: Path, spoil) -> None:  # type: ignore[no-untyped-def]
    path = build_letter_template(tmp_path / "letter.en.docx", "en")
    cache = template_cache(tmp_path / "cache")
    template(path, "en", cache)
    entry = only_entry(tmp_path / "cache")
    good = entry.read_bytes()
    entry.write_bytes(spoil(good))
    again = template(path, "en", cache)
    assert not again.from_cache and again.fast
    assert entry.read_bytes() == good  # rewritten whole
    assert template(path, "en", cache).from_cache


def test_another_version_is_a_miss(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    ours = TemplateCache(folder, "engine 1")
    key = ours.key("template sha", "")
    ours.store(key, {"value": 1})
    assert ours.load(key) == {"value": 1}
    # The same file read by another version (its key would differ too: the version is in it).
    assert TemplateCache(folder, "engine 2").load(key) is None
    assert TemplateCache(folder, "engine 2").key("template sha", "") != key
    assert ours.load(ours.key("other template sha", "")) is None


def test_an_entry_of_another_version_is_not_restored(tmp_path: Path) -> None:
    path = build_letter_template(tmp_path / "letter.en.docx", "en")
    folder = tmp_path / "cache"
    cache = template_cache(folder)
    assert cache is not None
    template(path, "en", cache)
    entry = only_entry(folder)
    value = cache.load(entry.stem)
    assert value is not None
    # The same entry, whole, written by another engine under this very name.
    TemplateCache(folder, cache.version + "-older").store(entry.stem, value)
    assert cache.load(entry.stem) is None
    assert not template(path, "en", cache).from_cache
    assert cache.load(entry.stem) is not None  # written again by this engine


def test_an_edited_template_is_prepared_afresh(tmp_path: Path) -> None:
    path = build_letter_template(tmp_path / "letter.en.docx", "en")
    cache = template_cache(tmp_path / "cache")
    template(path, "en", cache)
    document = Document(str(path))
    document.add_paragraph("Edited in Word.")
    document.save(str(path))
    edited = template(path, "en", cache)
    assert not edited.from_cache
    [letter] = letters(edited, [sample_context(1, "en")])
    assert letter == letters(template(path, "en", None), [sample_context(1, "en")])[0]
    assert b"Edited in Word" in _body(letter)
    assert len(list((tmp_path / "cache").glob("*.prepared"))) == 2


def _body(letter: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(letter)) as package:
        return package.read("word/document.xml")


def test_the_cache_can_be_left_out(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert template_cache(None) is None
    contacts = [contact(language) for language in ("en", "fr")]
    kept = tmp_path / "cache"
    render_campaign(shipped, contacts, tmp_path / "a", template_cache_dir=None, workers=1)
    assert not kept.exists()
    render_campaign(shipped, contacts, tmp_path / "b", template_cache_dir=kept, workers=1)
    assert len(list(kept.glob("*.prepared"))) == 2
    render_campaign(shipped, contacts, tmp_path / "c", template_cache_dir=kept, workers=1)
    for name in ("GBR.en.docx", "FRA.fr.docx"):
        assert (tmp_path / "c" / name).read_bytes() == (tmp_path / "a" / name).read_bytes()


def test_an_entry_others_may_write_is_a_miss(tmp_path: Path) -> None:
    """An entry holds code the renderer runs: only the user's own, unwritable by others."""
    path = build_letter_template(tmp_path / "letter.en.docx", "en")
    cache = template_cache(tmp_path / "cache")
    template(path, "en", cache)
    entry = only_entry(tmp_path / "cache")
    entry.chmod(0o666)
    assert not template(path, "en", cache).from_cache
    assert template(path, "en", cache).from_cache  # written again, the user's alone
