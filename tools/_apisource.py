"""Reading the package for ``tools/gen_api.py``: what is public, and its documentation.

Which names are public is read from the imported package (``hcnetsdk.__all__``); signatures and
docstrings from the source, with ``ast``, so that the reference is the same on every Python
version. Standard library only.
"""

from __future__ import annotations

import ast
import copy
import dataclasses
import enum
import functools
import importlib
import importlib.util
import inspect
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

sys.path.insert(0, str(REPO / "src"))

import hcnetsdk  # noqa: E402
from hcnetsdk import _error_classes  # noqa: E402

PER_CODE = frozenset(_error_classes.__all__)
"""The generated per-code exception classes: in docs/errors.md, not here."""

GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "hcnetsdk.sdk": ("The SDK", ("hcnetsdk.sdk",)),
    "hcnetsdk.device": ("Devices", ("hcnetsdk.device", "hcnetsdk._deviceinfo")),
    "hcnetsdk._password": ("Passwords", ("hcnetsdk._password",)),
    "hcnetsdk.errors": (
        "Errors",
        ("hcnetsdk._base", "hcnetsdk.errors", "hcnetsdk._codes", "hcnetsdk._errorcode"),
    ),
    "hcnetsdk.aio": (
        "asyncio",
        ("hcnetsdk.aio", "hcnetsdk.aio._device", "hcnetsdk.aio._stream", "hcnetsdk.aio._features"),
    ),
    "hcnetsdk.testing": (
        "Testing kit",
        (
            "hcnetsdk.testing",
            "hcnetsdk.testing._site",
            "hcnetsdk.testing._device",
            "hcnetsdk.testing._features",
            "hcnetsdk._simscript",
        ),
    ),
}
"""Module whose docstring opens a section -> (title, the modules whose names it documents). A
name from any other module gets a section of its own module, after these."""

MAX_MEMBERS_LISTED = 40
"""An enum with more members is summarised (``ErrorCode`` has about 1,180)."""

# --- reading the source -----------------------------------------------------------------------


@functools.cache
def parsed(path: str) -> tuple[ast.Module, tuple[str, ...]]:
    text = Path(path).read_text(encoding="utf-8")
    return ast.parse(text), tuple(text.splitlines())


def module_path(module_name: str) -> str:
    module = importlib.import_module(module_name)
    path = inspect.getsourcefile(module)
    assert path is not None, module_name
    return path


def docstring(node: ast.AST) -> str:
    if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
        return ast.get_docstring(node, clean=True) or ""
    return ""


def find(body: Sequence[ast.stmt], qualname: str) -> ast.AST | None:
    head, _, rest = qualname.partition(".")
    for node in body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)) and node.name == head:
            return find(node.body, rest) if rest else node
    return None


def assigned(node: ast.stmt) -> tuple[str, ast.expr | None, ast.expr | None] | None:
    """(name, annotation, value) of ``name = v``, ``name: T = v``, ``self.name ... = v``."""
    target: ast.expr
    annotation: ast.expr | None
    if isinstance(node, ast.AnnAssign):
        target, annotation, value = node.target, node.annotation, node.value
    elif isinstance(node, ast.Assign) and len(node.targets) == 1:
        target, annotation, value = node.targets[0], None, node.value
    else:
        return None
    if isinstance(target, ast.Name):
        return target.id, annotation, value
    if (
        isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == "self"
    ):
        return target.attr, annotation, value
    return None


def attribute_doc(body: Sequence[ast.stmt], index: int, lines: Sequence[str]) -> str:
    """The string literal right after ``body[index]``, else the ``#:`` comments right above."""
    following = body[index + 1] if index + 1 < len(body) else None
    if (
        isinstance(following, ast.Expr)
        and isinstance(following.value, ast.Constant)
        and isinstance(following.value.value, str)
    ):
        return inspect.cleandoc(following.value.value)
    comments: list[str] = []
    number = body[index].lineno - 2  # the line above, 0-based
    while number >= 0 and lines[number].strip().startswith("#:"):
        comments.insert(0, lines[number].strip()[2:].strip())
        number -= 1
    return " ".join(comments)


# --- what is documented -----------------------------------------------------------------------


@dataclasses.dataclass
class Member:
    kind: str  # "method", "async", "classmethod", "staticmethod", "property", "attribute"
    name: str
    text: str  # a signature "(a, b) -> c", an annotation, or an enum member's value
    doc: str
    writable: bool = False


@dataclasses.dataclass
class Item:
    name: str
    kind: str  # "class", "exception", "record", "enum", "function", "data"
    obj: Any
    path: str
    node: ast.AST | None
    members: list[Member] = dataclasses.field(default_factory=list)


def unparse(node: ast.expr) -> str:
    return ast.unparse(node)


UNIONS = ("Union", "typing.Union", "Optional", "typing.Optional")


