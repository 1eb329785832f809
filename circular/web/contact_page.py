"""A contact's page, made in two steps (issue 20): the page's template rendered once per
campaign, language, link state and choice (answer, day, how many earlier answers) with markers
where the contact's own values go; then, per request, those values escaped into the markers.
The template renders the page the same either way (``render_contact_page`` renders it whole:
pages with a typed form or errors, and the tests that compare the two); only the work is cut:
the sandboxed template cost more CPU than the rest of a request.

A marker is ``<@name>``: autoescaping turns every "<" of a value into "&lt;" and the template's
own HTML has no "<@", so no value and no markup can be taken for one.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from circular.campaign import LANGUAGES, Campaign
from circular.letters.context import campaign_fields
from circular.letters.dates import format_day
from circular.letters.links import LINK_PATH
from circular.web.answers import LIMITS, Form, LinkState, Visit
from circular.web.page import render, texts

_MARKER = re.compile(r"<@([a-z0-9_]+)>")
#: Stands for the CSRF field in a made page (each visitor gets the field of their cookie).
CSRF_MARK = "<@csrf>"


def _mark(name: str) -> Markup:
    return Markup(f"<@{name}>")  # noqa: S704 - a fixed marker, replaced by an escaped value


@dataclass(frozen=True)
class CampaignTexts:
    """What every page of a campaign shows in one language, formatted once."""

    info: dict[str, str]
    days: list[tuple[str, str]]
    deadline: str


_texts_made: dict[tuple[int, str], tuple[Campaign, CampaignTexts]] = {}


def campaign_texts(campaign: Campaign, language: str) -> CampaignTexts:
    """``campaign``'s texts and dates in ``language``, formatted on first use (Babel and the
    letters' context are slow next to a page's other work)."""
    made = _texts_made.get((id(campaign), language))
    if made is not None and made[0] is campaign:
        return made[1]
    fields = campaign_fields(campaign, language)
    event_name = campaign.web.days_from or "high_level"
    texts_ = CampaignTexts(
        info={
            "title": fields["title"],
            "reference": campaign.reference,
            "event": fields["events"].get(event_name, {}).get("range", ""),
            "deadline": fields["deadline"],
        },
        days=[(d.isoformat(), format_day(d, language)) for d in campaign.answer_days()],
        deadline=fields["deadline"],
    )
    _texts_made[(id(campaign), language)] = (campaign, texts_)
    return texts_


def _shown_form(seen: Visit) -> Form:
    """The form as the ledger has it: the latest answer, else the contact's own name."""
    assert seen.link is not None
    latest = seen.answers[-1] if seen.answers else None
    if latest is None:
        link = seen.link
        return Form(
            speaker_name=" ".join(p for p in (link.title, link.name) if p),
            speaker_title=link.position,
        )
    return Form(
        answer=latest.answer,
        speaker_name=latest.speaker_name,
        speaker_title=latest.speaker_title,
        day=latest.day.isoformat() if latest.day else "",
        note=latest.note,
    )


def _history(seen: Visit, language: str) -> list[tuple[str, str]]:
    """The contact's answers, newest first: when, and what (as plain text)."""
    words = texts()[language]
    return [
        (
            a.created_at.strftime("%Y-%m-%d %H:%M UTC"),
            words["accepted" if a.answer == "accept" else "declined"]
            + "".join(f" · {p}" for p in (a.speaker_name, a.speaker_title) if p)
            + (f" · {format_day(a.day, language)}" if a.day else ""),
        )
        for a in reversed(seen.answers)
    ]


def _render(
    campaign: Campaign,
    state: LinkState,
    language: str,
    path: str,
    *,
    form: Form,
    history: list[tuple[Any, Any]],
    errors: list[str] | None,
    saved: bool,
) -> str:
    words = texts()[language]
    made = campaign_texts(campaign, language)
    notice = ""
    if state == LinkState.OPEN:
        notice = words["change_until"].format(deadline=made.deadline)
    elif state == LinkState.LATE:
        notice = words["late"]
    elif state == LinkState.CLOSED:
        notice = words["closed"].format(email=campaign.reply_inbox)
    return render(
        language,
        info=made.info,
        form=form if state != LinkState.CLOSED else None,
        days=made.days,
        limits=LIMITS,
        errors=errors,
        notice=notice,
        saved=saved,
        history=history,
        csrf=Markup(CSRF_MARK),  # noqa: S704 - a fixed marker, replaced by the field
        action=Markup(f"{path}?lang={language}"),  # noqa: S704 - see render_contact_page
        languages=[
            (code, texts()[code]["language_name"], Markup(f"{path}?lang={code}"))  # noqa: S704
            for code in LANGUAGES
        ],
    )


