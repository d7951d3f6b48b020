"""README.md, the install guide (src/hcnetsdk/install_guide.md, which ships in the package) and
lib/README.md cannot rot: their commands, classes, codes and code blocks are checked against the
package and ``.ci/run``."""

from __future__ import annotations

import builtins
import re
import shlex
import traceback
from pathlib import Path

import pytest

import hcnetsdk
from hcnetsdk import _doctor, _loader, _simulator, cli
from hcnetsdk._simcontrol import FakeSDKControl

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
GUIDE = (REPO / "src" / "hcnetsdk" / "install_guide.md").read_text(encoding="utf-8")
LIB_README = (REPO / "lib" / "README.md").read_text(encoding="utf-8")
MARKER = "<!-- ci:test-command -->"
SETUP_COMMAND = (
    "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/hcnetsdk demo --simulator"
)
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(text: str, *languages: str) -> list[str]:
    return [body for lang, body in FENCE.findall(text) if lang in languages]


def ci_test_command() -> str:
    """What ``.ci/run`` extracts: the line two lines after the marker (awk getline; getline)."""
    lines = README.splitlines()
    return lines[lines.index(MARKER) + 2]


def test_ci_run_still_extracts_this_way() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "awk '/<!-- ci:test-command -->/{getline; getline; print; exit}' README.md" in ci


def test_the_two_setup_commands() -> None:
    assert README.count(MARKER) == 1
    lines = README.splitlines()
    index = lines.index(MARKER)
    assert lines[index + 1] == "```sh"
    assert lines[index + 3] == "```"
    test_command = ci_test_command()
    assert test_command.startswith("python3 -m venv .venv && ")
    assert ".venv/bin/pip install -q -e '.[test]'" in test_command
    assert test_command.endswith(".venv/bin/python -m pytest")
    assert "\n" not in test_command
    # The main job: the first shell block, a one-liner in the same virtual environment.
    first = blocks(README, "sh")[0].strip()
    assert first == SETUP_COMMAND
    assert README.index(SETUP_COMMAND) < README.index(MARKER)
    assert shlex.split(first)[-2:] == ["demo", "--simulator"]


def test_every_python_block_compiles() -> None:
    python_blocks = blocks(README, "python") + blocks(GUIDE, "python")
    assert python_blocks
    for number, body in enumerate(python_blocks):
        compile(body, f"README python block {number}", "exec")


def _subcommands(text: str) -> set[str]:
    """Subcommands of every ``hcnetsdk ...`` in shell/text blocks and inline code."""
    snippets = blocks(text, "sh", "text") + re.findall(r"`([^`\n]+)`", text)
    found: set[str] = set()
    for snippet in snippets:
        for line in snippet.splitlines():
            tokens = line.split()
            for i, token in enumerate(tokens):
                if token != "hcnetsdk" and not token.endswith("/hcnetsdk"):
                    continue
                j = i + 1
                while j < len(tokens) and (
                    tokens[j].startswith(("-", "[", "|")) or tokens[j].isupper()
                ):
                    j += 2 if tokens[j] == "--library" else 1
                if j < len(tokens) and re.fullmatch(r"[a-z]+", tokens[j]):
                    found.add(tokens[j])
    return found


