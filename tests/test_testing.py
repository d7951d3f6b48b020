"""hcnetsdk.testing: FakeSite and FakeDevice without pytest's fixtures, and the site file."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import hcnetsdk
from hcnetsdk import _simsite
from hcnetsdk._simsite import SiteFileError
from hcnetsdk.testing import FakeSite


def test_a_site_is_usable_as_a_context_manager(fake_sdk_path: Path) -> None:
    with FakeSite(fake_sdk_path) as site:
        nvr = site.add_nvr(port=8100, users={"admin": "a", "viewer": "v"}, ip_channels=300)
        cam = site.add_camera("::1", 8101, lock_policy=None, channels=2, char_encoding="gb2312")
        assert site.devices == (nvr, cam)
        with site.sdk() as sdk:
            with sdk.login("127.0.0.1", 8100, username="viewer", password="v") as device:
                assert device.info.ip_channels == 300
                assert device.info.start_ip_channel == 33
                assert nvr.sessions == 1
                assert nvr.user_ids == [device.user_id]
            with sdk.login("::1", 8101, username="admin", password="12345") as device:
                assert device.info.analog_channels == 2
                assert device.info.char_encoding == 1
            with pytest.raises(hcnetsdk.PasswordError):
                sdk.login("127.0.0.1", 8100, username="viewer", password="a")
            with pytest.raises(hcnetsdk.PasswordError) as caught:
                sdk.login("::1", 8101, username="admin", password="x")
            assert caught.value.attempts_left is None  # no lock policy
        assert (nvr.login_attempts, nvr.logins, nvr.failed_attempts) == (2, 1, 1)
        assert site.calls("NET_DVR_Logout") == 2
        assert site.sessions == 0
    with pytest.raises(RuntimeError, match="not open"):
        site.control  # noqa: B018


def test_scripted_failures_latency_and_lock(fake_sdk_path: Path) -> None:
    with FakeSite(fake_sdk_path) as site, site.sdk() as sdk:
        nvr = site.add_nvr(lock_policy=(2, 60))
        nvr.fail_next("NET_DVR_Login_V40", 10)
        with pytest.raises(hcnetsdk.NetworkRecvTimeoutError):
            sdk.login("127.0.0.1", 8000, username="admin", password="12345")
        sdk.login("127.0.0.1", 8000, username="admin", password="12345").logout()  # once only
        nvr.fail_logins(52)
        with pytest.raises(hcnetsdk.HCNetSDKError) as caught:
            sdk.login("127.0.0.1", 8000, username="admin", password="12345")
        assert caught.value.code == 52
        nvr.fail_logins(None)
        for _ in range(2):
            with pytest.raises(hcnetsdk.AuthenticationError):
                sdk.login("127.0.0.1", 8000, username="admin", password="bad")
        assert bool(nvr.locked)  # bool(): mypy would keep the narrowing past the call
        nvr.set_lock_policy(0, 0)
        assert not nvr.locked
        nvr.set_latency(0.05)
        sdk.login("127.0.0.1", 8000, username="admin", password="12345").logout()
        assert site.control.get_int("max_logins_in_flight") == 1
        site.fail_next("NET_DVR_SetRecvTimeOut", 17)
        with pytest.raises(hcnetsdk.ParameterError):
            sdk.set_recv_timeout(1)


def test_events_pushed_and_a_dropped_connection(fake_sdk_path: Path) -> None:
    with FakeSite(fake_sdk_path) as site, site.sdk() as sdk:
        cam = site.add_camera(port=8001)
        device = sdk.login("127.0.0.1", 8001, username="admin", password="12345")
        with device.events() as events:
            assert site.subscriptions == 1
            cam.push_alarm(3, (1,))
            assert isinstance(events.get(timeout=10), hcnetsdk.AlarmEvent)
            cam.drop_connection()
            assert isinstance(events.get(timeout=10), hcnetsdk.ConnectionEvent)
            cam.push_alarm()  # not delivered while dropped
            cam.restore_connection()
            assert events.get(timeout=10).name == "ALARM_RECONNECTSUCCESS"
            cam.push_isapi_event('{"eventType": "VMD"}', json=True)
            assert isinstance(events.get(timeout=10), hcnetsdk.IsapiEvent)


def test_one_site_at_a_time_and_bad_arguments(fake_sdk_path: Path) -> None:
    with FakeSite(fake_sdk_path) as site:
        with pytest.raises(RuntimeError, match="another FakeSite"):
            FakeSite(fake_sdk_path).open()
        with pytest.raises(ValueError, match="IP literal"):
            site.add_camera("localhost")
        with pytest.raises(ValueError, match="char_encoding"):
            site.add_camera(char_encoding="klingon")
        with pytest.raises(ValueError, match="seconds"):
            site.set_latency(-1)
    with FakeSite(fake_sdk_path, keep_default_devices=True) as site, site.sdk() as sdk:
        sdk.login("127.0.0.1", 8004, username="admin", password="12345").logout()


SITE_JSON = {
    "latency": 0.01,
    "devices": [
        {"kind": "nvr", "port": 8000, "users": {"admin": "s3cret"}, "ip_channels": 4},
        {"port": 8001, "lock": {"attempts": 1, "seconds": 30}, "fail_login": 10},
    ],
}


def test_a_site_file_in_json_and_toml(fake_sdk_path: Path, tmp_path: Path) -> None:
    json_file = tmp_path / "site.json"
    json_file.write_text(json.dumps(SITE_JSON))
    toml_file = tmp_path / "site.toml"
    toml_file.write_text(
        'latency = 0.01\n[[devices]]\nkind = "nvr"\nport = 8000\n'
        'users = { admin = "s3cret" }\nip_channels = 4\n'
        "[[devices]]\nport = 8001\nlock = { attempts = 1, seconds = 30 }\nfail_login = 10\n"
    )
    files = [json_file, toml_file] if sys.version_info >= (3, 11) else [json_file]
    for file in files:
        assert _simsite.load_site_file(file) == _simsite.parse_site(SITE_JSON)
        with FakeSite(fake_sdk_path) as site, site.sdk() as sdk:
            nvr, cam = site.load(file)
            with sdk.login("127.0.0.1", 8000, username="admin", password="s3cret") as device:
                assert device.info.ip_channels == 4
            with pytest.raises(hcnetsdk.NetworkRecvTimeoutError):
                sdk.login("127.0.0.1", 8001, username="admin", password="12345")
            assert (nvr.kind, cam.kind) == ("nvr", "camera")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "holds a table"),
        ({"devicez": []}, "unknown top-level"),
        ({"devices": [{"port": 1, "colour": "red"}]}, "unknown key 'colour'"),
        ({"devices": [{"port": "8000"}]}, r"devices\[0\].port must be a int"),
        ({"devices": [{"kind": "dvr", "port": 1}]}, "kind must be one of"),
        ({"devices": [{"host": "127.0.0.1"}]}, "needs a port"),
        ({"devices": [{"port": 1, "lock": 5}]}, "lock must be false"),
        ({"devices": [{"port": 1, "users": {"a": 1}}]}, "users must map"),
        ({"latency": -1}, "0..3600"),
        ({"replace_default_site": "yes"}, "true or false"),
    ],
)
def test_a_bad_site_file_is_refused_naming_the_key(data: object, message: str) -> None:
    with pytest.raises(SiteFileError, match=message):
        _simsite.parse_site(data)


def test_a_file_that_is_not_a_site(tmp_path: Path) -> None:
    for name, text, message in [
        ("site.yaml", "a: 1", "ends in .toml or .json"),
        ("site.json", "{", "not valid JSON"),
        ("missing.json", None, "cannot read"),
    ]:
        path = tmp_path / name
        if text is not None:
            path.write_text(text)
        with pytest.raises(SiteFileError, match=message):
            _simsite.load_site_file(path)


def test_the_cli_reads_the_site_file(fake_sdk_path: Path, tmp_path: Path) -> None:
    """HCNETSDK_SIMULATOR_SITE: a locked account and a timeout, without Python code."""
    site = tmp_path / "site.json"
    site.write_text(json.dumps(SITE_JSON))
    env = dict(os.environ, HCNETSDK_SIMULATOR_SITE=str(site), HCNETSDK_PASSWORD="s3cret")
    env["HCNETSDK_SIMULATOR_CACHE"] = str(fake_sdk_path.parent.parent)

    def login(port: int) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "hcnetsdk", "--simulator", "login", "127.0.0.1"]
        return subprocess.run(
            [*command, "--port", str(port), "--json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )

    done = login(8000)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["device"]["ip_channels"] == 4
    failed = login(8001)
    assert failed.returncode == 1
    assert json.loads(failed.stdout)["error"]["code"] == 10
    site.write_text('{"devices": [{"port": 8000, "host": "localhost"}]}')
    bad = login(8000)
    assert bad.returncode == 1
    assert "HCNETSDK_SIMULATOR_SITE" in bad.stdout


def test_the_example_of_testing_your_app_passes(fake_sdk_path: Path) -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "test_my_app.py"
    env = {k: v for k, v in os.environ.items() if not k.startswith("HCNETSDK_")}
    env["HCNETSDK_SIMULATOR_CACHE"] = str(fake_sdk_path.parent.parent)
    done = subprocess.run(
        [sys.executable, str(example), "--simulator"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout


def _readme_section(heading: str) -> str:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    return readme.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def test_the_readme_sections_run(
    fake_sdk_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """The asyncio and "Testing your app" examples print what they say, on the simulator."""
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(fake_sdk_path.parent.parent))
    monkeypatch.delenv("HCNETSDK_SIMULATOR_SITE", raising=False)
    from hcnetsdk._simcontrol import FakeSDKControl
    from hcnetsdk._simulator import build_fake_sdk

    FakeSDKControl(build_fake_sdk()).reset()  # the default site, for the asyncio example
    monkeypatch.chdir(tmp_path)  # the features example downloads clip.mp4 here
    asyncio_block, features_block = _python_blocks(_readme_section("asyncio"))
    exec(compile(asyncio_block, "README asyncio", "exec"), {"__name__": "readme"})
    assert capsys.readouterr().out == "no event within 0.5 s\n"
    exec(compile(features_block, "README asyncio features", "exec"), {"__name__": "readme"})
    assert capsys.readouterr().out.splitlines() == [
        "NVR",
        "2024-03-10 00:00:00 timed",
        "clip.mp4 100",
        "system_header",
        "rtsp://admin@127.0.0.1:554/Streaming/Channels/101",
    ]
    assert (tmp_path / "clip.mp4").stat().st_size == 60 * 1000  # a minute at 1000 bytes/s
    testing_block, recordings_block, features_kit_block, fixture_block = _python_blocks(
        _readme_section("Testing your app")
    )
    exec(compile(testing_block, "README testing", "exec"), {"__name__": "readme"})
    assert capsys.readouterr().out.splitlines() == [
        "timed out, as scripted",
        "COMM_ALARM_V30",
        "EXCEPTION_ALARM",
        "2 1 0 1",
    ]
    exec(compile(recordings_block, "README testing recordings", "exec"), {"__name__": "readme"})
    assert capsys.readouterr().out.splitlines() == [
        "[('ch0033_20261120080000', 'motion', datetime.timedelta(seconds=1800)), "
        "('ch0033_20261120090000', 'timed', datetime.timedelta(seconds=10))]"
    ]
    assert (tmp_path / "door.mp4").stat().st_size == 20 * 1000  # 20 s at 1000 bytes/s
    exec(compile(features_kit_block, "README testing features", "exec"), {"__name__": "readme"})
    assert capsys.readouterr().out.splitlines() == [
        "<Status>ok</Status>",
        "['GET /ISAPI/System/status'] 2 0",
    ]
    compile(fixture_block, "README fixture", "exec")
    toml = re.findall(r"^```toml\n(.*?)^```", _readme_section("Testing your app"), re.M | re.S)
    site = tmp_path / "site.toml"
    site.write_text(toml[0])
    if sys.version_info >= (3, 11):
        spec = _simsite.load_site_file(site)
        assert [d.port for d in spec.devices] == [8000, 8001]
        assert spec.devices[1].fail_login == 10
        assert [(r.channel, r.kind) for r in spec.devices[0].recordings or ()] == [(33, "motion")]


def test_toml_without_tomllib_says_to_use_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python 3.9 and 3.10 have no tomllib: a clear error naming JSON, no new dependency."""

    def no_tomllib(name: str) -> object:
        raise ModuleNotFoundError(f"No module named {name!r}")

    monkeypatch.setattr(_simsite, "import_module", no_tomllib)
    site = tmp_path / "site.toml"
    site.write_text("[[devices]]\nport = 8000\n")
    with pytest.raises(SiteFileError, match=r"need Python 3\.11\+.*as JSON"):
        _simsite.load_site_file(site)


