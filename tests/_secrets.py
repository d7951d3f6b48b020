"""A helper for tests: does a secret survive anywhere in an exception or its frames?"""

from __future__ import annotations

import pickle


def _holds_secret(value: object, secret: str) -> bool:
    encoded = secret.encode("utf-8", "surrogatepass")
    if isinstance(value, str):
        return secret in value or secret[:8] in value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return encoded[:8] in bytes(value)
    return False


def assert_no_secret_anywhere(exc: BaseException, secret: str) -> None:
    """Not in the exception's text, repr, args, pickle, chained exceptions, nor in any local of
    an hcnetsdk frame of its traceback."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        for text in (str(current), repr(current), *map(repr, current.args)):
            assert not _holds_secret(text, secret), text
        try:
            data = pickle.dumps(current)
        except Exception:
            data = b""
        assert secret.encode("utf-8", "surrogatepass")[:8] not in data
        tb = current.__traceback__
        while tb is not None:
            frame = tb.tb_frame
            if "hcnetsdk" in frame.f_code.co_filename:
                for name, value in frame.f_locals.items():
                    assert not _holds_secret(value, secret), (frame.f_code.co_name, name)
            tb = tb.tb_next
        current = current.__cause__ or current.__context__
