"""The campaign flow checks the mail settings before its first letter (``circular check-mail``'s
checks): a failing one stops the run, nothing sent, with the checklist as an artifact."""

from __future__ import annotations

from pathlib import Path

import pytest

from circular.ledger import Contact, Ledger
from tests.servers.provider_smtp import ProviderHandler, provider_smtp

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.prefect
@pytest.mark.dovecot
def test_a_failing_check_stops_the_campaign_with_the_checklist(
    prefect_server: None, imap_account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from prefect import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    from flows.campaign import MailSettingsError, campaign_flow

    data = tmp_path / "data"
    ledger = Ledger(f"sqlite:///{data / 'circular.sqlite3'}")
    with ledger.session() as session:
        session.add(
            Contact(
                campaign="cl-21-4",
                contact_key="ESP",
                iso3="ESP",
                language="es",
                email="minister@esp.example",
                name="Ministra",
            )
        )
    ledger.dispose()
    handler = ProviderHandler()
    handler.login_answer = "550 5.7.30 Basic authentication is not supported for Client Submission"
    with provider_smtp(handler) as server:
        for name, value in {
            "CIRCULAR_DATA_DIR": str(data),
            "CIRCULAR_OUT_DIR": str(tmp_path / "out"),
            "CIRCULAR_SMTP_PORT": str(server.port),
            "CIRCULAR_SMTP_SECURITY": "none",
            "CIRCULAR_SMTP_USERNAME": "wsis-info@itu.example",
            "CIRCULAR_SMTP_PASSWORD": "an-old-password",
            "CIRCULAR_IMAP_PORT": str(imap_account.port),
            "CIRCULAR_IMAP_SECURITY": "none",
            "CIRCULAR_IMAP_USERNAME": imap_account.user,
            "CIRCULAR_IMAP_PASSWORD": imap_account.password,
        }.items():
            monkeypatch.setenv(name, value)
        with pytest.raises(MailSettingsError, match="CIRCULAR_SMTP_AUTH=xoauth2"):
            campaign_flow(str(ROOT / "letters" / "cl-21-4"))
    assert not handler.received
    with get_client(sync_client=True) as client:
        (artifact,) = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["cl-21-4-mail-checks"])),
            sort=ArtifactSort.CREATED_DESC,
            limit=1,
        )
    checklist = str(artifact.data)
    assert "- ✓ IMAP reply folder INBOX: found" in checklist
    assert "- ✗ SMTP login as wsis-info@itu.example" in checklist
    assert "use CIRCULAR_SMTP_AUTH=xoauth2, see docs/providers.md" in checklist
    assert "an-old-password" not in checklist
