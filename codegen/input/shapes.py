"""Stage 3, evaluate (fast path): long arrays of look-alike entries, built without walking them.

Large registries repeat one or a few shapes: the same keys, punctuation and layout, with
different strings and numbers. After the general evaluator has evaluated an entry, its shape
becomes one compiled regular expression over the source bytes: the entry's exact text, except
for *holes*, which are

- string and decimal integer literals that are values of the entry itself (a property value
  or an array item, reached through object and array literals only): their value is read from
  the matched text;
- flat expressions (`DAY`, `6 * HOUR`, `SUBJECTS.x`, `-1`, `true`) in those same places: one
  line, no brackets, strings, commas or comments, so the hole is exactly one expression. Their
  value is the general evaluator's, once per distinct text;
- string and integer literals inside functions, whose values nobody reads.

A later entry that matches has the same syntax tree as the earlier one, holes aside. So its
value is the earlier value with the holes' values put in and every span moved to where the
entry stands. Nothing here ever decides a value the general evaluator would not: whatever
does not fit is left to it (`evaluate` returns None).

A pure accelerator: all it asks of the general evaluator is a callable that evaluates one node
the general way, and the depth at which the array stands. Limits, node kinds and number
literals come from codegen.input.rules, as the general evaluator's do. CODEGEN_NO_FAST_PATHS=1
leaves every array to the general evaluator (see codegen.fastpaths).
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from tree_sitter import Node

from codegen.errors import CodegenError, CodegenErrors, Span
from codegen.fastpaths import SHAPES, counts
from codegen.input.jsops import JSTypeError
from codegen.input.lexical import LexicalError
from codegen.input.rules import CODE_EXPRESSIONS, MAX_DEPTH, MAX_STRING, number_literal
from codegen.input.values import Array, BigInt, Code, Num, Object, Str, Value

if TYPE_CHECKING:
    from codegen.input.parse import SourceFile

MIN_ITEMS = 32  # arrays shorter than this are evaluated the general way: nothing to gain
MAX_SHAPES = 16  # shapes kept per array; entries that fit none are evaluated the general way
GIVE_UP_AFTER = 128  # entries; when fewer than half of them fit a shape, shapes are dropped

# No `<` or `>` either: `[A < B, C > D]` reads as one generic instantiation, not two items.
_EXCLUDED = rb"\s,;\"'`\\/(){}\[\]<>"
# At most FLAT_MAX bytes: a failed match never backtracks for long, and a flat expression
# nests at most that deep (each level takes a character), which bounds its depth below.
FLAT_MAX = 100
_FLAT = re.compile(
    rb"[^%s](?:[^,;\r\n\"'`\\/(){}\[\]<>]{0,%d}[^%s])?" % (_EXCLUDED, FLAT_MAX - 2, _EXCLUDED)
)
# One numeric literal token, any spelling; what follows it cannot continue it.
_NUMBER_HOLE = (
    rb"((?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+"
    rb"|(?:[0-9][0-9_]*\.?[0-9_]*|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9_]+)?)n?)(?![0-9A-Za-z_$.])"
)
_FLAT_HOLE = b"(" + _FLAT.pattern + b")"

Regs = tuple[tuple[int, int], ...]
Builder = Callable[[Regs], Value]
General = Callable[[Node], Value]  # the general evaluator, on one node of this source


class GiveUp(Exception):
    """This entry (or shape) is left to the general evaluator."""


@dataclasses.dataclass
class _Hole:
    start: int  # byte offsets in the template entry's source
    end: int
    kind: str  # "string", "number", "flat" or "inert"
    group: int = 0  # regex group, numbered once all holes are known


class Shapes:
    """The shapes seen so far in one array literal, and the entries built from them."""

    def __init__(self, source: SourceFile, general: General, depth: int) -> None:
        """Shapes for one array literal of `source` that stands `depth` levels deep; `general`
        evaluates a node the general way (raising CodegenError for what it refuses)."""
        self.general = general
        self.depth = depth
        self.source = source
        self.data = source.data
        self.display = source.display
        self._shapes: list[tuple[re.Pattern[bytes], Builder]] = []
        self.movers: dict[bytes, Callable[[int], Value]] = {}  # flat text -> its value, anywhere
        self._learning = True
        self._tried = self._built = 0

    def evaluate(self, node: Node) -> Value | None:
        """The entry's value if it fits a known shape, else None."""
        self._tried += 1
        if self._tried == GIVE_UP_AFTER and self._built < GIVE_UP_AFTER // 2:
            self._shapes.clear()  # the entries are not look-alikes: stop paying for tries
            self._learning = False
        start, end = node.start_byte, node.end_byte
        data = self.data
        for index, (pattern, build) in enumerate(self._shapes):
            match = pattern.fullmatch(data, start, end)
            if match is None:
                continue
            try:
                value = build(match.regs)
            except GiveUp:
                return None
            if index:  # most recently used first
                self._shapes.insert(0, self._shapes.pop(index))
            self._built += 1
            counts[SHAPES] += 1
            return value
        return None

    def learn(self, node: Node, value: Value) -> None:
        """Remember the shape of an entry the general evaluator has just evaluated."""
        if not self._learning or node.type != "object":
            return
        if len(self._shapes) >= MAX_SHAPES:
            self._learning = False
            return
        with contextlib.suppress(GiveUp):  # a shape we cannot model: its entries go the general way
            self._shapes.insert(0, _Template(self, node, value).compile())

    def flat_mover(self, start: int, end: int) -> Callable[[int], Value]:
        """The value of a flat expression not seen before, the general way, as a mover."""
        root = self.source.tree.root_node
        node = root.named_descendant_for_byte_range(start, end)
        if node is None or node.start_byte != start or node.end_byte != end:
            raise GiveUp
        try:
            value = self.general(node)  # within MAX_DEPTH anywhere: see _Template.compile
        except (CodegenError, CodegenErrors, JSTypeError):
            raise GiveUp from None
        self.movers[self.data[start:end]] = mover = _mover(value, start, end, self)
        return mover


