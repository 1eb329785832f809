"""The flows end to end on a real Prefect server (the session's ``prefect_server``), the sandbox's
aiosmtpd server and simulated respondents, and a real Dovecot inbox:

a contact CSV dropped → the intake flow loads it and announces it → the campaign flow (with
what the event carries) renders and sends every letter, batch by batch → the respondents'
answers land in Dovecot → the poll flow classifies and matches them. The ledger shows each
country's state; the artifacts (progress, status table, summary) and the events (letters sent,
replies by kind, bounces) are on the server. Run again, nothing is sent or recorded twice.

Also: ``prefect.yaml`` is valid against the code (every entrypoint imports; the parameters it
passes are the flow's).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

from circular.campaign import load_campaign
from circular.followups.report import campaign_report
from circular.ledger import Ledger, Message, MessageStatus, Reply, utcnow
from circular.sandbox import Kind, Plan, Sandbox, load_scenario
from circular.settings import PROJECT_ROOT
from tests.servers.dovecot import ImapAccount

CAMPAIGN = "cl-21-4"
SAMPLE = PROJECT_ROOT / "contacts" / "samples" / "member-states.csv"
#: Countries whose respondents the scenario fixes, and what each should end as.
EXPECTED = {
    "FRA": "accepted",  # accept
    "CHN": "accepted",  # accept, naming a delegate
    "RUS": "declined",
    "ESP": "needs_review",  # a question
    "ARG": "awaiting",  # silence
    "DEU": "bounced",  # by address, below
}


def sample_rows(countries: list[str]) -> str:
    """The sample CSV cut down to ``countries`` (header kept)."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines[1:] if line.split(",", 1)[0] in countries]
    assert len(kept) == len(countries)
    return "\n".join([lines[0], *kept]) + "\n"


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """The sandbox, its respondents fast, DEU's minister's address bouncing."""
    scenario = load_scenario(None, speed=20.0)
    bounce = Plan(kind=Kind.BOUNCE)
    scenario = scenario.model_copy(
        update={"addresses": {**scenario.addresses, "minister@deu.example": bounce}}
    )
    with Sandbox(scenario) as running:
        yield running


@pytest.fixture
def environment(
    tmp_path: Path, sandbox: Sandbox, imap_account: ImapAccount, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """CIRCULAR_* settings: folders under tmp_path, a copy of CL-21/4 dated today, SMTP to the
    sandbox, IMAP to the Dovecot account. Returns the drop folder."""
    from demo.run import write_shifted_campaign
    from tests.support.followup_support import open_every_day

    letters = tmp_path / "letters"
    folder = write_shifted_campaign(PROJECT_ROOT / "letters" / CAMPAIGN, letters, date.today())
    open_every_day(folder)  # the run must not depend on the weekday it happens on
    settings = {
        "CIRCULAR_DATA_DIR": tmp_path / "data",
        "CIRCULAR_DATABASE_URL": f"sqlite:///{tmp_path / 'data' / 'circular.sqlite3'}",
        "CIRCULAR_LETTERS_DIR": letters,
        "CIRCULAR_OUT_DIR": tmp_path / "out",
        "CIRCULAR_REPORTS_DIR": tmp_path / "reports",
        "CIRCULAR_DROP_FOLDER": tmp_path / "inbox",
        "CIRCULAR_PROCESSED_FOLDER": tmp_path / "processed",
        "CIRCULAR_REJECTED_FOLDER": tmp_path / "rejected",
        **{k: v for k, v in sandbox.environment().items() if k.startswith("CIRCULAR_SMTP")},
        "CIRCULAR_IMAP_HOST": imap_account.host,
        "CIRCULAR_IMAP_PORT": imap_account.port,
        "CIRCULAR_IMAP_USERNAME": imap_account.user,
        "CIRCULAR_IMAP_PASSWORD": imap_account.password,
        "CIRCULAR_IMAP_SECURITY": "none",
    }
    for name, value in settings.items():
        monkeypatch.setenv(name, str(value))
    (tmp_path / "inbox").mkdir()
    return tmp_path / "inbox"


def read_artifact(key: str) -> Any:
    """The latest artifact with ``key`` on the server."""
    from prefect import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
            sort=ArtifactSort.CREATED_DESC,  # other tests on this server use the same keys
            limit=1,
        )
    assert found, f"no artifact {key!r}"
    return found[0]


