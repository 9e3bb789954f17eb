"""The frozen, typed model passed between stages: declarations, types and values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tree_sitter import Node

from codegen.errors import Span

# ---------------------------------------------------------------------------
# Types, as declared in TypeScript (a small neutral form; no tree-sitter nodes)


@dataclass(frozen=True)
class PredefinedType:
    """`string`, `number`, `boolean`, `bigint`, `null`, `undefined`, `unknown`, ..."""

    name: str
    span: Span


@dataclass(frozen=True)
class LiteralType:
    """A literal type: `"jit"`, `3`, `true`."""

    value: str | float | bool
    span: Span


@dataclass(frozen=True)
class UnionType:
    """`A | B | C`."""

    members: tuple[TypeExpr, ...]
    span: Span


@dataclass(frozen=True)
class ArrayType:
    """`T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>`."""

    element: TypeExpr
    span: Span


@dataclass(frozen=True)
class RecordType:
    """`Record<K, V>` or `{ [key: string]: V }`: values of one type, keyed by strings."""

    value: TypeExpr
    span: Span


@dataclass(frozen=True)
class ValuesOf:
    """`(typeof X)[keyof typeof X]`: the union of the values of the const `X`."""

    name: str
    span: Span


@dataclass(frozen=True)
class TypeRef:
    """A named type: an alias, an interface, or something we cannot mirror."""

    name: str
    span: Span


@dataclass(frozen=True)
class FunctionType:
    """A function type: `(a: A) => B`."""

    span: Span


@dataclass(frozen=True)
class OtherType:
    """Any type we do not model; kept as its text for the diagnostic."""

    text: str
    span: Span


TypeExpr = (
    PredefinedType
    | LiteralType
    | UnionType
    | ArrayType
    | RecordType
    | ValuesOf
    | TypeRef
    | FunctionType
    | OtherType
)

# ---------------------------------------------------------------------------
# Declarations of one module


@dataclass(frozen=True)
class VariableDecl:
    """`const|let|var name[: T] = value`. `value` is the initializer's node, evaluated lazily."""

    name: str
    kind: str
    value: Node | None
    annotation: TypeExpr | None
    satisfies: TypeExpr | None
    span: Span
    doc: str = ""


@dataclass(frozen=True)
class CodeDecl:
    """A function or class declaration: a value that is code, never mirrored."""

    name: str
    span: Span


@dataclass(frozen=True)
class ImportBinding:
    """A local name bound by an import: `imported` is a name, `default`, or `*`."""

    name: str
    module: str
    imported: str
    span: Span


@dataclass(frozen=True)
class EnumMember:
    """One enum member: its name and its initializer's node, if it has one."""

    name: str
    value: Node | None
    span: Span


@dataclass(frozen=True)
class EnumDecl:
    """`[const] enum Name { ... }`: evaluated member by member, like TypeScript does."""

    name: str
    members: tuple[EnumMember, ...]
    is_const: bool
    doc: str
    span: Span


Binding = VariableDecl | CodeDecl | ImportBinding | EnumDecl


@dataclass(frozen=True)
class ReExport:
    """`export { a as b } from "./m"` (imported="a") or `export * from "./m"` (imported="*")."""

    module: str
    imported: str
    span: Span


@dataclass(frozen=True)
class TypeAlias:
    """`type Name = T`."""

    name: str
    type: TypeExpr
    doc: str
    span: Span


@dataclass(frozen=True)
class InterfaceMember:
    """One member of an interface; methods and function-typed properties are `is_code`."""

    name: str
    type: TypeExpr
    optional: bool
    is_code: bool
    doc: str
    span: Span


@dataclass(frozen=True)
class Interface:
    """`interface Name { ... }`."""

    name: str
    members: tuple[InterfaceMember, ...]
    doc: str
    span: Span


@dataclass(frozen=True)
class ModuleDecls:
    """Everything one file declares at module level."""

    bindings: dict[str, Binding]
    exports: dict[str, str]  # exported name -> local binding name
    re_exports: dict[str, ReExport]  # exported name -> where it comes from
    star_exports: tuple[ReExport, ...]
    aliases: dict[str, TypeAlias]
    interfaces: dict[str, Interface]


# ---------------------------------------------------------------------------
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

    An object built from a shape (codegen.shapes) works out the spans of its keys only when
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


Value = Str | Num | BigInt | Bool | Null | Undefined | Array | Object | Code


# ---------------------------------------------------------------------------
# Python types, as the mirror declares them


@dataclass(frozen=True)
class PyScalar:
    """`str`, `int`, `float`, `bool`, or `number` before the values decide int or float."""

    name: str


@dataclass(frozen=True)
class PyLiteral:
    """`Literal[...]` over these values, named by an alias when the TS type was one."""

    values: tuple[str | float | bool, ...]
    alias: str | None = None


@dataclass(frozen=True)
class PyTuple:
    """`tuple[element, ...]`."""

    element: PyType


@dataclass(frozen=True)
class PyOptional:
    """`inner | None`."""

    inner: PyType


@dataclass(frozen=True)
class PyEnum:
    """A TS enum mirrored as an `enum.Enum` subclass; values refer to its members."""

    name: str
    members: tuple[tuple[str, str | float], ...]


PyType = PyScalar | PyLiteral | PyTuple | PyOptional | PyEnum
