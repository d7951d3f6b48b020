"""The house rules of ``src/hcnetsdk``, read from the source with ``ast`` (nothing is imported).

* Layers, from the bottom: errors -> C boundary -> core -> features -> API -> entry points. A
  module imports only its own layer or lower ones; features never import each other; within a
  layer only the pairs in ``SAME_LAYER`` may import each other. Imports under
  ``if TYPE_CHECKING:`` (annotations only, never run) may name any module of the API layer or
  lower, so that ``Device.sdk`` can be typed without ``device`` importing ``sdk``.
* The run-time import graph has no circle.
* A hand-written module stays under ``MAX_LINES``; generated modules and data tables are exempt.
* Every module is placed in a layer: a new module must be added to ``LAYERS`` below.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "hcnetsdk"
MAX_LINES = 400

ERRORS, BOUNDARY, CORE, FEATURES, API, ENTRY = range(6)
LAYER_NAMES = ("errors", "C boundary", "core", "features", "API", "entry points")

LAYERS: dict[str, int] = {
    "errors": ERRORS,
    "_base": ERRORS,
    "_codes": ERRORS,
    "_error_classes": ERRORS,
    "_errorcode": ERRORS,
    "_header_codes": ERRORS,
    "_isapi_errors": ERRORS,
    "_playback_errors": ERRORS,
    "_binary": BOUNDARY,
    "_loader": BOUNDARY,
    "_simulator": BOUNDARY,
    "_simcache": BOUNDARY,
    "_simcontrol": BOUNDARY,
    "_simevents": BOUNDARY,
    "_simconfig": BOUNDARY,
    "_simisapi": BOUNDARY,
    "_simplayback": BOUNDARY,
    "_simstream": BOUNDARY,
    "_simkit": BOUNDARY,
    "_simsite": BOUNDARY,
    "_simscript": BOUNDARY,
    "_sdkfiles": BOUNDARY,
    "_native": BOUNDARY,
    "_convert": CORE,
    "_session": CORE,
    "_lifecycle": CORE,
    "_interrupts": CORE,
    "_process": CORE,
    "_callbacks": CORE,
    "_queues": CORE,
    "_threadstate": CORE,
    "_streambridge": CORE,
    "_initcfg": CORE,
    "_login": CORE,
    "_deviceinfo": CORE,
    "events": FEATURES,
    "snapshot": FEATURES,
    "devconfig": FEATURES,
    "isapi": FEATURES,
    "playback": FEATURES,
    "stream": FEATURES,
    "ptz": FEATURES,
    "device": API,
    "_sdktypes": API,
    "_password": API,
    "sdk": API,
    "aio": API,
    "_doctor": ENTRY,
    "_doctor_files": ENTRY,
    "_doctor_verdict": ENTRY,
    "cli": ENTRY,
    "testing": ENTRY,
    "__main__": ENTRY,
    "__init__": ENTRY,
}
"""Top-level module or package name -> layer. Subpackages (``_native.core``) take their
package's layer and may import each other."""

SAME_LAYER: set[tuple[str, str]] = {
    ("_loader", "_binary"),
    ("_simcontrol", "_simulator"),
    ("_simcontrol", "_simevents"),
    ("_simcontrol", "_simconfig"),
    ("_simcontrol", "_simisapi"),
    ("_simcontrol", "_simplayback"),
    ("_simcontrol", "_simstream"),
    ("_simcontrol", "_simkit"),
    ("_simsite", "_simcontrol"),
    ("_loader", "_simsite"),
    ("_simsite", "_simulator"),
    ("_simulator", "_simcache"),
    ("_lifecycle", "_interrupts"),
    ("_lifecycle", "_process"),
    ("_lifecycle", "_session"),
    ("_callbacks", "_queues"),
    ("_callbacks", "_threadstate"),
    ("_callbacks", "_process"),
    ("_streambridge", "_queues"),
    ("_streambridge", "_process"),
    ("_streambridge", "_threadstate"),
    ("_initcfg", "_convert"),
    ("_login", "_session"),
    ("_login", "_lifecycle"),
    ("_login", "_convert"),
    ("_deviceinfo", "_convert"),
    ("sdk", "device"),
    ("sdk", "_sdktypes"),
    ("aio", "sdk"),
    ("aio", "_sdktypes"),
    ("_simsite", "_simscript"),
    ("_simsite", "_native"),  # the header's tables: byCharEncodeType codecs
    ("_simscript", "_native"),  # and dwFileType names
    ("_simscript", "_simplayback"),
}
"""(importer, imported) pairs allowed within one layer (other than within a package)."""

