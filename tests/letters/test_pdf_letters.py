"""PDF letters at scale: real LibreOffice kept running through unoserver, each PDF checked
with pypdf, its sha256 in the ledger beside the DOCX's, and a LibreOffice that dies restarted."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from circular.campaign import load_campaign
from circular.cli import _register, app
from circular.countries import get_country
from circular.ledger import Contact, Ledger, Letter, LetterPdf
from circular.letters.pdfcheck import PdfCheckError, check_pdf
from circular.letters.pdfletters import make_pdfs
from circular.letters.pdfpool import PdfPool, check_uno, office_pipe
from circular.letters.render import render_campaign

ROOT = Path(__file__).resolve().parents[2]
CAMPAIGN = ROOT / "letters" / "cl-21-4"
COUNTRIES = ("SAU", "CHN", "RUS", "FRA")

if shutil.which("soffice") is None or check_uno() is not None:
    pytest.skip(
        "LibreOffice and python3-uno are not installed: apt-get install "
        "libreoffice-writer-nogui python3-uno (make test does)",
        allow_module_level=True,
    )

runner = CliRunner()
_register()


def test_fonts_for_arabic_and_chinese_are_installed() -> None:
    # Without them LibreOffice falls back to fonts that lack the glyphs: boxes in the PDF.
    fonts = subprocess.run(["fc-list"], capture_output=True, text=True, check=True).stdout
    assert "Noto Sans Arabic" in fonts, "apt-get install fonts-noto-core (make test does)"
    assert "Noto Sans CJK" in fonts, "apt-get install fonts-noto-cjk (make test does)"


@pytest.fixture
def rendered(tmp_path: Path, ledger: Ledger) -> list:
    """The real letters of four countries (Arabic, Chinese, Russian, French), in the ledger."""
    with ledger.session() as session:
        for iso3 in COUNTRIES:
            country = get_country(iso3)
            session.add(
                Contact(
                    campaign="cl-21-4",
                    contact_key=iso3,
                    iso3=iso3,
                    language=country.language,
                    email=f"minister@{iso3.lower()}.example",
                    name="Test Minister",
                    ministry="Ministry",
                )
            )
    with ledger.session() as session:
        contacts = list(session.scalars(select(Contact)))
    campaign = load_campaign(CAMPAIGN)
    return render_campaign(campaign, contacts, tmp_path / "out", ledger).letters


def test_every_pdf_is_checked_and_recorded_beside_its_docx(rendered: list, ledger: Ledger) -> None:
    campaign = load_campaign(CAMPAIGN)

    report = make_pdfs(campaign, rendered, ledger, workers=2)

    assert report.made == len(COUNTRIES) and report.restarts == 0
    with ledger.session() as session:
        pdfs = {row.contact_id: row for row in session.scalars(select(LetterPdf))}
        letters = {row.contact_id: row for row in session.scalars(select(Letter))}
    assert set(pdfs) == set(letters)
    for contact_id, row in pdfs.items():
        pdf = Path(row.path)
        assert pdf == Path(letters[contact_id].path).with_suffix(".pdf")
        assert row.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
        assert row.docx_sha256 == letters[contact_id].sha256
        assert row.pages >= 1
    # Unchanged letters keep their PDFs: nothing is converted again.
    again = make_pdfs(campaign, rendered, ledger, workers=1)
    assert (again.made, again.skipped) == (0, len(COUNTRIES))


def test_a_pdf_without_the_country_or_reference_is_refused(rendered: list, tmp_path: Path) -> None:
    letter = next(item for item in rendered if item.iso3 == "SAU")
    pdf = tmp_path / "SAU.ar.pdf"
    with PdfPool(1) as pool:
        pool.convert_one(letter.path, pdf)
    arabic = get_country("SAU").name("ar")
    assert check_pdf(pdf, {"country": arabic, "reference": "CL-21/4"}, 2).pages <= 2
    with pytest.raises(PdfCheckError, match=r"reference 'CL-99/9' is not in its text"):
        check_pdf(pdf, {"country": arabic, "reference": "CL-99/9"}, 2)
    with pytest.raises(PdfCheckError, match="pages where its template has 0"):
        check_pdf(pdf, {"country": arabic}, 0)


def test_a_libreoffice_that_dies_is_started_again(rendered: list, tmp_path: Path) -> None:
    with PdfPool(1) as pool:
        [server] = pool.servers
        assert server.process is not None
        os.killpg(server.process.pid, signal.SIGKILL)  # LibreOffice and its unoserver
        server.process.wait(timeout=30)

        done = pool.convert_one(rendered[0].path, tmp_path / "again.pdf")

        assert done.pdf.read_bytes().startswith(b"%PDF")
        assert pool.restarts == 1
        # The killed LibreOffice's socket in /tmp is gone, the running one's is where we look.
        assert server.profile is not None and server.profile.name.endswith("-profile-2")
        server_group = server.process.pid
        assert _living(server_group), "the restarted server's group is alive"
        killed = office_pipe(server.profile.with_name(server.profile.name[:-1] + "1"))
        running = office_pipe(server.profile)
        assert not killed.exists()
        assert running.is_socket()
    assert not running.exists()  # nothing left in /tmp once the pool has stopped
    assert _living(server_group) == []  # nor a LibreOffice launcher of its own


def _living(group: int) -> list[str]:
    """The processes of ``group`` still alive (a zombie waiting for its parent is not)."""
    living = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended while we looked
        if fields[0] != "Z" and int(fields[2]) == group:
            living.append(stat.parent.name)
    return living


def test_cli_render_pdf_from_a_csv(tmp_path: Path) -> None:
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        "country,email,title,name,position,ministry\n"
        "CHN,buzhang@chn.example,阁下,张伟,部长,工业和信息化部\n"
        "SAU,minister@sau.example,معالي السيد,أحمد سالم,وزير,وزارة الاتصالات\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["render", "--pdf", "--campaign", str(CAMPAIGN), "--contacts", str(contacts)]
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 PDFs checked" in result.output
    assert sorted(p.name for p in out.glob("*.pdf")) == ["CHN.zh.pdf", "SAU.ar.pdf"]
