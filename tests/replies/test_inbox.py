"""Polling a real Dovecot (started by tests/servers/dovecot.py).

The classifier here is the stand-in ``header_classifier`` of tests/support/inbox_support.py (it
reads
an ``X-Test-Kind`` header), so these tests are about IMAP, the ledger and filing; the real
classifier is exercised by the end-to-end test."""

from __future__ import annotations

import threading

import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from circular.ledger import Ledger, MailboxState, Reply, ReplyStatus
from circular.replies.inbox import ImapConfig, ImapError, Poller, PollResult
from circular.settings import Security
from tests.servers.dovecot import ImapAccount
from tests.support.inbox_support import add_letter, header_classifier, reply_bytes

pytestmark = pytest.mark.dovecot


def config_for(account: ImapAccount, **changes: object) -> ImapConfig:
    """A plain-IMAP config for the test account (loopback: allowed without TLS)."""
    values: dict[str, object] = {
        "host": account.host,
        "port": account.port,
        "username": account.user,
        "password": SecretStr(account.password),
        "security": Security.NONE,
    }
    values.update(changes)
    return ImapConfig(**values)  # type: ignore[arg-type]


def poll(ledger: Ledger, config: ImapConfig) -> PollResult:
    # The replies here name the campaign's reference (their subject says CL-21/4): an
    # unmatched one is the campaign's business and goes to review (test_shared_inbox.py).
    return Poller(ledger, config, header_classifier, references={"cl-21-4": "CL-21/4"}).poll()


def replies(ledger: Ledger) -> list[Reply]:
    with ledger.session() as session:
        return list(session.scalars(select(Reply).order_by(Reply.uid)))


@pytest.fixture
def letters(ledger: Ledger) -> dict[str, str]:
    """Two sent letters: ISO3 → their Message-ID."""
    with ledger.session() as session:
        fra = add_letter(session, "FRA", "ministre@gouv.example")
        bra = add_letter(session, "BRA", "gabinete@mc.example")
        return {"FRA": fra.message_id, "BRA": bra.message_id}


def test_poll_fetches_new_messages_files_them_and_leaves_them_unseen(
    ledger: Ledger, imap_account: ImapAccount, letters: dict[str, str]
) -> None:
    imap_account.deliver(
        reply_bytes(sender="ministre@gouv.example", kind="accept", in_reply_to=letters["FRA"])
    )
    imap_account.deliver(
        reply_bytes(sender="gabinete@mc.example", kind="decline", in_reply_to=letters["BRA"])
    )
    imap_account.deliver(reply_bytes(sender="someone@elsewhere.example", kind="accept"))
    config = config_for(imap_account)

    first = poll(ledger, config)

    assert (first.fetched, first.processed, first.needs_review) == (3, 3, 1)
    assert imap_account.folder_uids("INBOX") == {}
    accepted = imap_account.folder_uids("Circular/Accepted")
    declined = imap_account.folder_uids("Circular/Declined")
    review = imap_account.folder_uids("Circular/Needs review")
    assert (len(accepted), len(declined), len(review)) == (1, 1, 1)
    for flags in [*accepted.values(), *declined.values(), *review.values()]:
        assert "\\Seen" not in flags
    rows = replies(ledger)
    assert [r.kind for r in rows] == ["accept", "decline", "accept"]
    assert [r.match_method for r in rows] == ["references", "references", ""]
    assert rows[2].status == ReplyStatus.NEEDS_REVIEW
    assert rows[2].filed_to == "Circular/Needs review"

    second = poll(ledger, config)
    assert (second.fetched, second.processed) == (0, 0)

    imap_account.deliver(
        reply_bytes(sender="ministre@gouv.example", kind="other", in_reply_to=letters["FRA"])
    )
    third = poll(ledger, config)
    assert (third.fetched, third.processed) == (1, 1)
    assert len(imap_account.folder_uids("Circular/Other")) == 1
    with ledger.session() as session:
        state = session.get(MailboxState, config.mailbox_key)
        assert state is not None and state.last_uid == 4
    assert len(replies(ledger)) == 4


def test_flag_only_mode_keeps_messages_in_place(
    ledger: Ledger, imap_account: ImapAccount, letters: dict[str, str]
) -> None:
    imap_account.deliver(
        reply_bytes(sender="ministre@gouv.example", kind="accept", in_reply_to=letters["FRA"])
    )
    imap_account.deliver(reply_bytes(sender="robot@gouv.example", kind="auto_reply"))
    config = config_for(imap_account, move=False)

    result = poll(ledger, config)

    assert result.processed == 2
    inbox = imap_account.folder_uids("INBOX")
    assert sorted(inbox) == [1, 2]
    assert "$Circular_accepted" in inbox[1] and "\\Seen" not in inbox[1]
    # robot@gouv.example: same domain as one contact only, so matched by domain
    assert "$Circular_auto_replies" in inbox[2] and "\\Seen" not in inbox[2]
    assert imap_account.folder_uids("Circular/Accepted") == {}  # never created or used
    assert poll(ledger, config).fetched == 0


