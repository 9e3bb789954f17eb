"""JavaScript lexical rules: the values that string and number literals spell."""

from __future__ import annotations

import math
import re

_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "0": "\0",
}
_LINE_TERMINATORS = ("\r\n", "\n", "\r", "\u2028", "\u2029")


class LexicalError(ValueError):
    """A literal that JavaScript rejects or that we cannot read; the message says which."""


def decode_escape(escape: str) -> str:
    """The characters one escape sequence (`\\n`, `\\x41`, `\\u{1F600}`, ...) stands for."""
    body = escape[1:]
    if body in _LINE_TERMINATORS:
        return ""  # a line continuation
    first = body[:1]
    if first in _SIMPLE_ESCAPES and (first != "0" or len(body) == 1):
        return _SIMPLE_ESCAPES[first]
    if first == "x" and re.fullmatch(r"x[0-9a-fA-F]{2}", body):
        return chr(int(body[1:], 16))
    if first == "u":
        match = re.fullmatch(r"u(?:([0-9a-fA-F]{4})|\{([0-9a-fA-F]+)\})", body)
        if match:
            code = int(match.group(1) or match.group(2), 16)
            if code > 0x10FFFF:
                raise LexicalError(f"code point out of range in `{escape}`")
            return chr(code)
        raise LexicalError(f"malformed unicode escape `{escape}`")
    if first.isdigit():
        raise LexicalError(f"octal escape `{escape}` is not allowed in strict mode")
    if first == "x":
        raise LexicalError(f"malformed hexadecimal escape `{escape}`")
    return body  # `\"`, `\\`, `\q`: the character itself


def join_utf16(text: str) -> str:
    """Combine surrogate pairs into the code points they encode; lone surrogates stay."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


_SURROGATE = re.compile("[\ud800-\udfff]")
_DECIMAL = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def parse_number(spelling: str) -> float:
    """The IEEE double a JS numeric literal (`86_400`, `0xFF`, `.5`, `1e3`) denotes."""
    text = spelling.replace("_", "")
    prefix = text[:2].lower()
    if prefix in ("0x", "0o", "0b"):
        base = {"0x": 16, "0o": 8, "0b": 2}[prefix]
        return _int_to_double(int(text[2:], base))
    if len(text) > 1 and text[0] == "0" and text[1].isdigit():
        raise LexicalError(f"legacy octal literal `{spelling}` is not allowed in strict mode")
    if not _DECIMAL.fullmatch(text):
        raise LexicalError(f"malformed number `{spelling}`")
    return float(text)


def parse_bigint(spelling: str) -> int:
    """The integer a JS bigint literal (`10n`, `0xFFn`) denotes."""
    text = spelling[:-1].replace("_", "")
    prefix = text[:2].lower()
    if prefix in ("0x", "0o", "0b"):
        return int(text[2:], {"0x": 16, "0o": 8, "0b": 2}[prefix])
    return int(text, 10)


def _int_to_double(value: int) -> float:
    """Round a big integer to the nearest double the way JS does (ties to even)."""
    try:
        return float(value)
    except OverflowError:
        return math.inf
