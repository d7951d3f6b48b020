"""What an ISAPI call returns (:class:`IsapiResponse`) and how device text is read.

Decoding (``text``): a byte-order mark wins; then the encoding an XML declaration names
(``<?xml version="1.0" encoding="GB2312"?>``), if the body decodes with it; then UTF-8 (what
ISAPI and JSON use), if the body decodes with it; then the device's own character set (its
``byCharEncodeType`` at login: GBK on many Chinese-market devices); and only then UTF-8 with
replacement characters. So a body that declares one encoding but is written in another is still
read right. ``xml()`` parses that text (never the bytes, whose declaration may lie), refuses a
DTD (no entity expansion from a device), and by default strips the namespaces from tags and
attributes so that ``root.find("deviceName")`` works; ``xml(strip_namespaces=False)`` keeps
``{http://www.hikvision.com/ver20/XMLSchema}deviceName``.

:func:`parse_status` reads a ``ResponseStatus`` from XML or JSON text into the data class of the
errors layer, :class:`~hcnetsdk.ResponseStatus`.
"""

from __future__ import annotations

import codecs
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

from .._convert import codec_for
from .._isapi_errors import ResponseStatus

__all__ = ["IsapiResponse", "decode_body", "parse_status", "parse_xml"]

_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_DECLARATION_TEXT = re.compile(r"^\s*<\?xml[^>]*\?>")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DTD = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_body(raw: bytes, char_encoding: int = 6) -> str:
    """Device text -> str: BOM, declared encoding, UTF-8, the device's charset, then UTF-8 with
    replacement (see the module documentation)."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw.decode(codec, "replace")
    tried: list[str] = []
    match = _DECLARATION.match(raw)
    if match is not None:
        declared = _codec(match.group(1).decode("ascii"))
        if declared is not None:
            tried.append(declared)
    tried += ["utf-8", _codec(codec_for(char_encoding)) or "utf-8"]
    for codec in dict.fromkeys(tried):  # in order, once each
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def _strip(element: ET.Element) -> None:
    for node in element.iter():
        if isinstance(node.tag, str) and node.tag[:1] == "{":
            node.tag = node.tag.split("}", 1)[1]
        if any(key[:1] == "{" for key in node.attrib):
            node.attrib = {key.split("}", 1)[-1]: value for key, value in node.attrib.items()}


def parse_xml(text: str, *, strip_namespaces: bool = True) -> ET.Element:
    """Parse device XML text (the declaration dropped: the text is decoded already). A DTD is
    refused with ``ValueError``; malformed XML raises ``xml.etree.ElementTree.ParseError``."""
    if _DTD.search(text):
        raise ValueError("the device's answer holds a DTD (<!DOCTYPE or <!ENTITY): refused")
    root = ET.fromstring(_DECLARATION_TEXT.sub("", text, count=1))
    if strip_namespaces:
        _strip(root)
    return root


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(str(value).strip(), 0) if str(value).strip() else None
    except ValueError:
        return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def parse_status(text: str) -> ResponseStatus | None:
    """A ``ResponseStatus`` from XML or JSON text; None when the text is not one."""
    stripped = text.strip()
    if not stripped:
        return None
    fields: dict[str, Any]
    if stripped[0] in "{[":
        try:
            data = json.loads(stripped)
        except ValueError:
            return None
        if isinstance(data, dict) and isinstance(data.get("ResponseStatus"), dict):
            data = data["ResponseStatus"]
        if not isinstance(data, dict) or not ({"statusCode", "subStatusCode"} & set(data)):
            return None
        fields = data
    else:
        try:
            root = parse_xml(stripped)
        except (ET.ParseError, ValueError):
            return None
        if root.tag != "ResponseStatus":
            return None
        fields = {child.tag: child.text for child in root}
    return ResponseStatus(
        request_url=_text(fields.get("requestURL")),
        status_code=_int(fields.get("statusCode")),
        status_string=_text(fields.get("statusString")),
        sub_status_code=_text(fields.get("subStatusCode")),
        error_code=_int(fields.get("errorCode")),
        error_msg=_text(fields.get("errorMsg")),
        raw=text,
    )


class IsapiResponse:
    """The answer of an ISAPI call (``NET_DVR_STDXMLConfig``): the body, whole, and the device's
    ``ResponseStatus`` when it sent one.

    ``content`` is the body as bytes; ``text`` decodes it (see the module documentation),
    ``json()`` and ``xml()`` parse it. ``status`` is parsed on first use, from the SDK's status
    buffer or else from a body that is a ``ResponseStatus`` (what a PUT usually returns).
    """

    __slots__ = ("_status", "_status_raw", "_text", "char_encoding", "content", "method", "path")

    def __init__(
        self,
        method: str,
        path: str,
        content: bytes,
        status_raw: bytes = b"",
        char_encoding: int = 6,
    ) -> None:
        self.method = method
        """The request's method."""
        self.path = path
        """The request's path, query string included (``?format=json`` added for a dict body)."""
        self.content = content
        """The body the device sent, whole (``dwReturnedXMLSize`` bytes)."""
        self.char_encoding = char_encoding
        """The device's ``byCharEncodeType``, the fallback for decoding (6: UTF-8)."""
        self._status_raw = status_raw
        self._status: ResponseStatus | bool | None = False  # False: not parsed yet
        self._text: str | None = None

    @property
    def text(self) -> str:
        """The body as text, decoded by its declared or actual encoding."""
        if self._text is None:
            self._text = decode_body(self.content, self.char_encoding)
        return self._text

    def json(self) -> Any:
        """The body parsed as JSON (``json.JSONDecodeError``, a ValueError, if it is not)."""
        return json.loads(self.text)

    def xml(self, *, strip_namespaces: bool = True) -> ET.Element:
        """The body parsed as XML: the root ``Element``, namespaces stripped unless asked not
        to. Raises ``xml.etree.ElementTree.ParseError`` if it is not XML, ValueError for a
        DTD."""
        return parse_xml(self.text, strip_namespaces=strip_namespaces)

    @property
    def status(self) -> ResponseStatus | None:
        """The device's ``ResponseStatus``, or None when it sent none (a GET that succeeded)."""
        if self._status is False:
            found = None
            if self._status_raw:
                found = parse_status(decode_body(self._status_raw, self.char_encoding))
            if found is None and b"ResponseStatus" in self.content[:512]:
                found = parse_status(self.text)
            self._status = found
        return self._status  # type: ignore[return-value]

    @property
    def reboot_required(self) -> bool:
        """True when the device answered statusCode 7: the change applies after a reboot."""
        status = self.status
        return status is not None and status.status_code == 7

    def __repr__(self) -> str:
        status = self.status
        said = "" if status is None else f" status={status.status_code}"
        return f"<IsapiResponse {self.method} {self.path} {len(self.content)} bytes{said}>"


ADMIN_ACCESSES = "/ISAPI/Security/adminAccesses"
"""Where a device lists its service ports (HTTP, HTTPS, the SDK's, RTSP, ...)."""


def protocol_port(response: IsapiResponse, protocol: str) -> int | None:
    """The ``portNo`` of ``protocol`` (``"RTSP"``) in an ``AdminAccessProtocolList``; None when
    the answer is not XML or does not list it."""
    try:
        root = response.xml()
    except (ET.ParseError, ValueError):
        return None
    for entry in root.iter("AdminAccessProtocol"):
        name = (entry.findtext("protocol") or "").strip().upper()
        port = (entry.findtext("portNo") or "").strip()
        if name == protocol.upper() and port.isdigit() and 0 < int(port) < 65536:
            return int(port)
    return None