def scheduled_followups(campaign_dir: Path) -> list[Any]:
    """The scheduled runs of the follow-up deployment for ``campaign_dir`` (other tests of
    the session schedule runs of their own campaigns)."""
    from prefect import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=["followup"]))
        )
    return [
        run
        for run in runs
        if run.state is not None
        and run.state.is_scheduled()
        and run.parameters.get("campaign_dir") == str(campaign_dir)
    ]


def campaign_run_names(since: datetime) -> list[str]:
    """The names of the campaign flow's runs started since ``since``."""
    from prefect import get_client
    from prefect.client.schemas.filters import (
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterStartTime,
    )

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=["campaign"])),
            flow_run_filter=FlowRunFilter(start_time=FlowRunFilterStartTime(after_=since)),
        )
    return [run.name for run in runs]


def read_events(name: str, expected: int, since: datetime) -> list[Any]:
    """The events called ``name`` that occurred since ``since`` (waiting for the server to
    persist ``expected`` of them): other tests on this server emit the same names."""
    from prefect import get_client
    from prefect.events.filters import EventFilter, EventNameFilter, EventOccurredFilter

    events: list[Any] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with get_client(sync_client=True) as client:
            page = client.read_events(
                filter=EventFilter(
                    event=EventNameFilter(name=[name]), occurred=EventOccurredFilter(since=since)
                ),
                limit=50,
            )
        events = list(page.events)
        if len(events) >= expected:
            break
        time.sleep(0.5)
    return events


