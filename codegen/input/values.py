"""The model of values, with JavaScript meaning: what evaluation gives later stages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from codegen.errors import Span

# Values, with JavaScript meaning


@dataclass(frozen=True)
class NumLiteral:
    """A number as spelled in the source (`86_400`)."""

    spelling: str


@dataclass(frozen=True)
class ConstRef:
    """A reference to a module const whose value is `value`; `key` identifies the declaration."""

    name: str
    key: tuple[str, str]
    value: Num


@dataclass(frozen=True)
class BinaryOp:
    """`left op right`."""

    op: str
    left: Origin
    right: Origin


@dataclass(frozen=True)
class Negate:
    """`-operand`."""

    operand: Origin


Origin = NumLiteral | ConstRef | BinaryOp | Negate


@dataclass(frozen=True)
class Reference:
    """Where a value was read from: a module-level const or enum (`root`, the declaration's
    key) and the property path into it (`CODES.BAD_GATEWAY` -> ("BAD_GATEWAY",))."""

    root: tuple[str, str]
    path: tuple[str, ...]


@dataclass(frozen=True, init=False)
class Str:
    """A JS string (may hold lone surrogates)."""

    value: str
    span: Span

    def __init__(self, value: str, span: Span) -> None:
        fields = self.__dict__  # frozen: set once, here, without __setattr__
        fields["value"] = value
        fields["span"] = span


@dataclass(frozen=True, init=False)
class Num:
    """A JS number (an IEEE double) and, when known, the expression that spelled it."""

    value: float
    span: Span
    origin: Origin | None = field(default=None, compare=False)

    def __init__(self, value: float, span: Span, origin: Origin | None = None) -> None:
        fields = self.__dict__  # frozen: set once, here, without __setattr__
        fields["value"] = value
        fields["span"] = span
        fields["origin"] = origin


@dataclass(frozen=True)
class BigInt:
    """A JS bigint."""

    value: int
    span: Span


@dataclass(frozen=True)
class Bool:
    """`true` or `false`."""

    value: bool
    span: Span


@dataclass(frozen=True)
class Null:
    """`null`."""

    span: Span


@dataclass(frozen=True)
class Undefined:
    """`undefined`, or an absent member."""

    span: Span


@dataclass(frozen=True, init=False)
class Array:
    """A JS array."""

    items: tuple[Value, ...]
    span: Span

    def __init__(self, items: tuple[Value, ...], span: Span) -> None:
        fields = self.__dict__  # frozen: set once, here, without __setattr__
        fields["items"] = items
        fields["span"] = span


class Object:
    """A JS object: entries in JS property order. Immutable.

    An object built from a shape (codegen.input.shapes) works out the spans of its keys only when
    `entries` is first read: most never are, since names and values are what the schema
    checks.
    """

    __slots__ = ("_by_name", "_entries", "_key_spans", "_names", "_values", "span")

    span: Span
    _entries: tuple[tuple[str, Value, Span], ...] | None  # key, value, span of the key
    _names: tuple[str, ...] | None
    _values: tuple[Value, ...] | None
    _key_spans: Callable[[], tuple[Span, ...]] | None
    _by_name: dict[str, Value] | None

    def __init__(self, entries: tuple[tuple[str, Value, Span], ...], span: Span) -> None:
        self._fill(span, entries, None, None, None)

    @classmethod
    def of(
        cls,
        names: tuple[str, ...],
        values: tuple[Value, ...],
        key_spans: Callable[[], tuple[Span, ...]],
        span: Span,
    ) -> Object:
        """An object whose key spans are worked out on first use (names in JS order)."""
        made = cls.__new__(cls)
        made._fill(span, None, names, values, key_spans)
        return made

    def _fill(
        self,
        span: Span,
        entries: tuple[tuple[str, Value, Span], ...] | None,
        names: tuple[str, ...] | None,
        values: tuple[Value, ...] | None,
        key_spans: Callable[[], tuple[Span, ...]] | None,
    ) -> None:
        """Set every slot once: `entries`, or names, values and how to get the key spans."""
        setter = object.__setattr__
        setter(self, "span", span)
        setter(self, "_entries", entries)
        setter(self, "_names", names)
        setter(self, "_values", values)
        setter(self, "_key_spans", key_spans)
        setter(self, "_by_name", None)

    @property
    def entries(self) -> tuple[tuple[str, Value, Span], ...]:
        """(key, value, span of the key) of every property, in order."""
        entries = self._entries
        if entries is None:
            assert self._names is not None and self._values is not None
            assert self._key_spans is not None
            entries = tuple(zip(self._names, self._values, self._key_spans(), strict=True))
            object.__setattr__(self, "_entries", entries)
        return entries

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Object is immutable: cannot set {name}")

    def names(self) -> tuple[str, ...]:
        """The property names, in order."""
        if self._names is not None:
            return self._names
        return tuple(name for name, _, _ in self.entries)

    def get(self, key: str) -> Value | None:
        """The value of a property, or None when absent."""
        return self.as_dict().get(key)

    def as_dict(self) -> dict[str, Value]:
        """The properties by name, built once (objects are immutable)."""
        cached = self._by_name
        if cached is None:
            if self._names is not None and self._values is not None:
                cached = dict(zip(self._names, self._values, strict=True))
            else:
                cached = {name: value for name, value, _ in self.entries}
            object.__setattr__(self, "_by_name", cached)
        return cached

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Object):
            return NotImplemented
        return self.entries == other.entries and self.span == other.span

    def __hash__(self) -> int:
        return hash((self.entries, self.span))

    def __repr__(self) -> str:
        return f"Object(entries={self.entries!r}, span={self.span!r})"


@dataclass(frozen=True, init=False)
class Code:
    """A function, method or class: code, never mirrored into Python."""

    span: Span

    def __init__(self, span: Span) -> None:
        fields = self.__dict__  # frozen: set once, here, without __setattr__
        fields["span"] = span


@dataclass(frozen=True)
class JsMap:
    """A JS `Map`: its entries in insertion order (keys are values, compared as JS does)."""

    entries: tuple[tuple[Value, Value], ...]
    span: Span


@dataclass(frozen=True)
class JsSet:
    """A JS `Set`: its items in insertion order."""

    items: tuple[Value, ...]
    span: Span


@dataclass(frozen=True)
class JsRegExp:
    """A JS regular expression: `source` and `flags` as `RegExp.prototype` gives them."""

    source: str
    flags: str
    span: Span


# Objects only the engine looks into: the static evaluator passes them on, whole.
OPAQUE = (JsMap, JsSet, JsRegExp)

Value = (
    Str | Num | BigInt | Bool | Null | Undefined | Array | Object | Code | JsMap | JsSet | JsRegExp
)
