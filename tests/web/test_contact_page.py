"""The contact's page made from a skeleton (circular/web/contact_page.py, issue 20) is the page
the template renders whole, byte for byte, whatever the contact typed, in every state; and a
skeleton made for one contact never shows another's values."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from circular.campaign import load_campaign
from circular.settings import PROJECT_ROOT
from circular.web.answers import Given, Link, LinkState, Visit
from circular.web.contact_page import CSRF_MARK, ContactPages, render_contact_page
from demo.run import write_shifted_campaign

HOSTILE = '<script>alert(1)</script> & "quoted" <@note> <@token> {{ 7*7 }} \u202e'


def _link(number: int, name: str) -> Link:
    return Link(
        number, "cl-21-4", None, number, f"C{number}", "en", f"c{number}@example.org",
        "H.E.", name, "Minister", None,
    )  # fmt: skip


def _given(number: int, answer: str, day: date | None, text: str) -> Given:
    created = datetime(2026, 1, number, 9, 30, tzinfo=UTC)
    return Given(number, answer, f"{text} {number}", "Title " + text, day, text, created)


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> object:
    folder: Path = tmp_path_factory.mktemp("letters")
    made = write_shifted_campaign(PROJECT_ROOT / "letters" / "cl-21-4", folder, date.today())
    return load_campaign(made, check_templates=False)


@pytest.mark.parametrize("language", ["en", "ar", "zh"])
@pytest.mark.parametrize("state", [LinkState.OPEN, LinkState.LATE, LinkState.CLOSED])
@pytest.mark.parametrize("saved", [False, True])
def test_a_page_from_a_skeleton_is_the_page_rendered_whole(
    campaign: object, language: str, state: LinkState, saved: bool
) -> None:
    day = campaign.answer_days()[-1]  # type: ignore[attr-defined]
    pages = ContactPages()
    histories = [
        (),
        (_given(1, "accept", None, HOSTILE),),
        (_given(1, "decline", day, "other choices, as many answers"),),
        (_given(1, "decline", None, "first"), _given(2, "accept", day, HOSTILE)),
    ]
    for number, answers in enumerate(histories, start=1):
        for name in (HOSTILE, f"Minister {number}"):  # the second reuses the first's skeleton
            seen = Visit(state, _link(number, name), answers, campaign)  # type: ignore[arg-type]
            token = f"{number:032d}"
            whole = render_contact_page(seen, token, language, saved=saved)
            made = pages.page(seen, token, language, saved=saved, csrf="f" * 64)
            assert made == whole.replace(CSRF_MARK, "f" * 64)
            assert "<script>" not in made and "<@" not in made
            assert token in made


def test_a_campaign_read_again_gets_new_skeletons(campaign: object, tmp_path: Path) -> None:
    pages = ContactPages()
    seen = Visit(LinkState.OPEN, _link(1, "A"), (), campaign)  # type: ignore[arg-type]
    before = pages.page(seen, "t" * 32, "en", saved=False, csrf="c")
    again = campaign.model_copy(update={"reference": "CL-99/9"})  # type: ignore[attr-defined]
    after = pages.page(
        Visit(LinkState.OPEN, seen.link, (), again), "t" * 32, "en", saved=False, csrf="c"
    )
    assert "CL-99/9" in after and "CL-99/9" not in before
