"""Contact intake: reading real-world files, checking every row, loading with history,
moving files safely, and the reports a sender reads."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from circular.contacts import (
    ProblemKind,
    check_file,
    find_drops,
    intake_file,
    intake_folder,
    summarise_contacts,
)
from circular.contacts import intake as intake_module
from circular.contacts.problems import problem_lines
from circular.contacts.reading import CHUNK_ROWS
from circular.countries import member_states
from circular.ledger import Contact, ContactChange, IntakeFile, IntakeStatus, Ledger
from circular.settings import Settings

BAD = Path(__file__).parents[1] / "data" / "contacts" / "bad"
BAD_FILES = sorted(
    path for path in BAD.iterdir() if path.is_file() and not path.name.endswith(".expected.txt")
)
NOW = datetime(2021, 2, 3, 9, 30, tzinfo=UTC)


def drop(settings: Settings, name: str, content: bytes | str, campaign: str = "") -> Path:
    """Write a file into the drop folder (or a campaign subfolder) as a sender would."""
    folder = settings.drop_folder / campaign if campaign else settings.drop_folder
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def contacts(ledger: Ledger, campaign: str = "cl-21-4") -> dict[str, Contact]:
    with ledger.session() as session:
        rows = session.scalars(select(Contact).where(Contact.campaign == campaign))
        return {contact.contact_key: contact for contact in rows}


def count(ledger: Ledger, model: type) -> int:
    with ledger.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


# --- the bad corpus: one file per problem, each with its expected report -------------------


@pytest.mark.parametrize("original", BAD_FILES, ids=lambda path: path.name)
def test_bad_file_is_rejected_unchanged_with_its_report(
    original: Path, settings: Settings, ledger: Ledger
) -> None:
    dropped = drop(settings, original.name, original.read_bytes())

    [result] = intake_folder(settings, ledger, now=NOW)

    assert result.status == IntakeStatus.REJECTED
    assert not dropped.exists()
    assert result.stored_path is not None
    assert result.stored_path.parent == settings.rejected_folder / "cl-21-4"
    assert result.stored_path.read_bytes() == original.read_bytes()
    report = Path(f"{result.stored_path}.report.txt").read_text(encoding="utf-8")
    expected = Path(f"{original}.expected.txt").read_text(encoding="utf-8").splitlines()
    assert problem_lines(report) == expected
    assert f"Contact file: {original.name}" in report
    assert count(ledger, Contact) == 0
    with ledger.session() as session:
        [record] = session.scalars(select(IntakeFile))
        assert record.status == IntakeStatus.REJECTED
        assert record.report == report == result.report
        assert record.stored_path == str(result.stored_path)


def test_bad_corpus_covers_every_problem_the_issue_names() -> None:
    kinds = {problem.kind for path in BAD_FILES for problem in check_file(path).problems}
    assert {
        ProblemKind.UNKNOWN_COUNTRY,
        ProblemKind.INVALID_EMAIL,
        ProblemKind.DUPLICATE_COUNTRY,
        ProblemKind.MISSING_COLUMN,
        ProblemKind.UNSUPPORTED_LANGUAGE,
        ProblemKind.UNREADABLE_ENCODING,
        ProblemKind.EMPTY_FILE,
    } <= kinds


def test_utf16_without_byte_order_mark_is_refused_clearly(settings: Settings) -> None:
    path = drop(settings, "nobom.csv", "country,email\nFRA,a@fra.example\n".encode("utf-16-le"))
    [problem] = check_file(path).problems
    assert problem.kind == ProblemKind.UNREADABLE_ENCODING
    assert "NUL bytes" in problem.detail and "byte-order mark" in problem.detail


def test_report_names_every_bad_row_not_only_the_first(settings: Settings) -> None:
    lines = ["country,email"] + [f"ATLANTIS{n},a{n}@x.example" for n in range(5)]
    path = drop(settings, "many.csv", "\n".join(lines) + "\n")
    rows = [problem.row for problem in check_file(path).problems]
    assert rows == [2, 3, 4, 5, 6]


# --- good files: encodings, delimiters, header variants -------------------------------------

ROWS = [
    ("France", "ministre@fra.example", "Ministère de l’Europe et des Affaires étrangères"),
    ("ESP", "ministro@esp.example", "Ministerio de Asuntos Exteriores, Unión Europea; Cooperación"),
    ("de", "minister@deu.example", "Auswärtiges Amt"),
]  # fmt: skip


def table(delimiter: str, newline: str = "\n") -> str:
    def quote(value: str) -> str:
        return f'"{value}"' if delimiter in value or '"' in value else value

    lines = [delimiter.join(["Country", "E-mail", "Ministry"])]
    lines += [delimiter.join(quote(value) for value in row) for row in ROWS]
    return newline.join(lines) + newline


VARIANTS = {
    "utf8-comma": table(",").encode("utf-8"),
    "utf8-bom-semicolon": table(";").encode("utf-8-sig"),
    "cp1252-semicolon-crlf": table(";", "\r\n").encode("cp1252"),
    # Excel "Unicode text": UTF-16 little-endian with BOM, tab-delimited, CRLF.
    "utf16-excel-unicode-text": table("\t", "\r\n").encode("utf-16"),
    "utf16-be-tab": b"\xfe\xff" + table("\t").encode("utf-16-be"),
    "utf8-tab": table("\t").encode("utf-8"),
    "trailing-empty-rows": (table(",", "\r\n") + ",,\r\n,,\r\n\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_good_file_variants_load_the_same_contacts(
    variant: str, settings: Settings, ledger: Ledger
) -> None:
    drop(settings, f"{variant}.csv", VARIANTS[variant])

    [result] = intake_folder(settings, ledger, now=NOW)

    assert result.status == IntakeStatus.LOADED, result.report
    assert result.rows == 3
    loaded = contacts(ledger)
    assert sorted(loaded) == ["DEU", "ESP", "FRA"]
    assert loaded["FRA"].ministry == ROWS[0][2]
    assert loaded["ESP"].ministry == ROWS[1][2]
    assert loaded["DEU"].ministry == ROWS[2][2]
    assert loaded["FRA"].email == "ministre@fra.example"
    assert result.stored_path is not None
    assert result.stored_path.read_bytes() == VARIANTS[variant]


HEADERS = {
    "es": ("País", "Correo electrónico", "Idioma", "Nombre"),
    "fr": ("Pays", "Adresse électronique", "Langue", "Nom"),
    "ru": ("Страна", "Электронная почта", "Язык", "ФИО"),
    "zh": ("国家", "电子邮件", "语言", "姓名"),
    "ar": ("البلد", "البريد الإلكتروني", "اللغة", "الاسم"),
    "en": ("COUNTRY", "Email address", "Language", "Full name"),
}


@pytest.mark.parametrize("language", sorted(HEADERS))
def test_headers_in_the_six_languages(language: str, settings: Settings) -> None:
    header = ",".join(HEADERS[language])
    path = drop(settings, "h.csv", f"{header}\nFRA,ministre@fra.example,fr,Jean\n")
    check = check_file(path)
    assert check.ok, check.problems
    assert check.columns is not None
    assert set(check.columns.fields) == {"country", "email", "language", "name"}


def test_countries_and_languages_in_any_of_six_languages(settings: Settings) -> None:
    path = drop(
        settings,
        "names.csv",
        "country,email,language\n"
        "Российская Федерация,a@rus.example,\n"
        "中国,b@chn.example,\n"
        "Espagne,c@esp.example,English\n"
        "NA,d@nam.example,français\n"
        "مصر,e@egy.example,AR\n",
    )
    rows = {row.iso3: row for row in iter_checked(path)}
    assert rows["RUS"].language == "ru"
    assert rows["CHN"].language == "zh"
    assert rows["ESP"].language == "en"
    # "NA" is Namibia, not a missing value.
    assert rows["NAM"].language == "fr"
    assert rows["EGY"].language == "ar"


def iter_checked(path: Path) -> list:
    from circular.contacts import iter_contacts

    check = check_file(path)
    assert check.ok, check.problems
    return list(iter_contacts(path, check))


@pytest.mark.both_databases
def test_values_are_kept_as_data(settings: Settings, ledger: Ledger) -> None:
    ministry = 'Ministry of "Foreign"\r\nAffairs {{ secret }} <w:t>x</w:t> \x07bell'
    drop(
        settings,
        "data.csv",
        "country,email,name,ministry,cc,Notes,Protocol rank\n"
        f'FRA,ministre@fra.example,"=HYPERLINK(""http://evil.example"")",'
        f'"{ministry.replace(chr(34), chr(34) * 2)}","a@fra.example; b@fra.example,c@fra.example",'
        "{% raw %},1\n",
    )
    [result] = intake_folder(settings, ledger, now=NOW)
    assert result.status == IntakeStatus.LOADED, result.report
    contact = contacts(ledger)["FRA"]
    assert contact.name == '=HYPERLINK("http://evil.example")'
    assert contact.ministry == ministry
    assert contact.cc == ["a@fra.example", "b@fra.example", "c@fra.example"]
    assert contact.extra == {"Notes": "{% raw %}", "Protocol rank": "1"}
    assert contact.language == "fr"


def test_quoted_newlines_keep_spreadsheet_row_numbers(settings: Settings) -> None:
    path = drop(
        settings,
        "multi.csv",
        'country,email,ministry\nFRA,a@fra.example,"line 1\nline 2\nline 3"\n\nESP,bad,x\n',
    )
    [problem] = check_file(path).problems
    # Header 1, FRA 2 (three lines), blank 3, ESP 4: as a spreadsheet shows it.
    assert (problem.row, problem.kind) == (4, ProblemKind.INVALID_EMAIL)


def test_row_numbers_hold_across_chunks(settings: Settings) -> None:
    states = member_states()
    per_country = CHUNK_ROWS // len(states) + 2
    lines = ["country,email"]
    for n in range(per_country):
        lines += [f"{state.iso3},c{n}@{state.iso3.lower()}.example" for state in states]
    bad_row = CHUNK_ROWS + 7
    lines[bad_row - 1] = "Atlantis,x@atlantis.example"
    path = drop(settings, "big.csv", "\n".join(lines) + "\n")
    check = check_file(path, contacts_per_country=per_country)
    assert [(p.row, p.value) for p in check.problems] == [(bad_row, "Atlantis")]
    assert check.rows == len(lines) - 1


# --- several contacts per country ------------------------------------------------------------


def test_several_contacts_per_country_when_the_campaign_allows(
    settings: Settings, ledger: Ledger
) -> None:
    body = "country,email\nFRA,a@fra.example\nFRA,b@fra.example\nESP,c@esp.example\n"
    drop(settings, "two.csv", body)
    [result] = intake_folder(settings, ledger, now=NOW, contacts_per_country=2)
    assert result.status == IntakeStatus.LOADED, result.report
    keys = ["ESP:c@esp.example", "FRA:a@fra.example", "FRA:b@fra.example"]
    assert sorted(contacts(ledger)) == keys


def test_limits_per_country_and_duplicate_contacts(settings: Settings) -> None:
    body = (
        "country,email\nFRA,a@fra.example\nFRA,b@fra.example\nFRA,c@fra.example\n"
        "ESP,c@esp.example\nESP,C@esp.example\n"
    )
    path = drop(settings, "three.csv", body)
    problems = check_file(path, contacts_per_country=2).problems
    assert [(p.row, p.kind) for p in problems] == [
        (4, ProblemKind.TOO_MANY_CONTACTS),
        (6, ProblemKind.DUPLICATE_COUNTRY),
    ]


# --- re-drops, updates, crash safety, never overwriting -------------------------------------

GOOD = "country,email,name\nFRA,ministre@fra.example,Jean\nESP,ministro@esp.example,Ana\n"


def test_the_same_bytes_again_are_recognised_not_loaded_twice(
    settings: Settings, ledger: Ledger
) -> None:
    drop(settings, "list.csv", GOOD)
    [first] = intake_folder(settings, ledger, now=NOW)
    drop(settings, "list.csv", GOOD)
    [second] = intake_folder(settings, ledger, now=NOW)

    assert first.status == IntakeStatus.LOADED
    assert second.status == IntakeStatus.DUPLICATE
    assert second.sha256 == first.sha256
    assert count(ledger, Contact) == 2
    assert count(ledger, ContactChange) == 0
    assert first.stored_path != second.stored_path
    assert first.stored_path and second.stored_path
    assert first.stored_path.read_text() == second.stored_path.read_text() == GOOD
    with ledger.session() as session:
        statuses = list(session.scalars(select(IntakeFile.status).order_by(IntakeFile.id)))
    assert statuses == ["loaded", "duplicate"]


@pytest.mark.both_databases
def test_a_newer_file_updates_contacts_and_keeps_the_history(
    settings: Settings, ledger: Ledger
) -> None:
    drop(settings, "v1.csv", GOOD)
    intake_folder(settings, ledger, now=NOW)
    before = contacts(ledger)["FRA"]
    newer = "country,email,name\nFRA,cabinet@fra.example,Jean\nITA,ministro@ita.example,Lia\n"
    drop(settings, "v2.csv", newer)

    [result] = intake_folder(settings, ledger, now=NOW)

    assert (result.inserted, result.updated, result.changes) == (1, 1, 1)
    after = contacts(ledger)
    assert sorted(after) == ["ESP", "FRA", "ITA"]  # a contact absent from v2 is kept
    assert after["FRA"].id == before.id
    assert after["FRA"].email == "cabinet@fra.example"
    with ledger.session() as session:
        [change] = session.scalars(select(ContactChange))
        record = session.scalars(select(IntakeFile).where(IntakeFile.name == "v2.csv")).one()
    assert (change.contact_id, change.field) == (before.id, "email")
    assert (change.old_value, change.new_value) == ("ministre@fra.example", "cabinet@fra.example")
    assert change.source_file_id == record.id


def test_crash_between_commit_and_move_is_finished_by_the_next_run(
    settings: Settings, ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    dropped = drop(settings, "list.csv", GOOD)

    def crash(source: Path, target: Path) -> Path:
        raise KeyboardInterrupt("power cut after the commit")

    with monkeypatch.context() as patch:
        patch.setattr(intake_module, "move_without_overwrite", crash)
        with pytest.raises(KeyboardInterrupt):
            intake_folder(settings, ledger, now=NOW)
    # The ledger has it, the file is still in the drop folder.
    assert dropped.exists()
    assert count(ledger, Contact) == 2

    [result] = intake_folder(settings, ledger, now=NOW)

    assert result.status == IntakeStatus.LOADED
    assert result.outcome == "resumed"
    assert not dropped.exists()
    assert result.stored_path and result.stored_path.read_text() == GOOD
    assert count(ledger, Contact) == 2
    assert count(ledger, IntakeFile) == 1
    with ledger.session() as session:
        assert session.scalars(select(IntakeFile.stored_path)).one() == str(result.stored_path)


def test_a_crash_while_loading_leaves_nothing_half_loaded(
    settings: Settings, ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    dropped = drop(settings, "list.csv", GOOD)
    loading = intake_module.load_contacts

    def crash_after_loading(*args: object, **kwargs: object) -> object:
        loading(*args, **kwargs)  # type: ignore[arg-type]
        raise KeyboardInterrupt("crash before the commit")

    with monkeypatch.context() as patch:
        patch.setattr(intake_module, "load_contacts", crash_after_loading)
        with pytest.raises(KeyboardInterrupt):
            intake_folder(settings, ledger, now=NOW)
    assert dropped.read_text() == GOOD
    assert count(ledger, Contact) == count(ledger, IntakeFile) == 0

    [result] = intake_folder(settings, ledger, now=NOW)
    assert result.status == IntakeStatus.LOADED
    assert count(ledger, Contact) == 2


def test_files_in_processed_are_never_overwritten(settings: Settings, ledger: Ledger) -> None:
    drop(settings, "list.csv", GOOD)
    [first] = intake_folder(settings, ledger, now=NOW)
    # Same name, same second, same bytes: a second drop must land beside, not on top.
    drop(settings, "list.csv", GOOD)
    [second] = intake_folder(settings, ledger, now=NOW)
    assert first.stored_path and second.stored_path
    assert first.stored_path.parent == second.stored_path.parent
    assert first.stored_path != second.stored_path
    assert len(list(first.stored_path.parent.iterdir())) == 2


# --- routing -------------------------------------------------------------------------------


def test_routing_by_folder_and_temporary_files_ignored(settings: Settings, ledger: Ledger) -> None:
    drop(settings, "top.csv", GOOD)
    drop(settings, "sub.csv", GOOD, campaign="cl-22-1")
    temporary = [
        drop(settings, "~$top.csv", "lock"),
        drop(settings, ".hidden.csv", GOOD),
        drop(settings, "download.csv.part", GOOD),
        drop(settings, "download.csv.crdownload", GOOD),
    ]
    results = {result.file: result for result in intake_folder(settings, ledger, now=NOW)}

    assert set(results) == {"top.csv", "sub.csv"}
    assert results["top.csv"].campaign == settings.default_campaign
    assert results["sub.csv"].campaign == "cl-22-1"
    assert results["sub.csv"].status == IntakeStatus.LOADED  # same bytes, other campaign
    assert all(path.exists() for path in temporary)
    assert sorted(contacts(ledger, "cl-22-1")) == ["ESP", "FRA"]


def test_a_folder_that_is_not_a_campaign_id_is_rejected(settings: Settings, ledger: Ledger) -> None:
    drop(settings, "list.csv", GOOD, campaign="My Campaign")
    [result] = intake_folder(settings, ledger, now=NOW)
    assert result.status == IntakeStatus.REJECTED
    assert result.problems[0].kind == ProblemKind.INVALID_CAMPAIGN
    assert result.stored_path and result.stored_path.read_text() == GOOD
    assert settings.rejected_folder in result.stored_path.parents
    assert count(ledger, Contact) == 0


def test_a_misspelt_campaign_folder_is_rejected_naming_the_known_campaigns(
    settings: Settings, ledger: Ledger
) -> None:
    original = GOOD.encode("utf-8") + b"\r\n"  # the exact bytes must come back
    drop(settings, "ministers.csv", original, campaign="cl-21-04")
    [result] = intake_folder(settings, ledger, now=NOW)
    assert result.status == IntakeStatus.REJECTED
    assert [problem.kind for problem in result.problems] == [ProblemKind.UNKNOWN_CAMPAIGN]
    assert str(result.problems[0]) == (
        f"file: unknown campaign: no campaign 'cl-21-04' in {settings.letters_dir} "
        "(CIRCULAR_LETTERS_DIR); did you mean cl-21-4? known campaigns: cl-21-4, cl-22-1, "
        "cl-30-1. Drop the file again into the folder of its campaign."
    )
    assert result.stored_path is not None
    assert result.stored_path.parent == settings.rejected_folder / "cl-21-04"
    assert result.stored_path.read_bytes() == original
    report = Path(f"{result.stored_path}.report.txt").read_text(encoding="utf-8")
    assert "known campaigns: cl-21-4, cl-22-1, cl-30-1" in report
    assert count(ledger, Contact) == 0
    assert not list(settings.drop_folder.rglob("*.csv"))


def test_a_file_that_cannot_be_opened_does_not_stop_the_others(
    settings: Settings, ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = drop(settings, "locked.csv", GOOD)
    drop(settings, "good.csv", GOOD, campaign="cl-22-1")
    real = intake_module.fingerprint_file

    def share_lock(path: Path):  # what Windows shares answer while Excel holds the file
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(intake_module, "fingerprint_file", share_lock)
    results = {r.file: r for r in intake_folder(settings, ledger, now=NOW)}
    assert results["good.csv"].status == IntakeStatus.LOADED
    assert results["locked.csv"].outcome == "could not be opened"
    assert "Permission denied" in str(results["locked.csv"].problems[0])
    assert locked.exists()


def test_find_drops_oldest_first(settings: Settings) -> None:
    import os

    older = drop(settings, "b.csv", GOOD)
    newer = drop(settings, "a.csv", GOOD, campaign="cl-22-1")
    os.utime(older, (1_000_000, 1_000_000))
    os.utime(newer, (2_000_000, 2_000_000))
    assert [path for path, _ in find_drops(settings.drop_folder, "cl-21-4")] == [older, newer]


def test_intake_file_directly(settings: Settings, ledger: Ledger) -> None:
    path = drop(settings, "list.csv", GOOD)
    result = intake_file(path, "cl-30-1", settings, ledger, now=NOW)
    assert (result.status, result.campaign, result.rows) == ("loaded", "cl-30-1", 2)


def test_summarise_contacts_counts_per_language(settings: Settings, ledger: Ledger) -> None:
    drop(settings, "list.csv", GOOD + "CHN,buzhang@chn.example,\nRUS,ministr@rus.example,\n")
    intake_folder(settings, ledger, now=NOW)
    summary = summarise_contacts(ledger, "cl-21-4")
    assert summary == {"ar": 0, "en": 0, "es": 1, "fr": 1, "ru": 1, "zh": 1}


# --- the command line -------------------------------------------------------------------------


def test_cli_intake_rejects_with_exit_code_1(settings: Settings, monkeypatch: pytest.MonkeyPatch):
    from circular.cli import _register, app

    _register()
    for name, value in (
        ("DATA_DIR", settings.data_dir),
        ("PROCESSED_FOLDER", settings.processed_folder),
        ("LETTERS_DIR", settings.letters_dir),
        ("REJECTED_FOLDER", settings.rejected_folder),
    ):
        monkeypatch.setenv(f"CIRCULAR_{name}", str(value))
    drop(settings, "good.csv", GOOD, campaign="cl-22-1")
    shutil.copy(BAD / "unknown-country.csv", settings.drop_folder / "x.csv")
    runner = CliRunner()

    result = runner.invoke(app, ["intake", "--folder", str(settings.drop_folder)])

    assert result.exit_code == 1, result.output
    assert "rejected" in result.output and "loaded" in result.output
    assert 'value "Atlantis": unknown country' in result.output
    assert "x.csv.report.txt" in result.output

    drop(settings, "good.csv", GOOD.replace("Ana", "Eva"), campaign="cl-22-1")
    again = runner.invoke(app, ["intake", "--folder", str(settings.drop_folder)])
    assert again.exit_code == 0, again.output
    assert "1 updated" in again.output


# --- the sample and the demo ----------------------------------------------------------------


@pytest.mark.both_databases
def test_the_sample_loads_one_contact_per_member_state_in_six_languages(
    settings: Settings, ledger: Ledger
) -> None:
    from datetime import date

    from demo.run import SAMPLE_CONTACTS

    drop(settings, SAMPLE_CONTACTS.name, SAMPLE_CONTACTS.read_bytes())
    [result] = intake_folder(settings, ledger, now=NOW)
    assert result.status == IntakeStatus.LOADED, result.report
    loaded = contacts(ledger)
    assert set(loaded) == {state.iso3 for state in member_states(date(2021, 2, 3))}
    summary = summarise_contacts(ledger, "cl-21-4")
    assert all(summary[language] > 0 for language in summary)
    assert sum(summary.values()) == len(loaded) == 193
