"""``circular send`` with ``send_window.invitations``: only the invitations whose recipient's
window is open now go, through a real SMTP server; the command says when the others' windows
open. The clock is injected (CL-21/4's letter day)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from circular.campaign import LANGUAGES, TEMPLATE_KINDS
from circular.ledger import Contact, Ledger
from tests.sending.test_cli_send import COVER_NOTE, _run
from tests.servers.smtp_server import smtp_server

ROOT = Path(__file__).resolve().parents[2]
COUNTRIES = [("SAU", "ar"), ("IRN", "en"), ("ARG", "es"), ("CHN", "zh"), ("FJI", "en")]
COUNTRIES += [("CHE", "fr")]


@pytest.fixture
def windowed(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """CL-21/4 as dated (3 February 2021) with ``send_window.invitations: true``, stub
    templates, six contacts and their letters, and settings."""
    folder = tmp_path / "letters" / "cl-21-4"
    folder.mkdir(parents=True)
    data = yaml.safe_load((ROOT / "letters/cl-21-4/campaign.yaml").read_text(encoding="utf-8"))
    data["send_window"] = {"start": "09:00", "end": "11:00", "invitations": True}
    (folder / "campaign.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    for kind in TEMPLATE_KINDS:
        for language in LANGUAGES:
            name = f"{kind}.{language}.{'docx' if kind == 'letter' else 'txt'}"
            (folder / name).write_text(COVER_NOTE, encoding="utf-8")
    store, out = tmp_path / "data", tmp_path / "out"
    (out / "cl-21-4").mkdir(parents=True)
    ledger = Ledger(f"sqlite:///{store / 'circular.sqlite3'}")
    with ledger.session() as session:
        for iso3, language in COUNTRIES:
            email = f"minister@{iso3.lower()}.example"
            session.add(
                Contact(campaign="cl-21-4", contact_key=iso3, iso3=iso3, language=language,
                        email=email, name=f"Minister of {iso3}")
            )  # fmt: skip
            (out / "cl-21-4" / f"{iso3}.{language}.docx").write_bytes(b"PK fake " + iso3.encode())
    ledger.dispose()
    env = {
        "CIRCULAR_DATA_DIR": str(store),
        "CIRCULAR_OUT_DIR": str(out),
        "CIRCULAR_SMTP_HOST": "127.0.0.1",
        "CIRCULAR_SMTP_SECURITY": "none",
    }
    return folder, env


def _recipients(handler) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(address for envelope in handler.received for address in envelope.rcpt_tos)


def test_send_sends_only_the_open_windows_and_says_when_the_others_open(
    windowed: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, env = windowed
    clock = {"now": datetime(2021, 2, 3, 6, 30, tzinfo=UTC)}  # 07:30 in Geneva
    monkeypatch.setattr("circular.cli.send.utcnow", lambda: clock["now"])
    with smtp_server() as (server, handler):
        env = {**env, "CIRCULAR_SMTP_PORT": str(server.port)}
        first = _run(["send", "--campaign", str(folder)], env)
        assert first.exit_code == 0, first.output
        print(first.output)
        # 09:30 in Riyadh, 10:00 in Tehran: their windows are open; nobody else's is.
        assert _recipients(handler) == ["minister@irn.example", "minister@sau.example"]
        assert "cl-21-4: 2 invitations to send" in first.output
        assert "4 invitations wait for their recipient's send window" in first.output
        lines = [line.strip() for line in first.output.splitlines()]
        opens = lines[lines.index(next(x for x in lines if "wait for their" in x)) + 1 :][:4]
        assert opens == [
            "Switzerland (CHE): Wed 03 Feb 2021 09:00 Europe/Zurich (03 Feb 08:00 UTC)",
            "Argentina (ARG): Wed 03 Feb 2021 09:00 America/Argentina/Buenos_Aires "
            "(03 Feb 12:00 UTC)",
            "Fiji (FJI): Thu 04 Feb 2021 09:00 Pacific/Fiji (03 Feb 21:00 UTC)",
            "China (CHN): Thu 04 Feb 2021 09:00 Asia/Shanghai (04 Feb 01:00 UTC)",
        ]

        # 09:00 in Geneva: Switzerland's window; the JSON names when the rest open.
        clock["now"] = datetime(2021, 2, 3, 8, 0, tzinfo=UTC)
        second = _run(["send", "--campaign", str(folder), "--json"], env)
        assert second.exit_code == 0, second.output
        assert list(handler.received[-1].rcpt_tos) == ["minister@che.example"]
        assert len(handler.received) == 3
        report = json.loads(second.stdout)
        assert report["sent_to"] == ["CHE (Switzerland)"]
        assert report["window_opens"] == {
            "ARG": "2021-02-03T09:00:00-03:00",
            "FJI": "2021-02-04T09:00:00+12:00",
            "CHN": "2021-02-04T09:00:00+08:00",
        }

        # The same hour again sends nothing twice.
        again = _run(["send", "--campaign", str(folder)], env)
        assert again.exit_code == 0 and len(handler.received) == 3

        # The deadline day, 13:00 in Geneva: Buenos Aires' morning; Suva and Beijing have no
        # window left before the deadline, and are named (exit status 1: a person decides).
        clock["now"] = datetime(2021, 3, 1, 12, 0, tzinfo=UTC)
        last = _run(["send", "--campaign", str(folder)], env)
    assert last.exit_code == 1, last.output
    assert _recipients(handler).count("minister@arg.example") == 1
    assert len(handler.received) == 4
    assert "Fiji (FJI): no send window left before the deadline; not sent" in last.output
    assert "China (CHN): no send window left before the deadline; not sent" in last.output
