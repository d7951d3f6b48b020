#!/usr/bin/env bash
# tools/arm64-suite.sh: run the whole test suite on aarch64 (ARM64), on an x86_64 Debian machine,
# under qemu-user.
#
#   bash tools/arm64-suite.sh [--tools | --setup | --refresh] [PYTEST ARGS...]
#
# What it does, each step cached and failing loudly (never skipping) when it cannot be done:
#  1. host tools, installed with apt-get when missing (needs root): qemu-user-static, the aarch64
#     cross compiler (gcc-aarch64-linux-gnu, libc6-dev-arm64-cross) and gcc, whose
#     x86_64-linux-gnu-gcc builds the x86_64 simulator for the reverse architecture test;
#  2. an aarch64 root: Debian's arm64 python3-minimal, libpython3-stdlib and libuuid1 with their
#     dependencies, resolved and downloaded by apt-get with a private state (the machine's dpkg
#     is not touched: no `dpkg --add-architecture`), unpacked with dpkg-deb;
#  3. the test dependencies as aarch64 wheels, downloaded by the host's pip for that Python
#     (--platform/--python-version: nothing x86 runs inside the root);
#  4. a virtual environment of that Python whose bin/python is a shell script running it under
#     qemu-aarch64, so sys.executable, subprocesses, pip's build isolation and the `hcnetsdk`
#     console script all run on aarch64 too; hcnetsdk installed into it by the emulated pip from
#     the downloaded wheels (`pip install --no-index -e '.[test]'`, as in README.md);
#  5. the simulator built by build_fake_sdk() with CC=aarch64-linux-gnu-gcc, then the Python's
#     platform.machine() and the library's ELF machine printed;
#  6. `python -m pytest` (README.md's test command) in that environment, with
#     HCNETSDK_EXPECT_MACHINE=aarch64 (tests/test_architecture.py then must find aarch64) and
#     HCNETSDK_REQUIRE_CROSS=1 (the x86_64-library tests must run).
#
# Options: --tools   only step 1 (.ci/run does it before the x86_64 suite, for its cross tests)
#          --setup   steps 1-5, no test run
#          --refresh download the packages and wheels anew (security updates), then run
# Other arguments go to pytest (e.g. `bash tools/arm64-suite.sh -x tests/test_loader.py`).
#
# Environment: HCNETSDK_ARM64_CACHE  the cache folder (default ~/.cache/hcnetsdk-arm64, or
#              under $XDG_CACHE_HOME): root/, debs/, wheels/, pip/, venvs/ (one per checkout),
#              simulator/, logs/; delete it to start from scratch
#              HCNETSDK_SIMULATOR_CACHE  where simulators are built (default: <cache>/simulator)
#              HCNETSDK_HOST_PYTHON      the host Python whose pip downloads the wheels
#                                        (default: .venv/bin/python if there, else python3)
# Timing on a 2-CPU machine: the suite about 2 minutes; setup about 1 minute the first time
# (apt-get, wheels, the emulated pip), seconds later (all in the cache).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd -P)

say() { printf 'arm64-suite: %s\n' "$*"; }
step=""
die() {
    printf 'arm64-suite: FAILED%s: %s\n' "${step:+ while $step}" "$*" >&2
    step=""
    exit 1
}
on_exit() {
    local status=$?
    if [ "$status" -ne 0 ] && [ -n "$step" ]; then
        printf 'arm64-suite: FAILED while %s (exit status %s)\n' "$step" "$status" >&2
    fi
}
trap on_exit EXIT
timed() { # timed LABEL: print how long the last step took
    say "$1 ($((SECONDS - step_start)) s)"
}

mode=run
refresh=0
while [ $# -gt 0 ]; do
    case "$1" in
    --tools) mode=tools ;;
    --setup) mode=setup ;;
    --refresh) refresh=1 ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    --) shift; break ;;
    *) break ;;
    esac
    shift
done

[ "$(uname -s)" = Linux ] || die "needs Linux (this is $(uname -s))"
host_machine=$(uname -m)
if [ "$host_machine" != x86_64 ]; then
    die "runs on x86_64 machines (this one is $host_machine); on aarch64 run README.md's test \
command directly"
fi
for tool in apt-get dpkg-deb flock sha256sum; do
    command -v "$tool" >/dev/null || die "needs $tool: a Debian (or Debian-based) machine"
done

