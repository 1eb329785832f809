"""Contact intake: every file in the drop folder is checked, loaded into the ledger for its
campaign, then moved, byte for byte unchanged, to ``processed/`` or (with a report) to
``rejected/``.

Routing: ``<drop>/<campaign-id>/file.csv`` belongs to that campaign; a file at the top of the
drop folder belongs to ``settings.default_campaign``. A campaign is known when
``<letters_dir>/<id>/campaign.yaml`` exists: a file for any other (a misspelt folder) is
rejected with a report naming the known campaigns. Temporary files (``~$*``, ``.*``,
``*.part``, ``*.crdownload``, ``*.tmp``) are left alone.

Crash safety: the ledger is committed first (with the path the file will be moved to), the file
is moved after. A crash in between leaves the file in the drop folder; the next run recognises
it by its sha256 and finishes the move instead of loading it again.
"""

from __future__ import annotations

import difflib
import enum
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from circular.campaign_id import check_campaign_id
from circular.contacts.checking import (
    FileCheck,
    check_file,
    detection,
    fingerprint_file,
    iter_contacts,
)
from circular.contacts.loading import LoadCounts, load_contacts
from circular.contacts.problems import Problem, ProblemKind, render_report
from circular.contacts.reading import FileFingerprint, UnreadableFile
from circular.ledger import IntakeFile, IntakeStatus, Ledger
from circular.settings import Settings

_TEMPORARY_PREFIXES = ("~$", ".")
_TEMPORARY_SUFFIXES = (".part", ".crdownload", ".tmp", ".partial", ".download", "~")
REPORT_SUFFIX = ".report.txt"


class Outcome(enum.StrEnum):
    """How ``intake_file`` reached its status (for messages; the status is what counts)."""

    NEW = "new"
    RESUMED = "resumed"  # the ledger already had it: a crash came between commit and move
    CHANGED_WHILE_READING = "changed while reading"
    NOT_OPENED = "could not be opened"  # locked or unreadable now: left for the next run


@dataclass
class IntakeResult:
    """What became of one dropped file."""

    file: str
    campaign: str
    sha256: str
    status: IntakeStatus
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    stored_path: Path | None = None
    report: str = ""
    inserted: int = 0
    updated: int = 0
    changes: int = 0
    outcome: Outcome = Outcome.NEW


def is_temporary(path: Path) -> bool:
    """True for files that are not (yet) real drops: Office lock files, hidden files and
    partial downloads."""
    name = path.name
    return name.startswith(_TEMPORARY_PREFIXES) or name.lower().endswith(_TEMPORARY_SUFFIXES)


def find_drops(drop_folder: Path, default_campaign: str) -> list[tuple[Path, str]]:
    """The files waiting in ``drop_folder`` with the campaign each belongs to, oldest first
    (so that a newer file for a campaign updates what an older one loaded)."""
    drops: list[tuple[Path, str]] = []
    if not drop_folder.is_dir():
        return drops
    for entry in drop_folder.iterdir():
        if is_temporary(entry):
            continue
        if entry.is_file():
            drops.append((entry, default_campaign))
        elif entry.is_dir():
            drops.extend(
                (inner, entry.name)
                for inner in entry.iterdir()
                if inner.is_file() and not is_temporary(inner)
            )
    drops.sort(key=lambda drop: (_mtime(drop[0]), str(drop[0])))
    return drops


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:  # gone since it was listed: it sorts first and is reported as such
        return 0


def intake_folder(
    settings: Settings,
    ledger: Ledger,
    *,
    now: datetime | None = None,
    contacts_per_country: int = 1,
) -> list[IntakeResult]:
    """Take in every file of the drop folder; one result per file, in the order handled."""
    results = []
    for path, campaign in find_drops(settings.drop_folder, settings.default_campaign):
        try:
            result = intake_file(
                path, campaign, settings, ledger, now=now, contacts_per_country=contacts_per_country
            )
        except OSError as error:
            # Locked by the program that is writing it, or removed meanwhile: one file's
            # trouble must not stop the others; it stays where it is for the next run.
            result = IntakeResult(
                path.name,
                campaign,
                "",
                IntakeStatus.REJECTED,
                problems=[Problem(ProblemKind.UNREADABLE_ENCODING, f"cannot open it: {error}")],
                outcome=Outcome.NOT_OPENED,
            )
        results.append(result)
    return results


def intake_file(
    path: Path,
    campaign: str,
    settings: Settings,
    ledger: Ledger,
    *,
    now: datetime | None = None,
    contacts_per_country: int = 1,
) -> IntakeResult:
    """Check ``path``, load it into ``campaign`` if every row is valid, and move it away.

    Returns the result; never raises for a bad file (the problems are in the result and in
    the report beside the rejected file)."""
    when = now or datetime.now(UTC)
    known = fingerprint_file(path)
    previous = _previous_loads(ledger, campaign, known.sha256)
    for record in previous:
        if record.stored_path and not Path(record.stored_path).exists():
            return _finish_interrupted(path, record)
    problems = _campaign_problems(campaign, settings.letters_dir) + _size_problems(known, settings)
    if not problems and any(r.status == IntakeStatus.LOADED for r in previous):
        return _duplicate(path, campaign, known, settings, ledger, when)
    check = FileCheck(known, problems=problems)
    if not problems:
        check = check_file(
            path,
            contacts_per_country=contacts_per_country,
            known=known,
            sheet=settings.contact_sheet,
            smtputf8=settings.contacts_smtputf8,
        )
    if not check.ok:
        return _reject(path, campaign, check, settings, ledger, when)
    return _load(path, campaign, check, settings, ledger, when, contacts_per_country)