@functools.cache
def aliases() -> dict[str, ast.expr]:
    """Private type aliases of the package (``LibrarySpec = Union[...]``): name -> value."""
    table: dict[str, ast.expr] = {}
    for path in sorted((REPO / "src" / "hcnetsdk").rglob("*.py")):
        for stmt in parsed(str(path))[0].body:
            found = assigned(stmt)
            value = found[2] if found is not None else None
            if (
                found is not None
                and isinstance(value, ast.Subscript)
                and unparse(value.value) in UNIONS
                and found[0] not in hcnetsdk.__all__
            ):
                table[found[0]] = value
    return table


class _AsWritten(ast.NodeTransformer):
    """An annotation as users write it: private aliases expanded, ``Union[a, b]`` and
    ``Optional[a]`` as ``a | b`` and ``a | None``, ``'os.PathLike[str]'`` unquoted."""

    def visit_Name(self, node: ast.Name) -> ast.AST:
        alias = aliases().get(node.id)
        return self.visit(copy.deepcopy(alias)) if alias is not None else node

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        head = unparse(node.value)
        if head in ("Literal", "typing.Literal"):
            return node
        node = self.generic_visit(node)  # type: ignore[assignment]
        if head not in UNIONS:
            return node
        parts = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if head.endswith("Optional"):
            parts.append(ast.Constant(None))
        result = parts[0]
        for part in parts[1:]:
            result = ast.BinOp(result, ast.BitOr(), part)
        return result

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, str):
            try:
                parsed: ast.AST = self.visit(ast.parse(node.value, mode="eval").body)
                return parsed
            except SyntaxError:
                pass
        return node


def type_text(node: ast.expr) -> str:
    """An annotation's text, as users write it (see ``_AsWritten``)."""
    return unparse(_AsWritten().visit(copy.deepcopy(node)))


def default_text(node: ast.expr, value: Any) -> str:
    """A default as written, or its value when written as a name users cannot look up."""
    if (
        isinstance(node, ast.Name)
        and node.id not in hcnetsdk.__all__
        and isinstance(value, (str, int, float, bool, type(None)))
    ):
        return repr(value)
    return unparse(node)


