#!/usr/bin/env python3
"""Generate the error model's derived files from the hand-written table ``src/hcnetsdk/_codes.py``.

Writes:

* ``src/hcnetsdk/_header_codes.py``  every error constant of the 6.1.9.x header, only when a TSV of
  them is given with ``--tsv`` (a header line, then ``NAME<TAB>VALUE`` rows); without it the
  checked-in module is the source;
* ``src/hcnetsdk/_error_classes.py`` one exception class per code of the table (and of ``EXTRA``);
* ``src/hcnetsdk/_errorcode.py``     the ``ErrorCode`` IntEnum of every named code;
* ``docs/errors.md``                 the reference page.

Usage: ``python tools/gen_errors.py [--check] [--tsv PATH]``. ``--check`` writes nothing and exits
with status 1 when a file differs from what would be generated.

Class naming rule (documented in docs/errors.md too):

1. Strip the constant's prefix: NET_DVR_, NET_SDK_ERR_, NET_ERR_, NET_SDK_, NER_ERR_, NET_.
2. Split it into words at underscores; split run-together words (NOENOUGHPRI) into the words of
   ``VOCABULARY`` (the split with the fewest words; a part that cannot be split stays whole).
3. Drop the words ERROR and ERR; spell acronyms in capitals (RTSP, SDK, IP, ...), the SDK's
   misspellings corrected (SUPORT -> Support), every other word capitalised.
4. Prefix RAID codes with ``RAID`` and N+1 codes with ``NPlusOne`` (their names are generic).
5. Append ``Error``.
6. ``OVERRIDES`` replaces the result for codes whose derived name is wrong or collides with a
   category class (0, 500, 600 "no error"; 17 would be the category ``ParameterError``).
"""

from __future__ import annotations

import argparse
import difflib
import functools
import keyword
import sys
import textwrap
import types
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "hcnetsdk"

sys.path.insert(0, str(REPO / "src"))

from hcnetsdk import _base, _codes  # noqa: E402

PREFIXES = ("NET_SDK_ERR_", "NET_DVR_", "NET_ERR_", "NET_SDK_", "NER_ERR_", "NET_")

# Words for splitting run-together parts, with their spelling in class names (None: capitalise).
ACRONYMS = (  # noqa: SIM905
    "ATAPI BGA CVR DDNS DG DLL DS DVR HD ID IP IPC JPEG LD MAC PC PD RAID RD RTSP SDK SSL URL VD "
    "VQD WAV WD XML"
).split()
SPELLINGS = {
    "2": "2",
    "16T": "16T",
    "AUDIOINTECOM": "AudioIntercom",
    "AUDIOINTERCOM": "AudioIntercom",
    "DDRAW": "DDraw",
    "DISCONNEC": "Disconnect",
    "ENCODEING": "Encoding",
    "EXCETP": "Except",
    "FORMATING": "Formatting",
    "HCALARM": "HCAlarm",
    "HCCOREDEVCFG": "HCCoreDevCfg",
    "HCDISPLAY": "HCDisplay",
    "HCGENERALCFGMGR": "HCGeneralCfgMgr",
    "HCINDUSTRY": "HCIndustry",
    "HCNETUTILS": "HCNetUtils",
    "HCPLAYBACK": "HCPlayBack",
    "HCPREVIEW": "HCPreview",
    "HCVOICETALK": "HCVoiceTalk",
    "MEMERY": "Memory",
    "NANLYZE": "Analyze",
    "OPENSSL": "OpenSSL",
    "OPRATE": "Operate",
    "PALYM4": "PlayM4",
    "PLAYM4": "PlayM4",
    "SIZ": "Size",
    "SPITTER": "Splitter",
    "SUPORT": "Support",
    "UNKOWN": "Unknown",
}
WORDS = (  # noqa: SIM905
    "ALARM ALIVE AND BACKUP BIND CAL CANCEL CARD CHAN CLOSE CODE COMMAND CONFLICT CREATE DATA "
    "DESCRIBE DEV DEVICE DIR DISK ENOUGH ERR ERROR EXIST FAIL FAILED FILE FILTER FINISH FLASH "
    "FORMAT GET HAVE HEADER HOST INIT INPUT INVALID IS JOIN LANG LINE LINK LISTEN LOAD LOCAL LOST "
    "MATCH MAX MIG MISMATCH MODE MONOPOLIZE MULTICAST NAME NEW NO NOT NUM OFF OFFLINE ONLY OPEN "
    "OPENED OPER OUT PARA PARAM PERMIT PLAY PLAYER POINT PORT PRI PROC RANGE READ RECORD RECT "
    "RECV RESOURCE SAME SCREEN SEND SERIAL SERVER SET SETUP SOCKET SOUND SPACE SPEC SUPPORT "
    "TEARDOWN TIME TIMEOUT TYPE UPDATE UPGRADE USER USING VERSION VOICE WITH WRITE"
).split()
VOCABULARY: dict[str, str] = {word: word.capitalize() for word in WORDS}
VOCABULARY.update({word: word for word in ACRONYMS})
VOCABULARY.update(SPELLINGS)
# Run-together parts the shortest-split rule gets wrong.
SPECIAL_SPLITS = {"DESCRIBERROR": ("DESCRIBE", "ERROR")}
DROPPED = frozenset({"ERROR", "ERR"})
SECTION_PREFIX = {"raid": "RAID", "n_plus_one": "NPlusOne"}
OVERRIDES = {
    0: "NoErrorCodeError",
    17: "BadParameterError",
    500: "PlayM4NoErrorCodeError",
    600: "AudioIntercomNoErrorCodeError",
}


