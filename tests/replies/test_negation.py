"""Negation with a scope (circular.replies.negation), litotes and "not X but Y", confidence from
the evidence and the threshold, on the development set and on single sentences."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from circular.cli import _register, app
from circular.ledger import ReplyKind, ReplyStatus
from circular.replies import cues
from circular.replies.classify import classify_message, classify_text, detect_language
from circular.replies.confidence import THRESHOLD, Evidence, confidence
from circular.replies.matching import Match, MatchMethod
from circular.replies.negation import analyse
from circular.replies.outcomes import Incoming, new_reply

DATA = Path(__file__).parents[1] / "data" / "replies"
DEV = list(csv.DictReader((DATA / "dev" / "dev.csv").open(encoding="utf-8")))
DOUBLE_NEGATIVES = sorted(DATA.glob("*_accept_double_negative.eml"))
#: Rows whose label is an answer but which a safety rule sends to a person: the recall that rule
#: costs, recorded here rather than hidden by relabelling the row. Round 20 reads the conditional
#: "would be delighted to …" as an offer, not a commitment (docs/classification.md, round 20).
TO_A_PERSON = {"The Minister would be delighted to participate."}


def _read(text: str):  # type: ignore[no-untyped-def]
    return classify_text(text, language_known=detect_language(text) is not None)


def test_dev_set_covers_every_language_and_hard_category() -> None:
    assert len(DEV) >= 100
    assert {row["language"] for row in DEV} == {"ar", "en", "es", "fr", "ru", "zh"}
    for language in ("ar", "en", "es", "fr", "ru", "zh"):
        categories = {row["category"] for row in DEV if row["language"] == language}
        assert {"litotes", "not_x_but_y", "conditional", "question", "ack"} <= categories


@pytest.mark.parametrize(
    "row", DEV, ids=[f"{r['language']}-{r['category']}-{i}" for i, r in enumerate(DEV)]
)
def test_dev_sentence(row: dict[str, str]) -> None:
    decision = _read(row["text"])
    if row["text"] in TO_A_PERSON:
        assert decision.needs_review and decision.kind.value == "other", decision.reason
        return
    assert decision.kind.value == row["kind"], decision.reason
    assert {decision.best_guess.value, row["kind"]} != {"accept", "decline"}


@pytest.mark.parametrize(
    ("clause", "litotes"),
    [
        ("the Minister will not fail to attend", "not fail"),
        ("le Ministre ne manquera pas de participer", "ne manquera pas"),
        ("el Ministro no dejará de participar", "no dejará de"),
        ("министр не откажется от участия", "не откажется"),
        ("部长不会错过论坛", "不会错过"),
        ("لن يتردد الوزير في قبول الدعوة", "لن يتردد"),
    ],
)
def test_litotes_is_found_and_negates_nothing(clause: str, litotes: str) -> None:
    found = analyse(clause, cues.scripts_of(clause), cues.PARTICIPATE)
    assert found.litotes and found.litotes[0].strip() == litotes
    assert not found.any


def test_scope_ends_at_a_terminator_and_after_the_window() -> None:
    clause = "the Minister cannot stay for the dinner although she will attend the session"
    found = analyse(clause, cues.scripts_of(clause), cues.PARTICIPATE)
    assert found.negates(clause.index("stay"))
    assert not found.negates(clause.index("attend"))
    far = "not " + "very " * 12 + "attend"
    assert not analyse(far, cues.scripts_of(far), cues.PARTICIPATE).negates(far.index("attend"))


def test_refusal_after_the_participation_word_is_no_litotes() -> None:
    clause = "the Minister will not attend and declines"
    found = analyse(clause, cues.scripts_of(clause), cues.PARTICIPATE)
    assert not found.litotes and found.negates(clause.index("attend"))


@pytest.mark.parametrize(
    "text",
    [
        "Not the Minister but the Deputy Minister will deliver the statement.",
        "No asistirá el Ministro sino el Viceministro, quien pronunciará la declaración.",
        "Выступит не министр, а заместитель министра.",
        "لن يحضر الوزير بل سيحضر نائب الوزير ويلقي البيان.",
        "不是部长本人，而是副部长将代表部长发言。",
    ],
)
def test_not_x_but_y_the_y_stands(text: str) -> None:
    decision = _read(text)
    assert decision.kind == ReplyKind.ACCEPT, decision.reason


def test_conflicting_cues_are_never_final() -> None:
    decision = _read("The Minister accepts. The Minister cannot attend.")
    assert decision.kind == ReplyKind.OTHER and decision.needs_review
    assert decision.reason and decision.reason.startswith("conflicting cues")
    assert decision.best_guess in (ReplyKind.ACCEPT, ReplyKind.DECLINE)


def test_confidence_falls_with_doubt_and_the_threshold_sends_to_a_person() -> None:
    plain = confidence(Evidence(agreeing=1))
    assert plain >= THRESHOLD
    for doubt in (
        Evidence(agreeing=1, conditional=1),
        Evidence(agreeing=1, conflicting=1, contrast=True, pending=1),
        Evidence(agreeing=1, pending=1, language_known=False, litotes=True),
    ):
        assert confidence(doubt) < THRESHOLD
    decision = _read("The Minister will attend. Participation is subject to travel approval.")
    assert decision.kind == ReplyKind.OTHER and decision.needs_review
    assert decision.best_guess == ReplyKind.ACCEPT
    # A condition anywhere in the reply sends it to a person whatever the confidence (round 4);
    # the confidence is below the threshold as well.
    assert "condition" in (decision.reason or "") and decision.confidence < THRESHOLD


def test_privileged_and_confidential_in_a_sentence_are_not_a_disclaimer() -> None:
    assert _read("The Minister is privileged to accept.").kind == ReplyKind.ACCEPT
    text = "Although her agenda is confidential, the Minister will attend."
    assert _read(text).kind == ReplyKind.ACCEPT
    footer = (
        "This e-mail is confidential and may be privileged. If you are not the intended"
        " recipient, you may not accept, use or forward it."
    )
    assert _read(footer).kind == ReplyKind.OTHER


@pytest.mark.parametrize("path", DOUBLE_NEGATIVES, ids=[p.name for p in DOUBLE_NEGATIVES])
def test_cli_json_on_double_negative_acceptances(path: Path) -> None:
    _register()
    result = CliRunner().invoke(app, ["classify", "--json", str(path)])
    assert result.exit_code == 0, result.output
    line = json.loads(result.output)
    assert line["kind"] == "accept"
    assert line["needs_review"] is False
    assert line["confidence"] >= THRESHOLD
    assert any("double negative" in cue for cue in line["cues"])


def test_needs_review_reason_and_best_guess_reach_the_review_note() -> None:
    raw = (
        b"From: cabinet@gouv.example\r\nTo: wsis@example.org\r\nSubject: Re: CL-21/4\r\n\r\n"
        b"The Minister will attend. Her participation is subject to the approval of travel.\r\n"
    )
    result = classify_message(raw)
    assert result.kind == ReplyKind.OTHER and result.needs_review
    assert result.best_guess == "accept"
    incoming = Incoming(
        mailbox="INBOX",
        uidvalidity=1,
        uid=1,
        message_id="<1@gouv.example>",
        from_addr="cabinet@gouv.example",
        subject="Re: CL-21/4",
        received_at=datetime(2021, 2, 10, tzinfo=UTC),
    )
    row = new_reply(incoming, result, Match(1, "CL-21/4", 1, MatchMethod.REFERENCES))
    assert row.status == ReplyStatus.NEEDS_REVIEW
    assert "best guess accept" in row.decision_note


def test_every_sandbox_answer_is_read_as_meant() -> None:
    """The sandbox's own replies, Arabic acceptances through a deputy included (they went to a
    person as "both accept and decline" before the substitution rule)."""
    import yaml

    phrases = yaml.safe_load(
        (Path(__file__).parents[2] / "circular" / "data" / "sandbox.phrases.yaml").read_text(
            encoding="utf-8"
        )
    )
    wrong = []
    for language, said in phrases.items():
        for key, kind in (
            ("accept", "accept"),
            ("decline", "decline"),
            ("question", "other"),
            ("accept_delegate", "accept"),
        ):
            for template in said.get(key, []):
                for delegate in said["delegates"]:
                    text = template.replace("{delegate}", delegate)
                    if _read(text).kind.value != kind:
                        wrong.append((language, key, text))
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # "No doubt" negates nothing: the act after it stands (written for this test; the
        # French one was a final decline, a swap, before this rule). A refusal after it still
        # declines.
        ("Il ne fait aucun doute que le Ministre interviendra.", "accept"),
        ("Il n'y a aucun doute : le Ministre interviendra en personne.", "accept"),
        ("No cabe duda de que el Ministro intervendrá en la sesión.", "accept"),
        ("No hay ninguna duda de que la Ministra participará.", "accept"),
        ("There is no doubt that the Minister will attend.", "accept"),
        ("Il ne fait aucun doute que le Ministre ne pourra pas venir.", "decline"),
        ("No cabe duda de que el Ministro no podrá asistir.", "decline"),
    ],
)
def test_no_doubt_negates_nothing(text: str, kind: str) -> None:
    assert classify_text(text).kind.value == kind