def test_an_idle_poll_does_not_select_the_folder(
    ledger: Ledger,
    imap_account: ImapAccount,
    letters: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """STATUS says whether anything is new; SELECT (whose cost grows with the folder) only
    when something is, so an idle poll stays cheap in a big shared mailbox."""
    import circular.replies.inbox

    selects: list[str] = []
    real_select = circular.replies.inbox._select

    def counting_select(mailbox, folder):  # type: ignore[no-untyped-def]
        selects.append(folder)
        return real_select(mailbox, folder)

    monkeypatch.setattr(circular.replies.inbox, "_select", counting_select)
    config = config_for(imap_account, move=False)  # messages stay in INBOX
    imap_account.deliver(reply_bytes(sender="ministre@gouv.example", kind="accept"))
    assert poll(ledger, config).processed == 1
    assert selects == ["INBOX"]
    assert poll(ledger, config).fetched == 0
    assert selects == ["INBOX"]  # nothing new: not selected
    imap_account.deliver(
        reply_bytes(sender="ministre@gouv.example", kind="decline", in_reply_to=letters["FRA"])
    )
    assert poll(ledger, config).processed == 1
    assert selects == ["INBOX", "INBOX"]


def test_uidvalidity_reset_reprocesses_nothing(
    ledger: Ledger, imap_account: ImapAccount, letters: dict[str, str]
) -> None:
    for sender, kind in [("ministre@gouv.example", "accept"), ("gabinete@mc.example", "decline")]:
        imap_account.deliver(reply_bytes(sender=sender, kind=kind))
    config = config_for(imap_account, move=False)
    first = poll(ledger, config)
    assert first.processed == 2

    imap_account.doveadm("mailbox", "update", "--uid-validity", "4242", "INBOX")
    imap_account.deliver(reply_bytes(sender="gabinete@mc.example", kind="other"))
    second = poll(ledger, config)

    assert second.uidvalidity_changed and second.uidvalidity == 4242
    assert (second.fetched, second.processed, second.skipped) == (3, 1, 2)
    assert len(replies(ledger)) == 3
    assert poll(ledger, config).fetched == 0


def test_overlapping_polls_process_each_message_once(
    ledger: Ledger, imap_account: ImapAccount, letters: dict[str, str]
) -> None:
    count = 24
    for number in range(count):
        kind = ["accept", "decline", "other", "auto_reply"][number % 4]
        imap_account.deliver(
            reply_bytes(sender="ministre@gouv.example", kind=kind, in_reply_to=letters["FRA"])
        )
    config = config_for(imap_account)
    # Each poll waits, at its first message, until the other has fetched too: both then hold
    # the same 24 messages and race to record them.
    both_fetched = threading.Barrier(2, timeout=30)
    local = threading.local()

    def classify_once_both_fetched(raw: bytes) -> object:
        if not getattr(local, "waited", False):
            local.waited = True
            both_fetched.wait()
        return header_classifier(raw)

    results: list[PollResult] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(Poller(ledger, config, classify_once_both_fetched).poll())
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    for result in results:
        print(result.summary())  # shown with -s: how the two polls shared the work
    assert sum(r.fetched for r in results) == 2 * count  # both saw every message...
    assert sum(r.processed for r in results) == count  # ...and each was recorded once
    assert sum(r.skipped for r in results) == count
    with ledger.session() as session:
        assert session.scalar(select(func.count(Reply.id))) == count
        uids = session.scalars(select(Reply.uid)).all()
    assert sorted(uids) == list(range(1, count + 1))
    assert imap_account.folder_uids("INBOX") == {}
    filed = sum(
        len(imap_account.folder_uids(f"Circular/{name}"))
        for name in ["Accepted", "Declined", "Other", "Auto-replies"]
    )
    assert filed == count


def test_unreadable_message_goes_to_review_and_stays(
    ledger: Ledger, imap_account: ImapAccount, letters: dict[str, str]
) -> None:
    imap_account.deliver(b"this is not\r\nreally an e-mail at all\r\n")
    imap_account.deliver(
        reply_bytes(sender="ministre@gouv.example", kind="accept", in_reply_to=letters["FRA"])
    )
    config = config_for(imap_account)

    result = poll(ledger, config)

    assert (result.processed, result.unreadable, result.needs_review) == (2, 1, 1)
    assert sorted(imap_account.folder_uids("INBOX")) == [1]  # kept where it was
    unreadable = replies(ledger)[0]
    assert unreadable.status == ReplyStatus.NEEDS_REVIEW
    assert "no X-Test-Kind" in unreadable.decision_note
    assert poll(ledger, config).fetched == 0  # not read again and again


def test_tls_with_the_test_ca_is_verified(
    ledger: Ledger, imap_account: ImapAccount, letters: dict[str, str]
) -> None:
    imap_account.deliver(
        reply_bytes(sender="ministre@gouv.example", kind="accept", in_reply_to=letters["FRA"])
    )
    config = config_for(
        imap_account,
        port=imap_account.tls_port,
        security=Security.TLS,
        ca_file=imap_account.ca_file,
    )
    assert poll(ledger, config).processed == 1


def test_untrusted_certificate_is_refused(ledger: Ledger, imap_account: ImapAccount) -> None:
    config = config_for(imap_account, port=imap_account.tls_port, security=Security.TLS)
    with pytest.raises(ImapError, match="not trusted"):
        poll(ledger, config)


def test_starttls_with_the_test_ca_is_verified(ledger: Ledger, imap_account: ImapAccount) -> None:
    config = config_for(imap_account, security=Security.STARTTLS, ca_file=imap_account.ca_file)
    assert poll(ledger, config).fetched == 0


def test_wrong_password_is_reported_without_the_password(
    ledger: Ledger, imap_account: ImapAccount
) -> None:
    config = config_for(imap_account, password=SecretStr("s3cret-wrong-pw"))
    with pytest.raises(ImapError, match="refused the login") as caught:
        poll(ledger, config)
    assert "s3cret-wrong-pw" not in str(caught.value)


def test_plain_imap_to_a_remote_host_is_refused(ledger: Ledger) -> None:
    config = ImapConfig(
        host="imap.example.org",
        port=143,
        username="u",
        password=SecretStr("p"),
        security=Security.NONE,
    )
    with pytest.raises(ImapError, match="without TLS"):
        poll(ledger, config)


def test_a_poll_that_dies_before_filing_is_completed_by_the_next(
    ledger: Ledger,
    imap_account: ImapAccount,
    letters: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import circular.replies.inbox

    for kind in ["accept", "decline"]:
        imap_account.deliver(
            reply_bytes(sender="ministre@gouv.example", kind=kind, in_reply_to=letters["FRA"])
        )
    config = config_for(imap_account)

    def connection_lost(*_args: object) -> None:
        raise ImapError("connection lost (injected)")

    with monkeypatch.context() as patch:
        patch.setattr(circular.replies.inbox, "_move", connection_lost)
        with pytest.raises(ImapError, match="injected"):
            poll(ledger, config)
    assert sorted(imap_account.folder_uids("INBOX")) == [1, 2]  # recorded, not yet filed
    assert {r.filed_to for r in replies(ledger)} == {""}

    result = poll(ledger, config)

    assert (result.fetched, result.processed) == (0, 0)  # nothing is processed twice...
    assert dict(result.filed) == {"Circular/Accepted": 1, "Circular/Declined": 1}  # ...but filed
    assert imap_account.folder_uids("INBOX") == {}
    assert {r.filed_to for r in replies(ledger)} == {"Circular/Accepted", "Circular/Declined"}


def test_a_missing_folder_is_named(ledger: Ledger, imap_account: ImapAccount) -> None:
    config = config_for(imap_account, folder="Replies/CL-21-4")
    with pytest.raises(ImapError, match=r"cannot open folder 'Replies/CL-21-4'"):
        poll(ledger, config)


def test_config_from_settings_reads_every_imap_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from circular.replies.inbox import Outcome
    from circular.settings import load_settings

    monkeypatch.setenv("CIRCULAR_IMAP_MOVE", "false")
    monkeypatch.setenv("CIRCULAR_IMAP_FOLDER_DECLINED", "Réponses/Refus")
    monkeypatch.setenv("CIRCULAR_IMAP_ALLOW_PLAIN", "true")
    config = ImapConfig.from_settings(load_settings())
    assert config.move is False and config.allow_plain is True
    assert config.folders[Outcome.DECLINED] == "Réponses/Refus"
    assert config.folders[Outcome.NEEDS_REVIEW] == "Circular/Needs review"
    assert config.security == Security.TLS  # verified TLS unless told otherwise


def test_folder_names_with_accents_and_spaces(
    ledger: Ledger, imap_account: ImapAccount, letters: dict[str, str]
) -> None:
    from imap_tools import MailBoxUnencrypted

    from circular.replies.inbox import Outcome

    imap_account.deliver(
        reply_bytes(sender="ministre@gouv.example", kind="decline", in_reply_to=letters["FRA"])
    )
    folders = dict(ImapConfig(host="", port=1, username="", password=SecretStr("")).folders)
    folders[Outcome.DECLINED] = "Réponses/Refus du ministère"
    assert poll(ledger, config_for(imap_account, folders=folders)).processed == 1
    with MailBoxUnencrypted(imap_account.host, imap_account.port).login(
        imap_account.user, imap_account.password, initial_folder=None
    ) as mailbox:
        names = {info.name for info in mailbox.folder.list()}
        assert "Réponses/Refus du ministère" in names
        assert mailbox.folder.status("Réponses/Refus du ministère")["MESSAGES"] == 1
