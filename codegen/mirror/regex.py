"""JavaScript regular expressions as Python `re` patterns that match exactly alike, or a refusal.

`translate(source, flags)` parses the pattern by ECMAScript's grammar (with Annex B's rules when
the `u` flag is absent), checks it against a small subset whose meaning is the same in both
engines, and writes every JavaScript-specific meaning out explicitly: character classes become
explicit code-point sets, `^ $ \\b \\B` become Python assertions over JavaScript's line
terminators and ASCII word characters, case-insensitivity becomes explicit case classes. The
Python pattern therefore needs no `re` flags. docs/regex.md lists the subset and the reasons
for every refusal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from codegen.mirror.regex_syntax import (
    LINE_TERMINATORS,
    SURROGATE_OR_ASTRAL,
    SURROGATE_PAIR,
    WORD,
    WORD_UI,
    Alt,
    Anchor,
    Backref,
    Chars,
    Group,
    Look,
    Node,
    Parser,
    Ranges,
    Repeat,
    Seq,
    Untranslatable,
    complement,
    overlaps,
)

__all__ = ["PyRegex", "Untranslatable", "translate"]


@dataclass(frozen=True)
class PyRegex:
    """A Python `re` pattern and where it is exact; `flags` names `re` flags (none so far).

    JavaScript strings are UTF-16 code units, Python strings code points: a character above
    U+FFFF is one Python character but two JavaScript code units, and a Python string may hold
    a high and a low surrogate side by side, which JavaScript reads as one astral character.
    `astral_exact` and `pairs_exact` say whether the translation is still exact on such
    strings; `exact_on(s)` applies both.
    """

    pattern: str
    flags: tuple[str, ...] = ()
    astral_exact: bool = True
    pairs_exact: bool = True

    def exact_on(self, subject: str) -> bool:
        """Whether `re.compile(pattern).search(subject)` is sure to agree with JavaScript."""
        if not self.astral_exact and any(ord(c) > 0xFFFF for c in subject):
            return False
        return self.pairs_exact or SURROGATE_PAIR.search(subject) is None


# ---------------------------------------------------------------------------------------------
# Checks: what the two engines would do differently


def _groups_in(node: Node) -> set[int]:
    if isinstance(node, Group):
        inner = _groups_in(node.body)
        return inner | {node.index} if node.index is not None else inner
    return set().union(*(_groups_in(child) for child in _children(node)))


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Seq):
        return node.items
    if isinstance(node, Alt):
        return node.options
    if isinstance(node, (Group, Look, Repeat)):
        return (node.body,)
    return ()


def _nullable(node: Node) -> bool:
    """Whether `node` may match the empty string (a backreference may)."""
    if isinstance(node, Chars):
        return False
    if isinstance(node, Seq):
        return all(map(_nullable, node.items))
    if isinstance(node, Alt):
        return any(map(_nullable, node.options))
    if isinstance(node, (Group, Repeat)):
        return (isinstance(node, Repeat) and node.min == 0) or _nullable(node.body)
    return True


def _width(node: Node) -> int | None:
    """The fixed number of characters `node` matches, or None when it varies."""
    if isinstance(node, Chars):
        return 1
    if isinstance(node, (Look, Anchor)):
        return 0
    if isinstance(node, Seq):
        widths = [_width(item) for item in node.items]
        return None if None in widths else sum(w for w in widths if w is not None)
    if isinstance(node, Alt):
        options = {_width(option) for option in node.options}
        return options.pop() if len(options) == 1 else None
    if isinstance(node, Group):
        return _width(node.body)
    if isinstance(node, Repeat):
        inner = _width(node.body)
        return None if inner is None or node.max != node.min else inner * node.min
    return None  # a backreference


def _check(node: Node, done: frozenset[int], where: str) -> frozenset[int]:
    """Refuse what the engines treat differently; return the groups certainly set after `node`.

    `done` holds the groups certainly set before it; `where` is "" or the kind of the innermost
    lookaround around it (captures and backreferences inside some lookarounds are refused).
    """
    if isinstance(node, Seq):
        for item in node.items:
            done = _check(item, done, where)
        return done
    if isinstance(node, Alt):
        outcomes = [_check(option, done, where) for option in node.options]
        return frozenset.intersection(*outcomes)
    if isinstance(node, Group):
        if node.index is None:
            return _check(node.body, done, where)
        if where in ("!", "<=", "<!"):
            raise Untranslatable(
                f"a capturing group inside a `(?{where}...)` lookaround is not translated:"
                " the engines disagree about what it holds afterwards"
            )
        return _check(node.body, done, where) | {node.index}
    if isinstance(node, Look):
        after = _check(node.body, done, node.kind if where in ("", "=") else where)
        if node.kind in ("<=", "<!") and _width(node.body) is None:
            raise Untranslatable(
                f"a lookbehind `(?{node.kind}...)` whose match length varies: Python only"
                " supports fixed-width lookbehind"
            )
        return after if node.kind == "=" else done
    if isinstance(node, Repeat):
        return _check_repeat(node, done, where)
    if isinstance(node, Backref):
        if where in ("<=", "<!"):
            raise Untranslatable(
                f"the backreference `{node.text}` inside a lookbehind is not translated:"
                " JavaScript matches lookbehind right to left"
            )
        if node.index not in done:
            raise Untranslatable(
                f"the backreference `{node.text}` may refer to a group that has not matched"
                " (or is still open) at that point: JavaScript then matches the empty string,"
                " Python fails"
            )
    return done


def _check_repeat(node: Repeat, done: frozenset[int], where: str) -> frozenset[int]:
    if node.min != node.max and _nullable(node.body):
        raise Untranslatable(
            f"the quantifier in `{node.text}` repeats something that can match the empty"
            " string: JavaScript rejects an empty iteration beyond the minimum, Python"
            " accepts it, so their captures and matches differ"
        )
    after = _check(node.body, done, where)
    inner = _groups_in(node.body)
    if (node.max is None or node.max > 1) and not inner <= after:
        raise Untranslatable(
            f"`{node.text}` repeats a capturing group that does not take part in every"
            " iteration: JavaScript resets it to undefined on each iteration, Python keeps"
            " its value from an earlier one"
        )
    return after if node.min > 0 else done


def _touches_surrogates(node: Node) -> bool:
    """Whether a character set holds a surrogate or a code point above U+FFFF."""
    if isinstance(node, Chars):
        return overlaps(node.ranges, SURROGATE_OR_ASTRAL)
    return any(map(_touches_surrogates, _children(node)))


def _may_match_mid_pair(node: Node) -> bool:
    """Whether an assertion may hold between the halves of a surrogate pair.

    Node tries those positions even with `u` (`/\\B/u.exec("a😀")` matches at 2); `\\B`,
    lookbehind and negative lookahead can hold there, `^ $ \\b` and consuming atoms cannot.
    """
    if isinstance(node, Look) and node.kind != "=":
        return True
    if isinstance(node, Anchor) and node.kind == "B":
        return True
    return any(map(_may_match_mid_pair, _children(node)))


# ---------------------------------------------------------------------------------------------
# Writing the Python pattern


# Punctuation that `re` treats specially somewhere (in a class, in a set operation that a
# future version may add, or under re.VERBOSE); other printable ASCII is written as is.
SPECIAL = frozenset("\\.^$*+?{}[]|()-&~#")


def _char(cp: int) -> str:
    """One code point as Python `re` source: ASCII only, safe inside and outside classes."""
    if 0x20 < cp < 0x7F:
        return "\\" + chr(cp) if chr(cp) in SPECIAL else chr(cp)
    if cp == 0x20:
        return "\\ "
    if cp <= 0xFF:
        return f"\\x{cp:02x}"
    return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"


def _class(ranges: Ranges) -> str:
    if not ranges:
        return "(?!)"
    if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
        return _char(ranges[0][0])
    negated = complement(ranges)
    body, caret = (negated, "^") if negated and len(negated) < len(ranges) else (ranges, "")
    parts = []
    for lo, hi in body:
        parts.append(_char(lo) if lo == hi else _char(lo) + ("" if hi == lo + 1 else "-"))
        if hi != lo:
            parts.append(_char(hi))
    return f"[{caret}{''.join(parts)}]"


class _Writer:
    def __init__(self, multiline: bool, word: Ranges) -> None:
        terminators = _class(complement(LINE_TERMINATORS))
        w = _class(word)
        self.anchors = {
            "^": f"(?<!{terminators})" if multiline else r"\A",
            "$": f"(?!{terminators})" if multiline else r"\Z",
            "b": f"(?:(?<={w})(?!{w})|(?<!{w})(?={w}))",
            "B": f"(?:(?<={w})(?={w})|(?<!{w})(?!{w}))",
        }

    def write(self, node: Node) -> str:
        if isinstance(node, Chars):
            return _class(node.ranges)
        if isinstance(node, Seq):
            return "".join(map(self.write, node.items))
        if isinstance(node, Alt):
            return "|".join(map(self.write, node.options))
        if isinstance(node, Group):
            if node.index is None:
                return f"(?:{self.write(node.body)})"
            opening = "(" if node.name is None else f"(?P<{node.name}>"
            return f"{opening}{self.write(node.body)})"
        if isinstance(node, Look):
            return f"(?{node.kind}{self.write(node.body)})"
        if isinstance(node, Repeat):
            return self.write_atom(node.body) + self.quantifier(node)
        if isinstance(node, Backref):
            return f"(?:\\{node.index})" if node.name is None else f"(?P={node.name})"
        return self.anchors[node.kind]

    def write_atom(self, node: Node) -> str:
        """`node` as one quantifiable Python atom."""
        text = self.write(node)
        if isinstance(node, (Group, Backref)) or (isinstance(node, Chars) and text != "(?!)"):
            return text
        return f"(?:{text})"

    @staticmethod
    def quantifier(node: Repeat) -> str:
        bounds = {(0, None): "*", (1, None): "+", (0, 1): "?"}.get((node.min, node.max))
        if bounds is None:
            high = "" if node.max is None else str(node.max)
            bounds = f"{{{node.min}}}" if node.max == node.min else f"{{{node.min},{high}}}"
        return bounds + ("?" if node.lazy else "")


# ---------------------------------------------------------------------------------------------
# Entry point

FLAG_REFUSALS = {
    "y": "the `y` (sticky) flag has no Python equivalent: it anchors each match at lastIndex",
    "v": "the `v` (unicodeSets) flag is not translated: its class syntax (nested classes,"
    " set operations, string literals) and case folding have no Python equivalent",
}


def translate(source: str, flags: str) -> PyRegex:
    """The Python `re` pattern that matches like `new RegExp(source, flags).exec(s)`.

    `source` and `flags` are as `RegExp.prototype.source` and `.flags` give them. Raises
    Untranslatable, with the reason, for a pattern or flag outside the exact subset.
    """
    for flag in flags:
        if flag not in "dgimsuvy" or flags.count(flag) > 1:
            raise Untranslatable(f"`{flag}` is not a valid regular-expression flag here")
        if flag in FLAG_REFUSALS:
            raise Untranslatable(FLAG_REFUSALS[flag])
    parser = Parser(source, flags)
    tree = parser.parse()
    _check(tree, frozenset(), "")
    word = WORD_UI if parser.unicode and parser.ignore_case else WORD
    pattern = _Writer(parser.multiline, word).write(tree)
    try:
        re.compile(pattern)
    except re.error as error:  # a backstop: the checks above should have refused it
        raise Untranslatable(f"Python's `re` rejects the translation: {error}") from error
    touches, mid_pair = _touches_surrogates(tree), _may_match_mid_pair(tree)
    if parser.unicode:
        return PyRegex(pattern, (), not mid_pair, not (touches or mid_pair))
    return PyRegex(pattern, (), not (touches or mid_pair), True)
