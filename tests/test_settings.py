from __future__ import annotations

import re
from pathlib import Path

import pytest

from circular.settings import (
    NOT_SETTINGS,
    Security,
    Settings,
    SettingsError,
    load_settings,
    setting_names,
    unknown_variables,
)


def test_settings_read_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCULAR_SMTP_HOST", "smtp.example.org")
    monkeypatch.setenv("CIRCULAR_SMTP_PORT", "2525")
    monkeypatch.setenv("CIRCULAR_SMTP_SECURITY", "tls")
    monkeypatch.setenv("CIRCULAR_IMAP_FOLDER", "Replies")
    settings = load_settings()
    assert settings.smtp_host == "smtp.example.org"
    assert settings.smtp_port == 2525
    assert settings.smtp_security is Security.TLS
    assert settings.imap_folder == "Replies"


def test_invalid_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCULAR_SMTP_PORT", "not-a-port")
    monkeypatch.setenv("CIRCULAR_IMAP_SECURITY", "ssl3")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert "CIRCULAR_SMTP_PORT" in message
    assert "CIRCULAR_IMAP_SECURITY" in message


def test_password_never_in_error_or_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCULAR_SMTP_PASSWORD", "hunter2-secret")
    settings = load_settings()
    assert settings.smtp_password.get_secret_value() == "hunter2-secret"
    assert "hunter2-secret" not in repr(settings)
    assert "hunter2-secret" not in str(settings.model_dump())


def test_database_url_defaults_to_sqlite_in_data_dir(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CIRCULAR_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CIRCULAR_DATABASE_URL", raising=False)
    settings = load_settings()
    assert settings.resolved_database_url == f"sqlite:///{tmp_path / 'circular.sqlite3'}"


@pytest.mark.parametrize("bad", ["../etc", "CL-21/4", "", "a/b", ".hidden"])
def test_default_campaign_must_be_a_safe_id(monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.setenv("CIRCULAR_DEFAULT_CAMPAIGN", bad)
    with pytest.raises(SettingsError, match="CIRCULAR_DEFAULT_CAMPAIGN"):
        load_settings()


# --- a misspelt variable is refused, naming the closest setting (issue 12 §3) ---------------


def test_misspelt_variable_is_refused_naming_the_closest_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CIRCULAR_SMTP_SECURTY", "none")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value) == (
        "unknown setting CIRCULAR_SMTP_SECURTY: did you mean CIRCULAR_SMTP_SECURITY?"
    )


def test_misspelt_dotenv_line_is_refused_with_its_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(
        "# the sandbox\nCIRCULAR_SMTP_HOST=127.0.0.1\nexport CIRCULAR_IMAP_FOLDR=INBOX\n",
        encoding="utf-8",
    )
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value) == (
        "unknown setting CIRCULAR_IMAP_FOLDR (.env line 3): did you mean CIRCULAR_IMAP_FOLDER?"
    )


def test_a_name_like_no_setting_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCULAR_WHATEVER_ZZZ", "1")
    with pytest.raises(SettingsError, match="CIRCULAR_WHATEVER_ZZZ: no setting has a similar"):
        load_settings()


def test_the_cli_refuses_a_misspelt_variable_before_doing_anything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typer.testing import CliRunner

    from circular.cli import _register, app

    _register()
    monkeypatch.setenv("CIRCULAR_SMTP_SECURTY", "none")
    result = CliRunner().invoke(app, ["settings"])
    assert result.exit_code == 2
    assert "did you mean CIRCULAR_SMTP_SECURITY?" in result.output


def test_every_field_of_the_model_is_a_known_name() -> None:
    # The known names come from the Settings model: a field added there is accepted at once.
    every = {name: "x" for name in setting_names()}
    assert len(every) == len(Settings.model_fields)
    assert unknown_variables(every, env_file=None) == []
    assert unknown_variables({"circular_smtp_host": "x"}, env_file=None) == []


def test_every_circular_variable_the_project_names_is_a_setting_or_allowed() -> None:
    # Docs, Makefile, prefect.yaml, code and tests: a name written anywhere must be accepted,
    # or the program would refuse what its own documentation tells people to set.
    root = Path(__file__).resolve().parents[1]
    known = set(setting_names()) | set(NOT_SETTINGS)
    written: dict[str, str] = {}
    for folder in ("circular", "flows", "demo", "tests", "docs", "bench", "tools"):
        for path in (root / folder).rglob("*"):
            if path.suffix in {".py", ".md", ".yaml", ".txt", ".env"} and path.is_file():
                for name in _names(path):
                    written.setdefault(name, str(path.relative_to(root)))
    for name in ("Makefile", "prefect.yaml", "README.md"):
        for found in _names(root / name):
            written.setdefault(found, name)
    # A prefix (``startswith("CIRCULAR_SMTP")``) is a group of settings, not a name.
    strays = {
        name: where
        for name, where in written.items()
        if name not in known and not any(k.startswith(f"{name}_") for k in known)
    }
    # Names a test sets on purpose to be refused.
    strays.pop("CIRCULAR_SMTP_SECURTY", None)
    strays.pop("CIRCULAR_IMAP_FOLDR", None)
    strays.pop("CIRCULAR_WHATEVER_ZZZ", None)
    assert strays == {}


def _names(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return re.findall(r"\bCIRCULAR_[A-Z0-9_]*[A-Z0-9]\b", text)
