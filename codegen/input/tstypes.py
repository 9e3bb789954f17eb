"""The model of types as TypeScript computes them: what the type evaluator gives later stages.

A type here is already evaluated: aliases expanded, generics instantiated, `keyof`, `typeof`
and indexed access worked out. Unions are flat and free of duplicates and `never`; `boolean`
is the union of `true` and `false`, as the checker has it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from codegen.input.jsops import number_to_string

LiteralValue = str | float | bool | int | None


@dataclass(frozen=True)
class Lit:
    """A literal type. `kind` is string, number, boolean, bigint, null or undefined."""

    kind: str
    value: LiteralValue


@dataclass(frozen=True)
class Prim:
    """string, number, bigint, symbol, any, unknown, never, object or void."""

    name: str


@dataclass(frozen=True)
class Union:
    """Two or more distinct members, none of them a union or `never`."""

    members: tuple[Type, ...]


@dataclass(frozen=True)
class Prop:
    """One property of an object type."""

    key: Lit  # a string or number literal
    type: Type
    optional: bool = False
    doc: str = field(default="", compare=False)  # JSDoc: not part of the type


@dataclass(frozen=True)
class Obj:
    """An object type: properties, index signatures `[key: K]: V`, and the name it was declared
    under (an interface or alias), which becomes its Python class name."""

    props: tuple[Prop, ...]
    index: tuple[tuple[Type, Type], ...] = ()
    name: str | None = None
    args: tuple[Type, ...] = ()

    def prop_named(self, key: str) -> Prop | None:
        """The property JavaScript names `key` (`"1"` names the property `1`), or None."""
        return self.prop(Lit("string", key))

    def prop(self, key: Lit) -> Prop | None:
        """The property with this key, or None."""
        if len(self.props) < 8:
            for prop in self.props:
                if same_key(prop.key, key):
                    return prop
            return None
        return self._by_key.get(key_text(key))

    @cached_property
    def _by_key(self) -> dict[str, Prop]:
        """The properties by key text (the first of a repeated key), built once per object."""
        found: dict[str, Prop] = {}
        for prop in self.props:
            found.setdefault(key_text(prop.key), prop)
        return found


@dataclass(frozen=True)
class Arr:
    """`T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>`."""

    element: Type


@dataclass(frozen=True)
class Elem:
    """One element of a tuple type."""

    type: Type
    optional: bool = False
    rest: bool = False


@dataclass(frozen=True)
class Tup:
    """A tuple type, with optional and rest elements."""

    elements: tuple[Elem, ...]


@dataclass(frozen=True)
class Func:
    """A function or constructor type: code, never mirrored."""


@dataclass(frozen=True)
class Builtin:
    """`Map<K, V>`, `Set<T>`, `RegExp` and other library classes."""

    name: str
    args: tuple[Type, ...] = ()


@dataclass(frozen=True)
class Tmpl:
    """A template literal type with a hole no finite set fills: `id-${string}`. `texts` has one
    more item than `holes`; a hole is `string`, or a finite union of literals."""

    texts: tuple[str, ...]
    holes: tuple[Type, ...]


@dataclass(frozen=True)
class Var:
    """A type parameter left open: a generic interface's `T`, mirrored as a `TypeVar`."""

    name: str


Type = Lit | Prim | Union | Obj | Arr | Tup | Func | Builtin | Tmpl | Var

NEVER = Prim("never")
STRING = Prim("string")
NUMBER = Prim("number")
UNDEFINED = Lit("undefined", None)
NULL = Lit("null", None)
TRUE = Lit("boolean", True)
FALSE = Lit("boolean", False)
BOOLEAN = Union((FALSE, TRUE))


def same_key(a: Lit, b: Lit) -> bool:
    """Whether two property keys name the same property (`1` and `"1"` do)."""
    return key_text(a) == key_text(b)


def key_text(key: Lit) -> str:
    """A property key as JavaScript names it: numbers in their shortest spelling."""
    if key.kind == "number":
        assert isinstance(key.value, float | int)
        return number_to_string(float(key.value))
    return str(key.value)


def union(types: Iterable[Type]) -> Type:
    """The union of some types: flattened, without duplicates or `never`, in first-seen order."""
    members: list[Type] = []
    seen: set[Type] = set()
    for item in types:
        for member in item.members if isinstance(item, Union) else (item,):
            if member == NEVER or member in seen:
                continue
            seen.add(member)
            members.append(member)
    if any(member == Prim("any") for member in members):
        return Prim("any")
    if any(member == Prim("unknown") for member in members):
        return Prim("unknown")
    present = {m.name for m in members if isinstance(m, Prim)}
    if present & {"string", "number", "bigint"}:
        members = [m for m in members if not _subsumed(m, present)]
    if not members:
        return NEVER
    return members[0] if len(members) == 1 else Union(tuple(members))


def _subsumed(member: Type, present: set[str]) -> bool:
    """A literal whose primitive is also a member adds nothing (`"a" | string` is `string`)."""
    if isinstance(member, Lit):
        return member.kind in present and member.kind in ("string", "number", "bigint")
    return False


def tuple_items(tuple_: Tup) -> Type:
    """The union of a tuple's element types (a rest element's array gives its element)."""
    return union(
        element.type.element if element.rest and isinstance(element.type, Arr) else element.type
        for element in tuple_.elements
    )


def members(type_: Type) -> tuple[Type, ...]:
    """The members of a union, or the type itself."""
    return type_.members if isinstance(type_, Union) else (type_,)


def finite(type_: Type) -> tuple[Lit, ...] | None:
    """The literals of a finite union of literal types, or None when it is not one."""
    found = members(type_)
    if type_ == NEVER:
        return ()
    if all(isinstance(member, Lit) for member in found):
        return tuple(member for member in found if isinstance(member, Lit))
    return None
