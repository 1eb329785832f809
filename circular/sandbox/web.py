"""Simulated respondents who answer on the confirmation page instead of by e-mail: they take
the personal link from the letter, open the page, read its form (the hidden CSRF token, the
days offered) and post it back, as a browser does (cookie included)."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx

#: A personal link in a letter's text (``circular.letters.links``: ``…/r/<token>``).
PERSONAL_LINK = re.compile(r"https?://[^\s<>\"']+/r/[A-Za-z0-9_-]{32}")
#: Who will speak, when a respondent names someone (the form's default is the addressee).
SPEAKERS = ("Deputy Minister", "Ambassador, Permanent Representative", "Director General")


class WebAnswerError(RuntimeError):
    """The page did not take the answer; the message says what it answered."""


def personal_link(text: str) -> str | None:
    """The first personal link in a letter's text, or None."""
    found = PERSONAL_LINK.search(text)
    return found.group() if found else None


class _Form(HTMLParser):
    """The page's answer form, read as a browser reads it."""

    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.hidden: dict[str, str] = {}
        self.days: list[str] = []
        self._in_day = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form" and values.get("method", "").lower() == "post":
            self.action = values.get("action", "")
        elif tag == "input" and values.get("type") == "hidden" and "name" in values:
            self.hidden[values["name"]] = values.get("value", "")
        elif tag == "select":
            self._in_day = values.get("name") == "day"
        elif tag == "option" and self._in_day and values.get("value"):
            self.days.append(values["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._in_day = False


def answer_on_page(url: str, accept: bool, rng: random.Random, timeout: float = 20.0) -> None:
    """Open ``url``, fill in its form (accept or decline; sometimes a named speaker and a
    preferred day, drawn from ``rng``) and submit it. WebAnswerError if the page refuses."""
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        page = client.get(url)
        if page.status_code != 200:
            raise WebAnswerError(f"{url}: the page answered {page.status_code}")
        form = _Form()
        form.feed(page.text)
        if not form.action or "csrf" not in form.hidden:
            raise WebAnswerError(f"{url}: the page has no answer form")
        fields = {**form.hidden, "answer": "accept" if accept else "decline"}
        fields.update(speaker_name="", speaker_title="", day="", note="")
        if accept and rng.random() < 0.5:
            fields["speaker_name"] = f"{rng.choice('ABCDEFGHKLMNPRST')}. Respondent"
            fields["speaker_title"] = rng.choice(SPEAKERS)
        if accept and form.days:
            fields["day"] = rng.choice(form.days)
        posted = client.post(urljoin(url, form.action), data=fields)
        if posted.status_code != 303:
            raise WebAnswerError(f"{url}: the form was answered {posted.status_code}")
