"""The exception hierarchy, error_class, lookup, ErrorCode and the generated files."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hcnetsdk
from hcnetsdk import _base, _codes, _error_classes, errors

REPO = Path(__file__).resolve().parent.parent

PER_CODE = [getattr(_error_classes, name) for name in _error_classes.__all__]
SECTIONS = list(_base.SECTION_CLASSES.values())
CATEGORIES = list(_base.CATEGORY_CLASSES.values())
ALL_SDK_CLASSES = [hcnetsdk.HCNetSDKError, *SECTIONS, *CATEGORIES, *PER_CODE]


def _id(cls: type) -> str:
    return cls.__name__


# --- hierarchy -------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", ALL_SDK_CLASSES, ids=_id)
def test_every_class_derives_from_the_base_and_is_exported(cls: type) -> None:
    assert issubclass(cls, hcnetsdk.HCNetSDKError)
    assert getattr(hcnetsdk, cls.__name__) is cls
    assert cls.__name__ in hcnetsdk.__all__


def test_class_names_are_unique_and_registered() -> None:
    names = [cls.__name__ for cls in ALL_SDK_CLASSES]
    assert len(names) == len(set(names))
    assert len(PER_CODE) == len(_base.CODE_TO_CLASS) == 255 + len(_codes.EXTRA)
    for code, cls in _base.CODE_TO_CLASS.items():
        assert cls.default_code == code
        assert hcnetsdk.error_class(code) is cls


def test_per_code_classes_have_a_section_class() -> None:
    for cls in PER_CODE:
        assert sum(issubclass(cls, section) for section in SECTIONS) == 1, cls


@pytest.mark.parametrize(
    ("code", "builtin"),
    [
        (7, ConnectionError),
        (8, ConnectionError),
        (9, ConnectionError),
        (73, ConnectionError),
        (159, ConnectionError),
        (803, ConnectionError),
        (10, TimeoutError),
        (14, TimeoutError),
        (411, TimeoutError),
        (443, TimeoutError),
        (2, PermissionError),
        (13, PermissionError),
        (401, PermissionError),
    ],
)
def test_builtin_parents(code: int, builtin: type[Exception]) -> None:
    exc = hcnetsdk.HCNetSDKError.from_code(code, "NET_DVR_Login_V40")
    assert isinstance(exc, builtin)
    with pytest.raises(builtin):
        raise exc


def test_only_the_intended_codes_are_oserrors() -> None:
    for cls in PER_CODE:
        if issubclass(cls, OSError):
            assert issubclass(
                cls, (hcnetsdk.ConnectionFailedError, TimeoutError, hcnetsdk.PermissionDeniedError)
            )
    assert not issubclass(hcnetsdk.PasswordError, OSError)


@pytest.mark.parametrize(
    ("code", "category"),
    [
        (1, hcnetsdk.AuthenticationError),
        (153, hcnetsdk.AuthenticationError),
        (7, hcnetsdk.NetworkError),
        (10, hcnetsdk.NetworkTimeoutError),
        (24, hcnetsdk.DeviceBusyError),
        (24, hcnetsdk.DeviceError),
        (23, hcnetsdk.NotSupportedError),
        (21, hcnetsdk.StorageError),
        (34, hcnetsdk.FileError),
        (49, hcnetsdk.UpgradeError),
        (3, hcnetsdk.SDKUsageError),
        (17, hcnetsdk.ParameterError),
        (107, hcnetsdk.ComponentLoadError),
        (64, hcnetsdk.ComponentLoadError),
        (5, hcnetsdk.ResourceError),
        (504, hcnetsdk.MediaError),
        (210, hcnetsdk.RaidError),
        (804, hcnetsdk.NPlusOneError),
        (1000, hcnetsdk.AbilityXMLError),
        (1500, hcnetsdk.VQDError),
        (420, hcnetsdk.RTSPError),
        (519, hcnetsdk.PlayM4Error),
        (601, hcnetsdk.AudioIntercomError),
        (825, hcnetsdk.NetworkLibraryError),
    ],
)
def test_catching_by_category(code: int, category: type[Exception]) -> None:
    with pytest.raises(category) as info:
        raise hcnetsdk.HCNetSDKError.from_code(code, "NET_DVR_Something")
    assert isinstance(info.value, hcnetsdk.HCNetSDKError)
    assert info.value.code == code


def test_readable_names_of_common_codes() -> None:
    assert hcnetsdk.PasswordError.default_code == 1
    assert hcnetsdk.NetworkFailConnectError.default_code == 7
    assert hcnetsdk.UserLockedError.default_code == 153
    assert hcnetsdk.SSLConnectFailedError.default_code == 159
    assert hcnetsdk.LoadHCPreviewSDKError.default_code == 107
    assert hcnetsdk.NoErrorCodeError.default_code == 0
    assert hcnetsdk.BadParameterError.default_code == 17


# --- instances ---------------------------------------------------------------------------------


def test_str_and_attributes() -> None:
    exc = hcnetsdk.HCNetSDKError.from_code(1, "NET_DVR_Login_V40")
    assert type(exc) is hcnetsdk.PasswordError
    assert str(exc) == (
        "NET_DVR_PASSWORD_ERROR (1) in NET_DVR_Login_V40: user name or password is wrong"
    )
    assert exc.code == 1
    assert exc.name == "NET_DVR_PASSWORD_ERROR"
    assert exc.description == "user name or password is wrong"
    assert exc.description_zh.startswith("用户名密码错误")
    assert exc.function == "NET_DVR_Login_V40"
    assert exc.hints is not None
    assert exc.sdk_message is None
    assert str(hcnetsdk.PasswordError()) == (
        "NET_DVR_PASSWORD_ERROR (1): user name or password is wrong"
    )


def test_lockout_details_in_str() -> None:
    exc = hcnetsdk.HCNetSDKError.from_code(1, "NET_DVR_Login_V40", attempts_left=2)
    assert str(exc).endswith("user name or password is wrong (2 login attempts left)")
    exc = hcnetsdk.UserLockedError(function="NET_DVR_Login_V40", attempts_left=1, lock_seconds=60)
    assert str(exc).endswith("(1 login attempt left; account locked for 60 s)")
    assert exc.code == 153


def test_code_zero_means_no_error_code() -> None:
    exc = hcnetsdk.HCNetSDKError(0, "NET_DVR_Logout")
    assert exc.code == 0
    assert "failed" in str(exc)
    assert "no error code" in str(exc)
    assert str(exc).startswith("NET_DVR_NOERROR (0) in NET_DVR_Logout")
    assert hcnetsdk.HCNetSDKError().code == 0
    assert hcnetsdk.error_class(0) is hcnetsdk.NoErrorCodeError
    for code in (500, 600):
        assert "no error code" in str(hcnetsdk.HCNetSDKError.from_code(code))


def test_header_code_outside_the_table_is_named() -> None:
    exc = hcnetsdk.HCNetSDKError.from_code(300, "NET_DVR_X")
    assert exc.name == "NET_DVR_ID_ERROR"
    assert str(exc).startswith("NET_DVR_ID_ERROR (300) in NET_DVR_X: ")
    assert type(exc) is hcnetsdk.NetworkLibraryError


def test_sdk_message_describes_unknown_codes() -> None:
    exc = hcnetsdk.HCNetSDKError.from_code(
        99999, "NET_DVR_X", sdk_message="Something the SDK said."
    )
    assert type(exc) is hcnetsdk.HCNetSDKError
    assert exc.name == "UNKNOWN"
    assert exc.description == "Something the SDK said."
    assert str(exc) == "UNKNOWN (99999) in NET_DVR_X: Something the SDK said."
    header_only = hcnetsdk.HCNetSDKError.from_code(1551, sdk_message="SDK text")
    assert header_only.description == "SDK text"
    # The table's English text wins over the SDK's for codes we describe.
    known = hcnetsdk.HCNetSDKError.from_code(7, sdk_message="SDK text")
    assert known.description.startswith("failed to connect")
    assert known.sdk_message == "SDK text"


@pytest.mark.parametrize("code", [-1, -(2**31), 116, 399, 4000, 2**31, 2**32 - 1, 10**30])
def test_unknown_negative_and_huge_codes(code: int) -> None:
    cls = hcnetsdk.error_class(code)
    assert issubclass(cls, hcnetsdk.HCNetSDKError)
    exc = hcnetsdk.HCNetSDKError.from_code(code, "NET_DVR_X")
    assert exc.code == code
    assert str(code) in str(exc)
    with pytest.raises(KeyError):
        hcnetsdk.lookup(code)


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        (116, hcnetsdk.NetworkLibraryError),
        (241, hcnetsdk.RaidError),
        (405, hcnetsdk.RTSPError),
        (419, hcnetsdk.RTSPError),
        (581, hcnetsdk.PlayM4Error),
        (614, hcnetsdk.AudioIntercomError),
        (1009, hcnetsdk.AbilityXMLError),
        (1505, hcnetsdk.VQDError),
        (815, hcnetsdk.NetworkLibraryError),
        (1551, hcnetsdk.NetworkLibraryError),
        (250, hcnetsdk.DeviceNotActivatedError),
        (3001, hcnetsdk.NetworkLibraryError),
        (2999, hcnetsdk.HCNetSDKError),
    ],
)
def test_range_fallback(code: int, cls: type[hcnetsdk.HCNetSDKError]) -> None:
    assert hcnetsdk.error_class(code) is cls


@given(st.integers())
def test_error_class_never_fails(code: int) -> None:
    cls = hcnetsdk.error_class(code)
    assert issubclass(cls, hcnetsdk.HCNetSDKError)
    exc = hcnetsdk.HCNetSDKError.from_code(code)
    assert isinstance(exc, cls)
    assert str(exc)


@pytest.mark.parametrize("cls", ALL_SDK_CLASSES, ids=_id)
def test_every_class_pickles_with_all_attributes(cls: type[hcnetsdk.HCNetSDKError]) -> None:
    exc = cls(
        None,
        "NET_DVR_Login_V40",
        sdk_message="message",
        attempts_left=3,
        lock_seconds=10,
    )
    exc.add_note("a note") if hasattr(exc, "add_note") else None
    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is cls
    for attr in (
        "code",
        "name",
        "description",
        "description_zh",
        "function",
        "hints",
        "sdk_message",
        "attempts_left",
        "lock_seconds",
        "args",
    ):
        assert getattr(copy, attr) == getattr(exc, attr), attr
    assert str(copy) == str(exc)
    assert getattr(copy, "__notes__", None) == getattr(exc, "__notes__", None)


@pytest.mark.parametrize(
    "exc",
    [
        hcnetsdk.SDKLoadError("cannot load"),
        hcnetsdk.SDKNotFoundError("not found", [("/a/libhcnetsdk.so", "no such file")]),
        hcnetsdk.SDKArchitectureError("wrong class", "/a/libhcnetsdk.so"),
        hcnetsdk.SDKFunctionMissingError("missing", "NET_DVR_Login_V40", "6.1.9.48"),
        hcnetsdk.SDKClosedError("closed"),
    ],
    ids=lambda exc: type(exc).__name__,
)
def test_loader_errors_pickle(exc: Exception) -> None:
    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is type(exc)
    assert str(copy) == str(exc)
    assert copy.__dict__ == exc.__dict__


def test_oserror_semantics_do_not_leak() -> None:
    exc = hcnetsdk.NetworkRecvTimeoutError(10, "NET_DVR_Login_V40")
    assert exc.args == (10, "NET_DVR_Login_V40")
    assert "Errno" not in str(exc)
    assert str(exc).startswith("NET_DVR_NETWORK_RECV_TIMEOUT (10) in NET_DVR_Login_V40")
    assert repr(exc) == "NetworkRecvTimeoutError(10, 'NET_DVR_Login_V40')"


# --- lookup and ErrorCode ------------------------------------------------------------------------


def test_lookup_by_code_and_name() -> None:
    info = hcnetsdk.lookup(7)
    assert info.name == "NET_DVR_NETWORK_FAIL_CONNECT"
    assert info.exception_class is hcnetsdk.NetworkFailConnectError
    assert info.class_path == "hcnetsdk.NetworkFailConnectError"
    assert info.section == "network_library"
    assert "ConnectionFailedError" in info.categories
    assert hcnetsdk.lookup("net_dvr_network_fail_connect") == info
    assert hcnetsdk.lookup(" 7 ") == info
    assert hcnetsdk.lookup("NetworkFailConnectError") == info
    with pytest.raises(AttributeError):
        info.code = 8  # type: ignore[misc]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("NET_SDK_ERR_REMOTE_DISCONNEC", 803),
        ("NET_SDK_ERR_REMOTE_DISCONNECT", 803),
        ("XML_VERSION_MISMATCH", 1008),
        ("NET_DVR_ERR_RETURNED_XML_DATA", 1008),
        ("RAID_ERROR_INDEX", 200),
        ("NET_DVR_NAME_NOT_ONLY", 200),
        ("VCA_ERROR_INDEX", 300),
        ("NET_DVR_USER_LOCKED", 153),
        ("NET_AUDIOINTECOM_ERR_UNKOWN", 619),
        ("NET_PALYM4_INIT_DECODER_ERROR", 519),
        ("XML_NANLYZE_DVR_DATA_FORMAT_ERROR", 1004),
        ("NET_SDK_ERR_WD_SERVICE_EXCETP", 810),
    ],
)
def test_both_spellings_resolve(name: str, code: int) -> None:
    assert hcnetsdk.lookup(name).code == code
    assert hcnetsdk.ErrorCode[name] == code


def test_table_spelling_is_primary_and_header_spelling_an_alias() -> None:
    info = hcnetsdk.lookup(803)
    assert info.name == "NET_SDK_ERR_REMOTE_DISCONNEC"
    assert "NET_SDK_ERR_REMOTE_DISCONNECT" in info.aliases
    assert hcnetsdk.ErrorCode(803).name == "NET_SDK_ERR_REMOTE_DISCONNEC"
    assert hcnetsdk.lookup(1008).aliases == ("NET_DVR_ERR_RETURNED_XML_DATA",)
    assert hcnetsdk.lookup(200).name == "NET_DVR_NAME_NOT_ONLY"
    assert hcnetsdk.lookup(300).name == "NET_DVR_ID_ERROR"


@pytest.mark.parametrize("bad", ["NO_SUCH_ERROR", "", "12abc", "-"])
def test_lookup_unknown_names(bad: str) -> None:
    with pytest.raises(KeyError):
        hcnetsdk.lookup(bad)


def test_lookup_rejects_other_types() -> None:
    with pytest.raises(TypeError):
        hcnetsdk.lookup(7.0)  # type: ignore[arg-type]


def test_every_header_code_is_named() -> None:
    tsv = REPO.parent / "shared" / "header-codes.tsv"
    from hcnetsdk._header_codes import HEADER_CODES

    assert len(HEADER_CODES) == 1181
    if tsv.is_file():
        rows = [line.split("\t") for line in tsv.read_text(encoding="utf-8").splitlines()[1:]]
        assert [(name, int(value)) for name, value in rows] == list(HEADER_CODES)
    for name, value in HEADER_CODES:
        assert hcnetsdk.lookup(name).code == value
        assert hcnetsdk.HCNetSDKError.from_code(value).name != "UNKNOWN"


def test_error_code_enum() -> None:
    code = hcnetsdk.ErrorCode
    assert int(code.NET_DVR_PASSWORD_ERROR) == 1
    assert code(153).name == "NET_DVR_USER_LOCKED"
    assert len(code) == 1179  # distinct values: 1,181 header names, 2 values named twice
    assert hcnetsdk.error_class(code.NET_DVR_PASSWORD_ERROR) is hcnetsdk.PasswordError
    exc = hcnetsdk.HCNetSDKError.from_code(code.NET_DVR_NETWORK_RECV_TIMEOUT)
    assert type(exc.code) is int
    for _table_code in _base.TABLE_CODES:
        assert code(_table_code).name == hcnetsdk.lookup(_table_code).name


def test_hints_for_common_codes() -> None:
    for code in (1, 3, 5, 7, 9, 10, 11, 17, 23, 29, 41, 47, 52, 107, 153, 159):
        hints = hcnetsdk.lookup(code).hints
        assert hints is not None, code
        assert hints.solutions, code


# --- generated files and import cost ----------------------------------------------------------


def test_generated_files_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "gen_errors.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_the_generator_reads_no_file_outside_the_repository(tmp_path: Path) -> None:
    source = (REPO / "tools" / "gen_errors.py").read_text(encoding="utf-8")
    assert "REPO.parent" not in source  # the header's TSV only when given, never a sibling folder
    missing = tmp_path / "header-codes.tsv"
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "gen_errors.py"), "--check", "--tsv", str(missing)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert f"--tsv {missing}: no such file" in result.stderr


def test_import_builds_no_enum() -> None:
    probe = (
        "import sys, hcnetsdk; "
        "print('hcnetsdk._errorcode' in sys.modules, 'ctypes' in sys.modules, "
        "'enum' in sys.modules and hasattr(hcnetsdk, 'PasswordError'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    assert out[:2] == ["False", "False"]


def test_errors_module_is_the_facade() -> None:
    assert errors.error_class is hcnetsdk.error_class
    assert errors.PasswordError is hcnetsdk.PasswordError
    assert set(errors.__all__) <= set(hcnetsdk.__all__)


@pytest.mark.parametrize(
    "error",
    [
        errors.SDKLoadError("cannot load"),
        errors.SDKNotFoundError("not found", [("a", "no such file")]),
        errors.SDKArchitectureError("arm", "/x/libhcnetsdk.so"),
        errors.SDKFunctionMissingError("old", "NET_DVR_Login_V40", "4.0.0.0"),
        errors.SDKPathError("too long", "/very/long"),
        errors.HostResolutionError("no dns", "nvr.example", "no answer"),
        errors.HostResolutionTimeoutError("slow dns", "nvr.example", "timed out"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_errors_without_a_code_keep_attributes_and_notes_through_pickle_and_copy(
    error: BaseException,
) -> None:
    error.custom = 42  # type: ignore[attr-defined]
    error.__notes__ = ["a note"]  # type: ignore[attr-defined]
    for twin in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
        assert type(twin) is type(error)
        assert str(twin) == str(error)
        assert vars(twin) == vars(error)
        assert getattr(twin, "__notes__", None) == ["a note"]


def test_host_resolution_errors_are_caught_as_builtins() -> None:
    assert issubclass(errors.HostResolutionError, ConnectionError)
    assert issubclass(errors.HostResolutionTimeoutError, TimeoutError)
    assert issubclass(errors.HostResolutionTimeoutError, errors.HostResolutionError)
    assert issubclass(errors.SDKPathError, errors.SDKLoadError)
