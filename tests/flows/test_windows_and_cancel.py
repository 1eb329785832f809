"""On a real Prefect server, a real SMTP server and a real Dovecot (the mail check):

- the campaign flow with ``send_window.invitations`` sends each invitation in its recipient's
  window (CL-21/4's letter day as the injected clock) and schedules its own continuation runs
  at the other windows, once;
- ``circular cancel`` (PREFECT_API_URL set) deletes the campaign's scheduled runs on the server
  through flows/cancel.py in its own process, marks the pending rows cancelled, and leaves a
  message being sent as it is (never half-sent);
- the campaign flow sends a letter again, once, to a corrected address (as ``circular send``).
"""

from __future__ import annotations

import csv
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select
from typer.testing import CliRunner

from circular.ledger import Contact, Ledger, Message, MessageStatus, Reply, ReplyKind
from circular.settings import PROJECT_ROOT
from tests.servers.dovecot import ImapAccount
from tests.servers.smtp_server import RecordingHandler, smtp_server
from tests.support.followup_support import SAMPLES, add_contacts

pytestmark = [pytest.mark.prefect, pytest.mark.dovecot]
CAMPAIGN = "cl-21-4w"  # its own id: other tests on this server schedule runs of cl-21-4
COUNTRIES = ("SAU", "IRN", "ARG", "CHN", "FJI", "CHE")
#: 07:30 in Geneva on the letter's day: the morning in Riyadh and Tehran only.
START = datetime(2021, 2, 3, 6, 30, tzinfo=UTC)


def _rows() -> list[dict[str, str]]:
    with SAMPLES.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["country"] in COUNTRIES]


@pytest.fixture
def windowed(
    prefect_server: None,
    imap_account: ImapAccount,
    ledger: Ledger,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Any:
    """CL-21/4 (as ``cl-21-4w``) with ``send_window.invitations: true``, six contacts, the
    settings, and the campaign and follow-up deployments on the server."""
    from flows.campaign import campaign_flow
    from flows.followup import followup

    folder = tmp_path / "letters" / CAMPAIGN
    shutil.copytree(
        PROJECT_ROOT / "letters" / "cl-21-4", folder, ignore=shutil.ignore_patterns("text")
    )
    path = folder / "campaign.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["id"] = CAMPAIGN
    data["send_window"] = {"start": "09:00", "end": "11:00", "invitations": True}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    ids = add_contacts(ledger, _rows(), tmp_path / "out", CAMPAIGN)
    handler = RecordingHandler()
    with smtp_server(handler) as (server, _):
        for name, value in {
            "CIRCULAR_DATABASE_URL": ledger.url,
            "CIRCULAR_DATA_DIR": str(tmp_path / "data"),
            "CIRCULAR_OUT_DIR": str(tmp_path / "out"),
            "CIRCULAR_LETTERS_DIR": str(tmp_path / "letters"),
            "CIRCULAR_SMTP_HOST": "127.0.0.1",
            "CIRCULAR_SMTP_PORT": str(server.port),
            "CIRCULAR_SMTP_SECURITY": "none",
            "CIRCULAR_IMAP_HOST": imap_account.host,
            "CIRCULAR_IMAP_PORT": str(imap_account.port),
            "CIRCULAR_IMAP_USERNAME": imap_account.user,
            "CIRCULAR_IMAP_PASSWORD": imap_account.password,
            "CIRCULAR_IMAP_SECURITY": "none",
            "CIRCULAR_IMAP_SENT_FOLDER": "",
            "CIRCULAR_OPERATOR": "amina",
        }.items():
            monkeypatch.setenv(name, value)
        campaign_flow.to_deployment(name="campaign").apply()
        followup.to_deployment(name="followup").apply()
        yield folder, ids, handler


def _runs(*tags: str) -> list[Any]:
    """The not-yet-started runs of the campaign carrying ``tags``."""
    from prefect import get_client
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
        FlowRunFilterTags,
    )
    from prefect.client.schemas.objects import StateType

    with get_client(sync_client=True) as client:
        return client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                tags=FlowRunFilterTags(all_=["circular", f"campaign:{CAMPAIGN}", *tags]),
                state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED])),
            )
        )


def _sent_to(handler: RecordingHandler) -> list[str]:
    return [
        envelope.rcpt_tos[0].split("@")[1].split(".")[0].upper() for envelope in handler.received
    ]


