from __future__ import annotations

import pytest

from circular.settings import Security, SettingsError, load_settings


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