@pytest.mark.prefect
@pytest.mark.dovecot
@pytest.mark.slow
def test_a_dropped_csv_runs_the_whole_campaign(
    prefect_server: None, environment: Path, sandbox: Sandbox, imap_account: ImapAccount
) -> None:
    from flows.campaign import campaign_flow
    from flows.followup import followup
    from flows.intake import intake_flow
    from flows.poll import poll_replies

    started = utcnow()  # this server also holds other tests' runs, events and artifacts
    # The deployment the reminder waves become runs of (as `make deploy` creates it).
    followup.to_deployment(name="followup").apply()

    countries = sorted({*EXPECTED, "NLD", "ITA"})  # no web answerer: no page here
    letters = environment.parent / "letters" / CAMPAIGN
    (environment / "member-states.csv").write_text(sample_rows(countries), encoding="utf-8")

    [loaded] = intake_flow()
    assert loaded.status == "loaded" and loaded.rows == len(countries)
    [announced] = read_events("circular.contacts.loaded", 1, started)
    assert announced.payload["sha256"] == loaded.sha256
    campaign = announced.payload["campaign"]

    first = campaign_flow(campaign, sha256=announced.payload["sha256"], batch_size=3)
    assert first["sent"] == len(countries) and first["failed"] == first["problems"] == 0
    # The copy of CL-21/4 is dated today: its three waves lie ahead, each as scheduled runs,
    # one per group of the recipients' send windows, named with the UTC time and the zones.
    kinds = {kind for kind, _at in first["reminder_waves"]}
    assert kinds == {"reminder-1", "reminder-2", "reminder-3"}
    waves = scheduled_followups(letters)
    assert len(waves) == len(first["reminder_waves"])
    for run in waves:
        assert re.fullmatch(
            rf"{CAMPAIGN} · reminder-[123] · \d\d \w{{3}} \d\d:\d\d UTC · .+", run.name
        )
    assert campaign_run_names(started) == [f"{CAMPAIGN} · invitations"]

    # Every answer the respondents wrote goes into the Dovecot inbox the poll reads.
    answering = len(countries) - 1  # ARG stays silent
    replies = sandbox.wait_for_replies(answering, timeout=60)
    for reply in replies:
        imap_account.deliver(reply.data)
    polled = poll_replies()
    assert polled["processed"] == len(replies)

    campaign_def = load_campaign(environment.parent / "letters" / CAMPAIGN)
    ledger = Ledger(f"sqlite:///{environment.parent / 'data' / 'circular.sqlite3'}")
    try:
        with ledger.session() as session:
            rows = campaign_report(session, campaign_def, utcnow())
            statuses = {row.country: row.outcome for row in rows}
            sent = Counter(
                message.kind
                for message in session.scalars(
                    select(Message).where(Message.status == MessageStatus.SENT)
                )
            )
            # The poll that recorded the acceptances thanked them at once (issue 16).
            accepted = sum(status == "accepted" for status in statuses.values())
            assert sent == {"invitation": len(countries), "ack": accepted}
        for country, status in EXPECTED.items():
            assert statuses[country] == status, (country, statuses)

        # The UI's view: progress at 100 %, a status line per country, the summary.
        progress = read_artifact(f"{CAMPAIGN}-sending")
        assert progress.type == "progress" and float(progress.data) == 100.0
        table = read_artifact(f"{CAMPAIGN}-status")
        rows = json.loads(table.data) if isinstance(table.data, str) else table.data
        assert {row["country"]: row["outcome"] for row in rows} == {
            c: "awaiting" for c in countries
        }  # the table was made before any reply came
        summary = read_artifact(f"{CAMPAIGN}-summary").data
        assert f"letters sent in this run: **{len(countries)}**" in summary
        assert re.search(r"\| awaiting \| " + str(len(countries)) + r" \|", summary)

        # Events: letters per batch, a reply event per reply, a bounce event for DEU.
        batches = read_events("circular.letter.sent", 3, started)
        assert sum(event.payload["sent"] for event in batches) == len(countries)
        assert {e.resource.id for e in batches} == {f"circular.campaign.{CAMPAIGN}"}
        received = read_events("circular.reply.received", len(replies), started)
        assert len(received) == len(replies)
        with ledger.session() as session:
            kinds = sorted(str(kind) for kind in session.scalars(select(Reply.kind)))
        assert sorted(e.payload["kind"] for e in received) == kinds
        assert {e.payload["country"] for e in received} == set(countries) - {"ARG"}
        [bounce] = read_events("circular.reply.bounce", 1, started)
        assert bounce.payload["recipient"] == "minister@deu.example"
        assert "5.1.1" in bounce.payload["diagnostic"]

        # Run again: nothing sent twice, nothing recorded twice.
        received_before = len(sandbox.received())
        again = campaign_flow(campaign, sha256=announced.payload["sha256"], batch_size=3)
        assert again["sent"] == 0
        assert len(scheduled_followups(letters)) == len(waves)  # the same runs, not more
        assert len(sandbox.received()) == received_before
        assert poll_replies()["processed"] == 0
        [duplicate] = intake_flow() if list(environment.iterdir()) else [None]
        assert duplicate is None or duplicate.status != "loaded"
        with ledger.session() as session:
            assert len(list(session.scalars(select(Reply)))) == len(replies)
    finally:
        ledger.dispose()
        # The session's server is shared: other tests count the scheduled runs of cl-21-4.
        delete_runs(scheduled_followups(letters))


def delete_runs(runs: list[Any]) -> None:
    """Delete flow runs from the server."""
    from prefect import get_client

    with get_client(sync_client=True) as client:
        for run in runs:
            client.delete_flow_run(run.id)


