"""The syntax side of codegen.mirror.regex: JavaScript patterns parsed into a small tree.

Parsing follows ECMAScript's pattern grammar, with Annex B's extra forms when the `u` flag is
absent, and refuses (Untranslatable) both what JavaScript rejects and what the translator
leaves out. Character escapes, classes, `.` and case-insensitive letters all become explicit
code-point sets here, so later stages never see JavaScript's class syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeAlias

MAX_COUNT = 65535  # larger `{n,m}` counts are refused: Python caps repeats, JavaScript does not
MAX_BACKREF = 99  # Python reads `\100` as an octal escape
MAX_DEPTH = 50  # deeper nesting is refused before it can exhaust Python's recursion limit

Ranges = tuple[tuple[int, int], ...]  # sorted, disjoint, non-adjacent inclusive ranges

LAST = 0x10FFFF
DIGIT: Ranges = ((0x30, 0x39),)
WORD: Ranges = ((0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A))
# With both `u` and `i`, \w also holds what case-folds into it: U+017F (long s), U+212A (Kelvin).
WORD_UI: Ranges = (*WORD, (0x17F, 0x17F), (0x212A, 0x212A))
# JavaScript's WhiteSpace and LineTerminator: ECMAScript's list plus the Unicode Zs category.
SPACE: Ranges = (
    (0x09, 0x0D),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
)
LINE_TERMINATORS: Ranges = ((0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029))
# Code points a Python string and the JavaScript string it stands for may split differently.
SURROGATE_OR_ASTRAL: Ranges = ((0xD800, 0xDFFF), (0x10000, LAST))
SYNTAX_CHARACTERS = "^$\\.*+?()[]{}|/"
CONTROL_ESCAPES = {"f": 0x0C, "n": 0x0A, "r": 0x0D, "t": 0x09, "v": 0x0B}
SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
GROUP_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class Untranslatable(Exception):
    """A pattern or flag with no exact Python translation; the message says which and why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ---------------------------------------------------------------------------------------------
# Code-point sets


def union(*sets: Ranges) -> Ranges:
    """The union of range sets, normalised."""
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(r for s in sets for r in s):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return tuple(merged)


def complement(ranges: Ranges) -> Ranges:
    """Every code point up to U+10FFFF that `ranges` lacks."""
    out: list[tuple[int, int]] = []
    start = 0
    for lo, hi in ranges:
        if lo > start:
            out.append((start, lo - 1))
        start = hi + 1
    if start <= LAST:
        out.append((start, LAST))
    return tuple(out)


def overlaps(a: Ranges, b: Ranges) -> bool:
    return any(lo <= b_hi and b_lo <= hi for lo, hi in a for b_lo, b_hi in b)


# ---------------------------------------------------------------------------------------------
# Syntax tree


@dataclass(frozen=True)
class Chars:
    ranges: Ranges


@dataclass(frozen=True)
class Seq:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Alt:
    options: tuple[Node, ...]


@dataclass(frozen=True)
class Group:
    body: Node
    index: int | None  # None for `(?:...)`
    name: str | None = None


@dataclass(frozen=True)
class Look:
    kind: str  # "=", "!", "<=", "<!"
    body: Node


@dataclass(frozen=True)
class Repeat:
    body: Node
    min: int
    max: int | None  # None: unbounded
    lazy: bool
    text: str  # the quantifier as written, for messages


@dataclass(frozen=True)
class Backref:
    index: int
    name: str | None
    text: str


@dataclass(frozen=True)
class Anchor:
    kind: str  # "^", "$", "b", "B"


Node: TypeAlias = Chars | Seq | Alt | Group | Look | Repeat | Backref | Anchor


# ---------------------------------------------------------------------------------------------
# Parsing


def _code_points(source: str, unicode: bool) -> list[int]:
    """The pattern as JavaScript reads it: code units without `u`, code points with it."""
    cps: list[int] = []
    for ch in source:
        cp = ord(ch)
        if cp > 0xFFFF or 0xD800 <= cp <= 0xDFFF:
            if not unicode:
                raise Untranslatable(
                    "a character above U+FFFF or a surrogate in a pattern without the `u` flag:"
                    " JavaScript matches it as separate UTF-16 code units, Python cannot"
                )
            if 0xDC00 <= cp <= 0xDFFF and cps and 0xD800 <= cps[-1] <= 0xDBFF:
                cps[-1] = 0x10000 + ((cps[-1] - 0xD800) << 10) + (cp - 0xDC00)
                continue
        cps.append(cp)
    if any(0xD800 <= cp <= 0xDFFF for cp in cps):
        raise Untranslatable("a lone surrogate in the pattern is not translated")
    return cps


