"""The confirmation page over HTTP, against a real uvicorn and a ledger whose invitations went
out to a real aiosmtpd: an answer lands in the ledger like a reply (decided_by web), and the
hostile inputs of docs/reliability.md are refused or defused."""

from __future__ import annotations

import re
import statistics
import time
from datetime import date, timedelta

import httpx
import pytest
import yaml
from sqlalchemy import select
from typer.testing import CliRunner

from circular.followups.review import decide
from circular.ledger import Contact, ReplyKind, ReplyLink, WebAnswer, utcnow
from circular.replies.outcomes import ContactStatus, contact_status
from circular.web.answers import mark_announced, unannounced
from tests.support.web_support import WebDesk

_CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')


def _open(client: httpx.Client, url: str) -> tuple[httpx.Response, str]:
    page = client.get(url)
    assert page.status_code == 200, page.text
    found = _CSRF.search(page.text)
    assert found is not None
    return page, found.group(1)


def _post(client: httpx.Client, url: str, **fields: str) -> httpx.Response:
    _page, csrf = _open(client, url)
    return client.post(url, data={"csrf": csrf, **fields})


def _contact(desk: WebDesk, language: str) -> Contact:
    with desk.ledger.session() as session:
        found = session.scalar(select(Contact).where(Contact.language == language))
        assert found is not None
        return found


def _status(desk: WebDesk, language: str) -> ContactStatus:
    with desk.ledger.session() as session:
        return contact_status(session, _contact(desk, language))


def test_an_answer_from_the_mails_link_is_an_outcome_decided_by_web(web_desk: WebDesk) -> None:
    url = web_desk.link("fr")
    with httpx.Client() as client:
        answered = _post(
            client, url, answer="accept", speaker_name="Jean Dupont", speaker_title="Ministre",
            day=web_desk.campaign.answer_days()[1].isoformat(), note="Merci", lang="fr",
        )  # fmt: skip
        assert answered.status_code == 303
        page = client.get(web_desk.base + answered.headers["location"])
    assert "Votre réponse a été enregistrée" in page.text and "Jean Dupont" in page.text
    assert _status(web_desk, "fr") == ContactStatus.ACCEPTED
    runner = CliRunner()
    from circular.cli import _register, app

    _register()
    result = runner.invoke(app, ["report", "--campaign", str(web_desk.campaign.folder), "--json"])
    assert result.exit_code == 0, result.output
    import json

    rows = {r["country"]: r for r in map(json.loads, result.output.splitlines())}
    assert len(rows) == 6
    france = rows[web_desk.countries["fr"]]
    assert (france["outcome"], france["channel"], france["decided_by"]) == (
        "accepted", "web", "web",
    )  # fmt: skip
    assert france["speaker"] == "Jean Dupont, Ministre"
    assert france["day"] == web_desk.campaign.answer_days()[1].isoformat()
    assert rows[web_desk.countries["en"]]["outcome"] == "awaiting"
    # The poll flow announces it once (circular.reply.received, channel web).
    with web_desk.ledger.session() as session:
        notices = unannounced(session)
        assert [(n.country, n.kind) for n in notices] == [(web_desk.countries["fr"], "accept")]
        mark_announced(session, [n.answer_id for n in notices])
    with web_desk.ledger.session() as session:
        assert unannounced(session) == []


def test_a_change_is_kept_and_a_later_staff_decision_wins(web_desk: WebDesk) -> None:
    url = web_desk.link("es")
    with httpx.Client() as client:
        assert _post(client, url, answer="accept", lang="es").status_code == 303
        assert _post(client, url, answer="decline", note="Agenda", lang="es").status_code == 303
        page = client.get(url)
    assert _status(web_desk, "es") == ContactStatus.DECLINED
    with web_desk.ledger.session() as session:
        answers = session.scalars(select(WebAnswer).order_by(WebAnswer.id)).all()
        assert [a.answer for a in answers] == ["accept", "decline"]
        reply_id = answers[-1].reply_id
    assert page.text.count("<li><time>") == 2
    assert reply_id is not None
    decide(web_desk.ledger, reply_id, ReplyKind.ACCEPT, note="telephone call")
    assert _status(web_desk, "es") == ContactStatus.ACCEPTED


def test_headers_forbid_framing_scripts_and_referrers(web_desk: WebDesk) -> None:
    page = httpx.get(web_desk.link("ar"))
    csp = page.headers["content-security-policy"]
    assert (
        "frame-ancestors 'none'" in csp and "script-src" not in csp and "default-src 'none'" in csp
    )
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["cache-control"] == "no-store"
    assert 'dir="rtl"' in page.text and 'lang="ar"' in page.text
    assert "server" not in page.headers
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/r/" in cookie


