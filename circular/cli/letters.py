"""``circular render``, ``circular preview`` and ``circular check-templates``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from circular.cli import app
from circular.cli.common import CampaignOption, campaign_or_fail
from circular.cli.output import console, fail, progress

ContactsOption = Annotated[
    Path | None,
    typer.Option(
        "--contacts",
        help="Contact CSV to render straight from; default: the campaign's contacts in the ledger.",
    ),
]


def _default_out(campaign_id: str) -> Path:
    from circular.settings import get_settings

    return get_settings().out_dir / campaign_id


def _load_campaign(campaign: str) -> Any:
    # Only the letter templates matter here; rendering checks those itself.
    return campaign_or_fail(campaign, check_templates=False)


def _read_contacts_csv(
    path: Path, campaign_id: str, contacts_per_country: int
) -> tuple[list[Any], set[str]]:
    """Contacts from a CSV, checked by intake's rules but not stored, and the contact fields
    the file has. A file with problems is refused with intake's row-by-row report."""
    from circular.contacts import check_file, iter_contacts, render_report
    from circular.contacts.checking import detection
    from circular.ledger import Contact
    from circular.settings import get_settings

    settings = get_settings()
    check = check_file(
        path,
        contacts_per_country=contacts_per_country,
        sheet=settings.contact_sheet,
        smtputf8=settings.contacts_smtputf8,
    )
    if not check.ok or check.columns is None:
        report = render_report(
            file_name=path.name,
            campaign=campaign_id,
            sha256=check.fingerprint.sha256,
            problems=check.problems,
            omitted=check.omitted,
            encoding=detection(check),
        )
        raise fail(report.rstrip(), 2)
    contacts = [
        Contact(
            campaign=campaign_id,
            contact_key=row.key(contacts_per_country),
            iso3=row.iso3,
            language=row.language,
            email=row.email,
            cc=list(row.cc),
            salutation=row.salutation,
            title=row.title,
            name=row.name,
            position=row.position,
            ministry=row.ministry,
            extra=dict(row.extra),
            source_row=row.row,
        )
        for row in iter_contacts(path, check)
    ]
    # Intake calls the country column "country" and resolves it to iso3; language and email
    # are always set on a valid row (language defaults to the country's working language).
    fields = {"iso3", "language", "email", "cc"} | set(check.columns.fields) - {"country"}
    return contacts, fields | set(check.columns.extra)


def _contacts(campaign: Any, contacts_file: Path | None) -> tuple[list[Any], set[str] | None, Any]:
    """The contacts to render, their fields (None: those of the ledger), and the ledger."""
    if contacts_file is not None:
        per_country = getattr(campaign, "contacts_per_country", 1)
        contacts, fields = _read_contacts_csv(contacts_file, campaign.id, per_country)
        return contacts, fields, None
    from circular.ledger import contacts_of, open_ledger

    ledger = open_ledger()
    with ledger.session() as session:
        contacts = contacts_of(session, campaign.id)
    if not contacts:
        raise fail(
            f"the ledger has no contacts for campaign {campaign.id}: load a contact file "
            "first, or give --contacts FILE",
            2,
        )
    return contacts, None, ledger


def _render(campaign: Any, contacts: list[Any], out: Path, fields: Any, ledger: Any, bar: bool):
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn

    from circular.letters.docx_safety import InvalidDocxError
    from circular.letters.render import LetterError, render_campaign
    from circular.settings import get_settings

    cache = get_settings().template_cache_dir
    try:
        if not bar:
            return render_campaign(
                campaign, contacts, out, ledger, contact_fields=fields, template_cache_dir=cache
            )
        with progress(
            console(stderr=True),
            TextColumn("[bold]rendering"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
        ) as bar:
            task = bar.add_task("", total=len(contacts))

            def advance(letter: Any) -> None:
                bar.update(task, advance=1, description=letter.path.name)

            return render_campaign(
                campaign,
                contacts,
                out,
                ledger,
                advance,
                contact_fields=fields,
                template_cache_dir=cache,
            )
    except (LetterError, InvalidDocxError) as error:
        raise fail(str(error), 1) from None


@app.command("render")
def render_command(
    campaign_folder: CampaignOption,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for the letters (default: CIRCULAR_OUT_DIR/<id>)."),
    ] = None,
    contacts_file: ContactsOption = None,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf",
            help="Also make each letter's PDF (LibreOffice kept running, one per core), "
            "checked and recorded.",
        ),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="LibreOffice processes for --pdf (default: cores)."),
    ] = None,
) -> None:
    """Render one DOCX letter per contact, named <ISO3>.<lang>.docx (and with --pdf its PDF)."""
    campaign = _load_campaign(campaign_folder)
    out = out or _default_out(campaign.id)
    contacts, fields, ledger = _contacts(campaign, contacts_file)
    report = _render(campaign, contacts, out, fields, ledger, bar=True)
    typer.echo(
        f"{len(report.letters)} letters in {out}: {report.rendered} rendered, "
        f"{report.skipped} unchanged, in {report.seconds:.1f} s"
    )
    if ledger is None and report.letters:
        # No ledger, no personal links: say where these letters send their readers instead.
        page = campaign.public_page(report.letters[0].language) or "no link"
        typer.echo(
            f"note: letters rendered from {contacts_file} carry no personal link; their link "
            f"and QR code are the campaign's public page (web.public_page: {page}). Render "
            "from the ledger (without --contacts) for letters to post.",
            err=True,
        )
    if pdf:
        _make_pdfs(campaign, report.letters, ledger, workers)


