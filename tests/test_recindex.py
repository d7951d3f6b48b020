"""A simulated device's own recordings (hcnetsdk.testing's ``recordings=``, ``add_recording``,
a site file's ``[[devices.recordings]]``): searched, filtered and downloaded through the real
binding, against a model in Python; checked before the fake sees them; rolled back when the
fake refuses one."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hcnetsdk
from _sitecli import run_on_site
from hcnetsdk import _simsite
from hcnetsdk._simsite import SiteFileError
from hcnetsdk.device import Device
from hcnetsdk.testing import FakeDevice, FakeRecording, FakeSite

DAY = dt.datetime(2026, 11, 20)
NEXT = DAY + dt.timedelta(days=1)
RULE_FILES_A_DAY = 22  # the rule: one file an hour but 03:00 and 04:00


def at(hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return DAY.replace(hour=hour, minute=minute, second=second)


def index(device: FakeDevice) -> tuple[FakeRecording, ...] | None:
    """``device.recording_index``, read through a call (no narrowing across reads)."""
    return device.recording_index


def fields(items: object) -> list[tuple[object, ...]]:
    """What a FakeRecording and the Recording found for it share."""
    assert isinstance(items, (list, tuple))
    return [(r.name, r.channel, r.start, r.end, r.kind, r.locked) for r in items]


FILES = [
    FakeRecording(33, at(8), at(8, 30), "motion", True),
    FakeRecording(33, at(8, 10), at(9)),
    FakeRecording(33, at(6), at(7), "alarm"),
    FakeRecording(34, at(10), at(10, 0, 5), name="clip-1"),
]


@pytest.fixture
def nvr(hcnetsdk_site: FakeSite) -> FakeDevice:
    hcnetsdk_site.set_recordings(search_polls=0, record_bps=10)
    return hcnetsdk_site.add_nvr(port=8000, ip_channels=4, recordings=FILES)


@pytest.fixture
def device(nvr: FakeDevice, hcnetsdk_sdk: hcnetsdk.HCNetSDK) -> Iterator[Device]:
    with hcnetsdk_sdk.login("127.0.0.1", 8000, username="admin", password="12345") as device:
        yield device


def test_a_search_answers_the_files_in_order_of_start(nvr: FakeDevice, device: Device) -> None:
    assert index(nvr) == tuple(FILES)
    found = list(device.recordings(33, DAY, NEXT))
    assert fields(found) == fields([FILES[2], FILES[0], FILES[1]])
    assert [r.size for r in found] == [3600 * 10, 1800 * 10, 3000 * 10]
    assert fields(list(device.recordings(34, DAY, NEXT))) == fields([FILES[3]])
    assert list(device.recordings(35, DAY, NEXT)) == []


def test_files_overlapping_the_range_are_found_and_filters_apply(device: Device) -> None:
    def names(
        start: dt.datetime, end: dt.datetime, kind: str | None = None, locked: bool | None = None
    ) -> list[str]:
        return [r.name for r in device.recordings(33, start, end, kind=kind, locked=locked)]

    assert names(at(8, 20), at(8, 25)) == [FILES[0].name, FILES[1].name]
    assert names(at(7), at(8)) == []  # ends at the start, starts at the end: neither overlaps
    assert names(at(6, 59, 59), at(8, 0, 1)) == [FILES[2].name, FILES[0].name]
    assert names(DAY, NEXT, kind="motion") == [FILES[0].name]
    assert names(DAY, NEXT, kind="alarm") == [FILES[2].name]
    assert names(DAY, NEXT, locked=True) == [FILES[0].name]
    assert names(DAY, NEXT, locked=False) == [FILES[2].name, FILES[1].name]


def test_downloads_write_the_covered_seconds_once(
    hcnetsdk_site: FakeSite, nvr: FakeDevice, device: Device, tmp_path: Path
) -> None:
    start, end = at(5), at(12)
    target = device.download(tmp_path / "t.mp4", channel=33, start=start, end=end).wait(10)
    data = target.read_bytes()
    # 06:00-07:00 and 08:00-09:00 (two overlapping files, their seconds once): 2 h at 10 B/s
    assert len(data) == 2 * 3600 * 10
    assert data == nvr.recording_bytes(33, start, end)
    assert data == nvr.recording_bytes(33, at(6), at(7)) + nvr.recording_bytes(33, at(8), at(9))
    assert nvr.recording_bytes(33, at(7), at(8)) == b""
    # the rule would record 07:00-08:00; this device has nothing then
    assert len(hcnetsdk_site.recording_bytes(33, at(7), at(8))) == 3600 * 10
    (clip,) = device.recordings(34, DAY, NEXT)
    by_name = device.download(tmp_path / "n.mp4", recording=clip).wait(10).read_bytes()
    assert by_name == nvr.recording_bytes(34, clip.start, clip.end)
    assert len(by_name) == 5 * 10


def test_a_name_the_device_does_not_have_is_no_such_file(device: Device, tmp_path: Path) -> None:
    rule_name = "ch0033_20261120070000"  # a file of the rule: not on this device
    other = hcnetsdk.playback.Recording(rule_name, 33, at(7), at(8), 36000, "timed", False)
    with pytest.raises(hcnetsdk.HCNetSDKError) as caught:
        device.download(tmp_path / "x.mp4", recording=other)
    assert caught.value.code == 33  # NET_DVR_NOSPECFILE
    assert not (tmp_path / "x.mp4").exists()


def test_other_devices_keep_the_rule_and_the_rule_comes_back(
    hcnetsdk_site: FakeSite, nvr: FakeDevice, hcnetsdk_sdk: hcnetsdk.HCNetSDK
) -> None:
    camera = hcnetsdk_site.add_camera(port=8001)
    assert index(camera) is None
    with hcnetsdk_sdk.login("127.0.0.1", 8001, username="admin", password="12345") as cam:
        assert len(list(cam.recordings(1, DAY, NEXT))) == RULE_FILES_A_DAY
    with hcnetsdk_sdk.login("127.0.0.1", 8000, username="admin", password="12345") as device:
        nvr.set_recording_index([])
        assert index(nvr) == ()
        assert list(device.recordings(33, DAY, NEXT)) == []
        assert nvr.recording_bytes(33, DAY, NEXT) == b""
        nvr.use_recording_rule()
        assert index(nvr) is None
        assert len(list(device.recordings(33, DAY, NEXT))) == RULE_FILES_A_DAY
        added = nvr.add_recording(35, at(1), at(2), kind=1)
        assert added.kind == "motion"
        assert added.name == "ch0035_20261120010000"
        assert index(nvr) == (added,)
        assert fields(list(device.recordings(35, DAY, NEXT))) == fields([added])
        assert list(device.recordings(33, DAY, NEXT)) == []  # the rule is gone on this device


def test_each_device_answers_from_its_own_files(
    hcnetsdk_site: FakeSite, nvr: FakeDevice, hcnetsdk_sdk: hcnetsdk.HCNetSDK, tmp_path: Path
) -> None:
    other = hcnetsdk_site.add_nvr(port=8010, ip_channels=4)
    mine = other.add_recording(33, at(1), at(1, 0, 30), name="other-1")
    with hcnetsdk_sdk.login("127.0.0.1", 8010, username="admin", password="12345") as device:
        assert fields(list(device.recordings(33, DAY, NEXT))) == fields([mine])
        target = device.download(tmp_path / "o.mp4", channel=33, start=DAY, end=NEXT).wait(10)
        assert len(target.read_bytes()) == 30 * 10
        with pytest.raises(hcnetsdk.HCNetSDKError) as caught:  # a file of the first NVR
            device.download(tmp_path / "c.mp4", recording=next(iter(_found(nvr, hcnetsdk_sdk))))
        assert caught.value.code == 33
    assert other.recording_bytes(33, DAY, NEXT) == target.read_bytes()
    assert len(nvr.recording_bytes(33, DAY, NEXT)) == 2 * 3600 * 10


def _found(nvr: FakeDevice, sdk: hcnetsdk.HCNetSDK) -> list[hcnetsdk.playback.Recording]:
    with sdk.login(nvr.host, nvr.port, username="admin", password="12345") as device:
        return list(device.recordings(33, DAY, NEXT))


def test_a_device_added_again_at_its_address_starts_with_the_rule(
    hcnetsdk_site: FakeSite, nvr: FakeDevice, hcnetsdk_sdk: hcnetsdk.HCNetSDK
) -> None:
    again = hcnetsdk_site.add_nvr(port=8000, ip_channels=4)
    assert index(again) is None
    with hcnetsdk_sdk.login("127.0.0.1", 8000, username="admin", password="12345") as device:
        assert len(list(device.recordings(33, DAY, NEXT))) == RULE_FILES_A_DAY


def test_kinds_by_code_and_unnamed_codes_round_trip(
    hcnetsdk_site: FakeSite, hcnetsdk_sdk: hcnetsdk.HCNetSDK
) -> None:
    camera = hcnetsdk_site.add_camera(
        port=8001,
        recordings=[
            {"channel": 1, "start": at(1), "end": at(2), "kind": 9},
            {"channel": 1, "start": at(2), "end": at(3), "kind": "type 200"},
            {"channel": 1, "start": at(3), "end": at(4), "kind": 2, "locked": True},
        ],
    )
    assert [r.kind for r in index(camera) or ()] == ["type 9", "type 200", "alarm"]
    assert [r.file_type for r in index(camera) or ()] == [9, 200, 2]
    with hcnetsdk_sdk.login("127.0.0.1", 8001, username="admin", password="12345") as device:
        assert [r.kind for r in device.recordings(1, DAY, NEXT)] == ["type 9", "type 200", "alarm"]
        assert [r.locked for r in device.recordings(1, DAY, NEXT)] == [False, False, True]


def test_names_in_the_device_character_set(
    hcnetsdk_site: FakeSite, hcnetsdk_sdk: hcnetsdk.HCNetSDK, tmp_path: Path
) -> None:
    camera = hcnetsdk_site.add_camera(
        port=8001,
        char_encoding="gb2312",
        recordings=[FakeRecording(1, at(1), at(1, 0, 2), name="门口-1")],
    )
    with pytest.raises(ValueError, match="at most 99"):
        camera.add_recording(1, at(2), at(3), name="门" * 50)  # 100 bytes in GB2312
    with pytest.raises(ValueError, match="not encodable in gb2312"):
        camera.add_recording(1, at(2), at(3), name="\U0001f4f7")
    with hcnetsdk_sdk.login("127.0.0.1", 8001, username="admin", password="12345") as device:
        (found,) = device.recordings(1, DAY, NEXT)
        assert found.name == "门口-1"
        data = device.download(tmp_path / "c.mp4", recording=found).wait(10).read_bytes()
        assert len(data) == 2 * 1000  # the default record_bps
        assert data == camera.recording_bytes(1, at(1), at(1, 0, 2))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"start": at(2), "end": at(1)}, ValueError, "ends after its start"),
        ({"start": at(1), "end": at(1)}, ValueError, "ends after its start"),
        ({"end": at(1) + dt.timedelta(days=1, seconds=1)}, ValueError, "within a day"),
        ({"start": at(1, 0, 0).replace(microsecond=5)}, ValueError, "whole seconds"),
        ({"start": at(1).replace(tzinfo=dt.timezone.utc)}, ValueError, "naive"),
        ({"start": "yesterday"}, ValueError, "not an ISO date"),
        ({"start": 1700000000}, TypeError, "must be a datetime"),
        ({"start": dt.datetime(1969, 12, 31, 23)}, ValueError, "1970..2100"),
        ({"channel": True}, TypeError, "channel must be an int"),
        ({"channel": 0}, ValueError, "1..65535"),
        ({"kind": "tamper"}, ValueError, "unknown recording kind 'tamper'"),
        ({"kind": "type 1"}, ValueError, "unknown recording kind"),  # 1 is "motion"
        ({"kind": 256}, ValueError, "0..255"),
        ({"kind": 1.0}, TypeError, "kind must be"),
        ({"locked": 1}, TypeError, "locked must be a bool"),
        ({"name": ""}, ValueError, "1..99 bytes"),
        ({"name": "a\0b"}, ValueError, "without NUL"),
        ({"name": b"clip"}, TypeError, "name must be a str"),
    ],
)
def test_bad_recordings_are_refused_when_made(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    values: dict[str, object] = {"channel": 1, "start": at(1), "end": at(2), **kwargs}
    with pytest.raises(error, match=message):
        FakeRecording(**values)  # type: ignore[arg-type]


def test_a_refused_index_leaves_the_device_as_it_was(nvr: FakeDevice, device: Device) -> None:
    before = fields(list(device.recordings(33, DAY, NEXT)))
    with pytest.raises(ValueError, match=r"recordings\[1\]: the device has no channel 40"):
        nvr.set_recording_index([FakeRecording(33, at(1), at(2)), FakeRecording(40, at(1), at(2))])
    assert fields(list(device.recordings(33, DAY, NEXT))) == before
    with pytest.raises(ValueError, match=r"recordings\[1\]: a second file named 'x'"):
        nvr.set_recording_index([{**_entry(), "name": "x"}, {**_entry(), "name": "x"}])
    with pytest.raises(ValueError, match="has a file named 'clip-1' already"):
        nvr.add_recording(33, at(1), at(2), name="clip-1")
    with pytest.raises(ValueError, match="no channel 99"):
        nvr.add_recording(99, at(1), at(2))
    assert fields(list(device.recordings(33, DAY, NEXT))) == before
    assert index(nvr) == tuple(FILES)
    assert fields(list(device.recordings(33, DAY, NEXT))) == before


def test_a_refused_first_recording_leaves_the_rule(
    hcnetsdk_site: FakeSite, hcnetsdk_sdk: hcnetsdk.HCNetSDK
) -> None:
    camera = hcnetsdk_site.add_camera(port=8001)
    with pytest.raises(ValueError, match="no channel 2"):
        camera.add_recording(2, at(1), at(2))
    assert index(camera) is None
    with hcnetsdk_sdk.login("127.0.0.1", 8001, username="admin", password="12345") as device:
        assert len(list(device.recordings(1, DAY, NEXT))) == RULE_FILES_A_DAY


def test_add_nvr_refuses_a_bad_list_before_adding_the_device(hcnetsdk_site: FakeSite) -> None:
    with pytest.raises(TypeError, match="a list of recordings"):
        hcnetsdk_site.add_nvr(recordings={"channel": 33})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match=r"recordings\[0\]: unknown key\(s\) \['size'\]"):
        hcnetsdk_site.add_nvr(recordings=[{**_entry(), "size": 5}])
    with pytest.raises(TypeError, match=r"recordings\[0\]: a recording needs channel"):
        hcnetsdk_site.add_nvr(recordings=[{"channel": 33}])
    assert hcnetsdk_site.devices == ()


def _entry() -> dict[str, object]:
    return {"channel": 33, "start": "2026-11-20T01:00:00", "end": "2026-11-20T02:00:00"}


def test_the_site_holds_at_most_max_files_and_takes_room_back(hcnetsdk_site: FakeSite) -> None:
    from hcnetsdk._simplayback import MAX_FILES

    control = hcnetsdk_site.control
    camera = hcnetsdk_site.add_camera(port=8001)
    for number in range(MAX_FILES):
        start = DAY + dt.timedelta(minutes=number)
        control.playback_add_file(
            camera.handle,
            1,
            start,
            start + dt.timedelta(minutes=1),
            file_type=0,
            locked=False,
            name=f"f{number}".encode(),
        )
    other = hcnetsdk_site.add_camera(port=8002)
    with pytest.raises(ValueError, match=f"holds {MAX_FILES} files"):
        other.add_recording(1, at(1), at(2))
    assert index(other) is None
    hcnetsdk_site.add_camera(port=8001)  # the same address again: its files are stale
    other.add_recording(1, at(1), at(2))  # their room is taken back
    assert [r.name for r in index(other) or ()] == ["ch0001_20261120010000"]


# --- against a model --------------------------------------------------------------------------
_starts = st.integers(min_value=0, max_value=48 * 60)  # minutes from DAY
_files = st.lists(
    st.tuples(
        st.sampled_from([33, 34]),
        _starts,
        st.integers(min_value=1, max_value=300),  # minutes long
        st.sampled_from(["timed", "motion", "alarm"]),
        st.booleans(),
    ),
    max_size=12,
)


def _minutes(value: int) -> dt.datetime:
    return DAY + dt.timedelta(minutes=value)


def test_searches_and_downloads_match_a_model(
    hcnetsdk_site: FakeSite, hcnetsdk_sdk: hcnetsdk.HCNetSDK
) -> None:
    hcnetsdk_site.set_recordings(search_polls=0, record_bps=1)
    nvr = hcnetsdk_site.add_nvr(port=8000, ip_channels=2)
    with hcnetsdk_sdk.login("127.0.0.1", 8000, username="admin", password="12345") as device:

        @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(
            specs=_files,
            window=st.tuples(_starts, st.integers(min_value=1, max_value=24 * 60)),
            kind=st.sampled_from([None, "motion"]),
            locked=st.sampled_from([None, True]),
        )
        def check(
            specs: list[tuple[int, int, int, str, bool]],
            window: tuple[int, int],
            kind: str | None,
            locked: bool | None,
        ) -> None:
            files = [
                FakeRecording(ch, _minutes(s), _minutes(s + n), k, lk, name=f"f{i}")
                for i, (ch, s, n, k, lk) in enumerate(specs)
            ]
            nvr.set_recording_index(files)
            start, end = _minutes(window[0]), _minutes(window[0] + window[1])
            expected = sorted(
                (
                    (f.start, order, f)
                    for order, f in enumerate(files)
                    if f.channel == 33
                    and f.start < end
                    and f.end > start
                    and kind in (None, f.kind)
                    and locked in (None, f.locked)
                ),
                key=lambda item: (item[0], item[1]),
            )
            found = list(device.recordings(33, start, end, kind=kind, locked=locked))
            assert fields(found) == fields([f for _, _, f in expected])
            covered = {
                second
                for f in files
                if f.channel == 33
                for second in range(
                    int(max(f.start, start).timestamp()), int(min(f.end, end).timestamp())
                )
            }
            assert len(nvr.recording_bytes(33, start, end)) == len(covered)

        check()


# --- the site file ----------------------------------------------------------------------------
TOML_SITE = """
[[devices]]
kind = "nvr"
port = 8000
ip_channels = 2

