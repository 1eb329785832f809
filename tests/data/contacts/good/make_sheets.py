"""Writes the workbook contact files of ``good/`` and ``bad/`` (run once, from the project root).

openpyxl writes each workbook; LibreOffice Calc (``soffice --convert-to``) then saves it as
.xlsx, .ods and .xls, which computes the formulas' values as Excel would have saved them
(openpyxl stores formulas without values). Needs ``libreoffice-calc-nogui``; the files are
committed, so the tests need neither.
"""

# ruff: noqa: E501 (rows of data read best one per line)
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
BAD = HERE.parent / "bad"
HEADER = ["Country", "E-mail", "Title", "Name", "Ministry", "Phone", "Since", "Reference"]
MINISTERS = [
    ["RUS", "minister@rus.example", "г-н", "Тимур Маратович Ахметов", "Министерство цифрового развития"],
    ["SAU", "minister@sau.example", "معالي السيد", "أحمد سالم المنصوري", "وزارة الاتصالات"],
    ["CHN", "buzhang@chn.example", "阁下", "张伟", "工业和信息化部"],
    ["FRA", "ministre@fra.example", "S.E. Mme", "Claire Dubois", "Ministère de l'Économie"],
    ["ESP", "ministra@esp.example", "Excma. Sra.", "María José Núñez", "Ministerio para la Transformación Digital"],
]  # fmt: skip


def ministers_sheet(book: openpyxl.Workbook) -> None:
    sheet = book.create_sheet("Ministers")
    sheet.append(HEADER)
    for number, row in enumerate(MINISTERS, start=2):
        # A phone number typed as a number, a date, and a formula whose value is the text.
        sheet.append([*row, 41227305111 + number, dt.date(2021, 2, number), f'="CL-21/"&{number}'])


def good_workbook() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Read me"  # the first sheet is not the contacts: the file's name says which
    cover.append(["Contacts of the Ministers, see sheet Ministers"])
    ministers_sheet(book)
    return book


def merged_header() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["Country", "E-mail", "Name", None])
    sheet.append(["FRA", "ministre@fra.example", "Claire", "Dubois"])
    sheet.merge_cells("C1:D1")  # "Name" over first and last name
    return book


def bad_email() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["Country", "Name", "Ministry", "E-mail"])
    for row in range(2, 17):
        code = ["FRA", "ESP", "DEU", "ITA", "PRT", "BEL", "NLD", "AUT", "CHE", "POL", "SWE",
                "NOR", "DNK", "FIN", "IRL"][row - 2]  # fmt: skip
        sheet.append([code, f"Name {row}", "Ministry", f"minister@{code.lower()}.example"])
    sheet.append(["GRC", "Name 17", "Ministry", "minister at grc.example"])  # row 17: D17
    return book


def save_as(book: openpyxl.Workbook, target: Path, suffix: str = "") -> None:
    """``book`` saved by LibreOffice Calc in the format of ``suffix`` (default: the target's)."""
    suffix = suffix or target.suffix
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice Calc is needed: apt-get install libreoffice-calc-nogui"
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "source.xlsx"
        book.save(source)
        profile = Path(work, "profile").as_uri()
        fmt = {".xlsx": "xlsx:Calc MS Excel 2007 XML", ".xls": "xls:MS Excel 97", ".ods": "ods"}
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", fmt[suffix], "--outdir", work + "/out", str(source)]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, timeout=180)
        shutil.copyfile(Path(work, "out", f"source{suffix}"), target)


def main() -> None:
    for suffix in (".xlsx", ".ods", ".xls"):
        save_as(good_workbook(), HERE / f"ministers#Ministers{suffix}")
    save_as(merged_header(), BAD / "merged-header.xlsx")
    save_as(bad_email(), BAD / "invalid-email-in-cell.xlsx")
    save_as(good_workbook(), BAD / "missing-sheet.ods#Contacts", ".ods")


if __name__ == "__main__":
    main()
