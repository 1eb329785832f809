"""A campaign's definition, read from ``letters/<id>/campaign.yaml``.

Everything a letter says that is not about its addressee comes from this one file: the
reference, the office, the signatory, the reply inbox, and every date (the letter's, the reply
deadline, the event dates). Reminders and acknowledgements follow its ``reminders`` policy.

The file is read with ``yaml.safe_load`` only: a file carrying Python tags (``!!python/...``)
is refused. Validation errors name the file and the field at fault.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Self, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
import yaml
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from circular.campaign_id import check_campaign_id

if TYPE_CHECKING:
    from circular.settings import Settings

#: The six official languages of the United Nations, in which letters are written.
Language = Literal["ar", "en", "es", "fr", "ru", "zh"]
LANGUAGES: tuple[str, ...] = ("ar", "en", "es", "fr", "ru", "zh")

#: The kinds of template a campaign has, one file per kind and language.
TemplateKind = Literal["letter", "email", "reminder", "ack"]
TEMPLATE_KINDS: tuple[str, ...] = ("letter", "email", "reminder", "ack")

CAMPAIGN_FILE = "campaign.yaml"

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: A text in each language (``{es: ..., en: ...}``), or one text for all (a phone number).
Localized = str | dict[Language, str]


def _check_address(value: str) -> str:
    # test_environment admits the reserved *.test domains the sandbox and tests use.
    try:
        validate_email(value, check_deliverability=False, test_environment=True)
    except EmailNotValidError as error:
        raise ValueError(f"{value!r} is not a valid e-mail address: {error}") from None
    return value


#: An e-mail address, kept as written.
Address = Annotated[str, AfterValidator(_check_address)]


class CampaignError(ValueError):
    """A campaign file that cannot be used; the message names the file and the field."""


class _Model(BaseModel):
    # Unknown keys are refused: a misspelt key ("deadine") must not be silently ignored.
    model_config = ConfigDict(extra="forbid", frozen=True)


def _text(value: Localized, language: str) -> str:
    return value if isinstance(value, str) else value[language]  # type: ignore[index]


class Person(_Model):
    """The contact person named in the letter's header."""

    name: Localized
    phone: str = Field(min_length=1)
    email: Address


class Signatory(_Model):
    """Who signs the letter."""

    name: Localized
    title: Localized


class Sender(_Model):
    """How the campaign's mail goes out: the From address, and the domain used in
    Message-IDs and envelope senders (``bounces+<token>@<domain>``)."""

    name: Localized
    address: Address
    domain: str = Field(pattern=r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9-]+)+$")
    bounce_local_part: str = Field("bounces", pattern=r"^[A-Za-z0-9._-]+$")


class Deadline(_Model):
    """The reply deadline: a day in a time zone. Replies count until the end of that day."""

    date: date
    timezone: str

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r}; use an IANA name such as 'Europe/Zurich'"
            ) from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        """The deadline's time zone."""
        return ZoneInfo(self.timezone)

    @property
    def at(self) -> datetime:
        """The last instant of the deadline day in its time zone (23:59:59, aware)."""
        return datetime.combine(self.date, time(23, 59, 59), tzinfo=self.zone)


class Event(_Model):
    """A span of days (one day when ``end`` is left out)."""

    start: date
    end: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    @property
    def last(self) -> date:
        """The last day of the event."""
        return self.end or self.start


