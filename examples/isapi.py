"""Read and change a device through ISAPI over the SDK's port, and catch the device's errors.

With a device (its HTTP port may be closed: the requests go through the SDK connection)::

    HCNETSDK_PASSWORD=... python examples/isapi.py 192.168.1.64 --user admin

With --simulator (and no host), against the simulated NVR, including one request the device
does not support and one it is too busy for::

    python examples/isapi.py --simulator

Exit status: 0, 1 when the SDK or the device fails, 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys

import hcnetsdk

SIMULATED_HOST = "127.0.0.1"
SIMULATED_PASSWORD = "12345"


def tour(device: hcnetsdk.Device, simulated: bool) -> None:
    isapi = device.isapi  # NET_DVR_STDXMLConfig under the hood

    info = isapi.get("/ISAPI/System/deviceInfo").xml()  # namespaces stripped: plain tags
    print(f"device:   {info.findtext('deviceName')} ({info.findtext('model')})")
    print(f"serial:   {info.findtext('serialNumber')}")
    print(f"firmware: {info.findtext('firmwareVersion')}")

    time_answer = isapi.get("/ISAPI/System/time", timeout=3)  # seconds, at most 5
    print(f"time:     {time_answer.xml().findtext('localTime')}")

    if not simulated:
        return  # a real device: read only

    # Change something and read the device's answer (its ResponseStatus).
    changed = isapi.put(
        "/ISAPI/System/time",
        "<Time><timeMode>manual</timeMode><localTime>2026-11-22T08:00:00</localTime></Time>",
    )
    status = changed.status
    if status is not None:
        print(f"PUT time: statusCode {status.status_code} ({status.status_string})")
    print(f"now:      {isapi.get('/ISAPI/System/time').xml().findtext('timeMode')} time")

    # JSON: a dict body would be sent as JSON; ?format=json asks for a JSON answer.
    door = isapi.get("/ISAPI/AccessControl/Door/param/1?format=json").json()["DoorParam"]
    print(f"door 1:   {door['doorName']}, opens for {door['openDuration']} s")

    # The device's own errors: the SDK code's class, and the ISAPI class of its ResponseStatus.
    try:
        isapi.get("/ISAPI/Thermal/channels")
    except hcnetsdk.IsapiNotSupportedError as exc:  # also NotSupportedError, NoSupportError
        print(f"thermal:  not supported ({exc.sub_status_code}, SDK code {exc.code})")
    try:
        isapi.get("/ISAPI/Test/status/2")
    except hcnetsdk.IsapiDeviceBusyError as exc:  # also a DeviceBusyError, an IsapiError
        print(f"busy:     {exc.status_string} ({exc.sub_status_code}): retry later")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("host", nargs="?", help="the device (default with --simulator: the NVR)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--user", default="admin")
    parser.add_argument("--simulator", action="store_true", help="use the simulated SDK")
    parser.add_argument("--library", help="the SDK folder or library file (else HCNETSDK_LIB)")
    args = parser.parse_args(argv)
    if args.host is None and not args.simulator:
        parser.error("give the device's HOST, or --simulator")
    host = args.host or SIMULATED_HOST
    try:
        if args.simulator and args.host is None:
            password = SIMULATED_PASSWORD
        else:
            password = hcnetsdk.password_from_env(prompt=f"Password for {args.user}@{host}: ")
        with hcnetsdk.HCNetSDK("simulator" if args.simulator else args.library) as sdk:
            device = sdk.login(host, args.port, username=args.user, password=password)
            with device:  # logs out at its end
                tour(device, simulated=args.simulator)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except hcnetsdk.PasswordUnavailableError as exc:
        print(f"isapi.py: {exc}", file=sys.stderr)
        return 2
    except (hcnetsdk.HCNetSDKError, hcnetsdk.SDKLoadError, OSError) as exc:
        print(f"isapi.py: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
