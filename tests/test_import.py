"""``import hcnetsdk`` opens no shared library and imports none of the SDK modules."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
before = set(sys.modules)
import hcnetsdk
loaded = sorted(m for m in set(sys.modules) - before if m.startswith(("hcnetsdk.", "ctypes")))
maps = open("/proc/self/maps").read() if sys.platform.startswith("linux") else ""
libs = sorted({line.split()[-1] for line in maps.splitlines() if ".so" in line})
sdk_libs = [lib for lib in libs if "hcnetsdk" in lib.rsplit("/", 1)[-1].lower()]
print(json.dumps({"loaded": loaded, "sdk_libs": sdk_libs}))
"""


def test_import_loads_no_sdk_module_and_no_library() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    result = json.loads(out)
    for module in ("hcnetsdk.sdk", "hcnetsdk.device", "hcnetsdk._native", "hcnetsdk._loader"):
        assert module not in result["loaded"]
    assert "ctypes" not in result["loaded"]
    assert result["sdk_libs"] == []


def test_lazy_names_are_listed_and_unknown_names_raise() -> None:
    import hcnetsdk

    assert "HCNetSDK" in hcnetsdk.__all__
    assert "HCNetSDK" in dir(hcnetsdk)
    with pytest.raises(AttributeError, match="NoSuchThing"):
        hcnetsdk.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018


def test_every_lazy_name_resolves_and_is_visible_to_type_checkers() -> None:
    """Each lazy name imports from its module and has a TYPE_CHECKING import (mypy sees it)."""
    import ast
    import importlib
    from pathlib import Path

    import hcnetsdk

    source = Path(hcnetsdk.__file__).read_text(encoding="utf-8")
    typed: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom):
                    typed.update(alias.asname or alias.name for alias in stmt.names)
    lazy: dict[str, str] = hcnetsdk._LAZY
    assert set(lazy) == typed
    for name, module in lazy.items():
        value = getattr(hcnetsdk, name)
        assert value is getattr(importlib.import_module(module, "hcnetsdk"), name)


def test_every_subpackage_is_packaged() -> None:
    """pyproject.toml lists packages by hand: a subpackage missing there is missing from the
    wheel (``hcnetsdk.cli`` missing would break the ``hcnetsdk`` command)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    text = (root / "pyproject.toml").read_text()
    listed = re.search(r"^packages = \[(.*?)\]", text, re.M | re.S)
    assert listed is not None
    packages = set(re.findall(r'"([\w.]+)"', listed.group(1)))
    source = root / "src" / "hcnetsdk"
    found = {
        ".".join(("hcnetsdk", *init.parent.relative_to(source).parts))
        for init in source.rglob("__init__.py")
    }
    assert found <= packages