def known_campaigns(letters_dir: Path) -> list[str]:
    """The ids of the campaigns defined in ``letters_dir`` (folders with a campaign.yaml)."""
    from circular.campaign import CAMPAIGN_FILE

    if not letters_dir.is_dir():
        return []
    return sorted(
        entry.name for entry in letters_dir.iterdir() if (entry / CAMPAIGN_FILE).is_file()
    )


def _campaign_problems(campaign: str, letters_dir: Path | None = None) -> list[Problem]:
    try:
        check_campaign_id(campaign)
    except ValueError as error:
        return [Problem(ProblemKind.INVALID_CAMPAIGN, str(error))]
    if letters_dir is None:
        return []
    known = known_campaigns(letters_dir)
    if campaign in known:
        return []
    # A misspelt folder (cl-21-04 for cl-21-4) must not load contacts into a campaign no
    # letter, sending or report will ever look at.
    close = difflib.get_close_matches(campaign, known, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    listed = ", ".join(known) if known else "none"
    detail = (
        f"no campaign {campaign!r} in {letters_dir} (CIRCULAR_LETTERS_DIR); {hint}"
        f"known campaigns: {listed}. Drop the file again into the folder of its campaign."
    )
    return [Problem(ProblemKind.UNKNOWN_CAMPAIGN, detail)]


def _size_problems(known: FileFingerprint, settings: Settings) -> list[Problem]:
    # Checked before any row is read: 193 Member States fit in well under a megabyte, so a
    # file this large is an export gone wrong, and reading it would only hold up the others.
    limit = settings.max_contact_file_bytes
    if known.size <= limit:
        return []
    detail = (
        f"the file has {known.size:,} bytes, more than the {limit:,} bytes allowed "
        "(CIRCULAR_MAX_CONTACT_FILE_BYTES); a contact list of the 193 Member States is far "
        "smaller: check that the right file was exported"
    )
    return [Problem(ProblemKind.FILE_TOO_LARGE, detail)]


def _previous_loads(ledger: Ledger, campaign: str, sha256: str) -> list[IntakeFile]:
    with ledger.session() as session:
        query = (
            select(IntakeFile)
            .where(IntakeFile.campaign == campaign[:64], IntakeFile.sha256 == sha256)
            .order_by(IntakeFile.id)
        )
        return list(session.scalars(query))


def _folder_name(campaign: str) -> str:
    # A campaign folder that is not a valid id must not become a path (it could be "..").
    return campaign if not _campaign_problems(campaign) else "_invalid-campaign"


def _target(folder: Path, campaign: str, name: str, sha256: str, when: datetime) -> Path:
    """A path in ``folder/<campaign>/`` that no file has: timestamp and sha prefix, then a
    counter if that is taken too. Files there are never overwritten."""
    stamp = when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = folder / _folder_name(campaign) / f"{stamp}-{sha256[:12]}-{name}"
    candidate, counter = base, 1
    while candidate.exists() or Path(f"{candidate}{REPORT_SUFFIX}").exists():
        counter += 1
        candidate = base.with_name(f"{base.stem}-{counter}{base.suffix}")
    return candidate


def move_without_overwrite(source: Path, target: Path) -> Path:
    """Move ``source`` to ``target`` byte for byte; if ``target`` appeared meanwhile, to a
    free name beside it. Returns where the file now is."""
    target.parent.mkdir(parents=True, exist_ok=True)
    candidate, counter = target, 1
    while True:
        try:
            # A hard link fails when the name exists, so nothing is ever overwritten.
            os.link(source, candidate)
            break
        except FileExistsError:
            counter += 1
            candidate = target.with_name(f"{target.stem}-{counter}{target.suffix}")
        except OSError:
            # Another file system, or one without hard links: copy to a new file ("x" mode
            # refuses an existing name), then flush it to disk before the original goes.
            try:
                with source.open("rb") as reader, candidate.open("xb") as writer:
                    shutil.copyfileobj(reader, writer)
                    writer.flush()
                    os.fsync(writer.fileno())
                break
            except FileExistsError:
                counter += 1
                candidate = target.with_name(f"{target.stem}-{counter}{target.suffix}")
    source.unlink()
    return candidate


def _record(
    ledger: Ledger,
    path: Path,
    campaign: str,
    known: FileFingerprint,
    status: IntakeStatus,
    report: str,
    target: Path,
    rows: int,
    when: datetime,
) -> int:
    with ledger.session() as session:
        record = IntakeFile(
            campaign=campaign[:64],
            name=path.name,
            sha256=known.sha256,
            size=known.size,
            status=status,
            rows=rows,
            report=report,
            stored_path=str(target),
            received_at=when,
        )
        session.add(record)
        session.flush()
        return record.id


def _store(ledger: Ledger, record_id: int, path: Path, target: Path) -> Path:
    """Move the file after its record is committed; fix the record if the name changed."""
    stored = move_without_overwrite(path, target)
    if stored != target:
        with ledger.session() as session:
            record = session.get(IntakeFile, record_id)
            if record is not None:
                record.stored_path = str(stored)
    return stored


def _duplicate(
    path: Path,
    campaign: str,
    known: FileFingerprint,
    settings: Settings,
    ledger: Ledger,
    when: datetime,
) -> IntakeResult:
    report = f"{path.name}: the same bytes (sha256 {known.sha256}) were already loaded"
    target = _target(settings.processed_folder, campaign, path.name, known.sha256, when)
    record_id = _record(
        ledger, path, campaign, known, IntakeStatus.DUPLICATE, report, target, 0, when
    )
    stored = _store(ledger, record_id, path, target)
    return IntakeResult(
        path.name, campaign, known.sha256, IntakeStatus.DUPLICATE, stored_path=stored, report=report
    )


def _reject(
    path: Path,
    campaign: str,
    check: FileCheck,
    settings: Settings,
    ledger: Ledger,
    when: datetime,
) -> IntakeResult:
    sha256 = check.fingerprint.sha256
    report = render_report(
        file_name=path.name,
        campaign=campaign,
        sha256=sha256,
        problems=check.problems,
        omitted=check.omitted,
        encoding=detection(check),
    )
    target = _target(settings.rejected_folder, campaign, path.name, sha256, when)
    record_id = _record(
        ledger, path, campaign, check.fingerprint, IntakeStatus.REJECTED, report, target,
        check.rows, when,
    )  # fmt: skip
    stored = _store(ledger, record_id, path, target)
    _write_report(stored, report)
    return IntakeResult(
        path.name,
        campaign,
        sha256,
        IntakeStatus.REJECTED,
        rows=check.rows,
        problems=list(check.problems),
        stored_path=stored,
        report=report,
    )


def _write_report(stored: Path, report: str) -> None:
    report_path = Path(f"{stored}{REPORT_SUFFIX}")
    report_path.write_text(report, encoding="utf-8")


def _load(
    path: Path,
    campaign: str,
    check: FileCheck,
    settings: Settings,
    ledger: Ledger,
    when: datetime,
    contacts_per_country: int,
) -> IntakeResult:
    sha256 = check.fingerprint.sha256
    target = _target(settings.processed_folder, campaign, path.name, sha256, when)
    before = _stat(path)
    try:
        with ledger.session() as session:
            record = IntakeFile(
                campaign=campaign,
                name=path.name,
                sha256=sha256,
                size=check.fingerprint.size,
                status=IntakeStatus.LOADED,
                stored_path=str(target),
                received_at=when,
            )
            session.add(record)
            session.flush()
            record_id = record.id
            counts = load_contacts(
                session,
                campaign,
                record_id,
                iter_contacts(path, check),
                contacts_per_country=contacts_per_country,
            )
            if _stat(path) != before:
                # Someone is still writing the file: roll back and take it next time.
                raise _ChangedWhileReading
            record = session.get(IntakeFile, record_id)
            assert record is not None
            record.rows = counts.rows
            record.report = _load_summary(path.name, counts, check)
    except (_ChangedWhileReading, UnreadableFile):
        return IntakeResult(
            path.name,
            campaign,
            sha256,
            IntakeStatus.REJECTED,
            problems=[Problem(ProblemKind.MALFORMED_ROW, "the file changed while it was read")],
            outcome=Outcome.CHANGED_WHILE_READING,
        )
    # Committed: only now does the file leave the drop folder.
    stored = _store(ledger, record_id, path, target)
    return IntakeResult(
        path.name,
        campaign,
        sha256,
        IntakeStatus.LOADED,
        rows=counts.rows,
        stored_path=stored,
        report=_load_summary(path.name, counts, check),
        inserted=counts.inserted,
        updated=counts.updated,
        changes=counts.changes,
    )


class _ChangedWhileReading(Exception):
    """The file's size or modification time changed between the checks and the load."""


def _stat(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _load_summary(name: str, counts: LoadCounts, check: FileCheck) -> str:
    return (
        f"{name}: loaded {counts.rows} contacts ({counts.inserted} new, {counts.updated} "
        f"updated with {counts.changes} changed fields, {counts.unchanged} unchanged); "
        f"read as {detection(check)}"
    )


def _finish_interrupted(path: Path, record: IntakeFile) -> IntakeResult:
    """A previous run committed this file but crashed before moving it: finish the move."""
    target = Path(record.stored_path)
    stored = move_without_overwrite(path, target)
    if record.status == IntakeStatus.REJECTED:
        _write_report(stored, record.report)
    return IntakeResult(
        path.name,
        record.campaign,
        record.sha256,
        IntakeStatus(record.status),
        rows=record.rows,
        stored_path=stored,
        report=record.report,
        outcome=Outcome.RESUMED,
    )