def render_contact_page(
    seen: Visit,
    token: str,
    language: str,
    *,
    form: Form | None = None,
    errors: list[str] | None = None,
    saved: bool = False,
) -> str:
    """``seen``'s page rendered whole, its CSRF field ``CSRF_MARK``; ``form`` as typed (else the
    ledger's), with ``errors``. ``token`` has a link's shape (``TOKEN_SHAPE``: no other
    reaches a page), so the page's links hold it as it is: nothing to quote or escape."""
    assert seen.campaign is not None
    return _render(
        seen.campaign,
        seen.state,
        language,
        f"{LINK_PATH}{token}",
        form=form if form is not None else _shown_form(seen),
        history=_history(seen, language),
        errors=errors,
        saved=saved,
    )


class _Skeleton:
    """A page with markers, split once: literal text and marker names taking turns."""

    __slots__ = ("campaign", "literals", "names")

    def __init__(self, campaign: Campaign, page: str) -> None:
        parts = _MARKER.split(page)
        self.campaign = campaign
        self.literals = parts[0::2]
        self.names = parts[1::2]

    def fill(self, values: dict[str, str]) -> str:
        out = [self.literals[0]]
        for name, literal in zip(self.names, self.literals[1:], strict=True):
            out.append(values[name])
            out.append(literal)
        return "".join(out)


class ContactPages:
    """Contacts' pages made from skeletons (module doc), the least recently used skeleton
    dropped beyond ``size``. A skeleton holds nothing of a contact but its choices, so every
    page shows the ledger as this request read it: never a stale one."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._made: OrderedDict[tuple[Any, ...], _Skeleton] = OrderedDict()
        self._lock = threading.Lock()

    def page(self, seen: Visit, token: str, language: str, *, saved: bool, csrf: str) -> str:
        """``seen``'s page as ``render_contact_page`` renders it (no form typed, no errors),
        with the CSRF field ``csrf``."""
        assert seen.campaign is not None
        form = _shown_form(seen)
        count = len(seen.answers)
        key = (id(seen.campaign), language, seen.state, saved, form.answer, form.day, count)
        with self._lock:
            skeleton = self._made.get(key)
            if skeleton is not None:
                self._made.move_to_end(key)
        if skeleton is None or skeleton.campaign is not seen.campaign:
            skeleton = self._make(seen.campaign, seen.state, language, saved, form, count)
            with self._lock:
                self._made[key] = skeleton
                if len(self._made) > self.size:
                    self._made.popitem(last=False)
        values = {
            "csrf": csrf,
            "token": token,
            "speaker_name": str(escape(form.speaker_name)),
            "speaker_title": str(escape(form.speaker_title)),
            "note": str(escape(form.note)),
        }
        for number, (when, what) in enumerate(_history(seen, language)):
            values[f"when{number}"] = str(escape(when))
            values[f"what{number}"] = str(escape(what))
        return skeleton.fill(values)

    @staticmethod
    def _make(
        campaign: Campaign, state: LinkState, language: str, saved: bool, form: Form, count: int
    ) -> _Skeleton:
        marked = Form(
            answer=form.answer,
            speaker_name=_mark("speaker_name"),
            speaker_title=_mark("speaker_title"),
            day=form.day,
            note=_mark("note"),
        )
        history = [(_mark(f"when{n}"), _mark(f"what{n}")) for n in range(count)]
        page = _render(
            campaign,
            state,
            language,
            f"{LINK_PATH}<@token>",
            form=marked,
            history=history,
            errors=None,
            saved=saved,
        )
        return _Skeleton(campaign, page)
