"""Hostile templates and campaign files: a template that tries to reach Python internals, files
or the environment; a campaign id that walks out of its folder; YAML with Python tags. Each is
refused with an error that names the file, on every rendering path (a letter by the fast path
and by docxtpl, a cover note and a reminder from ``.txt``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from circular.campaign import CampaignError, load_campaign
from circular.campaign_id import check_campaign_id
from circular.ledger import Contact
from circular.letters.render import LetterTemplate, TemplateRenderError
from circular.replies.matching import campaign_reference
from circular.sending.outgoing import CoverNoteError, render_cover_note
from circular.settings import PROJECT_ROOT

SHIPPED = PROJECT_ROOT / "letters" / "cl-21-4"

#: (template text, a word the error must hold). Files, Python internals, the environment.
HOSTILE = [
    ("{% include '/etc/passwd' %}", "cannot include"),
    ("{% import '/etc/passwd' as p %}", "cannot include"),
    ("{% extends '/etc/passwd' %}", "cannot include"),
    ("{% from 'os' import environ %}{{ environ }}", "cannot include"),
    ("{{ self._TemplateReference__context }}", "_TemplateReference__context"),
    ("{{ lipsum.__globals__ }}", "lipsum"),
    ("{{ lipsum.__globals__['os'].environ }}", "lipsum"),
    ("{{ cycler.__init__.__globals__.os }}", "__init__"),
    ("{{ joiner.__init__.__globals__.os.popen('id').read() }}", "__init__"),
    ("{{ namespace.__init__.__globals__ }}", "__init__"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "__class__"),
    ("{{ contact.name.__class__.__base__.__subclasses__() }}", "__class__"),
    ("{{ dict.__base__.__subclasses__() }}", "__base__"),
    ("{{ self.__init__.__globals__.__builtins__.open('/etc/passwd').read() }}", "__init__"),
    ("{{ config }}", "'config' is undefined"),
    ("{{ config.items() }}", "'config' is undefined"),
    ("{{ os.environ }}", "'os' is undefined"),
    ("{{ request.environ }}", "'request' is undefined"),
    ("{{ environ['HOME'] }}", "'environ' is undefined"),
    ("{% for i in range(10**9) %}x{% endfor %}", "Range too big"),
]
IDS = [f"t{index}" for index in range(len(HOSTILE))]


def _word_template(path: Path, text: str) -> Path:
    document = Document()
    document.add_paragraph("Dear {{ contact.name }},")
    document.add_paragraph(text)
    document.save(str(path))
    return path


def _contact() -> Contact:
    return Contact(
        campaign="cl-21-4",
        contact_key="FRA",
        iso3="FRA",
        language="en",
        email="ministre@gouv.example",
        cc=[],
        name="Jean Dupont",
    )


@pytest.fixture(scope="module")
def campaign_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("campaign") / "cl-21-4"
    shutil.copytree(SHIPPED, folder)
    return folder


def _assert_clear(message: str, path: Path, word: str) -> None:
    assert str(path) in message, message
    assert word in message, message
    # Nothing was read: no line of /etc/passwd and no environment value in the message.
    assert "root:" not in message
    assert "PATH=" not in message


@pytest.mark.parametrize(("text", "word"), HOSTILE, ids=IDS)
@pytest.mark.parametrize("fast", [True, False], ids=["fast", "docxtpl"])
def test_letter_template_is_refused_on_both_rendering_paths(
    tmp_path: Path, text: str, word: str, fast: bool
) -> None:
    path = _word_template(tmp_path / "letter.en.docx", text)
    template = LetterTemplate(path, "en", fast=fast)
    with pytest.raises(TemplateRenderError) as caught:
        template.render({"contact": {"name": "Jean Dupont"}})
    _assert_clear(str(caught.value), path, word)


@pytest.mark.parametrize(("text", "word"), HOSTILE, ids=IDS)
@pytest.mark.parametrize("kind", ["email", "reminder"])
def test_cover_note_template_is_refused(
    campaign_copy: Path, text: str, word: str, kind: str
) -> None:
    path = campaign_copy / f"{kind}.en.txt"
    original = path.read_bytes()
    path.write_text(f"Subject: CL-21/4\n\nDear {{{{ contact.name }}}},\n{text}\n", "utf-8")
    try:
        campaign = load_campaign(campaign_copy)
        with pytest.raises(CoverNoteError) as caught:
            render_cover_note(campaign, _contact(), "en", kind)  # type: ignore[arg-type]
    finally:
        path.write_bytes(original)
    _assert_clear(str(caught.value), path, word)


def test_the_shipped_cover_notes_still_render(campaign_copy: Path) -> None:
    campaign = load_campaign(campaign_copy)
    subject, text = render_cover_note(campaign, _contact(), "en")
    assert "CL-21/4" in subject
    assert "CL-21/4" in text


@pytest.mark.parametrize(
    "bad",
    ["../cl-21-4", "..", ".", "cl-21-4/../../etc", "/etc", "cl-21-4/..", "..\\x", "a/b", "\x00"],
)
def test_campaign_ids_that_leave_their_folder_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="is not valid"):
        check_campaign_id(bad)
    folder = tmp_path / "cl-21-4"
    shutil.copytree(SHIPPED, folder)
    text = (folder / "campaign.yaml").read_text("utf-8")
    lines = [f"id: {bad!r}" if line.startswith("id:") else line for line in text.splitlines()]
    (folder / "campaign.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(CampaignError, match=r"campaign\.yaml: id: .*not valid"):
        load_campaign(folder)


PYTHON_TAGS = [
    'id: !!python/object/apply:os.system ["touch {target}"]\n',
    'id: !!python/object/apply:subprocess.check_output [["touch", "{target}"]]\n',
    'id: !!python/object/new:subprocess.Popen [["touch", "{target}"]]\n',
    "id: !!python/name:os.system\n",
    "reference: !!python/object/apply:builtins.exec [\"open('{target}', 'w')\"]\n",
    "deadline: !!python/module:os\n",
]


@pytest.mark.parametrize("text", PYTHON_TAGS)
def test_yaml_with_python_tags_is_refused_and_never_run(tmp_path: Path, text: str) -> None:
    target = tmp_path / "pwned"
    folder = tmp_path / "cl-21-4"
    folder.mkdir()
    (folder / "campaign.yaml").write_text(text.format(target=target), "utf-8")
    with pytest.raises(CampaignError) as caught:
        load_campaign(folder, check_templates=False)
    message = str(caught.value)
    assert str(folder / "campaign.yaml") in message
    assert "!!python" in message
    # The poll reads the campaign's reference too: it falls back to the id, and runs nothing.
    assert campaign_reference("cl-21-4", tmp_path) == "CL-21/4"
    assert not target.exists()
