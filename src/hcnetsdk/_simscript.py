"""Scripted answers of the simulated site, checked: ISAPI answers per device and the playback
settings, as ``hcnetsdk.testing`` and the site file (:mod:`._simsite`) take them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Union

__all__ = ["IsapiAnswer", "check_isapi_answers", "playback_settings"]

_METHODS = ("GET", "PUT", "POST", "DELETE")

IsapiAnswer = Union[str, bytes, Mapping[str, Any]]
"""An ISAPI answer: a body (str or bytes), or a mapping with ``body``, ``status`` (the
``ResponseStatus`` text), ``error`` (an SDK error code: the call fails) and ``latency``
(seconds)."""

_ANSWER_KEYS = {"body", "status", "error", "latency"}


def _request_line(request: str) -> str:
    method, _, path = request.strip().partition(" ")
    method = method.upper()
    if method not in _METHODS or not path.strip().startswith("/"):
        raise ValueError(
            f"an ISAPI answer is keyed by 'METHOD /path' (METHOD one of {', '.join(_METHODS)}), "
            f"not {request!r}"
        )
    return f"{method} {path.strip()}"


def _seconds_ms(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number of seconds, not {type(value).__name__}")
    if not 0 <= value <= 3600:
        raise ValueError(f"{what} must be 0..3600 seconds, not {value}")
    return round(value * 1000)


def check_isapi_answers(answers: Mapping[str, IsapiAnswer]) -> dict[str, dict[str, Any]]:
    """``{"GET /ISAPI/...": answer}`` checked and normalised to keyword arguments of
    :meth:`FakeSDKControl.isapi_set_answer` (TypeError/ValueError naming the bad entry)."""
    if not isinstance(answers, Mapping):
        raise TypeError("isapi must map 'METHOD /path' to an answer")
    checked: dict[str, dict[str, Any]] = {}
    for request, answer in answers.items():
        if not isinstance(request, str):
            raise TypeError(f"an ISAPI request must be a str, not {request!r}")
        line = _request_line(request)
        if isinstance(answer, (str, bytes)):
            checked[line] = {"body": answer, "status": None, "sdk_error": 0, "latency_ms": 0}
            continue
        if not isinstance(answer, Mapping) or not set(answer) <= _ANSWER_KEYS:
            raise TypeError(
                f"the answer to {line!r} must be a body (str or bytes) or a table of "
                f"{', '.join(sorted(_ANSWER_KEYS))}, not {answer!r}"
            )
        body = answer.get("body", "")
        status = answer.get("status")
        error = answer.get("error", 0)
        if not isinstance(body, (str, bytes)):
            raise TypeError(f"the body of {line!r} must be str or bytes")
        if status is not None and not isinstance(status, (str, bytes)):
            raise TypeError(f"the status of {line!r} must be str or bytes")
        if isinstance(error, bool) or not isinstance(error, int) or error < 0:
            raise ValueError(f"the error of {line!r} must be an SDK error code >= 0: {error!r}")
        latency = _seconds_ms(answer.get("latency", 0), f"the latency of {line!r}")
        checked[line] = {"body": body, "status": status, "sdk_error": error, "latency_ms": latency}
    return checked


_PLAYBACK_KEYS = {
    "search_polls": "search_polls",
    "download_rate": "rate",
    "record_bps": "record_bps",
    "abort_at": "abort_at",
}


def playback_settings(recordings: Mapping[str, Any]) -> dict[str, int]:
    """``recordings=`` (``search_polls``, ``download_rate``, ``record_bps``, ``abort_at``)
    checked and mapped to the fake's playback settings."""
    if not isinstance(recordings, Mapping):
        raise TypeError("recordings must be a table of settings")
    settings: dict[str, int] = {}
    for key, value in recordings.items():
        if key not in _PLAYBACK_KEYS:
            raise ValueError(
                f"unknown recordings setting {key!r} (known: {', '.join(sorted(_PLAYBACK_KEYS))})"
            )
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"recordings.{key} must be an int, not {value!r}")
        settings[_PLAYBACK_KEYS[key]] = value
    return settings
