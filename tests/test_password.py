"""``hcnetsdk.password_from_env``: the variable, an empty one, a prompt only on a terminal."""

from __future__ import annotations

import io

import pytest

import hcnetsdk
from hcnetsdk import PasswordUnavailableError, password_from_env


def test_the_variable_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCNETSDK_PASSWORD", "s3cret")
    assert password_from_env() == "s3cret"
    monkeypatch.setenv("OTHER_PW", "x")
    assert password_from_env("OTHER_PW", prompt="never asked: ") == "x"


def test_an_empty_variable_is_not_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCNETSDK_PASSWORD", "")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": pytest.fail("asked"))
    with pytest.raises(PasswordUnavailableError, match="HCNETSDK_PASSWORD is set but empty"):
        password_from_env(prompt="Password: ")


def test_unset_without_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HCNETSDK_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())
    with pytest.raises(LookupError, match="no password: set HCNETSDK_PASSWORD \\(standard input"):
        password_from_env(prompt="Password: ")
    with pytest.raises(LookupError, match="no password: set HCNETSDK_PASSWORD; passwords"):
        password_from_env()


def test_unset_on_a_terminal_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HCNETSDK_PASSWORD", raising=False)
    terminal = io.StringIO()
    monkeypatch.setattr(terminal, "isatty", lambda: True)
    monkeypatch.setattr("sys.stdin", terminal)
    asked: list[str] = []

    def getpass(prompt: str = "") -> str:
        asked.append(prompt)
        return "typed"

    monkeypatch.setattr("getpass.getpass", getpass)
    assert password_from_env(prompt="Password for admin: ") == "typed"
    assert asked == ["Password for admin: "]
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "")
    with pytest.raises(PasswordUnavailableError, match="no password was entered"):
        password_from_env(prompt="Password: ")


def test_it_is_public() -> None:
    assert hcnetsdk.password_from_env is password_from_env
    assert "password_from_env" in hcnetsdk.__all__