class _Template:
    """One evaluated entry, turned into a pattern and a builder for entries like it."""

    def __init__(self, shapes: Shapes, node: Node, value: Value) -> None:
        self.shapes = shapes
        self.depth = shapes.depth  # the array's: the entry is one level deeper
        self.node = node
        self.value = value
        self.start = node.start_byte
        self.end = node.end_byte
        self.holes: list[_Hole] = []
        self.flat_level = 0  # the deepest flat hole's level of nesting in the entry

    def compile(self) -> tuple[re.Pattern[bytes], Builder]:
        """The shape's pattern, and the builder that makes a value from a match of it."""
        self._find_holes(self.node)
        # Any flat expression in a hole must stay within MAX_DEPTH wherever it stands, as it
        # would when evaluated the general way: else those entries must go the general way.
        if self.flat_level and self.depth + self.flat_level + FLAT_MAX > MAX_DEPTH:
            raise GiveUp
        self.holes.sort(key=lambda hole: hole.start)
        parts: list[bytes] = [b"()"]  # group 1: where the entry starts
        at = self.start
        data = self.shapes.data
        for group, hole in enumerate(self.holes, start=2):
            hole.group = group
            parts.append(re.escape(data[at : hole.start]))
            parts.append(self._hole_pattern(hole))
            at = hole.end
        parts.append(re.escape(data[at : self.end]))
        self._ends = [hole.end for hole in self.holes]
        self._by_range = {(hole.start, hole.end): hole for hole in self.holes}
        build = self._compile(self.value, self.node)
        return re.compile(b"".join(parts), re.DOTALL), build

    # -- holes -------------------------------------------------------------

    def _find_holes(self, node: Node, level: int = 1) -> None:
        """Holes of a value of the entry itself: a property value or an array item, `level`
        levels of nesting into the entry (the entry is level 1)."""
        kind = node.type
        if kind == "object":
            for child in node.named_children:
                if child.type == "pair":
                    value = child.child_by_field_name("value")
                    if value is not None:
                        self._find_holes(value, level + 1)
                elif child.type == "method_definition":
                    for field in ("parameters", "body"):
                        part = child.child_by_field_name(field)
                        if part is not None:
                            self._find_inert(part)
        elif kind == "array":
            for child in node.named_children:
                if child.type != "comment":
                    self._find_holes(child, level + 1)
        elif kind in CODE_EXPRESSIONS:
            self._find_inert(node)
        else:
            literal = self._literal_kind(node)
            if literal is not None:
                self.holes.append(_Hole(node.start_byte, node.end_byte, literal))
            elif _FLAT.fullmatch(self.shapes.data, node.start_byte, node.end_byte):
                self.holes.append(_Hole(node.start_byte, node.end_byte, "flat"))
                self.flat_level = max(self.flat_level, level)

    def _find_inert(self, node: Node) -> None:
        """Literals inside a function: any other literal there leaves the syntax tree alike."""
        stack = [node]
        while stack:
            current = stack.pop()
            if self._literal_kind(current) is not None:
                self.holes.append(_Hole(current.start_byte, current.end_byte, "inert"))
            elif current.type not in ("string", "template_string", "regex"):
                stack.extend(current.named_children)

    def _literal_kind(self, node: Node) -> str | None:
        """`string` for a quoted string without escapes, `number` for a numeric literal."""
        if node.type == "string":
            if b"\\" not in self.shapes.data[node.start_byte + 1 : node.end_byte - 1]:
                return "string"
        elif node.type == "number":
            return "number"
        return None

    def _hole_pattern(self, hole: _Hole) -> bytes:
        data = self.shapes.data
        if hole.kind == "flat":
            return _FLAT_HOLE
        if data[hole.start : hole.start + 1] in (b'"', b"'"):
            quote = re.escape(data[hole.start : hole.start + 1])
            return b"(" + quote + rb"[^\\\r\n" + quote + b"]*" + quote + b")"
        return _NUMBER_HOLE

    # -- builders ----------------------------------------------------------

    def _inside(self, span: Span) -> tuple[int, int] | None:
        found = span.byte_range(self.shapes.source)
        if found is None or found[0] < self.start or found[1] > self.end:
            return None
        return found

    def _anchor(self, offset: int) -> tuple[int, int]:
        """Where `offset` moves to, as (group, distance): that far after the end of that
        group's hole (group 1 is empty, at the entry's start). Offsets inside a hole have no
        place."""
        index = bisect.bisect_right(self._ends, offset) - 1
        following = index + 1
        if following < len(self.holes) and self.holes[following].start < offset:
            raise GiveUp
        if index < 0:
            return 1, offset - self.start
        return self.holes[index].group, offset - self.holes[index].end

    def _span(self, start: int, end: int) -> Callable[[Regs], Span]:
        g1, c1 = self._anchor(start)
        g2, c2 = self._anchor(end)
        display, source, deferred = self.shapes.display, self.shapes.source, Span.deferred

        def span(regs: Regs) -> Span:
            return deferred(display, source, regs[g1][1] + c1, regs[g2][1] + c2)

        return span

    def _compile(self, value: Value, node: Node) -> Builder:
        """How to build the value that `node`, a value of the entry itself, has in an entry
        of this shape."""
        hole = self._by_range.get((node.start_byte, node.end_byte))
        if hole is not None and hole.kind != "inert":
            return self._hole(hole, value)
        kind = node.type
        if kind == "object" and isinstance(value, Object):
            return self._object(value, node)
        if kind == "array" and isinstance(value, Array):
            children = [child for child in node.named_children if child.type != "comment"]
            if len(children) != len(value.items) or any(
                child.type == "spread_element" for child in children
            ):
                raise GiveUp
            items = [
                self._compile(item, child)
                for item, child in zip(value.items, children, strict=True)
            ]
            span = self._span(node.start_byte, node.end_byte)
            return lambda regs: Array(tuple([item(regs) for item in items]), span(regs))
        where = self._inside(value.span)
        if where is None:
            if _reaches_inside(value, self):
                raise GiveUp
            return lambda regs: value  # a const's own value, as the general evaluator gives
        if isinstance(value, (Object, Array)):
            raise GiveUp  # a container built by something other than a literal: rare
        span = self._span(*where)
        if isinstance(value, Code):
            return lambda regs: Code(span(regs))
        return lambda regs: dataclasses.replace(value, span=span(regs))

    def _object(self, value: Object, node: Node) -> Builder:
        members: dict[tuple[int, int], Node] = {}  # key range -> the node of its value
        for child in node.named_children:
            if child.type == "pair":
                key, item = child.child_by_field_name("key"), child.child_by_field_name("value")
            elif child.type == "method_definition":
                key, item = child.child_by_field_name("name"), child
            else:
                continue  # shorthand and spread members are refused below, when met
            if key is not None and item is not None:
                members[(key.start_byte, key.end_byte)] = item
        if len(members) != len(value.entries):
            raise GiveUp  # a key given twice: the first value must still be evaluated
        names: list[str] = []
        builders: list[tuple[int, Builder]] = []  # (source position, builder), in JS order
        anchors: list[tuple[int, int, int, int]] = []  # where each key's span moves to
        for name, item_value, key_span in value.entries:
            key_where = self._inside(key_span)
            item_node = members.get(key_where) if key_where is not None else None
            if item_node is None:
                raise GiveUp  # from a spread or a shorthand property: rare in large arrays
            assert key_where is not None
            names.append(name)
            builders.append((item_node.start_byte, self._compile(item_value, item_node)))
            anchors.append((*self._anchor(key_where[0]), *self._anchor(key_where[1])))
        span = self._span(node.start_byte, node.end_byte)
        ordered, shapes = tuple(names), self.shapes
        # Values are built in source order, as the general evaluator evaluates them (which
        # matters to what a failing flat expression reports); integer keys come first in JS.
        in_source = sorted(range(len(builders)), key=lambda index: builders[index][0])
        build_in_source = [builders[index][1] for index in in_source]
        to_js = sorted(range(len(in_source)), key=lambda position: in_source[position])
        reorder = in_source != sorted(in_source)

        def build(regs: Regs) -> Value:
            key_spans = partial(_key_spans, regs, anchors, shapes.display, shapes.source)
            values = [b(regs) for b in build_in_source]
            if reorder:
                values = [values[position] for position in to_js]
            return Object.of(ordered, tuple(values), key_spans, span(regs))

        return build

    def _hole(self, hole: _Hole, value: Value) -> Builder:
        group = hole.group
        shapes = self.shapes
        data, display, source, deferred = shapes.data, shapes.display, shapes.source, Span.deferred
        if hole.kind == "string":
            if not isinstance(value, Str):
                raise GiveUp

            def string(regs: Regs) -> Value:
                start, end = regs[group]
                if end - start - 2 > MAX_STRING:
                    raise GiveUp  # maybe too long: the general evaluator says
                text = data[start + 1 : end - 1].decode("utf-8")
                return Str(text, deferred(display, source, start, end))

            return string
        if hole.kind == "number":
            if not isinstance(value, (Num, BigInt)):
                raise GiveUp

            def number(regs: Regs) -> Value:
                start, end = regs[group]
                spelling = data[start:end].decode("ascii")
                try:
                    return number_literal(spelling, deferred(display, source, start, end))
                except (LexicalError, ValueError):
                    raise GiveUp from None  # the general evaluator words the error

            return number

        # The template's own value for this text is known already.
        text = data[hole.start : hole.end]
        if text not in shapes.movers:
            shapes.movers[text] = _mover(value, hole.start, hole.end, shapes)
        movers = shapes.movers

        def flat(regs: Regs) -> Value:
            start, end = regs[group]
            mover = movers.get(data[start:end])
            if mover is None:
                mover = shapes.flat_mover(start, end)
            return mover(start)

        return flat


