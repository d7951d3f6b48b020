#!/usr/bin/env python3
"""Generate ``docs/api.md``, the API reference, from the package's own docstrings.

Documents every name of ``hcnetsdk.__all__`` but the per-code exception classes (one per SDK
error code; ``docs/errors.md`` lists them): classes with their public methods, properties,
attributes, fields and enum members, functions and data. Which names are public is read from the
imported package; signatures and docstrings from the source, with ``ast``, so that the page is the
same on every Python version. A name added to the package is picked up on the next run.

Where documentation lives: a docstring for modules, classes, functions, methods and properties;
a string literal right after an attribute, field or enum member (or ``#:`` comments right above
it) for those. reST markup in docstrings (double backquotes, roles such as ``:class:`X```,
``Usage::`` blocks, underlined headings) is turned into Markdown; ``tools/_apisource.py`` does the
reading. A docstring's Python example becomes a Python block of the page, which ``ruff format``
checks: write examples formatted.

Usage: ``python tools/gen_api.py [--check]``. ``--check`` writes nothing and exits with status 1
when ``docs/api.md`` differs from what would be generated. Standard library only.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import inspect
import re
import sys
import textwrap
from collections.abc import Iterator, Sequence

import _apisource as source
from _apisource import GROUPS, MAX_MEMBERS_LISTED, PER_CODE, Item, Member

REPO = source.REPO
OUTPUT = REPO / "docs" / "api.md"

NOT_CONSTRUCTED = frozenset({"Device"})
"""Classes users get from a call (``HCNetSDK.login``), never construct: no constructor shown."""

WIDTH = 88
"""Signatures longer than this put one parameter on a line."""


def undocumented(sections: dict[str, list[Item]]) -> list[str]:
    """Documented names without a word of documentation (``Class.member`` for members)."""
    missing = []
    for found in sections.values():
        for item in found:
            if item.kind == "data":
                _, path = source.data_source(item.name)
                tree, lines = source.parsed(path)
                docs = [
                    source.attribute_doc(tree.body, index, lines)
                    for index, stmt in enumerate(tree.body)
                    if (source.assigned(stmt) or ("",))[0] == item.name
                ]
                if not any(docs):
                    missing.append(item.name)
                continue
            if item.node is not None and not source.docstring(item.node):
                missing.append(item.name)
            summarised = item.kind == "enum" and len(item.members) > MAX_MEMBERS_LISTED
            missing += [
                f"{item.name}.{member.name}"
                for member in item.members
                if not member.doc and not summarised
            ]
    return missing


# --- Markdown ---------------------------------------------------------------------------------


def anchor(heading: str, seen: dict[str, int]) -> str:
    """GitHub's anchor for a heading; ``seen`` counts repeats (``-1``, ``-2``, ...)."""
    slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
    count = seen.get(slug, 0)
    seen[slug] = count + 1
    return slug if count == 0 else f"{slug}-{count}"


ROLE = re.compile(r":(class|meth|func|data|attr|exc|mod|obj):`(~?)([^`]+)`")


class Renderer:
    def __init__(self, sections: dict[str, list[Item]]) -> None:
        self.sections = sections
        self.links: dict[str, str] = {}  # documented name (and Class.member) -> anchor
        self.seen: dict[str, int] = {"api-reference": 1, "contents": 1}
        self.out: list[str] = []

    # reST -> Markdown
    def _role(self, match: re.Match[str]) -> str:
        role, short, target = match.groups()
        target = target.removeprefix("hcnetsdk.")
        shown = target.rsplit(".", 1)[-1] if short else target
        if role in ("meth", "func"):
            shown += "()"
        link = self.links.get(target) or self.links.get(target.rsplit(".", 1)[-1])
        return f"[`{shown}`](#{link})" if link else f"`{shown}`"

    def markdown(self, text: str) -> str:
        text = ROLE.sub(self._role, text)
        text = re.sub(r"``([^`]+?)``", r"`\1`", text)
        lines = text.splitlines()
        out: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            after = lines[index + 1] if index + 1 < len(lines) else ""
            if line.strip() and re.fullmatch(r"(-+|=+)", after) and len(after) == len(line):
                out += [f"**{line.strip()}**", ""]
                index += 2
                continue
            if line.rstrip().endswith("::"):
                head = line.rstrip()[:-2].rstrip()
                if head:
                    out.append(head + ":")
                index += 1
                block: list[str] = []
                while index < len(lines) and (not lines[index].strip() or lines[index][:1] == " "):
                    block.append(lines[index])
                    index += 1
                code = textwrap.dedent("\n".join(block)).strip("\n")
                out += ["", "```python" if _is_python(code) else "```text", code, "```", ""]
                continue
            out.append(line)
            index += 1
        return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()

    def heading(self, level: int, text: str, key: str | None = None) -> None:
        slug = anchor(text, self.seen)
        if key is not None:
            self.links.setdefault(key, slug)
        self.out += [f"{'#' * level} {text}", ""]

    def code(self, text: str) -> None:
        self.out += ["```python", text, "```", ""]

    def paragraph(self, text: str) -> None:
        if text:
            self.out += [self.markdown(text), ""]


