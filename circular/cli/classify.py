"""``circular classify``: classify .eml files offline, without a ledger or a mail server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from circular.cli import app
from circular.ledger import ReplyKind
from circular.replies.classify import Classification, NotAnEmail, classify_message


def summary(file: str, result: Classification) -> dict[str, Any]:
    """The JSON object printed for one file: the common fields, plus the bounce's recipient and
    permanence, or the auto-reply's return date, or the delegate, when they apply."""
    out: dict[str, Any] = {
        "file": file,
        "kind": result.kind.value,
        "language": result.language,
        "confidence": round(result.confidence, 3),
        "evidence": result.evidence,
        "needs_review": result.needs_review,
    }
    if result.needs_review:
        out["reason"] = result.review_reason
        out["best_guess"] = result.best_guess
    if result.cues:
        # What the confidence rests on, then each deciding clause.
        out["cues"] = list(result.cues)
    if result.kind == ReplyKind.BOUNCE:
        out["recipient"] = result.bounce_recipient
        out["permanent"] = result.bounce_permanent
        out["diagnostic"] = result.bounce_diagnostic
    if result.kind == ReplyKind.AUTO_REPLY:
        out["return_date"] = result.return_date.isoformat() if result.return_date else None
    if result.delegate:
        out["delegate"] = result.delegate
    return out


@app.command("classify")
def classify(
    files: Annotated[list[Path], typer.Argument(help=".eml files to classify")],
    as_json: Annotated[
        bool, typer.Option("--json", help="one JSON object per line instead of text")
    ] = False,
) -> None:
    """Classify e-mail files as accept, decline, other, auto_reply or bounce (one line each)."""
    failed = 0
    for path in files:
        try:
            raw = path.read_bytes()
            result = classify_message(raw)
        except (OSError, NotAnEmail) as error:
            failed += 1
            reason = error.strerror if isinstance(error, OSError) else str(error)
            typer.echo(f"{path}: not classified: {reason}", err=True)
            continue
        line = summary(str(path), result)
        if as_json:
            typer.echo(json.dumps(line, ensure_ascii=False))
        else:
            extra = ""
            if "recipient" in line:
                extra = f" recipient={line['recipient']} permanent={line['permanent']}"
            elif line.get("return_date"):
                extra = f" return_date={line['return_date']}"
            elif line["needs_review"]:
                extra = f" needs_review best_guess={line['best_guess']}"
            lang = line["language"] or "-"
            typer.echo(
                f"{path}\t{line['kind']}\t{lang}\t{line['confidence']:.2f}{extra}\t"
                f"{line['evidence']}"
            )
    if failed:
        raise typer.Exit(1)