cache=${HCNETSDK_ARM64_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hcnetsdk-arm64}
mkdir -p "$cache/logs"
cache=$(cd "$cache" && pwd -P)
logs=$cache/logs

# --- 1. host tools ----------------------------------------------------------------------------
cross_cc=aarch64-linux-gnu-gcc
missing=()
command -v qemu-aarch64-static >/dev/null || missing+=(qemu-user-static)
command -v "$cross_cc" >/dev/null || missing+=(gcc-aarch64-linux-gnu)
[ -f /usr/aarch64-linux-gnu/include/stdio.h ] || missing+=(libc6-dev-arm64-cross)
command -v x86_64-linux-gnu-gcc >/dev/null || missing+=(gcc)
command -v readelf >/dev/null || missing+=(binutils)
if [ ${#missing[@]} -gt 0 ]; then
    step="installing ${missing[*]} with apt-get"
    step_start=$SECONDS
    if [ "$(id -u)" -ne 0 ]; then
        die "missing ${missing[*]}; as root: apt-get update && apt-get install -y \
--no-install-recommends ${missing[*]}"
    fi
    say "installing ${missing[*]} (apt-get; log: $logs/apt-host.log)"
    if ! {
        DEBIAN_FRONTEND=noninteractive apt-get -q update &&
            DEBIAN_FRONTEND=noninteractive apt-get -q -y --no-install-recommends \
                -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
                install "${missing[@]}"
    } >"$logs/apt-host.log" 2>&1; then
        tail -n 20 "$logs/apt-host.log" >&2
        die "apt-get could not install ${missing[*]} (log above and in $logs/apt-host.log)"
    fi
    timed "installed ${missing[*]}"
fi
qemu=$(command -v qemu-aarch64-static)
say "host: $host_machine; $("$qemu" --version | head -n 1); $("$cross_cc" --version | head -n 1)"
if [ "$mode" = tools ]; then
    step=""
    exit 0
fi

# One setup at a time per cache; test runs share it (a --refresh waits for them).
exec 9>"$cache/lock"
if ! flock -n 9; then
    say "waiting for another arm64-suite run using $cache"
    flock 9
fi

root=$cache/root
debs=$cache/debs
wheels=$cache/wheels
if [ "$refresh" = 1 ]; then
    say "refresh: removing the cached root, packages, wheels and environments"
    rm -rf "$root" "$debs" "$wheels" "$cache/apt" "$cache/pip" "$cache/venvs"
fi

# --- 2. the aarch64 root ----------------------------------------------------------------------
apt_arm64() { # apt-get for arm64 with a private state: the machine's dpkg is left alone
    apt-get -q \
        -o Dir::State="$cache/apt/state" -o Dir::State::status="$cache/apt/status" \
        -o Dir::Cache="$cache/apt/cache" -o Dir::Cache::archives="$debs/" \
        -o Dir::Log="$cache/apt/log" -o APT::Sandbox::User="$(id -un)" \
        -o APT::Architecture=arm64 -o APT::Architectures=arm64 \
        -o APT::Install-Recommends=false "$@"
}
root_packages=(python3-minimal libpython3-stdlib libuuid1)
if [ ! -f "$root/.complete" ]; then
    if [ ! -f "$debs/.complete" ]; then
        step="downloading Debian's arm64 packages (${root_packages[*]})"
        step_start=$SECONDS
        rm -rf "$debs" "$cache/apt"
        mkdir -p "$debs/partial" "$cache/apt/state/lists/partial" "$cache/apt/cache" \
            "$cache/apt/log"
        : >"$cache/apt/status"
        say "downloading Debian's arm64 ${root_packages[*]} (log: $logs/apt-arm64.log)"
        if ! {
            apt_arm64 update && apt_arm64 -y install --download-only "${root_packages[@]}"
        } >"$logs/apt-arm64.log" 2>&1; then
            tail -n 20 "$logs/apt-arm64.log" >&2
            die "apt-get could not download the arm64 packages (log above and in \
$logs/apt-arm64.log; the machine's apt sources must carry arm64, as Debian's do)"
        fi
        (cd "$debs" && ls -- *.deb) >"$debs/.complete"
        timed "downloaded $(wc -l <"$debs/.complete") packages into $debs"
    fi
    step="unpacking the arm64 packages into $root"
    step_start=$SECONDS
    rm -rf "$root" "$root.tmp"
    mkdir -p "$root.tmp"
    while read -r deb; do
        dpkg-deb -x "$debs/$deb" "$root.tmp"
    done <"$debs/.complete"
    mv "$root.tmp" "$root"
    cp "$debs/.complete" "$root/.complete"
    timed "unpacked the aarch64 root into $root"
fi
python_name=$(readlink "$root/usr/bin/python3" || true)
target_python=$root/usr/bin/$python_name
if [ -z "$python_name" ] || [ ! -f "$target_python" ]; then
    die "the aarch64 root $root has no usr/bin/python3 (run again with --refresh)"
fi

# --- 3. the test dependencies as aarch64 wheels -------------------------------------------------
step="reading the test dependencies from pyproject.toml with the aarch64 Python"
requirements=$(
    "$qemu" -L "$root" "$target_python" -I - <<'PY'
import sys, tomllib
with open("pyproject.toml", "rb") as f:
    project = tomllib.load(f)
print(f"{sys.version_info[0]}.{sys.version_info[1]}")
print("pip")  # runs from an unpacked wheel to install the rest
for requirement in (
    *project["build-system"]["requires"],
    *project["project"].get("dependencies", []),
    *project["project"]["optional-dependencies"]["test"],
):
    print(requirement)
PY
)
mapfile -t requirements <<<"$requirements"
python_version=${requirements[0]}
requirements=("${requirements[@]:1}")
wheel_flags=(--only-binary=:all: --implementation cp --python-version "$python_version"
    --abi "cp${python_version/./}" --platform manylinux_2_28_aarch64
    --platform manylinux_2_17_aarch64 --platform manylinux2014_aarch64)
wheels_key=$(printf '%s\n' "${wheel_flags[@]}" "${requirements[@]}" | sha256sum | cut -c1-16)
if [ ! -f "$wheels/.complete-$wheels_key" ]; then
    step="downloading the aarch64 wheels (${requirements[*]})"
    step_start=$SECONDS
    host_python=${HCNETSDK_HOST_PYTHON:-}
    if [ -z "$host_python" ]; then
        host_python=python3
        if [ -x .venv/bin/python ]; then host_python=.venv/bin/python; fi # README's venv
    fi
    "$host_python" -m pip --version >/dev/null 2>&1 ||
        die "the host's $host_python has no pip (set HCNETSDK_HOST_PYTHON to a Python with pip)"
    rm -rf "$wheels" "$cache/pip"
    mkdir -p "$wheels"
    say "downloading aarch64 CPython $python_version wheels (log: $logs/pip-download.log)"
    if ! "$host_python" -m pip download --disable-pip-version-check --dest "$wheels" \
        "${wheel_flags[@]}" "${requirements[@]}" >"$logs/pip-download.log" 2>&1; then
        tail -n 20 "$logs/pip-download.log" >&2
        die "pip could not download aarch64 wheels for ${requirements[*]}"
    fi
    touch "$wheels/.complete-$wheels_key"
    timed "downloaded $(find "$wheels" -name '*.whl' | wc -l) wheels into $wheels"
fi
pip_wheel=$(find "$wheels" -maxdepth 1 -name 'pip-*.whl' | head -n 1)
[ -n "$pip_wheel" ] || die "no pip wheel in $wheels (run with --refresh)"
pip_dir=$cache/pip/$(basename "$pip_wheel" .whl)
if [ ! -d "$pip_dir" ]; then
    # Unpacked, not run from the zip: the emulated Python then caches pip's bytecode.
    step="unpacking $(basename "$pip_wheel")"
    rm -rf "$pip_dir.tmp"
    mkdir -p "$pip_dir.tmp"
    "$qemu" -L "$root" "$target_python" -I -m zipfile -e "$pip_wheel" "$pip_dir.tmp"
    mv "$pip_dir.tmp" "$pip_dir"
fi

# --- 4. the aarch64 virtual environment, with hcnetsdk installed from this checkout -------------
# One per checkout and dependency set: a fresh clone in the same place (CI) finds it ready.
venv_key=$(
    {
        printf '%s\n' "$repo" "$wheels_key" "$qemu"
        cat "$root/.complete" pyproject.toml
    } | sha256sum | cut -c1-16
)
venv=$cache/venvs/$venv_key
python=$venv/bin/python
if [ ! -f "$venv/.complete" ]; then
    step="creating the aarch64 virtual environment $venv"
    step_start=$SECONDS
    rm -rf "$venv"
    mkdir -p "$venv/bin" "$venv/lib/$python_name/site-packages"
    printf 'home = %s\ninclude-system-site-packages = false\nversion = %s\n' \
        "$root/usr/bin" "$python_version" >"$venv/pyvenv.cfg"
    {
        echo '#!/bin/sh'
        echo "# $python_name for aarch64 from Debian, run by qemu-user (tools/arm64-suite.sh)."
        # shellcheck disable=SC2016 # "$0" and "$@" are for the wrapper to expand
        echo '# -0 "$0" makes this script sys.executable, so child Pythons run under qemu too.'
        echo 'unset PYTHONHOME'
        # shellcheck disable=SC2016
        printf 'exec %q -L %q -0 "$0" %q "$@"\n' "$qemu" "$root" "$target_python"
    } >"$python"
    chmod +x "$python"
    ln -s python "$venv/bin/python3"
    ln -s python "$venv/bin/$python_name"
    say "installing hcnetsdk and its test dependencies with the aarch64 pip \
(log: $logs/pip-install.log)"
    if ! (
        while read -r name; do unset "$name"; done < <(compgen -e | grep '^PIP_' || true)
        PIP_CONFIG_FILE=/dev/null "$python" "$pip_dir/pip" install --disable-pip-version-check \
            --no-cache-dir --no-index --find-links "$wheels" -e '.[test]'
    ) >"$logs/pip-install.log" 2>&1; then
        tail -n 30 "$logs/pip-install.log" >&2
        die "the aarch64 pip could not install hcnetsdk (log above and in $logs/pip-install.log)"
    fi
    touch "$venv/.complete"
    timed "installed hcnetsdk into $venv"
fi
touch "$venv" "$venv/.complete" # environments unused for 14 days are removed:
find "$cache/venvs" -mindepth 1 -maxdepth 1 -type d -mtime +14 -exec rm -rf {} + 2>/dev/null || true

# --- 5. the simulator for aarch64, and where we are ----------------------------------------------
step="building the simulator with $cross_cc"
step_start=$SECONDS
export CC=$cross_cc
export HCNETSDK_SIMULATOR_CACHE=${HCNETSDK_SIMULATOR_CACHE:-$cache/simulator}
unset HCNETSDK_LIB
library=$("$python" -c 'from hcnetsdk._simulator import build_fake_sdk; print(build_fake_sdk())')
elf_machine=$(readelf -h "$library" | sed -n 's/^ *Machine: *//p')
step="checking the aarch64 Python"
"$python" - "$repo" "$library" <<'PY'
import ctypes, os, platform, sys
from hcnetsdk import _loader
import hcnetsdk

repo, library = sys.argv[1], sys.argv[2]
print(
    f"arm64-suite: Python: platform.machine() = {platform.machine()!r}; "
    f"{platform.python_implementation()} {platform.python_version()}; {sys.executable}"
)
print(f"arm64-suite: simulator: {library}: {_loader.describe_binary(library)}")
source = os.path.realpath(hcnetsdk.__file__)
if not source.startswith(os.path.join(repo, "src", "")):
    sys.exit(f"arm64-suite: hcnetsdk is imported from {source}, not from {repo}/src")
if platform.machine() != "aarch64":
    sys.exit(f"arm64-suite: the Python runs on {platform.machine()}, not aarch64")
ctypes.CDLL(library)  # it loads here
PY
say "simulator ELF machine (readelf): $elf_machine"
[ "$elf_machine" = AArch64 ] || die "the simulator is built for $elf_machine, not AArch64"
timed "aarch64 environment ready"
if [ "$mode" = setup ]; then
    step=""
    exit 0
fi

# --- 6. the suite -----------------------------------------------------------------------------
flock -s 9 # let other runs use the cache meanwhile; a --refresh waits until this one ends
step="running the test suite on aarch64"
step_start=$SECONDS
say "running: python -m pytest${*:+ $*} (CPython $python_version on aarch64 under qemu-user)"
# the stress loops a fifth as often as natively (tests/_scale.py): each repetition costs 10-50x
HCNETSDK_TEST_REPEAT_SCALE=${HCNETSDK_TEST_REPEAT_SCALE:-0.2} \
    HCNETSDK_EXPECT_MACHINE=aarch64 HCNETSDK_REQUIRE_CROSS=1 "$python" -m pytest "$@"
step=""
timed "the suite passed on aarch64"
