"""The confirmation page as an ASGI app (Starlette): ``GET /r/<token>`` shows it, ``POST``
records an answer and redirects back (the page then says it was saved). No JavaScript.

Unknown, revoked and expired links get the same page, status and (padded) time; errors get a
page of their own words, never a traceback. The ledger is synchronous SQLAlchemy, run in
a few threads (``LEDGER_THREADS``).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

import anyio.to_thread
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from circular.campaign import LANGUAGES, Campaign, CampaignError, load_campaign
from circular.ledger import Ledger, utcnow
from circular.letters.context import campaign_fields
from circular.letters.dates import format_day
from circular.letters.links import LINK_PATH
from circular.settings import Settings
from circular.web.answers import (
    LIMITS,
    MAX_BODY_BYTES,
    Form,
    LinkState,
    Visit,
    clean_text,
    problems_of,
    record_answer,
    visit,
)
from circular.web.page import pick_language, render, stylesheet, texts
from circular.web.security import (
    CSRF_COOKIE,
    SECURITY_HEADERS,
    RateLimiter,
    csrf_ok,
    csrf_token,
    new_cookie,
)

log = logging.getLogger("circular.web")

#: Every answer about a link that is not valid takes at least this long (seconds), so an
#: unknown, a revoked and an expired token cannot be told apart by timing.
INVALID_FLOOR = 0.25


def _html(body: str, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        body,
        status_code=status,
        media_type="text/html; charset=utf-8",
        headers={**SECURITY_HEADERS, **(headers or {})},
    )


class CampaignCache:
    """Campaign files by id, read again when their campaign.yaml changes."""

    def __init__(self, letters_dir: Path) -> None:
        self.letters_dir = letters_dir
        self._loaded: dict[str, tuple[float, Campaign | None]] = {}

    def __call__(self, campaign_id: str) -> Campaign | None:
        path = self.letters_dir / campaign_id / "campaign.yaml"
        try:
            stamp = path.stat().st_mtime
        except OSError:
            return None
        cached = self._loaded.get(campaign_id)
        if cached is None or cached[0] != stamp:
            try:
                campaign: Campaign | None = load_campaign(path.parent, check_templates=False)
            except CampaignError as error:
                log.error("campaign %s cannot be read: %s", campaign_id, error)
                campaign = None
            cached = (stamp, campaign)
            self._loaded[campaign_id] = cached
        return cached[1]


#: Stands for the CSRF field in a cached page (each request gets its own field). Autoescaping
#: turns every "<" a contact typed into "&lt;", so no stored text can contain it.
_CSRF_MARK = "<csrf>"


class PageCache:
    """Rendered pages by what they show (``create_app``'s ``page``), the least recently used
    dropped beyond ``size``; each with the campaign it was rendered for, which the caller
    checks by identity (a campaign read again is a new object)."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._pages: OrderedDict[tuple[Any, ...], tuple[Campaign, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> tuple[Campaign, str] | None:
        with self._lock:
            found = self._pages.get(key)
            if found is not None:
                self._pages.move_to_end(key)
            return found

    def put(self, key: tuple[Any, ...], value: tuple[Campaign, str]) -> None:
        with self._lock:
            self._pages[key] = value
            if len(self._pages) > self.size:
                self._pages.popitem(last=False)


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


def _render_page(
    seen: Visit,
    token: str,
    language: str,
    *,
    form: Form | None,
    errors: list[str] | None,
    saved: bool,
) -> str:
    """The contact's page, its CSRF field ``_CSRF_MARK``."""
    assert seen.link is not None and seen.campaign is not None
    campaign = seen.campaign
    words = texts()[language]
    made = campaign_texts(campaign, language)
    latest = seen.answers[-1] if seen.answers else None
    if form is None:
        link = seen.link
        form = Form(
            answer=latest.answer if latest else "",
            speaker_name=latest.speaker_name
            if latest
            else " ".join(p for p in (link.title, link.name) if p),
            speaker_title=latest.speaker_title if latest else link.position,
            day=latest.day.isoformat() if latest and latest.day else "",
            note=latest.note if latest else "",
        )
    notice = ""
    if seen.state == LinkState.OPEN:
        notice = words["change_until"].format(deadline=made.deadline)
    elif seen.state == LinkState.LATE:
        notice = words["late"]
    elif seen.state == LinkState.CLOSED:
        notice = words["closed"].format(email=campaign.reply_inbox)
    history = [
        (
            a.created_at.strftime("%Y-%m-%d %H:%M UTC"),
            words["accepted" if a.answer == "accept" else "declined"]
            + "".join(f" · {p}" for p in (a.speaker_name, a.speaker_title) if p)
            + (f" · {format_day(a.day, language)}" if a.day else ""),
        )
        for a in reversed(seen.answers)
    ]
    # The token has the shape of a link's (no other reaches a page) and the codes are the six
    # languages': nothing to quote (urlencode for 7 links was 5 % of a request's CPU).
    path = f"{LINK_PATH}{token}"
    return render(
        language,
        info=made.info,
        form=form if seen.state != LinkState.CLOSED else None,
        days=made.days,
        limits=LIMITS,
        errors=errors,
        notice=notice,
        saved=saved,
        history=history,
        csrf=Markup(_CSRF_MARK),  # noqa: S704 - a fixed marker, replaced by the field
        action=f"{path}?lang={language}",
        languages=[
            (code, texts()[code]["language_name"], f"{path}?lang={code}") for code in LANGUAGES
        ],
    )


#: Threads that work on the ledger at once, per worker. Each request's ledger work is short
#: and holds the GIL: forty threads (Starlette's default pool) only take turns at it, and
#: the switching costs more CPU than the work (measured: bench/web.py).
LEDGER_THREADS = 4


def create_app(settings: Settings, ledger: Ledger, key: bytes) -> Starlette:
    """The page's app over ``ledger``; ``key`` signs the CSRF tokens."""
    limiter = anyio.CapacityLimiter(LEDGER_THREADS)

    async def in_thread(function: Callable[..., Any], *args: Any) -> Any:
        return await anyio.to_thread.run_sync(function, *args, limiter=limiter)

    campaigns = CampaignCache(settings.letters_dir)
    _warm_up(campaigns)
    pages = PageCache()
    by_address = RateLimiter(settings.web_rate_per_minute)
    by_token = RateLimiter(settings.web_token_rate_per_minute)
    secure_cookie = settings.resolved_public_url.startswith("https://")
    hsts = {"strict-transport-security": "max-age=31536000"} if secure_cookie else {}

    def generic(request: Request, key_name: str, status: int, **extra: str) -> Response:
        language = pick_language(None, request.headers.get("accept-language", ""))
        words = texts()[language]
        title, text = {
            "invalid": (words["invalid_title"], words["invalid_text"]),
            "error": (words["error_title"], words["error_text"]),
            "too_many": (words["error_title"], words["too_many"]),
        }[key_name]
        return _html(render(language, heading=title, message=text), status, {**hsts, **extra})

    async def invalid(request: Request, started: float) -> Response:
        await asyncio.sleep(max(0.0, INVALID_FLOOR - (time.monotonic() - started)))
        return generic(request, "invalid", 404)

    def limited(request: Request, token: str) -> bool:
        address = request.client.host if request.client else "?"
        return not (by_address.allow(address) and by_token.allow(token[:64]))

    def look(token: str, now: datetime) -> Visit:
        with ledger.engine.connect() as connection:  # pooled: no connection made per request
            return visit(connection, token, campaigns, now)

    def page(
        request: Request,
        token: str,
        seen: Visit,
        language: str,
        *,
        cookie: str,
        form: Form | None = None,
        errors: list[str] | None = None,
        status: int = 200,
    ) -> Response:
        assert seen.link is not None and seen.campaign is not None
        saved = request.query_params.get("saved") == "1" and not errors
        csrf = csrf_token(key, cookie, token)
        # The page as the ledger has it now (no form typed, no error): rendered once per state.
        # The key is everything the page is made of: all the visit's one query read from the
        # ledger on THIS request (link, contact, every answer), the link's state, the
        # campaign's files (checked by identity below), the language: a worker serves a
        # cached page only when it would render the same page again, so never a stale one.
        cache_key = None
        if form is None and not errors:
            cache_key = (token, language, seen.state, saved, seen.link, seen.answers)
            cached = pages.get(cache_key)
            if cached is not None and cached[0] is seen.campaign:
                return respond(cached[1].replace(_CSRF_MARK, csrf), status, cookie)
        body = _render_page(seen, token, language, form=form, errors=errors, saved=saved)
        if cache_key is not None:
            pages.put(cache_key, (seen.campaign, body))
        return respond(body.replace(_CSRF_MARK, csrf), status, cookie)

    def respond(body: str, status: int, cookie: str) -> Response:
        response = _html(body, status, hsts)
        response.set_cookie(
            CSRF_COOKIE,
            cookie,
            path=LINK_PATH,
            httponly=True,
            samesite="strict",
            secure=secure_cookie,
        )
        return response

    async def show(request: Request) -> Response:
        started = time.monotonic()
        token = request.path_params["token"]
        if limited(request, token):
            return generic(request, "too_many", 429, **{"retry-after": "60"})
        seen = await in_thread(look, token, utcnow())
        if seen.state == LinkState.INVALID or seen.link is None:
            return await invalid(request, started)
        language = pick_language(request.query_params.get("lang"), "", seen.link.language)
        cookie = request.cookies.get(CSRF_COOKIE) or new_cookie()
        return page(request, token, seen, language, cookie=cookie[:64])

    async def answer(request: Request) -> Response:
        started = time.monotonic()
        token = request.path_params["token"]
        if limited(request, token):
            return generic(request, "too_many", 429, **{"retry-after": "60"})
        body = await _read_body(request)
        seen = await in_thread(look, token, utcnow())
        if seen.state == LinkState.INVALID or seen.link is None or seen.campaign is None:
            return await invalid(request, started)
        if body is None:
            return generic(request, "error", 413)
        values = parse_qs(
            body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=20
        )

        def one(name: str) -> str:
            return values.get(name, [""])[0]

        language = pick_language(one("lang"), "", seen.link.language)
        cookie = request.cookies.get(CSRF_COOKIE, "")[:64]
        words = texts()[language]
        if not csrf_ok(key, cookie, one("csrf"), token):
            return page(
                request, token, seen, language, cookie=cookie or new_cookie(),
                errors=[words["bad_form"]], status=403,
            )  # fmt: skip
        form = Form(
            answer=one("answer"),
            speaker_name=clean_text(one("speaker_name")),
            speaker_title=clean_text(one("speaker_title")),
            day=one("day")[:10],
            note=clean_text(one("note"), multiline=True),
        )
        problems = problems_of(form, seen.campaign.answer_days())
        if seen.state == LinkState.CLOSED:
            return page(request, token, seen, language, cookie=cookie, status=409)
        if problems:
            errors = [
                words[name].format(**{**values_, "field": words.get(str(values_.get("field")), "")})
                if name == "too_long"
                else words[name]
                for name, values_ in problems
            ]
            return page(request, token, seen, language, cookie=cookie, form=form, errors=errors,
                        status=422)  # fmt: skip

        link = seen.link

        def store() -> None:
            with ledger.engine.begin() as connection:  # one transaction, committed on exit
                record_answer(connection, link, form, language)

        await in_thread(store)
        log.info("web answer recorded for contact %s", link.contact_key)
        target = f"{LINK_PATH}{token}?{urlencode({'lang': language, 'saved': '1'})}"
        return RedirectResponse(target, status_code=303, headers={**SECURITY_HEADERS, **hsts})

    async def css(request: Request) -> Response:
        return Response(
            stylesheet(),
            media_type="text/css; charset=utf-8",
            headers={**SECURITY_HEADERS, "cache-control": "public, max-age=3600"},
        )

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok", headers=SECURITY_HEADERS)

    async def not_found(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 404
        return generic(request, "invalid", status if status in (404, 405) else 400)

    async def failed(request: Request, exc: Exception) -> Response:
        # Logged here for the operator; the browser gets words, never the traceback.
        log.error("the page failed: %r", exc, exc_info=exc)
        return generic(request, "error", 500)

    handlers: dict[Any, Callable[..., Any]] = {HTTPException: not_found, Exception: failed}
    return Starlette(
        debug=False,
        routes=[
            Route(LINK_PATH + "{token}", show, methods=["GET", "HEAD"]),
            Route(LINK_PATH + "{token}", answer, methods=["POST"]),
            Route("/static/page.css", css, methods=["GET"]),
            Route("/healthz", health, methods=["GET"]),
        ],
        exception_handlers=handlers,
    )


def _warm_up(campaigns: CampaignCache) -> None:
    """Do now what the first visitors of a new worker would otherwise wait for, all at once:
    compile the template, read the words, read every campaign and format its texts and dates
    in each of its languages (Babel loads a locale's data on first use)."""
    render("en")
    stylesheet()
    for path in sorted(campaigns.letters_dir.glob("*/campaign.yaml")):
        campaign = campaigns(path.parent.name)
        try:
            for language in campaign.languages if campaign is not None else ():
                campaign_texts(campaign, language)  # type: ignore[arg-type]
        except Exception as error:  # its pages will say what is wrong; the others must serve
            log.error("campaign %s cannot be prepared: %r", path.parent.name, error)


async def _read_body(request: Request) -> bytes | None:
    """The request body, or None once it passes ``MAX_BODY_BYTES`` (read no further)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return None
    return bytes(body)