[[devices.recordings]]
channel = 33
start = 2026-11-20T08:00:00
end = 2026-11-20T08:30:00
kind = "motion"
locked = true

[[devices.recordings]]
channel = 34
start = "2026-11-20T09:00:00"
end = "2026-11-20T09:00:10"
name = "door"

[[devices]]
kind = "camera"
port = 8001
recordings = []
"""


def _site_json() -> dict[str, object]:
    return {
        "devices": [
            {
                "kind": "nvr",
                "port": 8000,
                "ip_channels": 2,
                "recordings": [
                    {
                        "channel": 33,
                        "start": "2026-11-20T08:00:00",
                        "end": "2026-11-20T08:30:00",
                        "kind": "motion",
                        "locked": True,
                    },
                    {
                        "channel": 34,
                        "start": "2026-11-20T09:00:00",
                        "end": "2026-11-20T09:00:10",
                        "name": "door",
                    },
                ],
            },
            {"kind": "camera", "port": 8001, "recordings": []},
        ]
    }


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_a_site_file_gives_devices_their_recordings(tmp_path: Path, suffix: str) -> None:
    if suffix == ".toml" and sys.version_info < (3, 11):
        pytest.skip("TOML site files need Python 3.11+ (tested as JSON there)")
    file = tmp_path / f"site{suffix}"
    file.write_text(TOML_SITE if suffix == ".toml" else json.dumps(_site_json()))
    with FakeSite() as site, site.sdk() as sdk:
        nvr, camera = site.load(file)
        assert [r.name for r in index(nvr) or ()] == ["ch0033_20261120080000", "door"]
        assert index(camera) == ()
        with sdk.login("127.0.0.1", 8000, username="admin", password="12345") as device:
            (motion,) = device.recordings(33, DAY, NEXT)
            assert (motion.kind, motion.locked, motion.end) == ("motion", True, at(8, 30))
            assert [r.name for r in device.recordings(34, DAY, NEXT)] == ["door"]
        with sdk.login("127.0.0.1", 8001, username="admin", password="12345") as device:
            assert list(device.recordings(1, DAY, NEXT)) == []


@pytest.mark.parametrize(
    ("recordings", "message"),
    [
        ({"channel": 33}, r"devices\[0\].recordings must be a list"),
        ([{"channel": 33, "start": "x", "end": "y"}], r"devices\[0\].recordings\[0\]: start"),
        ([{**_entry(), "speed": 2}], r"devices\[0\].recordings\[0\]: unknown key"),
        ([{**_entry(), "kind": "tamper"}], r"devices\[0\].recordings\[0\]: unknown recording"),
        ([_entry(), _entry()], r"devices\[0\].recordings\[1\]: a second file named"),
    ],
)
def test_bad_recordings_in_a_site_file(recordings: object, message: str) -> None:
    data = {"devices": [{"kind": "nvr", "port": 8000, "recordings": recordings}]}
    with pytest.raises(SiteFileError, match=message):
        _simsite.parse_site(data)


def test_a_site_file_with_a_recording_on_a_missing_channel_is_refused(
    fake_sdk_path: Path, tmp_path: Path
) -> None:
    spec = _simsite.parse_site(
        {"devices": [{"kind": "camera", "port": 8001, "recordings": [{**_entry(), "channel": 2}]}]}
    )
    with FakeSite() as site, pytest.raises(ValueError, match=r"devices\[0\]: recordings\[0\]"):
        _simsite.apply_site(site.control, spec)


def test_the_cli_lists_the_recordings_of_the_site_file(fake_sdk_path: Path, tmp_path: Path) -> None:
    site = tmp_path / "site.json"
    site.write_text(json.dumps(_site_json()))
    done = run_on_site(
        fake_sdk_path,
        site,
        *("recordings", "127.0.0.1", "--channel", "34"),
        *("--from", "2026-11-20T00:00:00", "--to", "2026-11-21T00:00:00"),
    )
    assert done.returncode == 0, done.stderr
    assert "door" in done.stdout
    assert "ch0034" not in done.stdout  # not the rule's hourly files