@functools.cache
def split_part(part: str) -> tuple[str, ...]:
    """Split one underscore-separated part into vocabulary words (fewest words), else keep it."""
    if part in SPECIAL_SPLITS:
        return SPECIAL_SPLITS[part]
    best: list[tuple[str, ...] | None] = [()] + [None] * len(part)
    for end in range(1, len(part) + 1):
        for start in range(end):
            head = best[start]
            word = part[start:end]
            if head is not None and word in VOCABULARY:
                candidate = (*head, word)
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    result = best[len(part)]
    return result if result else (part,)


def class_name(code: int, name: str, section: str) -> str:
    """The per-code class name by the rule in this module's docstring."""
    if code in OVERRIDES:
        return OVERRIDES[code]
    for prefix in PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    words = [word for part in name.split("_") if part for word in split_part(part)]
    words = [word for word in words if word not in DROPPED]
    text = "".join(VOCABULARY.get(word, word.capitalize()) for word in words)
    result = SECTION_PREFIX.get(section, "") + text
    return result if result.endswith("Error") else result + "Error"


class Entry:
    """One code with its own class."""

    def __init__(self, section: str, row: tuple[int, str, str, str, str]) -> None:
        code, name, cats, en, zh = row
        self.code = code
        self.name = name
        self.section = section
        self.categories = tuple(cats.split())
        self.en = en
        self.zh = zh
        self.class_name = class_name(code, name, section)

    @property
    def parents(self) -> list[str]:
        section = _base.SECTION_CLASSES[self.section].__name__
        return [section, *(_base.CATEGORY_CLASSES[key].__name__ for key in self.categories)]


def entries() -> list[Entry]:
    result = [Entry(section, row) for section, rows in _codes.TABLE.items() for row in rows]
    result += [Entry("network_library", row) for row in _codes.EXTRA]
    result.sort(key=lambda entry: entry.code)
    reserved = {cls.__name__ for cls in _base.SECTION_CLASSES.values()}
    reserved |= {cls.__name__ for cls in _base.CATEGORY_CLASSES.values()}
    reserved |= {"HCNetSDKError"}
    seen: dict[str, int] = {}
    for entry in result:
        if not entry.class_name.isidentifier() or keyword.iskeyword(entry.class_name):
            raise SystemExit(f"bad class name {entry.class_name!r} for {entry.code}")
        if entry.class_name in reserved or entry.class_name in seen:
            raise SystemExit(f"class name {entry.class_name!r} of {entry.code} is taken")
        seen[entry.class_name] = entry.code
    return result


# --- header codes ---------------------------------------------------------------------------


def read_tsv(path: Path) -> list[tuple[str, int]]:
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if line.strip():
            name, value = line.split("\t")
            rows.append((name.strip(), int(value)))
    return rows