def test_prefect_yaml_matches_the_flows() -> None:
    """Every deployment's entrypoint imports, is a flow, and takes the parameters the yaml (or
    its trigger) passes; every scheduled deployment has a time zone; the pool is declared."""
    import importlib

    from prefect import Flow

    spec = yaml.safe_load((PROJECT_ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    names = {d["name"] for d in spec["deployments"]}
    assert {"intake", "campaign", "poll", "followup", "review-reply", "report"} <= names
    pull = spec["pull"][0]["prefect.deployments.steps.set_working_directory"]
    assert pull["directory"] == "{{ $CIRCULAR_HOME }}"
    # A named command: the worker then writes no file holding the run's environment.
    pool = spec["definitions"]["work_pool"]
    assert pool["job_variables"]["command"] == "{{ $CIRCULAR_PYTHON }} -m prefect.engine"
    checked = 0
    for deployment in spec["deployments"]:
        path, _, name = deployment["entrypoint"].partition(":")
        if not (PROJECT_ROOT / path).is_file():
            pytest.skip(f"{path} is not in this checkout yet")  # pragma: no cover
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        flow = getattr(module, name)
        assert isinstance(flow, Flow), deployment["entrypoint"]
        accepted = set(flow.parameters.properties)
        passed = set(deployment.get("parameters", {}))
        for trigger in deployment.get("triggers", []):
            passed |= set(trigger.get("parameters", {}))
        assert passed <= accepted, (deployment["name"], passed - accepted)
        required = set(flow.parameters.required or [])
        if not deployment.get("triggers"):
            # Run by schedule or by hand: nothing required that the yaml does not give.
            assert required <= passed or not deployment.get("schedules"), deployment["name"]
        for schedule in deployment.get("schedules", []):
            assert schedule["timezone"] == "Europe/Zurich"
        assert deployment["work_pool"]["name"] == "circular"
        checked += 1
    assert checked == len(spec["deployments"])
    poll = next(d for d in spec["deployments"] if d["name"] == "poll")
    assert poll["concurrency_limit"] == 1
    campaign = next(d for d in spec["deployments"] if d["name"] == "campaign")
    [trigger] = campaign["triggers"]
    assert trigger["expect"] == ["circular.contacts.loaded"]
    assert trigger["parameters"] == {
        "campaign": "{{ event.payload.campaign }}",
        "sha256": "{{ event.payload.sha256 }}",
    }


@pytest.mark.prefect
@pytest.mark.slow
def test_a_reemitted_event_starts_no_second_campaign_run(prefect_server: None) -> None:
    """The campaign deployment with prefect.yaml's trigger: intake's event, emitted twice with
    its deterministic id, starts one run; another file's event starts another."""
    from prefect import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName
    from prefect.events import emit_event
    from prefect.events.schemas.deployment_triggers import DeploymentEventTrigger

    from flows.campaign import campaign_flow
    from flows.intake import LOADED_EVENT, campaign_resource, loaded_event_id

    spec = yaml.safe_load((PROJECT_ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    [trigger] = next(d for d in spec["deployments"] if d["name"] == "campaign")["triggers"]
    settings = {key: value for key, value in trigger.items() if key != "type"}
    name = "campaign-trigger-test"
    campaign_flow.to_deployment(name=name, triggers=[DeploymentEventTrigger(**settings)]).apply()

    def announce(sha256: str) -> None:
        emit_event(
            event=LOADED_EVENT,
            id=loaded_event_id(CAMPAIGN, sha256),
            resource={"prefect.resource.id": campaign_resource(CAMPAIGN)},
            payload={"campaign": CAMPAIGN, "sha256": sha256, "file": "x.csv", "rows": 1},
        )

    def runs() -> list[Any]:
        with get_client(sync_client=True) as client:
            return list(
                client.read_flow_runs(
                    deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=[name]))
                )
            )

    first, second = "a" * 64, "b" * 64
    # The server's trigger service learns of a new automation within seconds, and an event it
    # received before that is not replayed: probe (each probe a new file, so a new event id)
    # until the trigger answers, then test the real thing.
    deadline, probe = time.monotonic() + 90, 0
    while not runs() and time.monotonic() < deadline:
        probe += 1
        announce(f"{probe:064x}")
        time.sleep(2)
    probes = {run.parameters["sha256"] for run in runs()}
    assert probes, "the campaign trigger never answered"

    def tested() -> list[Any]:
        return [run for run in runs() if run.parameters["sha256"] not in probes]

    announce(first)
    announce(first)  # the same file announced again (a re-run of intake, a retry)
    announce(second)
    deadline = time.monotonic() + 60
    while len(tested()) < 2 and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(3)  # room for a wrong third run to appear
    started = tested()
    try:
        assert sorted(run.parameters["sha256"] for run in started) == [first, second]
        assert {run.parameters["campaign"] for run in started} == {CAMPAIGN}
    finally:
        delete_runs(runs())  # nobody will run them: no worker in the tests
