"""``password_from_env``: the one way apps, the examples and the ``hcnetsdk`` command get a
device password without putting it on a command line."""

from __future__ import annotations

import getpass
import os
import sys

__all__ = ["PASSWORD_ENV", "PasswordUnavailableError", "password_from_env"]

PASSWORD_ENV = "HCNETSDK_PASSWORD"
"""The environment variable read by default."""


class PasswordUnavailableError(LookupError):
    """No password could be had: the variable is unset (or empty) and no terminal to ask on."""


def password_from_env(variable: str = PASSWORD_ENV, *, prompt: str | None = None) -> str:
    """The password in the environment variable ``variable`` (``HCNETSDK_PASSWORD``).

    When it is unset, and ``prompt`` is given and standard input is a terminal, the user is
    asked with :func:`getpass.getpass` (nothing is echoed). A variable that is set but empty is
    an error of its own (never taken as "unset"). Raises :class:`PasswordUnavailableError`
    (a ``LookupError``) saying which case it is; the password itself never appears in it.
    """
    value = os.environ.get(variable)
    if value is not None:
        if not value:
            raise PasswordUnavailableError(
                f"{variable} is set but empty: set it to the device's password, or unset it"
                + (" to be asked for it" if prompt is not None else "")
            )
        return value
    stdin = sys.stdin
    if prompt is None or stdin is None or not stdin.isatty():
        how = "" if prompt is None else " (standard input is not a terminal, so it cannot ask)"
        raise PasswordUnavailableError(
            f"no password: set {variable}{how}; passwords are never taken from the command line"
        )
    entered = getpass.getpass(prompt)
    if not entered:
        raise PasswordUnavailableError("no password was entered")
    return entered
