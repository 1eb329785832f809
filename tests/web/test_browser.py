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


def test_the_letters_link_in_chromium_reaches_the_report_and_stops_the_reminders(
    web_desk: WebDesk,
) -> None:
    """The whole chain once: the link read from the rendered Word letter (its text and its QR
    code) and from the e-mail, answered in chromium; `circular report --json` shows channel
    web; the next reminder wave (on an injected clock) passes those contacts by."""
    import io
    import json
    import re
    import zipfile

    import zxingcpp
    from docx import Document
    from PIL import Image
    from typer.testing import CliRunner

    from circular.cli import _register, app
    from circular.followups.reminders import Sender, invited_timing, run_wave
    from circular.ledger import contacts_of
    from circular.letters.render import render_campaign
    from circular.sending.outbox import SendOptions
    from circular.sending.smtp import SmtpConfig
    from circular.settings import Security
    from tests.servers.smtp_server import RecordingHandler, smtp_server

    campaign, ledger = web_desk.campaign, web_desk.ledger
    with ledger.session() as session:
        contacts = contacts_of(session, campaign.id)
        session.expunge_all()
    letters = render_campaign(campaign, contacts, web_desk.tmp / "letters", ledger).letters
    [french] = [letter for letter in letters if letter.language == "fr"]
    docx = french.path.read_bytes()
    words = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    [from_text] = re.findall(r"https?://[^\s<>]+/r/[A-Za-z0-9_-]{32}", words)
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        [media] = [n for n in package.namelist() if n.startswith("word/media/")]
        image = Image.open(io.BytesIO(package.read(media)))
    [from_qr] = [code.text for code in zxingcpp.read_barcodes(image)]
    assert from_text == from_qr == web_desk.link("fr")  # the letter's link is the e-mail's

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for language, url in (("fr", from_text), ("es", web_desk.link("es"))):
                page = browser.new_page()
                page.goto(url)
                _answer(page, accept=True, speaker=f"Speaker {language}", day_index=1)
                assert SAVED[language] in page.locator("#saved").inner_text()
                page.close()
        finally:
            browser.close()

    _register()
    report = CliRunner().invoke(app, ["report", "--campaign", str(campaign.folder), "--json"])
    assert report.exit_code == 0, report.output
    rows = {row["country"]: row for row in map(json.loads, report.output.splitlines())}
    answered = {web_desk.countries["fr"], web_desk.countries["es"]}
    for country in answered:
        assert (rows[country]["outcome"], rows[country]["channel"]) == ("accepted", "web")
        assert rows[country]["decided_by"] == "web"
    waiting = {country for country, row in rows.items() if row["outcome"] == "awaiting"}
    assert waiting == set(web_desk.countries.values()) - answered

    # Reminder wave 1 at each of its runs' moments, as the scheduled runs do.
    handler = RecordingHandler()
    with smtp_server(handler) as (server, _):
        smtp = SmtpConfig("127.0.0.1", server.port, security=Security.NONE)
        sender = Sender(smtp, SendOptions(connections=1), web_desk.tmp / "out")
        plan = invited_timing(ledger, campaign)
        for group in plan.groups(plan.waves[0]):
            run_wave(ledger, campaign, 1, sender, now=group.at)
    reminded = {
        contact.iso3
        for contact in contacts
        for item in handler.received
        if contact.email in item.rcpt_tos
    }
    assert reminded == waiting  # everyone still awaited, and neither who answered on the page