def test_a_fake_site_wins_over_the_site_file(
    fake_sdk_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Code that sets the site up is not overridden by HCNETSDK_SIMULATOR_SITE, even when the
    app opens HCNetSDK("simulator") itself afterwards."""
    site_file = tmp_path / "site.json"
    site_file.write_text('{"devices": [{"port": 9999}]}')
    monkeypatch.setenv("HCNETSDK_SIMULATOR_CACHE", str(fake_sdk_path.parent.parent))
    monkeypatch.setenv("HCNETSDK_SIMULATOR_SITE", str(site_file))
    with FakeSite() as site:
        assert os.path.samefile(site.library, fake_sdk_path)
        site.add_nvr(port=8000)
        with hcnetsdk.HCNetSDK("simulator") as sdk:
            sdk.login("127.0.0.1", 8000, username="admin", password="12345").logout()
            with pytest.raises(hcnetsdk.NetworkFailConnectError):
                sdk.login("127.0.0.1", 9999, username="admin", password="12345")


def test_names_character_set_clock_and_snapshots(fake_sdk_path: Path) -> None:
    with FakeSite(fake_sdk_path) as site, site.sdk() as sdk:
        nvr = site.add_nvr(
            port=8000,
            ip_channels=2,
            char_encoding="gb2312",
            name="大门录像机",
            channel_names={33: "北门", 34: "Yard"},
        )
        nvr.set_channel(34, online=False)
        nvr.set_model("DS-7608NI")
        with sdk.login("127.0.0.1", 8000, username="admin", password="12345") as device:
            details = device.details()
            assert (details.name, details.model) == ("大门录像机", "DS-7608NI")
            channels = {c.number: c for c in device.channels()}
            assert channels[33].name == "北门"
            assert channels[34].online is False
            nvr.set_clock_offset(3600)
            ahead = device.get_time() - datetime.datetime.now()
            assert 3590 < ahead.total_seconds() < 3610
            assert device.snapshot(33)[:2] == b"\xff\xd8"
            nvr.set_snapshots("not-jpeg")
            with pytest.raises(hcnetsdk.SnapshotError):
                device.snapshot(33)
            nvr.set_snapshots("empty")
            with pytest.raises(hcnetsdk.SnapshotError):
                device.snapshot(33)
            with pytest.raises(ValueError, match="answer must be one of"):
                nvr.set_snapshots("png")