@pytest.mark.parametrize(
    ("name", "text"),
    [("README.md", README), ("install_guide.md", GUIDE), ("lib/README.md", LIB_README)],
)
def test_every_subcommand_mentioned_exists(
    capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    mentioned = _subcommands(text)
    known = {command.name for command in cli.COMMANDS}
    assert mentioned <= known, f"{name} mentions unknown subcommands {mentioned - known}"
    for sub in mentioned:
        assert cli.main([sub, "--help"]) == 0
    capsys.readouterr()


def test_readme_mentions_every_subcommand() -> None:
    assert _subcommands(README) == {command.name for command in cli.COMMANDS}
    assert {"doctor", "login"} <= _subcommands(GUIDE)


def _class(name: str) -> type[BaseException]:
    found = getattr(hcnetsdk, name, None) or getattr(builtins, name, None)
    assert isinstance(found, type), f"{name} is named in the README but does not exist"
    assert issubclass(found, BaseException)
    return found


def test_every_class_named_exists() -> None:
    names = set(re.findall(r"`(?:hcnetsdk\.)?([A-Z]\w*(?:Error|Exception))`", README))
    assert len(names) > 30
    for name in names:
        _class(name)


def test_category_table_codes_belong_to_their_category() -> None:
    rows = re.findall(r"^\| `(\w+)` \| (?:`(\w+)`)? *\| ([\d, ]+) \|$", README, re.MULTILINE)
    assert len(rows) >= 15
    categories = {cls.__name__ for cls in hcnetsdk.category_classes().values()}
    assert {row[0] for row in rows} == categories, "the table lists every category"
    for category, builtin, codes in rows:
        cls = _class(category)
        if builtin:
            assert issubclass(cls, _class(builtin))
        for code in codes.split(","):
            assert issubclass(hcnetsdk.error_class(int(code)), cls), (code, category)


TROUBLESHOOTING = [1, 5, 7, 9, 10, 11, 17, 23, 29, 41, 47, 52, 107, 153, 159]


def test_troubleshooting_covers_the_common_codes() -> None:
    section = README[README.index("## Troubleshooting") : README.index("## Configuration")]
    table = dict(re.findall(r"^\| (\d+) \| `(\w+)` \|", section, re.MULTILINE))
    bold = re.findall(r"^\*\*(\d+) — `(\w+)`\*\* \(`(\w+)`", section, re.MULTILINE)
    covered = {int(code) for code in table} | {int(code) for code, _, _ in bold}
    assert covered == set(TROUBLESHOOTING)
    for code, class_name in table.items():
        assert hcnetsdk.error_class(int(code)).__name__ == class_name
    for code, constant, class_name in bold:
        info = hcnetsdk.lookup(int(code))
        assert (info.name, info.exception_class.__name__) == (constant, class_name)
    # The Chinese originals quoted are the table's own text.
    assert hcnetsdk.lookup(7).description_zh in section
    assert [int(code) for code, _, _ in bold] == [7, 5, 1]


def test_required_sections() -> None:
    headings = re.findall(r"^## (.+)$", README, re.MULTILINE)
    for wanted in (
        "Try it in two commands",
        "Install",
        "Quick start with a real device",
        "Catching errors",
        "Troubleshooting",
        "Configuration",
        "Threading rules",
        "Supported platforms",
        "Performance",
    ):
        assert wanted in headings
    performance = README.split("## Performance", 1)[1].split("\n## ", 1)[0]
    assert "benchmarks/README.md" in performance


def test_configuration_names_are_the_real_ones() -> None:
    for name in (_loader.ENV_VAR, cli.PASSWORD_ENV, _simulator.CACHE_ENV):
        assert name in README
    for method in ("set_connect_timeout", "set_recv_timeout", "set_reconnect", "set_log_to_file"):
        assert hasattr(hcnetsdk.HCNetSDK, method)
        assert method in README
    assert "logger `hcnetsdk`" in README


def test_the_install_guide_matches_the_loader_and_doctor() -> None:
    for expected in _doctor.expected_files(windows=False) + _doctor.expected_files(windows=True):
        if expected.kind != "optional":
            assert expected.name.rstrip("/\\") in GUIDE, expected.name
    for phrase in (
        "HCNETSDK_LIB",
        "library=",
        "--library PATH",
        "PATH",
        "./lib/",
        "libuuid",
        "hcnetsdk doctor",
        "not include it",
        "Result: the SDK is usable.",
        "SDK version 6.1.9.48",
        "hcnetsdk doctor --guide",
        "wrong arch",
        "not a lib",
    ):
        assert phrase in GUIDE, phrase
    # Messages point to the command every install has, never to a file of the repository.
    assert "`hcnetsdk doctor --guide`" in _loader.not_found_error([], "test").args[0]
    assert "README" not in _loader.not_found_error([], "test").args[0]


def test_the_install_guide_is_reachable() -> None:
    """From a clone (lib/README.md and README.md link it) and from any install (package data,
    printed by ``hcnetsdk doctor --guide``)."""
    assert "src/hcnetsdk/install_guide.md" in LIB_README
    assert "hcnetsdk doctor --guide" in LIB_README
    assert "(src/hcnetsdk/install_guide.md)" in README
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"hcnetsdk" = ["py.typed", "install_guide.md"]' in pyproject
    from hcnetsdk.cli import doctor

    assert doctor.install_guide() == GUIDE


def test_the_readme_names_the_command_as_the_hints_do() -> None:
    """After the first command nothing is on PATH: the README says .venv/bin/hcnetsdk, as the
    demo's hints do (test_cli_sdk.py::test_the_demos_hints_name_the_command_as_run)."""
    try_it = README.split("## Try it in two commands", 1)[1].split("\n## ", 1)[0]
    assert "`.venv/bin/hcnetsdk explain 153`" in try_it
    command = README.split("## The `hcnetsdk` command", 1)[1].split("\n## ", 1)[0]
    assert "`.venv/bin/hcnetsdk`" in command
    assert ". .venv/bin/activate" in command


def test_demo_excerpt_is_real_output(
    monkeypatch: pytest.MonkeyPatch,
    fake_sdk_path: Path,
    fake_control: FakeSDKControl,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(fake_sdk_path.parent.parent))
    assert cli.main(["demo", "--simulator"]) == 0
    out = capsys.readouterr().out.splitlines()
    excerpt = next(body for body in blocks(README, "text") if "1. Log into the NVR" in body)
    for line in excerpt.splitlines():
        if line.strip() != "...":
            assert line in out, line


def test_every_guarantee_names_tests_that_exist() -> None:
    section = README.split("## Guarantees", 1)[1].split("\n## ", 1)[0]
    cited = re.findall(r"`(test_\w+\.py)(?:::(test_\w+))?`", section)
    assert len(cited) >= 15
    for file_name, test_name in cited:
        path = REPO / "tests" / file_name
        assert path.is_file(), file_name
        if test_name:
            assert f"def {test_name}(" in path.read_text(encoding="utf-8"), (file_name, test_name)


def test_the_platform_table_names_the_commands_ci_runs() -> None:
    section = README[README.index("## Supported platforms") : README.index("## Performance")]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "`.venv/bin/python -m pytest`" in section
    assert ci_test_command().endswith(".venv/bin/python -m pytest")
    assert "`bash tools/arm64-suite.sh`" in section
    assert (REPO / "tools" / "arm64-suite.sh").is_file()
    assert "HCNETSDK_HOST_PYTHON=python3 exec bash tools/arm64-suite.sh )" in ci


# --- the quick start, run against the simulator ----------------------------------------------

ON_THE_SIMULATOR = {
    '"/opt/hcnetsdk/lib"': '"simulator"',
    '"192.168.1.64"': f'"{_simulator.DEFAULT_HOST}"',
}
"""The quick start's real-device values -> the simulated site's (README says which)."""


def _quick_start() -> tuple[list[str], list[str]]:
    section = README.split("## Quick start with a real device", 1)[1].split("\n## ", 1)[0]
    return blocks(section, "python"), blocks(section, "text")


def _simulated(code: str) -> str:
    """The block with the simulated site's values; it must have had a real device's."""
    assert any(real in code for real in ON_THE_SIMULATOR), code
    for real, simulated in ON_THE_SIMULATOR.items():
        code = code.replace(real, simulated)
    return code


@pytest.fixture
def simulated_site(
    monkeypatch: pytest.MonkeyPatch, fake_sdk_path: Path, fake_control: FakeSDKControl
) -> FakeSDKControl:
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(fake_sdk_path.parent.parent))
    monkeypatch.setenv("HCNETSDK_PASSWORD", _simulator.DEFAULT_PASSWORD)
    return fake_control