GENERATED_OR_DATA = {"_error_classes.py", "_errorcode.py", "_header_codes.py", "_codes.py"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _dotted(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _top(dotted: str) -> str:
    return dotted.split(".", 1)[0]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path) -> list[tuple[str, bool, int]]:
    """(imported hcnetsdk module, type-only, line) for every import statement in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _dotted(path)
    is_package = path.name == "__init__.py"
    package = here if is_package else here.rpartition(".")[0]
    found: list[tuple[str, bool, int]] = []
    known = {_dotted(p) for p in _modules()}

    def visit(node: ast.AST, type_only: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for stmt in node.body:
                visit(stmt, True)
            for stmt in node.orelse:
                visit(stmt, type_only)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("hcnetsdk."):
                    found.append((alias.name[len("hcnetsdk.") :], type_only, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".") if package and package != "__init__" else []
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join([*base_parts, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.startswith("hcnetsdk"):
                base = node.module[len("hcnetsdk") :].lstrip(".")
            else:
                base = None
            if base is not None:
                for alias in node.names:
                    candidate = f"{base}.{alias.name}" if base else alias.name
                    target = candidate if candidate in known else base
                    if target:
                        found.append((target, type_only, node.lineno))
        for child in ast.iter_child_nodes(node):
            visit(child, type_only)

    visit(tree, False)
    return found


def _layer(dotted: str) -> int:
    top = _top(dotted)
    if top not in LAYERS:
        raise AssertionError(f"module hcnetsdk.{dotted} has no layer: add {top!r} to LAYERS")
    return LAYERS[top]


def test_every_module_has_a_layer() -> None:
    missing = sorted({_top(_dotted(p)) for p in _modules()} - set(LAYERS))
    assert not missing, f"add these to LAYERS in {__file__}: {missing}"


@pytest.mark.parametrize("path", _modules(), ids=_dotted)
def test_imports_follow_the_layers(path: Path) -> None:
    here = _dotted(path)
    mine = _layer(here)
    wrong: list[str] = []
    for target, type_only, line in _imports(path):
        if _top(target) == _top(here) or here == "__init__":
            continue  # within a package; the package's own __init__ is the entry point
        theirs = _layer(target)
        pair = (_top(here), _top(target))
        if type_only:
            ok = theirs <= max(mine, API)
        elif theirs < mine:
            ok = True
        elif theirs == mine:
            ok = mine in (ERRORS, ENTRY) or pair in SAME_LAYER
        else:
            ok = False
        if not ok:
            wrong.append(
                f"line {line}: {here} ({LAYER_NAMES[mine]}) imports {target} "
                f"({LAYER_NAMES[theirs]}){' under TYPE_CHECKING' if type_only else ''}"
            )
    assert not wrong, "\n".join(wrong)


def test_the_run_time_import_graph_has_no_circle() -> None:
    graph: dict[str, set[str]] = {}
    for path in _modules():
        here = _dotted(path)
        graph.setdefault(here, set()).update(
            target for target, type_only, _ in _imports(path) if not type_only and target != here
        )
    # A package's submodule importing a sibling through the package is fine as long as the
    # package's own __init__ does not import back into the submodule; ast sees both edges.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                if not _package_edge(cycle):
                    raise AssertionError("import circle: " + " -> ".join(cycle))
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def _package_edge(cycle: list[str]) -> bool:
    """``_native`` importing ``_native.core`` which imports ``_native._types``... a package and
    its submodules: Python resolves these (submodules never import the package's __init__)."""
    return len({_top(node) for node in cycle}) == 1 and all(
        "." in node or node == cycle[0] for node in cycle
    )


def _hand_written() -> list[Path]:
    return [p for p in _modules() if p.name not in GENERATED_OR_DATA]


@pytest.mark.parametrize("path", _hand_written(), ids=_dotted)
def test_hand_written_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, (
        f"{path.relative_to(PACKAGE.parent.parent)} has {lines} lines (> {MAX_LINES}): split it "
        "by feature (see the layout in README.md)"
    )


def test_every_same_layer_pair_is_in_one_layer() -> None:
    for importer, imported in SAME_LAYER:
        assert LAYERS[importer] == LAYERS[imported], (importer, imported)


def test_the_rules_can_fail(tmp_path: Path) -> None:
    """The parser sees relative, absolute, nested and TYPE_CHECKING imports."""
    sample = PACKAGE / "_session.py"
    targets = {(t, type_only) for t, type_only, _ in _imports(sample)}
    assert ("_native", False) in targets
    assert ("errors", False) in targets
    device = {(t, type_only) for t, type_only, _ in _imports(PACKAGE / "device.py")}
    assert ("sdk", True) in device  # the annotation-only import is seen, and marked
    assert ("sdk", False) not in device
