"""Staff decisions (domain and CLI) and the campaign report (rows, summary, Excel)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from circular.cli import _register, app
from circular.followups.report import campaign_report, summary_markdown, write_report_xlsx
from circular.followups.review import ReviewError, decide, pending_reviews
from circular.ledger import Contact, Ledger, Message, MessageStatus, Reply, ReplyStatus
from circular.replies.outcomes import ContactStatus, contact_status
from tests.support.followup_support import add_contacts, copy_campaign, sample_rows

NOW = datetime(2021, 2, 20, 12, tzinfo=UTC)


def _reply(message_id: int | None, uid: int, kind: str, **fields: object) -> Reply:
    review = kind == "other" or message_id is None
    return Reply(
        campaign="cl-21-4" if message_id else None,
        mailbox="imap://inbox",
        uidvalidity=1,
        uid=uid,
        message_id=f"<r{uid}@x.example>",
        from_addr=str(fields.pop("from_addr", f"someone{uid}@x.example")),
        subject="RE: CL-21/4",
        received_at=datetime(2021, 2, 10 + uid, 9, tzinfo=UTC),
        kind=kind,
        matched_message_id=message_id,
        status=ReplyStatus.NEEDS_REVIEW if review else ReplyStatus.DONE,
        **fields,
    )


@pytest.fixture
def story(ledger: Ledger, tmp_path: Path) -> dict[str, int]:
    """Five contacts: accepted by a delegate, declined, an 'other', two silent ones (one
    reminded); plus a reply nobody matched. Returns ISO3 → reply id."""
    rows = sample_rows({"en": 3, "fr": 2})
    ids = add_contacts(ledger, rows, tmp_path / "out")
    keys = list(ids)
    replies: dict[str, int] = {}
    with ledger.session() as session:
        letters = {}
        for n, (key, cid) in enumerate(ids.items()):
            message = Message(
                campaign="cl-21-4",
                contact_id=cid,
                kind="invitation",
                token=f"tok{n:013d}",
                message_id=f"<tok{n}.cl-21-4@itu.example>",
                status=MessageStatus.SENT,
                sent_at=datetime(2021, 2, 3, 9, tzinfo=UTC),
            )
            session.add(message)
            session.flush()
            letters[key] = message.id
        session.add(
            Message(
                campaign="cl-21-4",
                contact_id=ids[keys[3]],
                kind="reminder-1",
                token="rem0000000001",
                message_id="<rem1.cl-21-4@itu.example>",
                status=MessageStatus.SENT,
                sent_at=datetime(2021, 2, 15, 8, tzinfo=UTC),
            )
        )
        made = {
            keys[0]: _reply(
                letters[keys[0]],
                1,
                "accept",
                evidence="The Deputy Minister will deliver the statement",
                delegate="The Deputy Minister",
            ),
            keys[1]: _reply(letters[keys[1]], 2, "decline", evidence="unable to attend"),
            keys[2]: _reply(
                letters[keys[2]],
                3,
                "other",
                evidence="no accept or decline sentence",
                text_excerpt="We have received your letter and will revert.",
            ),
            "stranger": _reply(None, 4, "other", from_addr="who@unknown.example"),
        }
        session.add_all(made.values())
        session.flush()
        replies = {key: reply.id for key, reply in made.items()}
    return replies


def test_pending_reviews_lists_other_and_unmatched(ledger: Ledger, story: dict[str, int]) -> None:
    with ledger.session() as session:
        items = pending_reviews(session, "cl-21-4")
    assert [i.reply_id for i in items] == [story[k] for k in list(story)[2:]]
    other, stranger = items
    assert other.country == list(story)[2] and other.evidence == "no accept or decline sentence"
    assert "will revert" in other.excerpt
    assert stranger.country is None and stranger.sender == "who@unknown.example"


def test_decision_beats_the_classifier_and_bad_input_is_named(
    ledger: Ledger, story: dict[str, int]
) -> None:
    declined = list(story)[1]
    item = decide(ledger, story[declined], "accept", "phoned: the Minister comes after all")
    assert item.kind == "accept" and item.status == ReplyStatus.DONE
    with ledger.session() as session:
        reply = session.get(Reply, story[declined])
        assert reply is not None and reply.decided_by == "person"
        contact = session.get(Contact, session.get(Message, reply.matched_message_id).contact_id)  # type: ignore[union-attr]
        assert contact_status(session, contact) == ContactStatus.ACCEPTED  # type: ignore[arg-type]
    with pytest.raises(ReviewError, match=r"reply 999: no such reply"):
        decide(ledger, 999, "accept")
    with pytest.raises(ReviewError, match=r"decision 'maybe' is not one of accept, decline"):
        decide(ledger, story[declined], "maybe")


def test_cli_review_then_decide(ledger: Ledger, story: dict[str, int]) -> None:
    _register()
    env = {"CIRCULAR_DATABASE_URL": ledger.url}
    listed = CliRunner().invoke(app, ["review"], env=env)
    assert listed.exit_code == 0, listed.output
    assert "2 replies wait" in listed.output and "who@unknown.example" in listed.output
    other = story[list(story)[2]]
    done = CliRunner().invoke(app, ["decide", str(other), "decline", "--note", "by phone"], env=env)
    assert done.exit_code == 0, done.output
    assert f"reply {other}" in done.output and "decided decline" in done.output
    again = CliRunner().invoke(app, ["review"], env=env)
    assert "1 replies wait" in again.output
    bad = CliRunner().invoke(app, ["decide", str(other), "perhaps"], env=env)
    assert bad.exit_code == 2 and "'perhaps' is not one of" in bad.output


def test_report_rows_summary_and_excel(
    ledger: Ledger, story: dict[str, int], tmp_path: Path
) -> None:
    campaign = copy_campaign(tmp_path / "c")
    with ledger.session() as session:
        rows = campaign_report(session, campaign, NOW)
    by_key = {r.contact: r for r in rows}
    keys = list(story)
    assert [by_key[k].outcome for k in keys[:3]] == ["accepted", "declined", "needs_review"]
    assert by_key[keys[0]].delegate == "The Deputy Minister"
    assert by_key[keys[0]].reply_at == datetime(2021, 2, 11, 9, tzinfo=UTC)
    silent = [r for r in rows if r.outcome == "awaiting"]
    assert sorted(r.reminders_sent for r in silent) == [0, 1]
    assert all(r.sent_at == datetime(2021, 2, 3, 9, tzinfo=UTC) for r in rows)

    summary = summary_markdown(rows, campaign, NOW)
    assert "**9** day(s) left until the deadline (2021-03-01" in summary
    assert "| accepted | 1 |" in summary and "| awaiting | 2 |" in summary
    assert "| en | 3 | 1 | 1 | 1 |" in summary and "| fr | 2 | 0 | 0 | 2 |" in summary

    path = write_report_xlsx(rows, tmp_path / "reports" / "cl-21-4.xlsx")
    assert load_workbook(path).active.max_row == 1 + len(rows)


def test_the_excel_report_is_for_a_person(
    ledger: Ledger, story: dict[str, int], tmp_path: Path
) -> None:
    campaign = copy_campaign(tmp_path / "c")
    other = list(story)[2]
    decide(ledger, story[other], "decline", "phoned the cabinet: no one can come")
    with ledger.session() as session:
        rows = campaign_report(session, campaign, NOW)
    path = write_report_xlsx(rows, tmp_path / "r.xlsx", campaign.deadline.zone)
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert sheet.max_row == 1 + len(rows)
    # Headers in words, the minister beside the country code, times named with their zone.
    assert header[:5] == ["Country code", "Country", "Minister", "Title", "Ministry"]
    assert "Letter sent (Europe/Zurich)" in header and "Reply received (Europe/Zurich)" in header
    assert all(sheet.column_dimensions[letter].width > 5 for letter in "ABCDE")
    record = {
        row[0].value: dict(zip(header, (c.value for c in row), strict=True))
        for row in sheet.iter_rows(min_row=2)
    }
    first = record[next(iter(story))]
    contact = sample_rows({"en": 3, "fr": 2})[0]
    assert first["Minister"] == f"{contact['title']} {contact['name']}"
    assert first["Title"] == contact["position"] and first["Ministry"] == contact["ministry"]
    # 09:00 UTC on 3 February 2021 is 10:00 in Geneva (CET).
    assert first["Letter sent (Europe/Zurich)"] == datetime(2021, 2, 3, 10, 0)
    assert first["Delivered by (delegate)"] == "The Deputy Minister"
    # The staff's decision and its note beside the classifier's reading.
    decided = record[other]
    assert decided["Outcome"] == "declined" and decided["Decided by"] == "person"
    assert decided["Staff decision"] == "decline"
    assert decided["Staff note"] == "phoned the cabinet: no one can come"
    assert decided["Classifier's reading"] == "no accept or decline sentence"


def test_cli_report_writes_excel(ledger: Ledger, story: dict[str, int], tmp_path: Path) -> None:
    campaign = copy_campaign(tmp_path / "c")
    _register()
    xlsx = tmp_path / "r.xlsx"
    result = CliRunner().invoke(
        app,
        ["report", "--campaign", str(campaign.folder), "--xlsx", str(xlsx)],
        env={"CIRCULAR_DATABASE_URL": ledger.url},
    )
    assert result.exit_code == 0, result.output
    assert "CL-21/4" in result.output and "Excel report" in result.output
    cells = [c.value for row in load_workbook(xlsx).active.iter_rows() for c in row]
    assert "accepted" in cells