def test_invitations_go_in_their_windows_and_cancel_deletes_the_scheduled_runs(
    windowed: Any, ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.settings import PREFECT_API_URL

    from flows.campaign import campaign_flow

    folder, ids, handler = windowed
    first = campaign_flow(CAMPAIGN, now=START)
    assert sorted(_sent_to(handler)) == ["IRN", "SAU"]
    assert first["sent"] == 2 and len(first["invitations_waiting"]) == 4
    # One continuation run per group of windows still ahead, at the time it opens.
    runs = sorted(_runs("invitations"), key=lambda run: run.expected_start_time)
    assert [run.expected_start_time for run in runs] == [
        datetime(2021, 2, 3, 8, 0, tzinfo=UTC),  # 09:00 in Geneva
        datetime(2021, 2, 3, 12, 0, tzinfo=UTC),  # 09:00 in Buenos Aires
        datetime(2021, 2, 3, 21, 0, tzinfo=UTC),  # 09:00 in Suva, Thursday
        datetime(2021, 2, 4, 1, 0, tzinfo=UTC),  # 09:00 in Beijing, Thursday
    ]
    assert [run.name for run in runs] == [
        f"{CAMPAIGN} · invitations · 03 Feb 08:00 UTC · Europe/Zurich",
        f"{CAMPAIGN} · invitations · 03 Feb 12:00 UTC · America/Argentina/Buenos_Aires",
        f"{CAMPAIGN} · invitations · 03 Feb 21:00 UTC · Pacific/Fiji",
        f"{CAMPAIGN} · invitations · 04 Feb 01:00 UTC · Asia/Shanghai",
    ]
    assert runs[0].parameters["campaign"] == CAMPAIGN
    assert first["invitation_runs"] == [run.name for run in runs]

    # Run again at the same moment: nothing sent twice, no run scheduled twice.
    campaign_flow(CAMPAIGN, now=START)
    assert len(handler.received) == 2 and len(_runs("invitations")) == 4

    # The first continuation run, at its time: Switzerland's window.
    campaign_flow(CAMPAIGN, now=runs[0].expected_start_time)
    assert _sent_to(handler)[-1] == "CHE" and len(handler.received) == 3

    # The reminder waves are scheduled too (the clock is CL-21/4's).
    assert _runs("wave")
    scheduled = {run.id for run in _runs()}
    assert len(scheduled) > 4
    from flows.cancel import delete_scheduled_runs

    monkeypatch.setattr("flows.cancel._PAGE", 3)  # a dry run reads them page by page
    assert len(set(delete_scheduled_runs(CAMPAIGN, dry_run=True))) == len(scheduled)
    assert {run.id for run in _runs()} == scheduled

    # A deferred reminder waits in the ledger (pending), and IRN's is being sent right now.
    with ledger.session() as session:
        session.add_all(
            [
                Message(campaign=CAMPAIGN, contact_id=ids["SAU"], kind="reminder-1", token="t1",
                        message_id="<r1@itu.example>", status=MessageStatus.PENDING,
                        scheduled_for=datetime(2021, 2, 16, 6, tzinfo=UTC)),
                Message(campaign=CAMPAIGN, contact_id=ids["IRN"], kind="reminder-1", token="t2",
                        message_id="<r2@itu.example>", status=MessageStatus.SENDING,
                        claimed_at=datetime(2021, 2, 15, 6, tzinfo=UTC)),
            ]
        )  # fmt: skip

    # circular cancel, with PREFECT_API_URL naming the server: flows/cancel.py in its own process.
    monkeypatch.setenv("PREFECT_API_URL", str(PREFECT_API_URL.value()))
    from circular.cli import _register, app

    _register()
    result = CliRunner().invoke(app, ["cancel", "--campaign", str(folder)])
    print(result.output)
    assert result.exit_code == 0, result.output
    assert "campaign cl-21-4w: cancelled 1 pending messages; 1 being sent finish as they are" in (
        result.output
    )
    assert f"Prefect: deleted {len(scheduled)} scheduled runs of {CAMPAIGN}" in result.output
    assert _runs() == []
    with ledger.session() as session:
        statuses = {
            (m.contact_id, m.kind): m.status
            for m in session.scalars(select(Message).where(Message.campaign == CAMPAIGN))
        }
    assert statuses[(ids["SAU"], "reminder-1")] == MessageStatus.CANCELLED
    assert statuses[(ids["IRN"], "reminder-1")] == MessageStatus.SENDING  # not cut in half

    # A run that starts anyway (one already on a worker) sends nothing for the campaign.
    campaign_flow(CAMPAIGN, now=runs[1].expected_start_time)
    assert len(handler.received) == 3


def test_the_campaign_flow_sends_a_letter_again_to_a_corrected_address(
    windowed: Any, ledger: Ledger
) -> None:
    from flows.campaign import campaign_flow

    _folder, ids, handler = windowed
    campaign_flow(CAMPAIGN, now=START)  # SAU and IRN
    with ledger.session() as session:
        letter = session.scalar(
            select(Message).where(Message.contact_id == ids["SAU"], Message.kind == "invitation")
        )
        assert letter is not None and letter.status == MessageStatus.SENT
        old = letter.to_addrs[0]
        session.add(
            Reply(campaign=CAMPAIGN, mailbox="m", uidvalidity=1, uid=1, message_id="<b1@mx>",
                  from_addr="MAILER-DAEMON@mx.sau.example", kind=ReplyKind.BOUNCE,
                  bounce_recipient=old, bounce_permanent=True, matched_message_id=letter.id,
                  received_at=datetime(2021, 2, 3, 7, tzinfo=UTC))
        )  # fmt: skip
        # A newer contact file corrected the address (intake updates the contact).
        row = session.get(Contact, letter.contact_id)
        assert row is not None
        row.email = "ministre.bureau@sau.example"

    # Riyadh's window is still open at 10:00 local.
    again = campaign_flow(CAMPAIGN, now=datetime(2021, 2, 3, 7, 0, tzinfo=UTC))
    assert again["sent"] == 1
    assert handler.received[-1].rcpt_tos[0] == "ministre.bureau@sau.example"
    campaign_flow(CAMPAIGN, now=datetime(2021, 2, 3, 7, 10, tzinfo=UTC))
    assert [e.rcpt_tos[0] for e in handler.received].count("ministre.bureau@sau.example") == 1
