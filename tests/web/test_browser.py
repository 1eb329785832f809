"""The page in a real browser: Playwright driving Debian's chromium (never `playwright
install`), in the six languages: open the link of the rendered e-mail, fill in, submit, change
the answer, see the confirmation; an expired link; JavaScript off. Writes the screenshots of
docs/screenshots/ (Arabic, Chinese, Spanish) when CIRCULAR_SCREENSHOTS names a folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from circular.replies.outcomes import ContactStatus, contact_status
from tests.support.web_support import LANGUAGES, WebDesk

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="chromium missing: `make system-deps` installs it"
)

SAVED = {
    "ar": "لقد سُجّل ردكم",
    "en": "Your answer has been recorded",
    "es": "Su respuesta ha quedado registrada",
    "fr": "Votre réponse a été enregistrée",
    "ru": "Ваш ответ записан",
    "zh": "您的答复已记录",
}


@pytest.fixture
def browser(web_desk: WebDesk) -> Iterator[Browser]:
    # Started after the campaign's letters went out: Playwright's sync API holds an event loop
    # in this thread, where the sending's asyncio.run could not start another.
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


def _answer(page: Page, *, accept: bool, speaker: str, day_index: int) -> None:
    page.locator(f"input[name=answer][value={'accept' if accept else 'decline'}]").check()
    page.locator("input[name=speaker_name]").fill(speaker)
    page.locator("select[name=day]").select_option(index=day_index)
    page.locator("button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_six_languages_answer_change_and_confirmation(
    web_desk: WebDesk, browser: Browser, javascript: bool
) -> None:
    shots = os.environ.get("CIRCULAR_SCREENSHOTS", "")
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 900, "height": 1000}
    )
    try:
        for language in LANGUAGES:
            page = context.new_page()
            page.goto(web_desk.link(language))  # the link as the e-mail gives it
            assert page.locator("html").get_attribute("lang") == language
            expected_dir = "rtl" if language == "ar" else "ltr"
            assert page.locator("html").get_attribute("dir") == expected_dir
            assert web_desk.campaign.reference in page.content()
            _answer(page, accept=True, speaker=f"Speaker {language}", day_index=2)
            assert SAVED[language] in page.locator("#saved").inner_text()
            _answer(page, accept=False, speaker=f"Deputy {language}", day_index=0)
            assert SAVED[language] in page.locator("#saved").inner_text()
            assert page.locator("#history li").count() == 2
            if shots and javascript and language in ("ar", "zh", "es"):
                page.locator("input[name=answer][value=accept]").check()
                page.screenshot(path=str(Path(shots) / f"page-{language}.png"), full_page=True)
            with web_desk.ledger.session() as session:
                from sqlalchemy import select

                from circular.ledger import Contact

                contact = session.scalar(select(Contact).where(Contact.language == language))
                assert contact is not None
                assert contact_status(session, contact) == ContactStatus.DECLINED
            # The language switch: the same page in the five others.
            page.locator("nav a[hreflang=en]").click()
            page.wait_for_load_state()
            assert page.locator("html").get_attribute("lang") == "en"
            page.close()
    finally:
        context.close()


def test_an_expired_link_says_so_in_the_browsers_language(
    web_desk: WebDesk, browser: Browser
) -> None:
    from datetime import date, timedelta

    import yaml

    folder = web_desk.campaign.folder
    assert folder is not None
    gone = web_desk.campaign.shifted_to(date.today() - timedelta(days=120))
    data = gone.model_dump(mode="json", exclude={"folder"})
    (folder / "campaign.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    context = browser.new_context(locale="es-ES", java_script_enabled=False)
    try:
        page = context.new_page()
        response = page.goto(web_desk.link("fr"))
        assert response is not None and response.status == 404
        assert "Este enlace no es válido" in page.content()
        assert page.locator("form").count() == 0
    finally:
        context.close()