def _is_python(code: str) -> bool:
    try:
        ast.parse(code)
    except SyntaxError:
        return False
    return True


def _wrap_signature(prefix: str, signature: str) -> str:
    if len(prefix) + len(signature) <= WIDTH:
        return prefix + signature
    head, _, returns = signature.rpartition(")")
    params = _split_params(head[1:])
    return prefix + "(\n" + "".join(f"    {p},\n" for p in params) + ")" + returns


def _split_params(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        depth += char in "([{"
        depth -= char in ")]}"
        current += char
    return [*parts, current.strip()] if current.strip() else parts


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _bases(node: ast.ClassDef) -> list[str]:
    return [source.unparse(base) for base in node.bases if source.unparse(base) != "object"]


def _iter_headings(sections: dict[str, list[Item]]) -> Iterator[tuple[int, str, str]]:
    """(level, heading, link key) in page order: used to know every anchor before rendering."""
    for section, found in sections.items():
        yield 2, _title(section), section
        for item in found:
            yield 3, f"`{item.name}`", item.name
            for member in item.members:
                if member.kind != "attribute":
                    yield 4, f"`{item.name}.{member.name}`", f"{item.name}.{member.name}"


def _title(section: str) -> str:
    if section in GROUPS:
        return GROUPS[section][0]
    if section == "hcnetsdk":
        return "The package"
    return section.rsplit(".", 1)[-1].lstrip("_").replace("_", " ").capitalize()


def render() -> str:
    sections = source.items()
    renderer = Renderer(sections)
    for _level, text, key in _iter_headings(sections):
        renderer.links.setdefault(key, anchor(text, renderer.seen))
    renderer.seen = {"api-reference": 1, "contents": 1}
    out = renderer.out
    count = len(PER_CODE)
    out += [
        "# API reference",
        "",
        "<!-- GENERATED by tools/gen_api.py from the package's docstrings; do not edit. -->",
        "",
        "Everything `import hcnetsdk` exports, with its documentation. The "
        f"{count} exception classes of single error codes (`PasswordError`, `UserLockedError`, "
        "...) are listed in [errors.md](errors.md), with their codes and bases.",
        "",
        "## Contents",
        "",
    ]
    for section, found in sections.items():
        names = ", ".join(f"[`{item.name}`](#{renderer.links[item.name]})" for item in found)
        out.append(f"- [{_title(section)}](#{renderer.links[section]}): {names}")
    out.append("")
    for section, found in sections.items():
        renderer.heading(2, _title(section))
        path = source.module_path(section)
        renderer.paragraph(source.docstring(source.parsed(path)[0]))
        if section == "hcnetsdk.errors":
            renderer.paragraph(
                f"The {count} per-code classes are in [errors.md](errors.md); each derives from "
                "its section's class and its categories below."
            )
        for item in found:
            _render_item(renderer, item)
    return "\n".join(out).rstrip() + "\n"


def _render_item(renderer: Renderer, item: Item) -> None:
    renderer.heading(3, f"`{item.name}`")
    node = item.node
    if item.kind == "data":
        _module_name, path = source.data_source(item.name)
        tree, lines = source.parsed(path)
        for index, stmt in enumerate(tree.body):
            found = source.assigned(stmt)
            if found is not None and found[0] == item.name:
                annotation = (
                    source.type_text(found[1]) if found[1] is not None else type(item.obj).__name__
                )
                renderer.code(f"hcnetsdk.{item.name}: {annotation}")
                renderer.paragraph(source.attribute_doc(tree.body, index, lines))
        return
    if isinstance(node, ast.FunctionDef):
        renderer.code(
            _wrap_signature(
                f"hcnetsdk.{item.name}", source.signature(node, item.obj, drop_first=False)
            )
        )
        renderer.paragraph(source.docstring(node))
        return
    if not isinstance(node, ast.ClassDef):  # defined without source: what the runtime says
        renderer.code(f"hcnetsdk.{item.name}")
        renderer.paragraph(inspect.getdoc(item.obj) or "")
        return
    init = next(
        (s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None
    )
    signature = ""
    if init is not None and item.name not in NOT_CONSTRUCTED:
        signature = source.signature(init, item.obj.__init__, drop_first=True).rsplit(" -> ", 1)[0]
    header = [f"@{decorator}" for decorator in source.decorator_texts(node)]
    header.append(_wrap_signature(f"class hcnetsdk.{item.name}", signature))
    renderer.code("\n".join(header))
    bases = _bases(node)
    if bases:
        renderer.paragraph("Bases: " + ", ".join(_link(renderer, base) for base in bases) + ".")
    renderer.paragraph(source.docstring(node))
    attributes = [member for member in item.members if member.kind == "attribute"]
    if attributes:
        _render_table(renderer, item, attributes)
    for member in item.members:
        if member.kind == "attribute":
            continue
        renderer.heading(4, f"`{item.name}.{member.name}`")
        if member.kind == "property":
            typed = f": {member.text}" if member.text else ""
            renderer.code(f"{item.name}.{member.name}{typed}")
            note = "*Property.*" if member.writable else "*Read-only property.*"
            renderer.paragraph(f"{note} {member.doc}")
        else:
            prefix = {"method": "", "async": "async "}.get(member.kind, f"@{member.kind}\n")
            renderer.code(prefix + _wrap_signature(f"{item.name}.{member.name}", member.text))
            renderer.paragraph(member.doc)


def _link(renderer: Renderer, name: str) -> str:
    link = renderer.links.get(name)
    return f"[`{name}`](#{link})" if link else f"`{name}`"


def _render_table(renderer: Renderer, item: Item, attributes: list[Member]) -> None:
    out = renderer.out
    if item.kind == "enum":
        if len(attributes) > MAX_MEMBERS_LISTED:
            examples = ", ".join(f"`{member.name}`" for member in attributes[:3])
            renderer.paragraph(
                f"{len(item.obj)} members, {len(item.obj.__members__)} names with the aliases "
                f"({examples}, ...): every code [errors.md](errors.md) lists, named as in the SDK."
            )
            return
        out += ["| member | value | meaning |", "|---|---|---|"]
        for member in attributes:
            doc = renderer.markdown(member.doc)
            out.append(f"| `{member.name}` | {_cell(member.text)} | {_cell(doc)} |")
    else:
        title = "field" if item.kind == "record" else "attribute"
        out += [f"| {title} | type | meaning |", "|---|---|---|"]
        for member in attributes:
            doc = renderer.markdown(member.doc)
            typed = f"`{_cell(member.text)}`" if member.text else ""
            out.append(f"| `{member.name}` | {typed} | {_cell(doc)} |")
    out.append("")


# --- main -------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/api.md is stale")
    args = parser.parse_args(argv)
    text = render()
    current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
    if current == text:
        return 0
    if args.check:
        diff = difflib.unified_diff(
            current.splitlines(), text.splitlines(), "docs/api.md", "generated", lineterm="", n=1
        )
        print("\n".join(list(diff)[:40]), file=sys.stderr)
        print("stale (run tools/gen_api.py): docs/api.md", file=sys.stderr)
        return 1
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(REPO)}")
    for name in undocumented(source.items()):
        print(f"warning: {name} has no documentation", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
