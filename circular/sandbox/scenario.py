"""Scenario files: who answers a letter, how, and after how long.

A scenario is a YAML file (see ``circular/data/scenario.default.yaml``). Countries are given
their behaviour explicitly (``countries: {FRA: accept}``) or by fractions drawn with the
scenario's seed; single addresses can be made to bounce (``addresses: {x@y.example: bounce}``).
The draw for a respondent depends only on the seed and its key (ISO3 code, else address), so
the same scenario gives the same answers whatever order the letters arrive in.
"""

from __future__ import annotations

import hashlib
import random
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

#: The scenario used when none is given.
DEFAULT_SCENARIO = Path(__file__).resolve().parent.parent / "data" / "scenario.default.yaml"


class Kind(StrEnum):
    """What a simulated respondent does with a letter."""

    ACCEPT = "accept"
    ACCEPT_DELEGATE = "accept_delegate"
    ACCEPT_ATTACHED = "accept_attached"
    DECLINE = "decline"
    QUESTION = "question"
    OUT_OF_OFFICE = "out_of_office"
    BOUNCE = "bounce"
    SILENCE = "silence"
    #: Answers on the confirmation page (the letter's personal link), not by e-mail.
    WEB_ACCEPT = "web_accept"
    WEB_DECLINE = "web_decline"


#: The kinds answered on the confirmation page.
WEB_KINDS = frozenset({Kind.WEB_ACCEPT, Kind.WEB_DECLINE})


class Plan(BaseModel):
    """One respondent's behaviour.

    ``after`` letters are ignored before the answer (``after: 1`` answers the first reminder);
    ``then`` is a second reply sent ``then_delay_seconds`` after the first (an out-of-office
    notice followed by the person's answer on return).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Kind
    after: int = Field(0, ge=0)
    then: Kind | None = None
    then_delay_seconds: float = Field(10.0, ge=0)

    @field_validator("then")
    @classmethod
    def _then_is_a_reply(cls, value: Kind | None) -> Kind | None:
        if value in (Kind.SILENCE, Kind.BOUNCE):
            raise ValueError("'then' must be a reply (accept, decline, ...), not silence/bounce")
        return value


def _plan(value: Any) -> Any:
    # A bare kind ("accept") is shorthand for {kind: accept}.
    return {"kind": value} if isinstance(value, str) else value


class BounceSettings(BaseModel):
    """The delivery failure reported in simulated bounces."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: str = Field("5.1.1", pattern=r"^[245]\.\d{1,3}\.\d{1,3}$")
    diagnostic: str = "550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table"


class Scenario(BaseModel):
    """A whole scenario file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seed: int = 0
    delay_seconds: tuple[float, float] = (2.0, 6.0)
    speed: float = Field(1.0, gt=0)
    return_in_days: tuple[int, int] = (5, 15)
    fractions: dict[Kind, float] = Field(default_factory=lambda: {Kind.ACCEPT: 1.0})
    countries: dict[str, Plan] = Field(default_factory=dict)
    addresses: dict[str, Plan] = Field(default_factory=dict)
    bounce: BounceSettings = BounceSettings()

    @field_validator("delay_seconds", "return_in_days")
    @classmethod
    def _range(cls, value: tuple[float, float]) -> tuple[float, float]:
        low, high = value
        if low < 0 or high < low:
            raise ValueError(f"expected [min, max] with 0 <= min <= max, got {list(value)}")
        return value

    @field_validator("fractions")
    @classmethod
    def _fractions(cls, value: dict[Kind, float]) -> dict[Kind, float]:
        if any(share < 0 for share in value.values()):
            raise ValueError("fractions must not be negative")
        if sum(value.values()) <= 0:
            raise ValueError("fractions must add up to more than 0")
        return value

    @field_validator("countries", mode="before")
    @classmethod
    def _countries(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        for code in value:
            if not (isinstance(code, str) and len(code) == 3 and code.isalpha()):
                raise ValueError(f"{code!r} is not an ISO 3166 alpha-3 code such as FRA")
        return {str(code).upper(): _plan(plan) for code, plan in value.items()}

    @field_validator("addresses", mode="before")
    @classmethod
    def _addresses(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {str(address).lower(): _plan(plan) for address, plan in value.items()}

    def plan_for(self, address: str, country: str | None, *, primary: bool) -> Plan:
        """The plan of the respondent at ``address`` (of ``country``, an ISO3 code, if known).

        An explicit address wins, then an explicit country; a primary recipient (the letter's
        To) otherwise draws from ``fractions``; a copy recipient (Cc) stays silent."""
        explicit = self.addresses.get(address.lower())
        if explicit is not None:
            return explicit
        if not primary:
            return Plan(kind=Kind.SILENCE)
        if country and country.upper() in self.countries:
            return self.countries[country.upper()]
        return Plan(kind=self._draw(country.upper() if country else address.lower()))

    def _draw(self, key: str) -> Kind:
        # Ordered by the enum, not by the file, so reordering the YAML changes nothing.
        kinds = [kind for kind in Kind if self.fractions.get(kind, 0) > 0]
        weights = [self.fractions[kind] for kind in kinds]
        return seeded_random(self.seed, "kind", key).choices(kinds, weights)[0]

    def delay(self, *parts: object) -> float:
        """The seconds a respondent waits before answering, scaled by ``speed``."""
        low, high = self.delay_seconds
        return seeded_random(self.seed, "delay", *parts).uniform(low, high) / self.speed


def seeded_random(seed: int, *parts: object) -> random.Random:
    """A random generator that depends only on ``seed`` and ``parts`` (not on the process:
    ``hash()`` of a string is salted per process, so a digest is used)."""
    text = "\x1f".join(str(part) for part in (seed, *parts))
    return random.Random(int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big"))


class ScenarioError(ValueError):
    """A scenario file cannot be used; the message names the file and the field."""


def load_scenario(path: Path | str | None = None, **overrides: Any) -> Scenario:
    """Read a scenario file (default: the shipped one) with ``overrides`` applied
    (``seed=7``, ``speed=10``)."""
    path = Path(path) if path is not None else DEFAULT_SCENARIO
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise ScenarioError(f"{path}: cannot read the scenario: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise ScenarioError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}: a scenario is a mapping of fields, got {type(data).__name__}")
    data.update({key: value for key, value in overrides.items() if value is not None})
    try:
        return Scenario.model_validate(data)
    except ValidationError as error:
        problems = "\n  ".join(
            f"{'.'.join(str(part) for part in item['loc']) or 'scenario'}: {item['msg']}"
            for item in error.errors()
        )
        raise ScenarioError(f"{path}: invalid scenario:\n  {problems}") from None
