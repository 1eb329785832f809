"""The confirmation page as an ASGI app (Starlette): ``GET /r/<token>`` shows it, ``POST``
records an answer and redirects back (the page then says it was saved). No JavaScript.

Unknown, revoked and expired links get the same page, status and (padded) time; errors get a
page of their own words, never a traceback. The ledger is synchronous SQLAlchemy, run in
a few threads (``LEDGER_THREADS``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

import anyio.to_thread
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
        with ledger.session() as session:
            return visit(session, token, campaigns, now)

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
        assert seen.link is not None and seen.contact is not None
        campaign = campaigns(seen.link.campaign)
        assert campaign is not None
        words = texts()[language]
        fields = campaign_fields(campaign, language)
        days = [(d.isoformat(), format_day(d, language)) for d in campaign.answer_days()]
        event_name = campaign.web.days_from or "high_level"
        info = {
            "title": fields["title"],
            "reference": campaign.reference,
            "event": fields["events"].get(event_name, {}).get("range", ""),
            "deadline": fields["deadline"],
        }
        latest = seen.answers[-1] if seen.answers else None
        if form is None:
            contact = seen.contact
            form = Form(
                answer=latest.answer if latest else "",
                speaker_name=latest.speaker_name
                if latest
                else " ".join(p for p in (contact.title, contact.name) if p),
                speaker_title=latest.speaker_title if latest else contact.position,
                day=latest.day.isoformat() if latest and latest.day else "",
                note=latest.note if latest else "",
            )
        notice = ""
        if seen.state == LinkState.OPEN:
            notice = words["change_until"].format(deadline=fields["deadline"])
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
        path = f"{LINK_PATH}{token}"
        body = render(
            language,
            info=info,
            form=form if seen.state != LinkState.CLOSED else None,
            days=days,
            limits=LIMITS,
            errors=errors,
            notice=notice,
            saved=request.query_params.get("saved") == "1" and not errors,
            history=history,
            csrf=csrf_token(key, cookie, token),
            action=f"{path}?{urlencode({'lang': language})}",
            languages=[
                (code, texts()[code]["language_name"], f"{path}?{urlencode({'lang': code})}")
                for code in LANGUAGES
            ],
        )
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
        if seen.state == LinkState.INVALID or seen.contact is None:
            return await invalid(request, started)
        language = pick_language(request.query_params.get("lang"), "", seen.contact.language)
        cookie = request.cookies.get(CSRF_COOKIE) or new_cookie()
        return page(request, token, seen, language, cookie=cookie[:64])

    async def answer(request: Request) -> Response:
        started = time.monotonic()
        token = request.path_params["token"]
        if limited(request, token):
            return generic(request, "too_many", 429, **{"retry-after": "60"})
        body = await _read_body(request)
        seen = await in_thread(look, token, utcnow())
        if seen.state == LinkState.INVALID or seen.contact is None or seen.link is None:
            return await invalid(request, started)
        if body is None:
            return generic(request, "error", 413)
        values = parse_qs(
            body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=20
        )

        def one(name: str) -> str:
            return values.get(name, [""])[0]

        language = pick_language(one("lang"), "", seen.contact.language)
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
        campaign = campaigns(seen.link.campaign)
        assert campaign is not None
        problems = problems_of(form, campaign.answer_days())
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

        def store() -> None:
            with ledger.session() as session:
                record_answer(session, seen.link, seen.contact, form, language)  # type: ignore[arg-type]

        await in_thread(store)
        log.info("web answer recorded for contact %s", seen.contact.contact_key)
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
                campaign_fields(campaign, language)  # type: ignore[arg-type]
                for day in campaign.answer_days():  # type: ignore[union-attr]
                    format_day(day, language)
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