def test_the_quick_start_prints_what_the_readme_shows(
    simulated_site: FakeSDKControl, capsys: pytest.CaptureFixture[str]
) -> None:
    code, outputs = _quick_start()
    assert len(code) == 3
    assert len(outputs) == 2
    for used in ("sdk.version", "sdk.devices", "device.logout()", "password_from_env("):
        assert used in code[0], used
    section = README.split("## Quick start with a real device", 1)[1]
    site = f"host `{_simulator.DEFAULT_HOST}`, password `{_simulator.DEFAULT_PASSWORD}`"
    assert f'(`"simulator"` for the library, {site})' in section  # what a reader must change
    namespace: dict[str, object] = {}
    exec(compile(_simulated(code[0]), "README quick start", "exec"), namespace)
    assert capsys.readouterr().out == outputs[0]
    sdk, device = namespace["sdk"], namespace["device"]
    assert isinstance(sdk, hcnetsdk.HCNetSDK)
    assert isinstance(device, hcnetsdk.Device)
    assert not sdk.initialised
    assert not device.logged_in


def test_without_with_the_error_is_the_one_shown_and_init_cleanup_work(
    simulated_site: FakeSDKControl, capsys: pytest.CaptureFixture[str]
) -> None:
    code, outputs = _quick_start()
    namespace: dict[str, object] = {"hcnetsdk": hcnetsdk, "password": hcnetsdk.password_from_env()}
    make, call = _simulated(code[1]).strip().splitlines()
    exec(make, namespace)
    with pytest.raises(RuntimeError, match=r"init\(\)") as caught:  # the class: as the README
        exec(call, namespace)
    last_line = traceback.format_exception_only(caught.type, caught.value)[-1].strip()
    assert last_line == outputs[1].strip()
    assert "init()" in str(caught.value)
    assert "`with HCNetSDK(...) as sdk:`" in str(caught.value)
    assert simulated_site.get_int("calls:NET_DVR_Login_V40") == 0  # refused before the SDK
    exec(_simulated(code[2]), namespace)
    device = namespace["device"]
    assert isinstance(device, hcnetsdk.Device)
    assert not device.logged_in
    assert capsys.readouterr().out == f"{device.info.serial_number}\n"


def test_the_readme_links_the_api_reference() -> None:
    assert "](docs/api.md)" in README
    quick_start = README.split("## Quick start with a real device", 1)[1].split("\n## ", 1)[0]
    assert "[API reference](docs/api.md)" in quick_start