def _time_of_day(value: Any, field: str) -> Any:
    """YAML 1.1 reads an unquoted 09:00 as the sexagesimal integer 540: accept it as minutes."""
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value < 24 * 60:
            raise ValueError(f"{field} {value} is not a time of day; write '09:00'")
        return time(value // 60, value % 60)
    return value


class SecretariatCalendar(_Model):
    """The secretariat's days off: the public holidays of ``country`` (ISO alpha-2) and of its
    ``subdivision`` (a canton, a state) as the ``holidays`` package knows them, plus the
    organisation's own ``closing_days``. Its working week is ``reminders.working_days``.
    Reminder waves, acknowledgements and the deadline check skip these days."""

    country: str = Field(pattern=r"^[A-Z]{2}$")
    subdivision: str | None = None
    closing_days: list[date] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_to_holidays(self) -> Self:
        supported = holidays.list_supported_countries()
        if self.country not in supported:
            raise ValueError(
                f"calendar.country: {self.country!r} is not a country the holidays package "
                "knows; use an ISO alpha-2 code such as 'CH'"
            )
        subdivisions = supported[self.country]
        if self.subdivision is not None and self.subdivision not in subdivisions:
            raise ValueError(
                f"calendar.subdivision: {self.subdivision!r} is not a subdivision of "
                f"{self.country}; known: {', '.join(subdivisions)}"
            )
        return self


class SendWindow(_Model):
    """The hours, in each recipient's own time zone, in which mail may reach them
    (``start`` to ``end``, default 09:00–11:00). Reminders always keep to it; invitations do
    when ``invitations`` is true."""

    start: time = time(9, 0)
    end: time = time(11, 0)
    invitations: bool = False

    @field_validator("start", "end", mode="before")
    @classmethod
    def _hh_mm(cls, value: Any) -> Any:
        return _time_of_day(value, "send_window")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end <= self.start:
            raise ValueError(
                f"send_window: end {self.end:%H:%M} is not after start {self.start:%H:%M}"
            )
        return self


class ReminderPolicy(_Model):
    """When reminders go out before the deadline, and whether acceptances are acknowledged.

    ``waves`` are offsets in days before the deadline day (``[14, 5, 1]``), earliest wave
    first; a wave that falls on a day off of the secretariat (``working_days``, the campaign's
    ``calendar``) moves to the working day before it, and each recipient gets it in their own
    ``send_window``. The schedule itself is computed by ``circular.followups.waves``.
    ``send_time`` is the older single sending time: a campaign file without ``send_window``
    gets a two-hour window opening then.
    """

    waves: list[Annotated[int, Field(ge=1, le=365)]] = Field(default_factory=lambda: [14, 5, 1])
    send_time: time = time(9, 0)
    working_days: list[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]] = Field(
        default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"], min_length=1
    )
    max_per_contact: int = Field(3, ge=0)
    acknowledgement: bool = True

    @field_validator("waves")
    @classmethod
    def _distinct_waves(cls, value: list[int]) -> list[int]:
        if len(set(value)) != len(value):
            raise ValueError(f"waves must be distinct offsets in days, got {value}")
        # Earliest wave first: wave 1 is the one furthest from the deadline.
        return sorted(value, reverse=True)

    @field_validator("send_time", mode="before")
    @classmethod
    def _hh_mm(cls, value: Any) -> Any:
        return _time_of_day(value, "send_time")

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a day reminders may be sent on."""
        return _WEEKDAYS[day.weekday()] in self.working_days


class WebPolicy(_Model):
    """The personal confirmation page (``circular.web``): a contact's link works until the end
    of the deadline day plus ``grace_days`` (answers may be changed until the deadline; in the
    grace period a late first answer is still taken), and the preferred day is chosen among the
    days of the event ``days_from``."""

    grace_days: int = Field(7, ge=0, le=365)
    #: "" (the default): the event ``high_level`` when there is one, else no choice of day.
    days_from: str = ""
    #: The campaign's public page (a name in ``links``): what a Word letter rendered without a
    #: personal link (``circular render --contacts FILE``) shows and encodes in its QR code
    #: instead. "" (the default): the link ``high_level`` when there is one.
    public_page: str = ""


class Templates(_Model):
    """File names of the templates, relative to the campaign folder; ``{lang}`` is replaced
    by the language code."""

    letter: str = "letter.{lang}.docx"
    email: str = "email.{lang}.txt"
    reminder: str = "reminder.{lang}.txt"
    ack: str = "ack.{lang}.txt"

    @field_validator("letter", "email", "reminder", "ack")
    @classmethod
    def _safe_name(cls, value: str) -> str:
        # A template name is joined to the campaign folder: it must stay inside it.
        if "{lang}" not in value:
            raise ValueError(f"{value!r} must contain '{{lang}}' (one file per language)")
        if "/" in value or "\\" in value or value.startswith("."):
            raise ValueError(f"{value!r} must be a plain file name inside the campaign folder")
        return value


class Campaign(_Model):
    """One campaign, as defined by its ``campaign.yaml``."""

    id: str
    reference: str = Field(min_length=1)
    languages: list[Language] = Field(default_factory=lambda: list(LANGUAGES), min_length=1)
    title: Localized
    office: Localized
    place: Localized
    date: date
    contact: Person
    signatory: Signatory
    reply_inbox: Address
    sender: Sender
    deadline: Deadline
    events: dict[str, Event] = Field(default_factory=dict)
    #: The names replies give the event, per language ("WSIS", "Forum", "高级别"): a meeting
    #: named after "instead" or "not X but Y" is this event only when one of these names is
    #: there (``circular.replies.safety``). None named (the default): every such meeting may be
    #: another event, and the reply goes to a person.
    event_names: dict[Language, list[str]] = Field(default_factory=dict)
    links: dict[str, Localized] = Field(default_factory=dict)
    reminders: ReminderPolicy = Field(default_factory=ReminderPolicy)
    contacts_per_country: int = Field(1, ge=1)
    templates: Templates = Field(default_factory=Templates)
    #: What each letter's e-mail carries, in this order: the PDF (it cannot be edited and
    #: looks the same everywhere) and the DOCX. Sending refuses to start without the PDFs.
    attach: list[Literal["pdf", "docx"]] = Field(
        default_factory=lambda: ["pdf", "docx"], min_length=1
    )
    #: PDF/A-2b letters, for campaigns whose letters go to an archive.
    archive: bool = False
    #: A PNG of the signature, in the campaign folder, placed above the signatory's name.
    signature: str | None = None
    #: The secretariat's holidays and closing days (None: only ``reminders.working_days``).
    calendar: SecretariatCalendar | None = None
    #: When mail may reach a recipient, in their time zone.
    send_window: SendWindow = Field(default_factory=SendWindow)
    web: WebPolicy = Field(default_factory=WebPolicy)
    #: The folder the campaign was loaded from (not part of the file).
    folder: Path | None = Field(None, exclude=True)

    @field_validator("id")
    @classmethod
    def _campaign_id(cls, value: str) -> str:
        return check_campaign_id(value)

    @field_validator("attach")
    @classmethod
    def _distinct_attachments(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError(f"attachments are repeated: {value}")
        return value

    @field_validator("signature")
    @classmethod
    def _signature_png(cls, value: str | None) -> str | None:
        # Joined to the campaign folder: it must stay inside it, and be a PNG.
        if value is None:
            return value
        if "/" in value or "\\" in value or value.startswith("."):
            raise ValueError(f"{value!r} must be a plain file name inside the campaign folder")
        if not value.lower().endswith(".png"):
            raise ValueError(f"{value!r} must be a PNG image (.png)")
        return value

    @property
    def signature_path(self) -> Path | None:
        """The signature image's file, when the campaign has one."""
        if self.signature is None or self.folder is None:
            return None
        return self.folder / self.signature

    @field_validator("languages")
    @classmethod
    def _distinct_languages(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError(f"languages are repeated: {value}")
        return value

    @field_validator("events", "links")
    @classmethod
    def _template_names(cls, value: dict[str, Any]) -> dict[str, Any]:
        # Keys become template names (campaign.events.final_week). Jinja looks attributes up
        # before keys, so a key named like a dict method ("items") would never be reached.
        for key in value:
            if not key.isidentifier() or key.startswith("_") or hasattr(dict, key):
                raise ValueError(
                    f"name {key!r} is not usable in templates; write e.g. 'final_week'"
                )
        return value

    @model_validator(mode="after")
    def _every_language(self) -> Self:
        # Every translated text must exist in every language of the campaign: a letter must
        # never be sent with a hole in it.
        missing: list[str] = []
        for where, value in self._localized_fields():
            if isinstance(value, dict):
                missing.extend(f"{where}.{lang}" for lang in self.languages if not value.get(lang))
        if missing:
            # Named like a field ("title.fr: ..."): the error has no location of its own.
            raise ValueError("; ".join(f"{where}: missing translation" for where in missing))
        if self.web.days_from and self.web.days_from not in self.events:
            raise ValueError(
                f"web.days_from: no event {self.web.days_from!r}; the events are "
                + ", ".join(self.events)
            )
        if self.web.public_page and self.web.public_page not in self.links:
            raise ValueError(
                f"web.public_page: no link {self.web.public_page!r}; the links are "
                + (", ".join(self.links) or "none")
            )
        if self.deadline.date < self.date:
            raise ValueError(
                f"deadline.date: {self.deadline.date} is before the letter's date {self.date}"
            )
        return self

    @model_validator(mode="after")
    def _window_from_send_time(self) -> Self:
        # An older campaign file gives only reminders.send_time: the window opens then.
        if "send_window" not in self.model_fields_set and (
            "send_time" in self.reminders.model_fields_set
        ):
            start = self.reminders.send_time
            end = (datetime.combine(date.min, start) + timedelta(hours=2)).time()
            window = SendWindow(start=start, end=end if end > start else time(23, 59))
            object.__setattr__(self, "send_window", window)  # frozen: set once, here
        return self

    def _localized_fields(self) -> list[tuple[str, Localized]]:
        fields: list[tuple[str, Localized]] = [
            ("title", self.title),
            ("office", self.office),
            ("place", self.place),
            ("contact.name", self.contact.name),
            ("signatory.name", self.signatory.name),
            ("signatory.title", self.signatory.title),
            ("sender.name", self.sender.name),
        ]
        fields.extend((f"links.{key}", value) for key, value in self.links.items())
        return fields

    def answer_days(self) -> list[date]:
        """The days a contact may prefer on the confirmation page (``web.days_from``)."""
        name = self.web.days_from or ("high_level" if "high_level" in self.events else "")
        event = self.events.get(name)
        if event is None:
            return []
        return [event.start + timedelta(days=n) for n in range((event.last - event.start).days + 1)]

    def public_page(self, language: str) -> str:
        """The campaign's public page in ``language`` (``web.public_page``), or "" if none."""
        name = self.web.public_page or ("high_level" if "high_level" in self.links else "")
        return self.text(self.links[name], language) if name else ""

    def link_expires_at(self) -> datetime:
        """When the contacts' personal links stop working: the deadline plus the grace days."""
        return self.deadline.at + timedelta(days=self.web.grace_days)

    def text(self, field: Localized, language: str) -> str:
        """``field`` (a localized value of this campaign) in ``language``."""
        return _text(field, language)

    def template_path(self, kind: TemplateKind, language: str) -> Path:
        """The template file of ``kind`` (letter, email, reminder, ack) in ``language``."""
        if self.folder is None:
            raise CampaignError(f"campaign {self.id} was not loaded from a folder")
        name: str = getattr(self.templates, kind)
        return self.folder / name.format(lang=language)

    def missing_templates(self) -> list[Path]:
        """Template files the campaign names but that do not exist (the signature image too)."""
        missing = [
            self.template_path(kind, language)  # type: ignore[arg-type]
            for kind in TEMPLATE_KINDS
            for language in self.languages
            if not self.template_path(kind, language).is_file()  # type: ignore[arg-type]
        ]
        signature = self.signature_path
        return missing + ([signature] if signature and not signature.is_file() else [])

    def shifted_to(self, today: date) -> Campaign:
        """A copy whose letter is dated ``today``, with every other date moved by the same
        number of days (the demo runs a campaign with its dates brought to the present)."""
        delta = today - self.date
        data = _shift_dates(self.model_dump(mode="python", exclude={"folder"}), delta)
        return type(self).model_validate({**data, "folder": self.folder})


_T = TypeVar("_T")


def _shift_dates(value: _T, delta: timedelta) -> _T:
    """``value`` with every ``date`` inside it (not times, not datetimes) moved by ``delta``."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value + delta  # type: ignore[return-value]
    if isinstance(value, dict):
        return {key: _shift_dates(item, delta) for key, item in value.items()}  # type: ignore[return-value]
    if isinstance(value, list):
        return [_shift_dates(item, delta) for item in value]  # type: ignore[return-value]
    return value


def describe_errors(error: ValidationError, source: Path | str) -> str:
    """pydantic's error as lines naming the file and the field (``deadline.timezone``)."""
    lines = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        # Whole-campaign checks name their fields in the message itself.
        lines.append(f"{source}: {field}: {message}" if field else f"{source}: {message}")
    return "invalid campaign:\n  " + "\n  ".join(lines)


def read_campaign_file(path: Path) -> dict[str, Any]:
    """The mapping in a campaign YAML file, read safely: Python tags are refused."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CampaignError(f"{path}: no such campaign file") from None
    except UnicodeDecodeError as error:
        raise CampaignError(f"{path}: not UTF-8 text ({error.reason})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        if "python/" in str(error):
            raise CampaignError(
                f"{path}: Python-specific YAML tags (!!python/...) are not allowed in a "
                "campaign file; write plain values"
            ) from None
        raise CampaignError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise CampaignError(f"{path}: expected a mapping of fields, got {type(data).__name__}")
    return data


def load_campaign(folder: Path | str, *, check_templates: bool = True) -> Campaign:
    """Load and validate the campaign in ``folder`` (``letters/cl-21-4``).

    The campaign id in the file must match the folder's name; with ``check_templates``, every
    template file for every language must exist. Raises CampaignError naming file and field."""
    folder = Path(folder)
    path = folder / CAMPAIGN_FILE
    data = read_campaign_file(path)
    try:
        campaign = Campaign.model_validate({**data, "folder": folder})
    except ValidationError as error:
        raise CampaignError(describe_errors(error, path)) from None
    if campaign.id != folder.resolve().name:
        raise CampaignError(
            f"{path}: id: {campaign.id!r} does not match the folder name {folder.resolve().name!r}"
        )
    if check_templates:
        missing = campaign.missing_templates()
        if missing:
            raise CampaignError(
                f"{path}: templates: missing files: " + ", ".join(str(p) for p in missing)
            )
    return campaign


def campaign_folder(campaign: str | Path, settings: Settings | None = None) -> Path:
    """The folder of ``campaign``: a campaign id (``cl-21-4``, looked up in
    ``CIRCULAR_LETTERS_DIR``) or a path to the folder itself (``letters/cl-21-4``).

    Every command and flow names a campaign through this one function, so each accepts both.
    Raises CampaignError naming what was given and where it was looked for."""
    path = Path(campaign)
    if (path / CAMPAIGN_FILE).is_file():
        return path
    from circular.settings import load_settings

    settings = settings or load_settings()
    try:
        folder = settings.letters_dir / check_campaign_id(str(campaign))
    except ValueError as error:
        raise CampaignError(f"{error}; nor is it a folder with a {CAMPAIGN_FILE}") from None
    if not (folder / CAMPAIGN_FILE).is_file():
        raise CampaignError(f"campaign {str(campaign)!r}: no {CAMPAIGN_FILE} in {folder}")
    return folder


#: Dates further apart than this, in one campaign, were most likely copied from another one.
_FAR_APART = timedelta(days=365)


def date_problems(campaign: Campaign, now: datetime) -> list[str]:
    """What is wrong with the campaign's dates, against each other and against ``now`` (an
    aware time; the clock is a parameter so tests run on any day). Empty when all is well.

    A passed deadline, and dates a year or more apart (a copied campaign whose event dates
    were left from an earlier year) are named with the field to correct."""
    problems: list[str] = []
    deadline = campaign.deadline
    today = now.astimezone(deadline.zone).date()
    if now > deadline.at:
        days = (today - deadline.date).days
        problems.append(
            f"deadline.date: the reply deadline {deadline.date} ({deadline.timezone}) passed "
            f"{days} day{'s' if days != 1 else ''} ago"
        )
    if deadline.date - campaign.date > _FAR_APART:
        problems.append(
            f"deadline.date: {deadline.date} is more than a year after the letter's date "
            f"{campaign.date}"
        )
    for name, event in campaign.events.items():
        if abs(event.start - campaign.date) > _FAR_APART:
            problems.append(
                f"events.{name}: starts {event.start}, more than a year from the letter's date "
                f"{campaign.date} (deadline {deadline.date}): left from an earlier campaign?"
            )
    if abs(today - campaign.date) > _FAR_APART:
        problems.append(
            f"date: the letter is dated {campaign.date}, more than a year from today ({today})"
        )
    return problems
