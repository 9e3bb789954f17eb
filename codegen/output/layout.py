"""Expressions as small trees, printed flat or laid out line by line exactly as black would.

The literal emitter builds these; `flat` is the one-line source, `layout` splits brackets the
way black does for the expressions codegen emits (calls with keyword arguments, tuples, dicts,
atoms), so large registries need not go through black entry by entry. A property test holds
`layout` and black in agreement.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from black.strings import char_width

INDENT = 4


@dataclass(frozen=True, init=False)
class Atom:
    """Source with no brackets to split: a literal, a name, `6 * _HOUR`, `Level.Low`."""

    text: str
    opaque: bool = dataclasses.field(repr=False, compare=False)

    def __init__(self, text: str) -> None:
        # Entries are laid out by codegen (and their lines kept in the memo, by their text)
        # only when every atom is a string literal, an empty tuple or plain code: names,
        # numbers, `6 * _HOUR`, `Level.Low`. Anything else (`float("nan")`, `(_A + 1) * _B`:
        # brackets black may split at) is opaque, and its entry is left to black.
        quoted = text[:1] in ("'", '"') and text[-1:] == text[:1] and len(text) > 1
        fields = self.__dict__  # frozen: set once, here (atoms are built by the hundred thousand)
        fields["text"] = text
        fields["opaque"] = not quoted and _PLAIN_CODE.fullmatch(text) is None


@dataclass(frozen=True, init=False)
class Bracketed:
    """`open item, item close`: a call, a tuple or a dict; items carry their `name=` prefix."""

    open: str
    items: tuple[tuple[str, Expr], ...]
    close: str
    one_tuple: bool  # `(x,)`: the comma that makes a tuple
    text: str = dataclasses.field(repr=False, compare=False)
    opaque: bool = dataclasses.field(repr=False, compare=False)

    def __init__(
        self, open: str, items: tuple[tuple[str, Expr], ...], close: str, one_tuple: bool = False
    ) -> None:
        body = ", ".join([prefix + item.text for prefix, item in items])
        fields = self.__dict__  # frozen: set once, here; the flat text is built bottom-up
        fields["open"] = open
        fields["items"] = items
        fields["close"] = close
        fields["one_tuple"] = one_tuple
        fields["text"] = f"{open}{body}{',' if one_tuple else ''}{close}"
        fields["opaque"] = any([item.opaque for _, item in items])


_PLAIN_CODE = re.compile(r"[\w.+\-* ]+|\(\)")
Expr = Atom | Bracketed


def flat(expr: Expr) -> str:
    """The expression on one line."""
    return expr.text


def layout(prefix: str, expr: Expr, indent: int, suffix: str, line_length: int) -> list[str]:
    """`prefix + expr + suffix` at `indent`, split over lines as black splits it.

    Black splits at the last opening bracket. A collection (tuple, dict) then goes one item a
    line, with a trailing comma; a call keeps its arguments on one line when they fit there,
    and only otherwise goes one a line.
    """
    pad = " " * indent
    one_line = f"{pad}{prefix}{expr.text}{suffix}"
    if isinstance(expr, Atom) or not expr.items or _fits(one_line, line_length):
        return [one_line]
    inner = indent + INDENT
    head = f"{pad}{prefix}{expr.open}"
    tail = f"{pad}{expr.close}{suffix}"
    is_call = len(expr.open) > 1
    if is_call:
        body = " " * inner + ", ".join(p + item.text for p, item in expr.items)
        if _fits(body, line_length):
            return [head, body, tail]
    if len(expr.items) > 1 or expr.one_tuple:  # one item a line, each with its comma
        lines = [
            line
            for item_prefix, item in expr.items
            for line in layout(item_prefix, item, inner, ",", line_length)
        ]
    else:  # a lone item goes on its own line, with no comma added
        item_prefix, item = expr.items[0]
        lines = layout(item_prefix, item, inner, "", line_length)
    return [head, *lines, tail]


def _fits(line: str, line_length: int) -> bool:
    """Black's measure of a line's width: `black.strings.str_width`."""
    return (len(line) if line.isascii() else width(line)) <= line_length


_NON_ASCII = re.compile("[^\x00-\x7f]")
_EXTRA: dict[str, int] = {}  # character -> columns beyond one, as black counts them


def width(text: str) -> int:
    """`black.strings.str_width(text)`: black's table is looked up once per distinct
    non-ASCII character, not once per character of every line."""
    total = len(text)
    for char in _NON_ASCII.findall(text):
        extra = _EXTRA.get(char)
        if extra is None:
            extra = _EXTRA[char] = char_width(char) - 1
        total += extra
    return total
