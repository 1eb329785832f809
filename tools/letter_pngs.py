"""Render one sample letter per language and picture its first page (docs/letters/<lang>.png).

    python tools/letter_pngs.py letters/cl-21-4 docs/letters

Renders each letter.<lang>.docx with circular's ``LetterTemplate`` and
:func:`circular.letters.context.docx_letter_context` (QR code included) for a made-up
minister, converts it to PDF with LibreOffice (``soffice --headless``) and the first page to
PNG with ``pdftoppm`` (poppler-utils). Both are system tools, needed only here.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from circular.campaign import load_campaign
from circular.letters.context import docx_letter_context
from circular.letters.render import LetterTemplate

# Made-up addressees (reserved domains), one per language, in the letter's language.
SAMPLES: dict[str, dict[str, str]] = {
    "ar": {
        "iso3": "SAU",
        "title": "معالي السيد",
        "name": "خالد بن عبد الله",
        "position": "وزير الاتصالات وتقنية المعلومات",
        "ministry": "وزارة الاتصالات وتقنية المعلومات",
        "salutation": "السيد",
        "email": "minister@mcit.gov.example",
    },
    "en": {
        "iso3": "GBR",
        "title": "The Rt Hon.",
        "name": "Jane Smith MP",
        "position": "Secretary of State for Digital, Culture, Media and Sport",
        "ministry": "Department for Digital, Culture, Media and Sport",
        "salutation": "Ms",
        "email": "secretary.of.state@dcms.gov.example",
    },
    "es": {
        "iso3": "ESP",
        "title": "Excma. Sra.",
        "name": "María López García",
        "position": "Ministra de Asuntos Económicos y Transformación Digital",
        "ministry": "",
        "salutation": "",
        "email": "ministra@mineco.gob.example",
    },
    "fr": {
        "iso3": "FRA",
        "title": "S.E. M.",
        "name": "Jean Dupont",
        "position": "Ministre délégué chargé de la transition numérique",
        "ministry": "Ministère de l’Économie, des Finances et de la Relance",
        "salutation": "Monsieur le Ministre",
        "email": "ministre@numerique.gouv.example",
    },
    "ru": {
        "iso3": "RUS",
        "title": "Его Превосходительство г-н",
        "name": "Иван Петрович Сидоров",
        "position": "Министр цифрового развития, связи и массовых коммуникаций",
        "ministry": "",
        "salutation": "г-н",
        "email": "minister@digital.gov.example",
    },
    "zh": {
        "iso3": "CHN",
        "title": "先生阁下",
        "name": "王明",
        "position": "工业和信息化部部长",
        "ministry": "中华人民共和国工业和信息化部",
        "salutation": "先生",
        "email": "minister@miit.gov.example",
    },
}


def render(campaign_folder: Path, language: str, target: Path) -> None:
    """Render the sample letter in ``language`` to ``target`` (a .docx)."""
    campaign = load_campaign(campaign_folder)
    # As circular renders it (QR code included), with the campaign's public page as the link.
    template = LetterTemplate(campaign.template_path("letter", language), language)
    target.write_bytes(template.render(docx_letter_context(campaign, SAMPLES[language], language)))


def main(argv: list[str] | None = None) -> int:
    """Render, convert and picture one letter per language."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("campaign", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", action="append", choices=sorted(SAMPLES))
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args(argv)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm"):
        print("needs LibreOffice (soffice) and pdftoppm (poppler-utils)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for language in args.lang or sorted(SAMPLES):
            docx = folder / f"{SAMPLES[language]['iso3']}.{language}.docx"
            render(args.campaign, language, docx)
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{folder}/profile",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(folder),
                    str(docx),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
            pdf = docx.with_suffix(".pdf")
            subprocess.run(
                [
                    *("pdftoppm", "-png", "-r", str(args.dpi), "-f", "1", "-l", "1"),
                    *("-singlefile", str(pdf), str(args.out / language)),
                ],
                check=True,
                timeout=120,
            )
            pages = subprocess.run(
                ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True
            ).stdout
            count = next(
                line.split()[-1] for line in pages.splitlines() if line.startswith("Pages")
            )
            print(f"{language}: {pdf.name} {count} page(s) -> {args.out / language}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
