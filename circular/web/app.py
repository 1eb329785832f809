"""The confirmation page as a plain ASGI app (``asgi``): ``GET /r/<token>`` shows it, ``POST``
records an answer and redirects back (the page then says it was saved). No JavaScript.

Unknown, revoked and expired links get the same page, status and (padded) time; errors get a
page of their own words, never a traceback. The ledger is synchronous SQLAlchemy. On SQLite
(WAL) the page's reads run on the event loop (they never wait for a lock), and so does an
answer's write when no other process holds the write lock; otherwise, and on PostgreSQL, the
ledger work runs in a few threads (``LEDGER_THREADS``). Measured in bench/results.md (issue 20):
the hop to a thread and back cost more CPU than the work.
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
from sqlalchemy import Connection

from circular.campaign import Campaign, CampaignError, load_campaign
from circular.ledger import Ledger, utcnow
from circular.letters.links import LINK_PATH
from circular.settings import Settings
from circular.web.answers import (
    MAX_BODY_BYTES,
    Form,
    LinkState,
    Visit,
    clean_text,
    problems_of,
    record_answer,
    visit,
)
from circular.web.asgi import (
    Disconnected,
    Receive,
    Request,
    Response,
    Scope,
    Send,
    lifespan,
    location,
    read_body,
)
from circular.web.contact_page import (
    CSRF_MARK,
    ContactPages,
    campaign_texts,
    render_contact_page,
)
from circular.web.loop_ledger import LoopLedger
from circular.web.page import pick_language, render, stylesheet, texts
from circular.web.security import (
    COOKIE_SHAPE,
    CSRF_COOKIE,
    SECURITY_HEADERS,
    RateLimiter,
    cookie_header,
    csrf_ok,
    csrf_token,
    header_list,
    new_cookie,
)

log = logging.getLogger("circular.web")

#: Every answer about a link that is not valid takes at least this long (seconds), so an
#: unknown, a revoked and an expired token cannot be told apart by timing.
INVALID_FLOOR = 0.25


class CampaignCache:
    """Campaign files by id, read again when their campaign.yaml changes."""

    def __init__(self, letters_dir: Path) -> None:
        self.letters_dir = letters_dir
        self._loaded: dict[str, tuple[float, Campaign | None]] = {}
        self._paths: dict[str, Path] = {}

    def __call__(self, campaign_id: str) -> Campaign | None:
        path = self._paths.get(campaign_id)
        if path is None:  # joined once: pathlib costs more than the stat
            path = self._paths[campaign_id] = self.letters_dir / campaign_id / "campaign.yaml"
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


#: Threads that work on the ledger at once, per worker, where it does not run on the event loop
#: (module doc). Each request's ledger work is short and holds the GIL: forty threads only take
#: turns at it, and the switching costs more CPU than the work (measured: bench/web.py).
LEDGER_THREADS = 4


def create_app(settings: Settings, ledger: Ledger, key: bytes) -> Callable[..., Any]:
    """The page's ASGI app over ``ledger``; ``key`` signs the CSRF tokens."""
    limiter = anyio.CapacityLimiter(LEDGER_THREADS)

    async def in_thread(function: Callable[..., Any], *args: Any) -> Any:
        return await anyio.to_thread.run_sync(function, *args, limiter=limiter)

    campaigns = CampaignCache(settings.letters_dir)
    _warm_up(campaigns)
    pages = ContactPages()
    by_address = RateLimiter(settings.web_rate_per_minute)
    by_token = RateLimiter(settings.web_token_rate_per_minute)
    secure_cookie = settings.resolved_public_url.startswith("https://")
    hsts = {"strict-transport-security": "max-age=31536000"} if secure_cookie else {}
    # Every response's headers, made once.
    html_headers = header_list(
        {"content-type": "text/html; charset=utf-8", **SECURITY_HEADERS, **hsts}
    )
    redirect_headers = header_list({**SECURITY_HEADERS, **hsts})
    css_headers = header_list(
        {
            "content-type": "text/css; charset=utf-8",
            **SECURITY_HEADERS,
            "cache-control": "public, max-age=3600",
        }
    )
    css_body = stylesheet().encode()
    health_headers = header_list({"content-type": "text/plain; charset=utf-8", **SECURITY_HEADERS})
    generic_pages: dict[tuple[str, str], bytes] = {}

    def generic(
        request: Request, key_name: str, status: int, *extra: tuple[bytes, bytes]
    ) -> Response:
        language = pick_language(None, request.header(b"accept-language"))
        body = generic_pages.get((language, key_name))
        if body is None:  # the same words every time: rendered once per language
            words = texts()[language]
            title, text = {
                "invalid": (words["invalid_title"], words["invalid_text"]),
                "error": (words["error_title"], words["error_text"]),
                "too_many": (words["error_title"], words["too_many"]),
            }[key_name]
            body = render(language, heading=title, message=text).encode()
            generic_pages[(language, key_name)] = body
        return Response(status, [*html_headers, *extra], body)

    async def invalid(request: Request, started: float) -> Response:
        await asyncio.sleep(max(0.0, INVALID_FLOOR - (time.monotonic() - started)))
        return generic(request, "invalid", 404)

    def limited(request: Request, token: str) -> bool:
        return not (by_address.allow(request.client) and by_token.allow(token[:64]))

    def look(token: str, now: datetime) -> Visit:
        connection = ledger.engine.raw_connection()  # pooled: none made per request
        try:
            return visit(connection, ledger.engine.dialect, token, campaigns, now)
        finally:
            connection.close()  # back to the pool

    on_loop = LoopLedger(ledger) if ledger.is_sqlite else None

    async def read(token: str) -> Visit:
        # SQLite in WAL: a read takes about 0.1 ms and never waits for a writer, less than the
        # hop to a thread and back (bench/results.md); PostgreSQL is a network round trip away.
        if on_loop is not None:
            seen = on_loop.visit(token, campaigns, utcnow())
            if seen is not None:
                return seen
        return await in_thread(look, token, utcnow())

    async def write(work: Callable[[Connection], Any]) -> None:
        # On SQLite the write runs on the loop when no other process holds the ledger's lock
        # (the common case: a fraction of a millisecond), else in a thread that waits for it.
        if on_loop is not None and on_loop.write(work):
            return

        def in_transaction() -> None:
            with ledger.engine.begin() as connection:  # one transaction, committed on exit
                work(connection)

        await in_thread(in_transaction)

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
        saved = request.query("saved") == "1" and not errors
        csrf = csrf_token(key, cookie, token)
        if form is None and not errors:
            body = pages.page(seen, token, language, saved=saved, csrf=csrf)
        else:
            body = render_contact_page(
                seen, token, language, form=form, errors=errors, saved=saved
            ).replace(CSRF_MARK, csrf)
        headers = [*html_headers, cookie_header(cookie, LINK_PATH, secure=secure_cookie)]
        return Response(status, headers, body.encode())

    def visitors_cookie(request: Request) -> str:
        """The visitor's CSRF cookie when it is one of the page's making, else ""."""
        cookie = request.cookie(CSRF_COOKIE)
        return cookie if COOKIE_SHAPE.fullmatch(cookie) else ""

    async def show(request: Request, token: str) -> Response:
        started = time.monotonic()
        if limited(request, token):
            return generic(request, "too_many", 429, (b"retry-after", b"60"))
        seen = await read(token)
        if seen.state == LinkState.INVALID or seen.link is None:
            return await invalid(request, started)
        language = pick_language(request.query("lang"), "", seen.link.language)
        cookie = visitors_cookie(request) or new_cookie()
        return page(request, token, seen, language, cookie=cookie)

    async def answer(request: Request, token: str, receive: Receive) -> Response:
        started = time.monotonic()
        if limited(request, token):
            return generic(request, "too_many", 429, (b"retry-after", b"60"))
        body = await read_body(receive, request.header(b"content-length"), MAX_BODY_BYTES)
        seen = await read(token)
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
        cookie = visitors_cookie(request)
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
        await write(lambda connection: record_answer(connection, link, form, language))
        log.info("web answer recorded for contact %s", link.contact_key)
        target = f"{LINK_PATH}{token}?{urlencode({'lang': language, 'saved': '1'})}"
        return Response(303, [*redirect_headers, location(target)])

    async def route(request: Request, receive: Receive) -> Response:
        path, method = request.path, request.method
        if path.startswith(LINK_PATH):
            token = path[len(LINK_PATH) :]
            if not token or "/" in token:
                return generic(request, "invalid", 404)
            if method in ("GET", "HEAD"):
                return await show(request, token)
            if method == "POST":
                return await answer(request, token, receive)
            return generic(request, "invalid", 405)
        if path == "/static/page.css":
            if method in ("GET", "HEAD"):
                return Response(200, css_headers, css_body)
            return generic(request, "invalid", 405)
        if path == "/healthz":
            if method in ("GET", "HEAD"):
                return Response(200, health_headers, b"ok")
            return generic(request, "invalid", 405)
        return generic(request, "invalid", 404)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            return await lifespan(receive, send)
        if scope["type"] != "http":
            return None
        request = Request.of(scope)
        try:
            response = await route(request, receive)
        except Disconnected:
            return None
        except Exception as error:
            # Logged here for the operator; the browser gets words, never the traceback.
            log.error("the page failed: %r", error, exc_info=error)
            response = generic(request, "error", 500)
        await response.send(send)
        return None

    return app


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