def _invalid_page(desk: WebDesk, url: str) -> tuple[int, str, float]:
    started = time.monotonic()
    page = httpx.get(url, headers={"accept-language": "en"})
    return page.status_code, page.text, time.monotonic() - started


def test_unknown_revoked_and_expired_links_look_the_same(web_desk: WebDesk) -> None:
    base = web_desk.base
    revoked = web_desk.link("ru")
    with web_desk.ledger.session() as session:
        link = session.scalar(select(ReplyLink).where(ReplyLink.token == revoked.rsplit("/", 1)[1]))
        assert link is not None
        link.revoked_at = utcnow()
    expired_folder = web_desk.campaign.folder
    assert expired_folder is not None
    unknown = f"{base}/r/{'A' * 32}"
    samples: dict[str, list[tuple[int, str, float]]] = {"unknown": [], "revoked": []}
    for _ in range(5):
        samples["unknown"].append(_invalid_page(web_desk, unknown))
        samples["revoked"].append(_invalid_page(web_desk, revoked))
    # Expired: the campaign moved into the past, its deadline and grace days behind us.
    gone = web_desk.campaign.shifted_to(date.today() - timedelta(days=120))
    data = gone.model_dump(mode="json", exclude={"folder"})
    (expired_folder / "campaign.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    samples["expired"] = [_invalid_page(web_desk, web_desk.link("zh")) for _ in range(5)]
    bodies = {name: {(s, t) for s, t, _ in runs} for name, runs in samples.items()}
    assert bodies["unknown"] == bodies["revoked"] == bodies["expired"], bodies
    assert next(iter(bodies["unknown"]))[0] == 404
    medians = {name: statistics.median(d for _, _, d in runs) for name, runs in samples.items()}
    assert max(medians.values()) - min(medians.values()) < 0.05, medians


@pytest.mark.parametrize(
    ("case", "fields", "status", "says"),
    [
        ("no CSRF field", {"csrf": "", "answer": "accept"}, 403, "The form has expired"),
        ("forged CSRF field", {"csrf": "0" * 64, "answer": "accept"}, 403, "The form has expired"),
        ("answer not offered", {"answer": "maybe"}, 422, "Please choose accept or decline"),
        ("day not offered", {"answer": "accept", "day": "1999-01-01"}, 422, "one of the days"),
        ("name over 200", {"answer": "accept", "speaker_name": "x" * 201}, 422, "at most 200"),
        ("note over 2000", {"answer": "accept", "note": "y" * 2001}, 422, "at most 2000"),
    ],
)
def test_hostile_forms_are_refused_and_nothing_is_recorded(
    web_desk: WebDesk, case: str, fields: dict[str, str], status: int, says: str
) -> None:
    url = web_desk.link("en")
    with httpx.Client() as client:
        _page, csrf = _open(client, url)
        answered = client.post(url, data={"csrf": csrf, "lang": "en", **fields})
    assert answered.status_code == status, case
    assert says in answered.text, answered.text
    assert "Traceback" not in answered.text
    with web_desk.ledger.session() as session:
        assert session.scalar(select(WebAnswer.id)) is None


def test_markup_and_control_characters_are_kept_as_plain_text(web_desk: WebDesk) -> None:
    url = web_desk.link("en")
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> {{ 7*7 }} \u202egnp.exe\x00"
    with httpx.Client() as client:
        answered = _post(
            client, url, answer="accept", speaker_name=hostile, note=hostile, lang="en"
        )
        assert answered.status_code == 303
        page = client.get(url)
    assert "<script>" not in page.text and "&lt;script&gt;" in page.text
    assert "{{ 7*7 }}" in page.text and "49" not in page.text.split("history")[-1]
    with web_desk.ledger.session() as session:
        answer = session.scalar(select(WebAnswer))
        assert answer is not None
        assert answer.speaker_name.startswith("<script>") and "\u202e" not in answer.speaker_name
        assert "\x00" not in answer.note


def test_oversized_bodies_and_floods_are_cut_short(web_desk: WebDesk) -> None:
    url = web_desk.link("en")
    form = {"content-type": "application/x-www-form-urlencoded"}
    with httpx.Client() as client:
        _open(client, url)
        huge = client.post(url, content=b"note=" + b"z" * 100_000, headers=form)
        assert huge.status_code == 413 and "Traceback" not in huge.text
        codes = [client.get(url).status_code for _ in range(120)]
    assert 429 in codes  # the per-link limit (100 a minute in this test)
    for path in ("/r/../../etc/passwd", "/r/' OR 1=1--", "/nothing", "/r/"):
        page = httpx.get(web_desk.base + path)
        assert page.status_code in (404, 429) and "Traceback" not in page.text