def render_header_codes(rows: Sequence[tuple[str, int]]) -> str:
    out = [
        '"""Every error constant of the HCNetSDK 6.1.9.x header: (name, value).',
        "",
        "GENERATED by tools/gen_errors.py from a TSV of the header's constants; do not edit.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "HEADER_CODES: tuple[tuple[str, int], ...] = (",
    ]
    out += [f'    ("{name}", {value}),' for name, value in rows]
    out += [")", ""]
    return "\n".join(out)


def header_rows() -> list[tuple[str, int]]:
    from hcnetsdk._header_codes import HEADER_CODES

    return list(HEADER_CODES)


# --- per-code classes -------------------------------------------------------------------------


def _docstring(text: str, indent: str = "    ") -> list[str]:
    if len(indent) + 6 + len(text) <= 100:
        return [f'{indent}"""{text}"""']
    lines = textwrap.wrap(text, width=88 - len(indent), break_on_hyphens=False)
    return [f'{indent}"""{lines[0]}', *(f"{indent}{line}" for line in lines[1:]), f'{indent}"""']


def _class_header(name: str, bases: Sequence[str]) -> list[str]:
    line = f"class {name}({', '.join(bases)}):"
    if len(line) <= 100:
        return [line]
    inner = "    " + ", ".join(bases)
    if len(inner) <= 100:
        return [f"class {name}(", inner, "):"]
    return [f"class {name}(", *(f"    {base}," for base in bases), "):"]


def render_error_classes(items: Sequence[Entry]) -> str:
    bases = sorted({base for entry in items for base in entry.parents})
    out = [
        '"""One exception class per error code of the table (and of ``_codes.EXTRA``).',
        "",
        "GENERATED by tools/gen_errors.py from _codes.py; do not edit. Each class derives from its",
        "section's class and its semantic categories, and registers itself for its code.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from ._base import (",
        *(f"    {base}," for base in sorted(bases, key=str.lower)),
        ")",
        "",
        "__all__ = [",
        *(f'    "{entry_name}",' for entry_name in sorted(entry.class_name for entry in items)),
        "]",
    ]
    for entry in items:
        out += ["", ""]
        out += _class_header(entry.class_name, [*entry.parents, f"code={entry.code}"])
        out += _docstring(f"{entry.name} ({entry.code}): {entry.en}.")
    out.append("")
    return "\n".join(out)


# --- ErrorCode enum ---------------------------------------------------------------------------


def enum_members(
    items: Sequence[Entry], header: Sequence[tuple[str, int]]
) -> list[tuple[str, int]]:
    """(name, value) in value order; per value the primary name first, then aliases.

    The primary name is the table's (or EXTRA's) spelling, else the header's name that is not a
    range base (RAID_ERROR_INDEX, VCA_ERROR_INDEX).
    """
    names: dict[int, list[str]] = {entry.code: [entry.name] for entry in items}
    for name, value in sorted(header, key=lambda row: row[0].endswith("_INDEX")):
        names.setdefault(value, [])
        if name not in names[value]:
            names[value].append(name)
    return [(name, value) for value in sorted(names) for name in names[value]]


def render_errorcode(members: Iterable[tuple[str, int]]) -> str:
    out = [
        '"""``ErrorCode``: an IntEnum of every named HCNetSDK error code.',
        "",
        "GENERATED by tools/gen_errors.py from _codes.py and _header_codes.py; do not edit.",
        "Members are the SDK constant names. Where two names share a value the second is an",
        "alias: the documented error table's spelling is primary (NET_SDK_ERR_REMOTE_DISCONNEC,",
        "XML_VERSION_MISMATCH; the 6.1.9.x header's NET_SDK_ERR_REMOTE_DISCONNECT and",
        "NET_DVR_ERR_RETURNED_XML_DATA are aliases). Imported lazily by ``hcnetsdk.ErrorCode``.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from enum import IntEnum",
        "",
        '__all__ = ["ErrorCode"]',
        "",
        "",
        "class ErrorCode(IntEnum):",
        '    """Every error code named by the documented error table or the 6.1.9.x header."""',
        "",
    ]
    out += [f"    {name} = {value}" for name, value in members]
    out.append("")
    return "\n".join(out)


# --- docs -------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_docs(items: Sequence[Entry], header: Sequence[tuple[str, int]]) -> str:
    by_code = {entry.code: entry for entry in items}
    out = [
        "# Error codes",
        "",
        "<!-- GENERATED by tools/gen_errors.py from src/hcnetsdk/_codes.py; do not edit. -->",
        "",
        "Every failed SDK call raises an instance of `hcnetsdk.HCNetSDKError`. The class tells",
        "what happened; the instance carries `code`, `name`, `description`, `description_zh`,",
        "`function`, `hints`, `sdk_message`, `attempts_left` and `lock_seconds`.",
        "",
        "```python",
        "import hcnetsdk",
        "",
        "try:",
        "    device = sdk.login(...)",
        "except hcnetsdk.AuthenticationError as exc:  # 1, 152, 153, ...",
        "    print(exc.name, exc.attempts_left)",
        "except TimeoutError:  # 10, RTSP timeouts, ...",
        "    ...",
        "except ConnectionError:  # 7, 8, 9, 73, 159, ...",
        "    ...",
        "```",
        "",
        "- `hcnetsdk.error_class(code)`: the code's own class, else its range's section class,",
        "  else `HCNetSDKError`. Never fails for an int.",
        "- `hcnetsdk.HCNetSDKError.from_code(code, function, sdk_message=...)`: the exception",
        "  for a code; `sdk_message` (the text of `NET_DVR_GetErrorMsg`) describes codes outside",
        "  the tables.",
        "- `hcnetsdk.lookup(code_or_name)`: a frozen `ErrorInfo` record.",
        "- `hcnetsdk.ErrorCode`: an `IntEnum` of every named code.",
        "- `hcnetsdk explain CODE|NAME` on the command line.",
        "",
        "## Hierarchy",
        "",
        "Each per-code class derives from the class of its section of the table and from one or",
        "more semantic categories. Three categories also derive from a Python builtin.",
        "",
        "| section class | codes |",
        "|---|---|",
    ]
    ranges = {cls: (first, last) for first, last, cls in _base.RANGES}
    for key, cls in _base.SECTION_CLASSES.items():
        title = _codes.SECTIONS[key][0]
        span = ranges.get(cls)
        where = f"{span[0]}-{span[1]}" if span else ""
        if cls is _base.NetworkLibraryError:
            where = "0-199, 800-802, 821-825 and every other header code"
        out.append(f"| `{cls.__name__}` | {title}: {where} |")
    out += ["", "| category class | also | meaning |", "|---|---|---|"]
    builtins = {"ConnectionError", "TimeoutError", "PermissionError"}
    for key, cls in _base.CATEGORY_CLASSES.items():
        also = [base.__name__ for base in cls.__mro__[1:] if base.__name__ in builtins]
        parent = [
            base.__name__
            for base in cls.__bases__
            if base is not _base.HCNetSDKError and base.__name__ not in builtins
        ]
        extra = ", ".join(f"`{name}`" for name in [*parent, *also])
        out.append(f"| `{cls.__name__}` | {extra} | {_codes.CATEGORY_KEYS[key]} |")
    out += [
        "",
        "Codes without a class of their own get their range's section class (table above), else",
        "`NetworkLibraryError` when the 6.1.9.x header names them, else `HCNetSDKError`.",
        "",
        "## Class names",
        "",
        "Derived from the SDK constant: strip the prefix (NET_DVR_, NET_SDK_ERR_, NET_ERR_,",
        "NET_SDK_, NER_ERR_, NET_); split at underscores and split run-together words into known",
        "words (NOENOUGHPRI -> No Enough Pri); drop ERROR/ERR; capitalise each word, acronyms in",
        "capitals, the SDK's misspellings corrected (SUPORT -> Support); prefix RAID codes with",
        "`RAID` and N+1 codes with `NPlusOne`; append `Error`. Overrides: "
        + "; ".join(f"{code} `{name}`" for code, name in sorted(OVERRIDES.items()))
        + ".",
        "",
    ]
    for key, (title, title_zh) in _codes.SECTIONS.items():
        out += [f"## {title} ({title_zh})", ""]
        out += [
            "| code | name | class | categories | description | description (zh) |",
            "|---|---|---|---|---|---|",
        ]
        for code, name, _cats, en, zh in _codes.TABLE[key]:
            entry = by_code[code]
            cats = ", ".join(entry.parents[1:])
            out.append(
                f"| {code} | `{name}` | `{entry.class_name}` | {cats} | {_cell(en)} | {_cell(zh)} |"
            )
        out.append("")
    out += [
        "## Other codes with their own class",
        "",
        "Codes outside the documented error table that users meet often (at login, or when an SDK",
        "component is missing).",
        "",
        "| code | name | class | categories | description |",
        "|---|---|---|---|---|",
    ]
    for code, name, _cats, en, _zh in _codes.EXTRA:
        entry = by_code[code]
        cats = ", ".join(entry.parents[1:])
        out.append(f"| {code} | `{name}` | `{entry.class_name}` | {cats} | {_cell(en)} |")
    out += [
        "",
        "## Hints",
        "",
        "`explain` prints these; the exception's `hints` attribute holds them.",
        "",
    ]
    for code, hints in sorted(_codes.HINTS.items()):
        out += [f"### {code} `{by_code[code].name}`", ""]
        if hints.note:
            out += [hints.note, ""]
        if hints.causes:
            out += ["Possible causes:", "", *(f"- {item}" for item in hints.causes), ""]
        if hints.solutions:
            out += ["Solutions:", "", *(f"- {item}" for item in hints.solutions), ""]
        if hints.note_zh:
            out += [f"Note (Chinese): {hints.note_zh}", ""]
        if hints.causes_zh:
            out += [
                "Possible causes (Chinese):",
                "",
                *(f"- {item}" for item in hints.causes_zh),
                "",
            ]
        if hints.solutions_zh:
            out += ["Solutions (Chinese):", "", *(f"- {item}" for item in hints.solutions_zh), ""]
    spelled = {header: table for table, header in _codes.HEADER_SPELLING.items()}
    out += [
        "## Every other code of the 6.1.9.x header",
        "",
        "Named (so that `str()` shows the constant) but without a class or description of their",
        "own; the exception's description is the SDK's message when the binding could read it.",
        "",
        "| code | name | class |",
        "|---|---|---|",
    ]
    for name, value in header:
        if value in by_code and (name == by_code[value].name or name in spelled):
            if name in spelled:
                out.append(f"| {value} | `{name}` | same code as `{spelled[name]}` |")
            continue
        if value in by_code:
            cls_name = by_code[value].class_name
        else:
            cls_name = _base.fallback_class(value).__name__
        out.append(f"| {value} | `{name}` | `{cls_name}` |")
    out.append("")
    return "\n".join(out)


# --- main -------------------------------------------------------------------------------------


def outputs(tsv: Path | None) -> dict[Path, str]:
    result: dict[Path, str] = {}
    if tsv is not None:
        header = read_tsv(tsv)
        result[PACKAGE / "_header_codes.py"] = render_header_codes(header)
    else:
        header = header_rows()
    # Use these rows even where the checked-in module is missing or stale.
    module = types.ModuleType("hcnetsdk._header_codes")
    module.HEADER_CODES = tuple(header)  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    _base.header_names.cache_clear()
    items = entries()
    result[PACKAGE / "_error_classes.py"] = render_error_classes(items)
    result[PACKAGE / "_errorcode.py"] = render_errorcode(enum_members(items, header))
    result[REPO / "docs" / "errors.md"] = render_docs(items, header)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a file is stale")
    parser.add_argument(
        "--tsv",
        type=Path,
        help="a TSV of the 6.1.9.x header's error constants to regenerate _header_codes.py from",
    )
    args = parser.parse_args(argv)
    if args.tsv is not None and not args.tsv.is_file():
        parser.error(f"--tsv {args.tsv}: no such file")
    stale = []
    for path, text in outputs(args.tsv).items():
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current == text:
            continue
        stale.append(path)
        if args.check:
            diff = difflib.unified_diff(
                current.splitlines(), text.splitlines(), str(path), "generated", lineterm="", n=1
            )
            print("\n".join(list(diff)[:40]), file=sys.stderr)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(REPO)}")
    if args.check and stale:
        names = ", ".join(str(path.relative_to(REPO)) for path in stale)
        print(f"stale (run tools/gen_errors.py): {names}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
