"""The package against the documented error table, kept as test data in ``tests/data/``.

The copy makes these tests run in any clone; when the project's shared folder is beside the
repository (``../shared/seed/``), the copy is also checked to be the same as the original.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import hcnetsdk
from hcnetsdk import _codes

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "tests" / "data" / "hcnetsdk-error-codes.md"
ORIGINAL = REPO.parent / "shared" / "seed" / "hcnetsdk-error-codes.md"

ROW = re.compile(r"^\|\s*(\**)(\d+)\1\s*\|\s*(\**)([A-Z0-9_]+)\3\s*\|\s*(\**)(.*?)\5\s*\|\s*$")
HEADING = re.compile(r"^## 6\.\d+ (.+)$")


def _parse_seed() -> list[tuple[int, str, str, str]]:
    """(code, name, Chinese description, section heading) for every row of the table."""
    rows = []
    heading = None
    for line in SEED.read_text(encoding="utf-8").splitlines():
        match = HEADING.match(line)
        if match:
            heading = match.group(1).strip()
            continue
        if line.startswith("## "):
            heading = None
            continue
        match = ROW.match(line)
        if match and heading is not None:
            rows.append((int(match.group(2)), match.group(4), match.group(6).strip(), heading))
    return rows


@pytest.fixture(scope="module")
def seed_rows() -> list[tuple[int, str, str, str]]:
    return _parse_seed()


@pytest.mark.skipif(not ORIGINAL.is_file(), reason="no shared folder beside the repository")
def test_the_copy_is_the_original() -> None:
    assert SEED.read_bytes() == ORIGINAL.read_bytes()


def test_table_has_255_codes_in_8_sections(seed_rows: list[tuple[int, str, str, str]]) -> None:
    assert len(seed_rows) == 255
    assert len({code for code, *_ in seed_rows}) == 255
    assert len({heading for *_, heading in seed_rows}) == 8
    assert sum(len(rows) for rows in _codes.TABLE.values()) == 255


def test_every_row_matches_the_package(seed_rows: list[tuple[int, str, str, str]]) -> None:
    headings = {title_zh: key for key, (_title, title_zh) in _codes.SECTIONS.items()}
    for code, name, description_zh, heading in seed_rows:
        info = hcnetsdk.lookup(code)
        assert info.code == code
        assert info.name == name, code
        assert info.description_zh == description_zh, code
        assert info.section == headings[heading], code
        assert info.in_table
        assert info.description, code
        cls = hcnetsdk.error_class(code)
        assert cls.default_code == code, code
        assert cls.__name__ in hcnetsdk.__all__
        assert getattr(hcnetsdk, cls.__name__) is cls
        assert issubclass(cls, hcnetsdk.section_classes()[info.section])
        assert hcnetsdk.lookup(name).code == code
        exc = cls(function="NET_DVR_Test")
        assert exc.code == code
        assert exc.name == name
        assert exc.description_zh == description_zh


def test_package_has_no_row_the_table_lacks(seed_rows: list[tuple[int, str, str, str]]) -> None:
    seed = {(code, name) for code, name, *_ in seed_rows}
    package = {(code, name) for rows in _codes.TABLE.values() for code, name, *_ in rows}
    assert package == seed


def test_troubleshooting_hints_of_the_table(seed_rows: list[tuple[int, str, str, str]]) -> None:
    text = SEED.read_text(encoding="utf-8")
    for code in (7, 5, 1):
        hints = hcnetsdk.lookup(code).hints
        assert hints is not None
        assert hints.solutions
        assert len(hints.solutions) == len(hints.solutions_zh)
        for item in (*hints.causes_zh, *hints.solutions_zh):
            assert item in text
    hints7 = hcnetsdk.lookup(7).hints
    assert hints7 is not None
    assert len(hints7.causes) == len(hints7.causes_zh) == 7
