"""``docs/api.md`` (made by ``tools/gen_api.py``): current, complete, and readable as Markdown."""

from __future__ import annotations

import ast
import dataclasses
import enum
import importlib
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import hcnetsdk
from hcnetsdk import _error_classes

REPO = Path(__file__).resolve().parent.parent
TOOLS = REPO / "tools"
API = (REPO / "docs" / "api.md").read_text(encoding="utf-8")

sys.path.insert(0, str(TOOLS))
import _apisource  # noqa: E402
import gen_api  # noqa: E402

DOCUMENTED_CLASSES = [
    hcnetsdk.HCNetSDK,
    hcnetsdk.Device,
    hcnetsdk.DeviceInfo,
    hcnetsdk.SDKVersion,
    hcnetsdk.LogLevel,
    hcnetsdk.LoginMode,
    hcnetsdk.PasswordLevel,
    hcnetsdk.HCNetSDKError,
    hcnetsdk.ErrorInfo,
    hcnetsdk.Hints,
    hcnetsdk.SDKNotFoundError,
    hcnetsdk.HostResolutionError,
]


def test_the_reference_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(TOOLS / "gen_api.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_rendering_twice_gives_the_same_page() -> None:
    assert gen_api.render() == gen_api.render() == API


def _headings(level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} `([^`]+)`$", API, re.MULTILINE)


def test_every_public_name_but_the_per_code_classes_has_a_section() -> None:
    names = _headings(3)
    assert len(names) == len(set(names))
    assert set(names) == set(hcnetsdk.__all__) - set(_error_classes.__all__)
    assert "PasswordError" not in names
    assert f"The {len(_error_classes.__all__)} exception classes of single error codes" in API
    assert "[errors.md](errors.md)" in API


def _section(name: str) -> str:
    start = API.index(f"### `{name}`\n")
    end = API.find("\n### ", start + 1)
    return API[start : end if end != -1 else len(API)]


SAMPLES: dict[type, object] = {
    hcnetsdk.HCNetSDKError: hcnetsdk.HCNetSDKError(),
    hcnetsdk.SDKNotFoundError: hcnetsdk.SDKNotFoundError("not found"),
    hcnetsdk.HostResolutionError: hcnetsdk.HostResolutionError("no such host"),
}
"""Instances, for the attributes a constructor sets."""


def _runtime_members(cls: type) -> set[str]:
    """Public members as the running class has them (independent of the generator's ast)."""
    if issubclass(cls, enum.Enum):
        return set(cls.__members__)
    names = set(vars(cls)) | set(vars(cls).get("__annotations__", {}))
    names |= set(getattr(cls, "__slots__", ()))
    if dataclasses.is_dataclass(cls):
        names |= {field.name for field in dataclasses.fields(cls)}
    if cls in SAMPLES:
        names |= set(vars(SAMPLES[cls]))
    return {name for name in names if not name.startswith("_")}


@pytest.mark.parametrize("cls", DOCUMENTED_CLASSES, ids=lambda cls: cls.__name__)
def test_every_public_member_of_the_main_classes_is_documented(cls: type) -> None:
    section = _section(cls.__name__)
    members = _runtime_members(cls)
    assert members
    for member in members:
        assert f"#### `{cls.__name__}.{member}`" in section or f"| `{member}` |" in section, (
            f"{cls.__name__}.{member} is missing from docs/api.md"
        )


def test_nothing_public_lacks_documentation() -> None:
    assert gen_api.undocumented(_apisource.items()) == []


def test_what_users_read_in_signatures() -> None:
    # a private alias expanded, a private default shown by value, the SDK's own call made
    hcnetsdk_class = (
        "class hcnetsdk.HCNetSDK(library: str | os.PathLike[str] | ctypes.CDLL | None = None)"
    )
    assert hcnetsdk_class in _section("HCNetSDK")
    assert "variable: str = 'HCNETSDK_PASSWORD'" in _section("password_from_env")
    assert "LibrarySpec" not in API
    device = _section("Device")
    assert "class hcnetsdk.Device\n" in device  # made by login(), no constructor shown
    assert "| `info` | `DeviceInfo` | What the device reported at login. |" in device
    assert "#### `HCNetSDK.login`" in API
    assert "*Read-only property.* The SDK build version" in _section("HCNetSDK")


def test_no_rest_markup_is_left() -> None:
    prose = re.sub(r"^```.*?^```", "", API, flags=re.MULTILINE | re.DOTALL)
    assert "``" not in prose
    assert not re.search(r":(class|meth|func|data|attr|exc):`", prose)
    assert "::\n" not in prose
    assert prose.count("`") % 2 == 0


def test_every_link_inside_the_page_has_its_heading() -> None:
    from test_user_text import anchors  # the same rule GitHub uses

    targets = set(re.findall(r"\]\(#([^)]+)\)", API))
    assert len(targets) > 40
    assert targets <= anchors(API)


def test_the_generator_uses_only_the_standard_library() -> None:
    allowed = {"hcnetsdk", "_apisource"}
    stdlib = getattr(sys, "stdlib_module_names", None)
    for script in ("gen_api.py", "_apisource.py"):
        tree = ast.parse((TOOLS / script).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                assert top in allowed or stdlib is None or top in stdlib, (script, module)


def test_a_name_added_to_the_package_is_picked_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "_extra_feature.py").write_text(
        textwrap.dedent(
            '''
            """A feature added later: its module docstring opens its section."""


            class Recorder:
                """Records things."""

                limit: int = 3
                """At most this many."""

                def start(self, seconds: float = 1.0) -> None:
                    """Start recording."""


            def describe(code: int) -> str:
                """What ``code`` means; see :class:`Recorder`."""
                return ""


            RECORDING_LIMIT = 3
            """Recordings at most."""
            '''
        ),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    extra = importlib.import_module("_extra_feature")

    added = ["Recorder", "describe", "RECORDING_LIMIT"]
    monkeypatch.setattr(hcnetsdk, "__all__", [*hcnetsdk.__all__, *added])
    monkeypatch.setitem(hcnetsdk._LAZY, "RECORDING_LIMIT", "_extra_feature")
    monkeypatch.setattr(hcnetsdk, "RECORDING_LIMIT", extra.RECORDING_LIMIT, raising=False)
    monkeypatch.setattr(hcnetsdk, "Recorder", extra.Recorder, raising=False)
    monkeypatch.setattr(hcnetsdk, "describe", extra.describe, raising=False)
    page = gen_api.render()
    assert "## Extra feature\n\nA feature added later" in page
    assert "### `Recorder`" in page
    assert "| `limit` | `int` | At most this many. |" in page
    assert "Recorder.start(seconds: float = 1.0) -> None" in page
    assert "hcnetsdk.describe(code: int) -> str" in page
    assert "What `code` means; see [`Recorder`](#recorder)." in page
    assert "hcnetsdk.RECORDING_LIMIT: int\n```\n\nRecordings at most." in page
    contents = "- [Extra feature](#extra-feature): [`Recorder`](#recorder), [`describe`](#describe)"
    assert f"{contents}, [`RECORDING_LIMIT`](#recording_limit)" in page
