"""The send-invitations flow on a real Prefect test server: letters rendered and sent batch by
batch to a real local SMTP server, each exactly once, and a second run sends nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from circular.ledger import Contact, Ledger
from tests.servers.smtp_server import make_test_tls, smtp_server

ROOT = Path(__file__).resolve().parents[2]
COUNTRIES = [("ESP", "es"), ("FRA", "fr"), ("CHN", "zh"), ("EGY", "ar"), ("RUS", "ru")]


@pytest.mark.prefect
@pytest.mark.slow
def test_flow_renders_and_sends_each_letter_once(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.blocks.system import Secret

    from flows.send import send_invitations

    data, out = tmp_path / "data", tmp_path / "out"
    ledger = Ledger(f"sqlite:///{data / 'circular.sqlite3'}")
    with ledger.session() as session:
        for iso3, language in COUNTRIES:
            session.add(
                Contact(
                    campaign="cl-21-4",
                    contact_key=iso3,
                    iso3=iso3,
                    language=language,
                    email=f"minister@{iso3.lower()}.example",
                    cc=[f"cabinet@{iso3.lower()}.example"],
                    salutation="",
                    title="H.E.",
                    name=f"Minister {iso3}",
                    position="Minister",
                    ministry="Ministry of Communications",
                )
            )
    ledger.dispose()
    # As in production: STARTTLS verified against a CA, a login, the password in a Secret.
    context, ca_file = make_test_tls(tmp_path / "certs")
    password = "flow-s3cret"
    Secret(value=password).save("circular-smtp-test", overwrite=True)
    with smtp_server(starttls=context, login=("circular", password)) as (server, handler):
        for name, value in {
            "CIRCULAR_DATA_DIR": str(data),
            "CIRCULAR_OUT_DIR": str(out),
            "CIRCULAR_SMTP_PORT": str(server.port),
            "CIRCULAR_SMTP_SECURITY": "starttls",
            "CIRCULAR_SMTP_CA_FILE": str(ca_file),
            "CIRCULAR_SMTP_USERNAME": "circular",
            "CIRCULAR_SMTP_PASSWORD_BLOCK": "circular-smtp-test",
        }.items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("CIRCULAR_SMTP_PASSWORD", raising=False)
        campaign = str(ROOT / "letters" / "cl-21-4")
        first = send_invitations(campaign, batch_size=2)
        second = send_invitations(campaign, batch_size=2)
    assert first["sent"] == 5 and first["rendered"] == 5 and not first["problems"]
    assert second["sent"] == 0 and second["rendered"] == 0
    counts = handler.message_ids()
    assert len(counts) == 5 and set(counts.values()) == {1}
    assert sorted(p.name for p in (out / "cl-21-4").glob("*.docx")) == sorted(
        f"{iso3}.{language}.docx" for iso3, language in COUNTRIES
    )
    subjects = [r.data.split(b"\r\nSubject: ", 1)[1].split(b"\r\n", 1)[0] for r in handler.received]
    assert all(b"CL-21/4" in s or b"=?utf-8?" in s for s in subjects)


@pytest.mark.prefect
@pytest.mark.slow
def test_flow_sending_pdfs_fails_at_once_without_them(
    prefect_server: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """campaign.yaml attach: [pdf, docx] and no PDFs made: the run fails before rendering or
    sending anything, naming every letter, as ``circular send`` refuses."""
    from circular.sending.outgoing import MissingAttachments
    from flows.send import send_invitations

    campaign = tmp_path / "cl-21-4"
    shutil.copytree(ROOT / "letters" / "cl-21-4", campaign)
    yaml_file = campaign / "campaign.yaml"
    yaml_file.write_text(
        yaml_file.read_text(encoding="utf-8").replace("attach: [docx]", "attach: [pdf, docx]"),
        encoding="utf-8",
    )
    data, out = tmp_path / "data", tmp_path / "out"
    ledger = Ledger(f"sqlite:///{data / 'circular.sqlite3'}")
    with ledger.session() as session:
        for iso3, language in COUNTRIES[:2]:
            session.add(
                Contact(
                    campaign="cl-21-4", contact_key=iso3, iso3=iso3, language=language,
                    email=f"minister@{iso3.lower()}.example",
                )
            )  # fmt: skip
    ledger.dispose()
    with smtp_server() as (server, handler):
        monkeypatch.setenv("CIRCULAR_DATA_DIR", str(data))
        monkeypatch.setenv("CIRCULAR_OUT_DIR", str(out))
        monkeypatch.setenv("CIRCULAR_SMTP_PORT", str(server.port))
        monkeypatch.setenv("CIRCULAR_SMTP_SECURITY", "none")
        with pytest.raises(MissingAttachments) as error:
            send_invitations(str(campaign), batch_size=1)
    assert error.value.problems == [
        "ESP: no rendered letter; run the rendering first",
        "FRA: no rendered letter; run the rendering first",
    ]
    assert "circular render --pdf" in str(error.value)
    assert handler.received == [] and not out.exists()