def _make_pdfs(campaign: Any, letters: list[Any], ledger: Any, workers: int | None) -> None:
    """Convert, check and record the letters' PDFs; exit 2 without LibreOffice, 1 on a bad PDF."""
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn

    from circular.letters.pdf import MissingToolError, PdfConversionError
    from circular.letters.pdfcheck import PdfCheckError
    from circular.letters.pdfletters import make_pdfs

    try:
        with progress(
            console(stderr=True), TextColumn("[bold]PDF"), BarColumn(), MofNCompleteColumn()
        ) as bar:
            task = bar.add_task("", total=len(letters))
            made = make_pdfs(
                campaign,
                letters,
                ledger,
                workers=workers,
                progress=lambda _pdf: bar.update(task, advance=1),
            )
    except MissingToolError as error:
        raise fail(str(error), 2) from None
    except (PdfConversionError, PdfCheckError) as error:
        raise fail(str(error)) from None
    typer.echo(
        f"{len(made.pdfs)} PDFs checked (text layer: country name and reference; pages): "
        f"{made.made} made, {made.skipped} unchanged, in {made.seconds:.1f} s "
        f"({made.per_second:.2f} PDFs/s with {made.workers} LibreOffice, "
        f"{made.restarts} restarted)"
    )


@app.command("preview")
def preview_command(
    campaign_folder: CampaignOption,
    country: Annotated[str, typer.Option("--country", help="ISO alpha-3 code, e.g. ESP.")],
    contacts_file: ContactsOption = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for the preview (default: the letters' /preview)."),
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also convert it to PDF (LibreOffice).")
    ] = False,
    png: Annotated[
        bool, typer.Option("--png", help="Also make a PNG of the first page (implies --pdf).")
    ] = False,
) -> None:
    """Render the letter of one country (and, with --pdf, a PDF of it)."""
    from circular.letters.pdf import (
        MissingToolError,
        PdfConversionError,
        convert_to_pdf,
        pdf_to_png,
    )

    campaign = _load_campaign(campaign_folder)
    out = out or _default_out(campaign.id) / "preview"
    contacts, fields, ledger = _contacts(campaign, contacts_file)
    if ledger is not None:
        ledger.dispose()  # A preview is not the campaign's letter: it is not recorded.
    chosen = [c for c in contacts if c.iso3 == country.strip().upper()]
    if not chosen:
        raise fail(f"no contact of campaign {campaign.id} has the country code {country!r}", 2)
    report = _render(campaign, chosen, out, fields, None, bar=False)
    for letter in report.letters:
        typer.echo(str(letter.path))
        if not (pdf or png):
            continue
        try:
            made = convert_to_pdf(letter.path, out)
            typer.echo(str(made))
            if png:
                typer.echo(str(pdf_to_png(made, made.with_suffix(".png"))))
        except MissingToolError as error:
            raise fail(str(error), 2) from None
        except PdfConversionError as error:
            raise fail(str(error), 1) from None


@app.command("check-templates")
def check_templates_command(
    campaign_folder: CampaignOption,
    contacts_file: ContactsOption = None,
) -> None:
    """Check every template of the campaign (letters, e-mail cover notes, reminders and
    acknowledgements, in every language) and list the fields each uses; problems name the
    file and the line. Warn when the deadline falls on a day the secretariat is closed; refuse
    a send window that cannot fit before the deadline for some Member State."""
    from circular.campaign import TEMPLATE_KINDS
    from circular.followups.reminders import member_states_timing
    from circular.letters.checks import check_campaign_templates, text_template_fields
    from circular.letters.render import CONTACT_FIELDS, template_fields
    from circular.sending.calendars import closing_day_warnings
    from circular.sending.windows import TimingError

    campaign = _load_campaign(campaign_folder)
    if contacts_file is not None:
        per_country = getattr(campaign, "contacts_per_country", 1)
        _, fields = _read_contacts_csv(contacts_file, campaign.id, per_country)
    else:
        fields = set(CONTACT_FIELDS)
    listed = {
        campaign.template_path("letter", lang): used
        for lang, used in template_fields(campaign).items()
    }
    listed.update(text_template_fields(campaign))
    for path, used in listed.items():
        typer.echo(f"{path}:")
        for name in sorted(used):
            typer.echo(f"  {name}")
    problems = check_campaign_templates(campaign, fields)
    for warning in closing_day_warnings(campaign):
        typer.echo(f"warning: {campaign.folder}/campaign.yaml: {warning}", err=True)
    try:
        member_states_timing(campaign)
    except TimingError as error:
        problems.append(f"{campaign.folder}/campaign.yaml: {error}")
    if problems:
        typer.echo(f"{len(problems)} problem(s) in the templates of {campaign.id}:", err=True)
        for problem in problems:
            typer.echo(f"  {problem}", err=True)
        raise typer.Exit(1)
    count = len(campaign.languages) * len(TEMPLATE_KINDS)
    typer.echo(
        f"all {count} templates of {campaign.id} (letters, e-mails, reminders, "
        "acknowledgements) can be rendered with these contact fields"
    )