def signature(
    node: ast.FunctionDef | ast.AsyncFunctionDef, runtime: Any, *, drop_first: bool
) -> str:
    """``(a: int, *, b: str = 'x') -> None`` from the source; defaults written as private
    names are shown by value."""
    args = node.args
    try:
        runtime_params = inspect.signature(runtime).parameters
    except (TypeError, ValueError):
        runtime_params = {}  # type: ignore[assignment]

    def param(arg: ast.arg, default: ast.expr | None, prefix: str = "") -> str:
        text = prefix + arg.arg
        if arg.annotation is not None:
            text += ": " + type_text(arg.annotation)
        if default is not None:
            found = runtime_params.get(arg.arg)
            value = found.default if found is not None else inspect.Parameter.empty
            text += (" = " if arg.annotation is not None else "=") + default_text(default, value)
        return text

    positional = [*args.posonlyargs, *args.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
    defaults += args.defaults
    parts = []
    for number, (arg, default) in enumerate(zip(positional, defaults)):
        if not (drop_first and number == 0):
            parts.append(param(arg, default))
        if args.posonlyargs and number == len(args.posonlyargs) - 1:
            parts.append("/")
    if args.vararg is not None:
        parts.append(param(args.vararg, None, "*"))
    elif args.kwonlyargs:
        parts.append("*")
    parts += [param(arg, default) for arg, default in zip(args.kwonlyargs, args.kw_defaults)]
    if args.kwarg is not None:
        parts.append(param(args.kwarg, None, "**"))
    returns = f" -> {type_text(node.returns)}" if node.returns is not None else ""
    return "(" + ", ".join(parts) + ")" + returns


def decorator_texts(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> list[str]:
    return [unparse(decorator) for decorator in node.decorator_list]


def class_members(cls: type, node: ast.ClassDef, lines: Sequence[str]) -> list[Member]:
    """Public members defined in the class body, in source order, then the public attributes
    its ``__init__`` sets."""
    members: list[Member] = []
    by_name: dict[str, Member] = {}
    init: ast.FunctionDef | None = None
    for index, stmt in enumerate(node.body):
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if stmt.name == "__init__" and isinstance(stmt, ast.FunctionDef):
                init = stmt
            if stmt.name.startswith("_"):
                continue
            decorators = decorator_texts(stmt)
            if any(d.endswith((".setter", ".deleter")) for d in decorators):
                if stmt.name in by_name:
                    by_name[stmt.name].writable = True
                continue
            runtime = inspect.getattr_static(cls, stmt.name)
            if "property" in decorators or "functools.cached_property" in decorators:
                kind = "property"
                text = type_text(stmt.returns) if stmt.returns is not None else ""
            else:
                kind = next(
                    (d for d in decorators if d in ("classmethod", "staticmethod")), "method"
                )
                if isinstance(stmt, ast.AsyncFunctionDef):
                    kind = "async"  # a coroutine method: `await obj.name(...)`
                function = getattr(runtime, "__func__", runtime)
                text = signature(stmt, function, drop_first=kind != "staticmethod")
            member = Member(kind, stmt.name, text, docstring(stmt))
        else:
            found = assigned(stmt)
            if found is None or found[0].startswith("_"):
                continue
            name, annotation, value = found
            if isinstance(annotation, ast.Subscript) and unparse(annotation.value) == "ClassVar":
                annotation = annotation.slice
            if issubclass(cls, enum.Enum):
                text = unparse(value) if value is not None else ""
            else:
                text = type_text(annotation) if annotation is not None else ""
            member = Member("attribute", name, text, attribute_doc(node.body, index, lines))
        if member.name not in by_name:
            members.append(member)
            by_name[member.name] = member
    if init is not None:
        parameters = {arg.arg: arg.annotation for arg in [*init.args.args, *init.args.kwonlyargs]}
        for index, stmt in enumerate(init.body):
            found = assigned(stmt)
            if found is None or found[0].startswith("_") or found[0] in by_name:
                continue
            name, annotation, value = found
            if annotation is None and isinstance(value, ast.Name):
                annotation = parameters.get(value.id)  # self.port = port: the parameter's type
            text = type_text(annotation) if annotation is not None else ""
            member = Member("attribute", name, text, attribute_doc(init.body, index, lines))
            members.append(member)
            by_name[name] = member
    package = importlib.import_module("hcnetsdk")
    for base in cls.__bases__:  # mixins (one per area) belong to the class's page
        exported = not base.__name__.startswith("_") and hasattr(package, base.__name__)
        if not exported and base.__module__.startswith("hcnetsdk."):
            tree, base_lines = parsed(module_path(base.__module__))
            base_node = find(tree.body, base.__qualname__)
            if isinstance(base_node, ast.ClassDef):
                for member in class_members(base, base_node, base_lines):
                    if member.name not in by_name:
                        members.append(member)
                        by_name[member.name] = member
    return members


def kind_of(obj: Any) -> str:
    if isinstance(obj, type):
        if issubclass(obj, BaseException):
            return "exception"
        if issubclass(obj, enum.Enum):
            return "enum"
        if dataclasses.is_dataclass(obj) or (issubclass(obj, tuple) and hasattr(obj, "_fields")):
            return "record"
        return "class"
    if callable(obj):
        return "function"
    return "data"


KIND_ORDER = ("class", "exception", "record", "enum", "function", "data")


def data_source(name: str) -> tuple[str, str]:
    """(module name, path) of the module that assigns the public data ``name``: the module the
    package imports it from on first use, else the package, else a module of a section."""
    lazy = getattr(hcnetsdk, "_LAZY", {}).get(name)
    candidates = [importlib.util.resolve_name(lazy, "hcnetsdk")] if lazy else []
    candidates += [
        "hcnetsdk",
        *sorted({module for _, modules in GROUPS.values() for module in modules}),
    ]
    for module_name in candidates:
        path = module_path(module_name)
        tree, _ = parsed(path)
        if any((assigned(stmt) or ("",))[0] == name for stmt in tree.body):
            return module_name, path
    return "hcnetsdk", module_path("hcnetsdk")


def items() -> dict[str, list[Item]]:
    """Section module -> its items, in the order they are documented."""
    sections: dict[str, list[Item]] = {}
    home = {module: section for section, (_, modules) in GROUPS.items() for module in modules}
    for name in hcnetsdk.__all__:
        if name in PER_CODE:
            continue
        obj = getattr(hcnetsdk, name)
        kind = kind_of(obj)
        node: ast.AST | None = None
        if kind == "data":
            module_name, path = data_source(name)
        else:
            module_name = obj.__module__
            path = inspect.getsourcefile(obj) or ""
            tree, _lines = parsed(path)
            node = find(tree.body, obj.__qualname__)
        item = Item(name, kind, obj, path, node)
        if isinstance(node, ast.ClassDef):
            item.members = class_members(obj, node, parsed(path)[1])
        sections.setdefault(home.get(module_name, module_name), []).append(item)
    for section, found in sections.items():
        modules = GROUPS.get(section, ("", (section,)))[1]
        found.sort(
            key=lambda item: (
                KIND_ORDER.index(item.kind),
                modules.index(item.obj.__module__) if item.kind != "data" else 0,
                getattr(item.node, "lineno", 0),
                item.name,
            )
        )
    known = [section for section in GROUPS if section in sections]
    return {section: sections[section] for section in [*known, *sorted(set(sections) - set(known))]}