def _key_spans(
    regs: Regs, anchors: list[tuple[int, int, int, int]], display: str, source: SourceFile
) -> tuple[Span, ...]:
    """The spans of an object's keys, worked out when first asked for (see Object.of)."""
    return tuple(
        [
            Span.deferred(display, source, regs[g1][1] + c1, regs[g2][1] + c2)
            for g1, c1, g2, c2 in anchors
        ]
    )


def _reaches_inside(value: Value, template: _Template) -> bool:
    """Whether a value from outside the entry holds anything from inside it."""
    if isinstance(value, Object):
        return any(
            template._inside(key_span) is not None or _reaches_inside(item, template)
            for _, item, key_span in value.entries
        )
    if isinstance(value, Array):
        return any(_reaches_inside(item, template) for item in value.items)
    return False


def _mover(value: Value, start: int, end: int, shapes: Shapes) -> Callable[[int], Value]:
    """How to give a flat expression's value, evaluated where it stood at `start`..`end`, to
    the same text standing at another offset."""
    where = value.span.byte_range(shapes.source)
    if where is None or where[1] <= start or where[0] >= end:
        return lambda offset: value  # a value from elsewhere (a const's own): shared as is
    if where[0] < start or where[1] > end or isinstance(value, (Object, Array)):
        raise GiveUp  # only scalars made by the expression itself are moved
    display, source, deferred = shapes.display, shapes.source, Span.deferred
    first, last = where[0] - start, where[1] - start
    if isinstance(value, Num):
        number, origin = value.value, value.origin
        return lambda offset: Num(
            number, deferred(display, source, offset + first, offset + last), origin
        )
    return lambda offset: dataclasses.replace(
        value, span=deferred(display, source, offset + first, offset + last)
    )
