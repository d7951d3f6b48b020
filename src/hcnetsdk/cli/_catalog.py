"""The error catalogue as ``explain`` and ``errors`` show it: which codes a class catches.

A category (``AuthenticationError``), a section (``NetworkLibraryError``), the base class or a
Python builtin (``TimeoutError``) "catches" a code when ``except`` that class catches the
exception hcnetsdk raises for it: ``issubclass(error_class(code), cls)``. Lists show the codes
hcnetsdk describes (every code with a row: the documented table and the codes users meet at login,
such as 153 and 159); ``--all`` adds the codes the 6.1.9.x header only names. Classes without a
code (``SDKNotFoundError``, ``HostResolutionError``, ...) are listed by name.

Imports only the error table: no ctypes, no SDK.
"""

from __future__ import annotations

import builtins
from typing import Any, Literal, NamedTuple

from .. import errors
from .._base import ROWS, header_names
from .._codes import CATEGORY_KEYS, SECTIONS

__all__ = [
    "Catchable",
    "all_codes",
    "catchable",
    "category_help",
    "caught",
    "caught_without_code",
    "described_codes",
    "summary",
    "table_lines",
]

Kind = Literal["category", "section", "base", "builtin", "no code"]

_BUILTINS = (
    "BaseException",
    "Exception",
    "OSError",
    "ConnectionError",
    "TimeoutError",
    "PermissionError",
    "RuntimeError",
    "LookupError",
)
"""Python builtins that some hcnetsdk exception derives from."""


class Catchable(NamedTuple):
    """A class one can write ``except`` with, and what kind of class it is."""

    cls: type[BaseException]
    kind: Kind

    @property
    def name(self) -> str:
        return self.cls.__name__

    @property
    def path(self) -> str:
        """As one writes it in an ``except`` clause."""
        return self.name if self.kind == "builtin" else f"hcnetsdk.{self.name}"

    @property
    def description(self) -> str:
        if self.kind == "builtin":
            return f"Python's own {self.name}; the hcnetsdk exceptions below derive from it"
        doc = (self.cls.__doc__ or "").strip().split("\n\n", 1)[0]
        return " ".join(doc.split()).replace("``", "`")


def _no_code_classes() -> list[type[BaseException]]:
    """hcnetsdk's exceptions that carry no SDK code (loading, closed objects, host names, ...)."""
    from .._password import PasswordUnavailableError

    found: list[type[BaseException]] = []
    for name in errors.__all__:
        value = getattr(errors, name)
        if (
            isinstance(value, type)
            and issubclass(value, BaseException)
            and not issubclass(value, errors.HCNetSDKError)
        ):
            found.append(value)
    return [*found, PasswordUnavailableError]


def catchable(text: str) -> Catchable | None:
    """The class ``text`` names (a class name or a category/section key, any case), or None when
    it names none (it may still be an error code's own class or constant: see ``lookup``)."""
    wanted = text.strip().lower().replace("-", "_")
    if wanted == errors.HCNetSDKError.__name__.lower():
        return Catchable(errors.HCNetSDKError, "base")
    for key, cls in errors.category_classes().items():
        if wanted in (key, cls.__name__.lower()):
            return Catchable(cls, "category")
    for key, cls in errors.section_classes().items():
        if wanted in (key, cls.__name__.lower()):
            return Catchable(cls, "section")
    for other in _no_code_classes():
        if wanted == other.__name__.lower():
            return Catchable(other, "no code")
    for name in _BUILTINS:
        if wanted == name.lower():
            return Catchable(getattr(builtins, name), "builtin")
    return None


def category_help() -> str:
    """What ``--category`` accepts, for help texts and errors."""
    return (
        f"a category key ({', '.join(CATEGORY_KEYS)}), a section ({', '.join(SECTIONS)}) or a "
        "class name (AuthenticationError, TimeoutError, ...)"
    )


def described_codes() -> list[int]:
    """The codes hcnetsdk describes: the documented table and the codes met at login."""
    return sorted(ROWS)


def all_codes() -> list[int]:
    """Every code hcnetsdk knows: described, or named by the 6.1.9.x header."""
    return sorted(set(ROWS) | set(header_names()))


def caught(cls: type[BaseException], codes: list[int]) -> list[int]:
    """The codes of ``codes`` that ``except cls`` catches."""
    return [code for code in codes if issubclass(errors.error_class(code), cls)]


def caught_without_code(cls: type[BaseException]) -> list[str]:
    """hcnetsdk's code-less exceptions that ``except cls`` catches too."""
    return [c.__name__ for c in _no_code_classes() if issubclass(c, cls) and c is not cls]


def table_lines(infos: list[errors.ErrorInfo], indent: str = "") -> list[str]:
    """One aligned line per code: code, constant, class, description."""
    if not infos:
        return []
    name_width = max(len(info.name) for info in infos)
    class_width = max(len(info.exception_class.__name__) for info in infos)
    return [
        f"{indent}{info.code:>5}  {info.name:<{name_width}}  "
        f"{info.exception_class.__name__:<{class_width}}  {info.description}".rstrip()
        for info in infos
    ]


def summary(item: Catchable) -> dict[str, Any]:
    """What ``explain`` says about a class, as data (its JSON)."""
    described = caught(item.cls, described_codes())
    total = len(caught(item.cls, all_codes()))
    parents = [
        base.__name__
        for base in item.cls.__mro__[1:]
        if base not in (object, BaseException, Exception) and base is not item.cls
    ]
    return {
        "kind": item.kind,
        "name": item.name,
        "class": item.path,
        "description": item.description,
        "parents": parents,
        "codes": [
            {
                "code": info.code,
                "name": info.name,
                "class": info.exception_class.__name__,
                "description": info.description,
            }
            for info in map(errors.lookup, described)
        ],
        "more_with_all": total - len(described),
        "without_code": caught_without_code(item.cls),
    }