def _hex(text: str) -> int | None:
    return int(text, 16) if text and all(c in "0123456789abcdefABCDEF" for c in text) else None


class Parser:
    def __init__(self, source: str, flags: str) -> None:
        self.unicode = "u" in flags
        self.ignore_case = "i" in flags
        self.multiline = "m" in flags
        self.dotall = "s" in flags
        self.cps = _code_points(source, self.unicode)
        self.text = "".join(map(chr, self.cps))
        self.pos = 0
        self.depth = 0
        self.groups = 0
        self.names: dict[str, int] = {}
        self.total_groups, self.all_names = self._count_groups()

    # -- helpers

    def peek(self, offset: int = 0) -> str:
        i = self.pos + offset
        return self.text[i] if i < len(self.text) else ""

    def fail(self, what: str) -> Untranslatable:
        return Untranslatable(f"{what} (at offset {self.pos} of the pattern)")

    def _count_groups(self) -> tuple[int, dict[str, int]]:
        """How many capturing groups the whole pattern has, and the index of each name
        (JavaScript lets `\\k<x>` and `\\2` come before the group they name)."""
        names: dict[str, int] = {}
        count, i, in_class, text = 0, 0, False, self.text
        while i < len(text):
            c = text[i]
            if c == "\\":
                i += 1
            elif in_class:
                in_class = c != "]"
            elif c == "[":
                in_class = True
            elif c == "(" and text[i + 1 : i + 2] != "?":
                count += 1
            elif c == "(" and text[i + 1 : i + 3] == "?<" and text[i + 3 : i + 4] not in "=!":
                count += 1
                name = text[i + 3 : text.find(">", i + 3)] if ">" in text[i + 3 :] else ""
                names.setdefault(name, count)
            i += 1
        return count, names

    # -- grammar

    def parse(self) -> Node:
        node = self.disjunction()
        if self.pos < len(self.text):
            raise self.fail("unmatched `)`: JavaScript rejects the pattern")
        return node

    def disjunction(self) -> Node:
        options = [self.alternative()]
        while self.peek() == "|":
            self.pos += 1
            options.append(self.alternative())
        return options[0] if len(options) == 1 else Alt(tuple(options))

    def alternative(self) -> Node:
        items: list[Node] = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.term())
        return items[0] if len(items) == 1 else Seq(tuple(items))

    def term(self) -> Node:
        start = self.pos
        atom = self.atom()
        quantifier = self.quantifier()
        if quantifier is None:
            return atom
        low, high, lazy = quantifier
        text = self.text[start : self.pos]
        if isinstance(atom, (Anchor, Look)):
            raise self.fail(f"a quantified assertion `{text}` is not translated")
        return Repeat(atom, low, high, lazy, text)

    def braced(self) -> tuple[int, int | None] | None:
        """`{n}`, `{n,}` or `{n,m}` at the cursor (consumed), else None (nothing consumed)."""
        m = re.compile(r"\{([0-9]+)(,([0-9]*))?\}").match(self.text, self.pos)
        if m is None:
            return None
        self.pos = m.end()
        low = int(m.group(1))
        high = low if m.group(2) is None else (int(m.group(3)) if m.group(3) else None)
        return low, high

    def quantifier(self) -> tuple[int, int | None, bool] | None:
        c = self.peek()
        bounds: tuple[int, int | None] | None
        if c in ("*", "+", "?"):
            self.pos += 1
            bounds = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        elif c == "{":
            bounds = self.braced()
            if bounds is None:
                if self.unicode:
                    raise self.fail("a lone `{` with the `u` flag: JavaScript rejects it")
                return None  # Annex B: the `{` is a literal, read as the next atom
            low, high = bounds
            if high is not None and high < low:
                raise self.fail("numbers out of order in a `{n,m}` quantifier")
            if max(low, high or 0) > MAX_COUNT:
                raise self.fail(f"a repeat count above {MAX_COUNT} is not translated")
        else:
            return None
        lazy = self.peek() == "?"
        self.pos += lazy
        return bounds[0], bounds[1], lazy

    def atom(self) -> Node:
        c = self.peek()
        if c == "^" or c == "$":
            self.pos += 1
            return Anchor(c)
        if c == ".":
            self.pos += 1
            if self.dotall:
                return Chars(((0, LAST),))
            return Chars(complement(LINE_TERMINATORS))
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class()
        if c == "\\":
            return self.atom_escape()
        if c in ("*", "+", "?"):
            raise self.fail(f"nothing to repeat before `{c}`: JavaScript rejects the pattern")
        if c == "{":
            if self.unicode or self.braced() is not None:
                raise self.fail("nothing to repeat before `{`: JavaScript rejects the pattern")
        elif c in ("}", "]") and self.unicode:
            raise self.fail(f"a lone `{c}` with the `u` flag: JavaScript rejects it")
        self.pos += 1
        return self.literal(ord(c))

    def literal(self, cp: int) -> Chars:
        return Chars(self.fold(((cp, cp),)))

    def fold(self, ranges: Ranges) -> Ranges:
        """The members of `ranges` under the `i` flag (only ASCII members are accepted)."""
        if not self.ignore_case:
            return ranges
        if ranges and ranges[-1][1] > 0x7F:
            raise self.fail(
                "a non-ASCII character with the `i` flag: JavaScript's and Python's case"
                " folding tables differ, so it is not translated"
            )
        extra: list[tuple[int, int]] = []
        for lo, hi in ranges:
            for cp in range(lo, hi + 1):
                ch = chr(cp)
                if ch.isalpha():
                    extra.append((ord(ch.upper()), ord(ch.upper())))
                    extra.append((ord(ch.lower()), ord(ch.lower())))
                    if self.unicode and ch in "sSkK":  # simple case folding reaches these
                        other = 0x17F if ch in "sS" else 0x212A
                        extra.append((other, other))
        return union(ranges, tuple(extra))

    def class_escape_set(self, letter: str) -> Ranges:
        base = {"d": DIGIT, "s": SPACE, "w": WORD}[letter.lower()]
        if letter.lower() == "w" and self.unicode and self.ignore_case:
            base = WORD_UI
        return complement(base) if letter.isupper() else base

    def group(self) -> Node:
        start = self.pos
        self.pos += 1
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(f"groups nested more than {MAX_DEPTH} deep are not translated")
        node = self.group_body(start)
        self.depth -= 1
        return node

    def group_body(self, start: int) -> Node:
        name: str | None = None
        if self.peek() == "?":
            kind = self.peek(1)
            if kind == "<" and self.peek(2) in ("=", "!"):
                kind = "<" + self.peek(2)
            if kind in ("=", "!", "<=", "<!"):
                self.pos += 1 + len(kind)
                body = self.disjunction()
                self.close(start)
                return Look(kind, body)
            if kind == ":":
                self.pos += 2
                body = self.disjunction()
                self.close(start)
                return Group(body, None)
            if kind != "<":
                raise self.fail(f"the group syntax `(?{kind}` is not translated")
            self.pos += 2
            name = self.group_name()
            if name in self.names:
                raise self.fail(f"a duplicate group name `{name}`: JavaScript rejects it")
        self.groups += 1
        index = self.groups
        if name is not None:
            self.names[name] = index
        body = self.disjunction()
        self.close(start)
        return Group(body, index, name)

    def close(self, start: int) -> None:
        if self.peek() != ")":
            self.pos = start
            raise self.fail("an unterminated group: JavaScript rejects the pattern")
        self.pos += 1

    def group_name(self) -> str:
        end = self.text.find(">", self.pos)
        name = self.text[self.pos : end] if end >= 0 else self.text[self.pos :]
        if end < 0 or not GROUP_NAME.match(name):
            raise self.fail(
                f"the group name `{name}` is not translated: only ASCII letters, digits and `_`"
                " (not starting with a digit) make names valid in both engines"
            )
        self.pos = end + 1
        return name

    def atom_escape(self) -> Node:
        c = self.peek(1)
        if self.ignore_case and (c in "123456789" or (c == "k" and self.all_names)) and c:
            raise self.fail(
                "a backreference with the `i` flag is not translated: JavaScript compares it"
                " case-insensitively, which the explicit case classes cannot express"
            )
        if c in ("b", "B"):
            self.pos += 2
            return Anchor(c)
        if c and c in "123456789":
            digits = re.compile(r"[0-9]+").match(self.text, self.pos + 1)
            assert digits is not None
            number = int(digits.group())
            if number > self.total_groups:
                raise self.fail(
                    f"`\\{number}` with fewer than {number} groups: JavaScript reads it as"
                    " a legacy octal or identity escape (or rejects it with `u`); not translated"
                )
            if number > MAX_BACKREF:
                raise self.fail(f"a backreference above \\{MAX_BACKREF} is not translated")
            self.pos = digits.end()
            return Backref(number, None, f"\\{number}")
        if c == "k" and (self.unicode or self.all_names):
            m = re.compile(r"\\k<([^>]*)>").match(self.text, self.pos)
            if m is None or m.group(1) not in self.all_names:
                raise self.fail("`\\k` without the `<name>` of a group: JavaScript rejects it")
            self.pos = m.end()
            return Backref(self.all_names[m.group(1)], m.group(1), m.group())
        ranges, is_set = self.character_escape(in_class=False)
        return Chars(ranges if is_set else self.fold(ranges))

    def character_escape(self, in_class: bool) -> tuple[Ranges, bool]:
        """The set one escape (cursor on the backslash) stands for, unfolded, and whether it is
        a class escape such as `\\d`; consumes it."""
        c = self.peek(1)
        if c == "":
            raise self.fail("`\\` at the end of the pattern: JavaScript rejects it")
        self.pos += 2
        if c in "dDsSwW":
            return self.class_escape_set(c), True
        cp = self.escaped_code_point(c, in_class)
        return ((cp, cp),), False

    def escaped_code_point(self, c: str, in_class: bool) -> int:
        """The code point of the escape `\\c...` (cursor after `c`); consumes the rest."""
        if c in CONTROL_ESCAPES:
            return CONTROL_ESCAPES[c]
        if in_class and c == "b":
            return 0x08
        if c == "0" and not self.peek().isdigit():
            return 0
        if c == "c" and self.peek().isascii() and self.peek().isalpha():
            self.pos += 1
            return ord(self.text[self.pos - 1]) % 32
        pair = self.text[self.pos : self.pos + 2]
        if c == "x" and len(pair) == 2 and _hex(pair) is not None:
            self.pos += 2
            return int(pair, 16)
        if c == "u":
            return self.unicode_escape()
        if c in SYNTAX_CHARACTERS or (in_class and c == "-"):
            return ord(c)
        if c in ("p", "P") and self.unicode:
            raise self.fail("Unicode property escapes `\\p{...}` are not translated")
        if self.unicode:
            raise self.fail(f"the escape `\\{c}` with the `u` flag: JavaScript rejects it")
        if c.isascii() and not c.isalnum() and c != "_":
            return ord(c)
        raise self.fail(
            f"the escape `\\{c}` is not translated: without `u`, JavaScript reads it as a"
            " legacy octal or identity escape, which is almost always a mistake"
        )

    def unicode_escape(self) -> int:
        """After `\\u`: `HHHH` (a surrogate pair with `u`) or `{H...}` with `u`."""
        if self.unicode and self.peek() == "{":
            end = self.text.find("}", self.pos)
            cp = _hex(self.text[self.pos + 1 : end]) if end > 0 else None
            if cp is None or cp > LAST:
                raise self.fail("a malformed `\\u{...}` escape: JavaScript rejects it")
            self.pos = end + 1
        else:
            cp = _hex(self.text[self.pos : self.pos + 4])
            if cp is None or len(self.text) < self.pos + 4:
                raise self.fail(
                    "a malformed `\\u` escape: JavaScript rejects it with `u` and reads it as"
                    " the letter `u` without; not translated"
                )
            self.pos += 4
            trail = _hex(self.text[self.pos + 2 : self.pos + 6])
            if (
                self.unicode
                and 0xD800 <= cp <= 0xDBFF
                and self.text[self.pos : self.pos + 2] == "\\u"
                and trail is not None
                and 0xDC00 <= trail <= 0xDFFF
                and len(self.text) >= self.pos + 6
            ):
                self.pos += 6
                cp = 0x10000 + ((cp - 0xD800) << 10) + (trail - 0xDC00)
        if 0xD800 <= cp <= 0xDFFF:
            raise self.fail("a surrogate escape that is not half of a `u`-mode pair")
        return cp

    def char_class(self) -> Chars:
        start = self.pos
        self.pos += 1
        negate = self.peek() == "^"
        self.pos += negate
        members: list[Ranges] = []
        while self.peek() != "]":
            low = self.class_atom(start)
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.pos += 1
                high = self.class_atom(start)
                if isinstance(low, tuple) or isinstance(high, tuple):
                    raise self.fail(
                        "a class escape such as `\\d` as a range end is not translated"
                        " (JavaScript rejects it with `u`, reads `-` literally without)"
                    )
                if low > high:
                    raise self.fail("a character range out of order: JavaScript rejects it")
                members.append(self.fold(((low, high),)))
            else:
                members.append(low if isinstance(low, tuple) else self.fold(((low, low),)))
        self.pos += 1
        ranges = union(*members)
        return Chars(complement(ranges) if negate else ranges)

    def class_atom(self, start: int) -> int | Ranges:
        """One class member: a code point, or the set of a class escape such as `\\d`."""
        c = self.peek()
        if c == "":
            self.pos = start
            raise self.fail("an unterminated character class: JavaScript rejects it")
        if c == "\\":
            ranges, is_set = self.character_escape(in_class=True)
            return ranges if is_set else ranges[0][0]
        self.pos += 1
        return ord(c)
