"""Stage 4a, types: TypeScript types become Python types; values are checked against them."""

from __future__ import annotations

import json
import keyword
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from codegen import fastpaths
from codegen.errors import CodegenError, Span
from codegen.input.declarations import (
    ArrayType,
    EnumDecl,
    LiteralType,
    OtherType,
    PredefinedType,
    RecordType,
    TypeAlias,
    TypeExpr,
    TypeRef,
    UnionType,
    ValuesOf,
)
from codegen.input.evaluate import Evaluator
from codegen.input.jsops import number_to_string
from codegen.input.program import Module, find_local
from codegen.input.tstypes import finite
from codegen.input.typeeval import TypeEvaluator
from codegen.input.values import Array, BigInt, Bool, Code, Null, Num, Object, Str, Undefined, Value
from codegen.mirror.pytypes import PyEnum, PyLiteral, PyOptional, PyScalar, PyTuple, PyType
from codegen.output.literals import RESERVED_NAMES, is_int, py_identifier

_SCALARS = {"string": "str", "number": "number", "boolean": "bool", "bigint": "bigint"}
_NULLISH = {"null", "undefined"}


@dataclass(frozen=True)
class LiteralAlias:
    """A TS literal-union alias, mirrored as `Name = Literal[...]`."""

    name: str
    ts_name: str
    values: tuple[str | float | bool, ...]
    doc: str
    span: Span


@dataclass(frozen=True)
class EnumSpec:
    """A TS enum, mirrored as an `enum.Enum` subclass."""

    name: str
    ts_name: str
    members: tuple[tuple[str, Value], ...]
    doc: str
    span: Span
    member_docs: tuple[str, ...] = ()  # the JSDoc of each member, in order
    key: tuple[str, str] | None = None  # the TS declaration (enum or const), for references
    ts_members: tuple[str, ...] = ()  # each member's TypeScript name, in order

    @property
    def base(self) -> str:
        """`enum.IntEnum` for integer members, `str, enum.Enum` for strings, else `enum.Enum`."""
        values = [value for _, value in self.members]
        if values and all(isinstance(v, Num) and is_int(v.value) for v in values):
            return "enum.IntEnum"
        if values and all(isinstance(v, Str) for v in values):
            return "str, enum.Enum"
        return "enum.Enum"


def module_name(name: str, what: str, span: Span) -> str:
    """Check a name the generated module binds at top level: valid, and shadowing nothing."""
    if py_identifier(name) != name:
        raise CodegenError(
            f"{what} becomes `{name}`, which is not a usable Python name; "
            "rename it with `rename` in the config",
            span,
        )
    if name in RESERVED_NAMES:
        raise CodegenError(
            f"{what} becomes `{name}`, which would shadow a Python builtin or an import of the "
            "generated module; rename it with `rename` in the config",
            span,
        )
    return name


class TypeBuilder:
    """Maps TS types to Python types, collecting the aliases and enums they name."""

    def __init__(self, evaluator: Evaluator, renames: Mapping[str, str]) -> None:
        self.evaluator = evaluator
        self.types = TypeEvaluator(evaluator.program, evaluator)
        self.renames = renames
        self.aliases: dict[str, LiteralAlias] = {}
        self.enums: dict[str, EnumSpec] = {}

    def convert(self, type_expr: TypeExpr, module: Module, what: str) -> PyType:
        """The Python type of a TS type; `what` names the field, for messages."""
        if isinstance(type_expr, PredefinedType) and type_expr.name in _SCALARS:
            return PyScalar(_SCALARS[type_expr.name])
        if isinstance(type_expr, LiteralType):
            return PyLiteral((type_expr.value,))
        if isinstance(type_expr, ArrayType):
            return PyTuple(self.convert(type_expr.element, module, what))
        if isinstance(type_expr, UnionType):
            return self.union(type_expr, module, what)
        if isinstance(type_expr, TypeRef):
            return self.reference(type_expr, module, what)
        if isinstance(type_expr, ValuesOf):
            return self.values_of(type_expr, module, what)
        raise CodegenError(
            f"cannot mirror the type `{type_text(type_expr)}` of {what} in Python",
            type_expr.span,
        )

    def union(self, union: UnionType, module: Module, what: str) -> PyType:
        nullable = any(isinstance(m, PredefinedType) and m.name in _NULLISH for m in union.members)
        rest = [
            m for m in union.members if not (isinstance(m, PredefinedType) and m.name in _NULLISH)
        ]
        if len(rest) == 1:
            inner = self.convert(rest[0], module, what)
        elif rest and all(isinstance(m, LiteralType) for m in rest):
            inner = PyLiteral(tuple(m.value for m in rest if isinstance(m, LiteralType)))
        else:
            raise CodegenError(
                f"cannot mirror the union type of {what}: only unions of literals, "
                "or of one type with `null`/`undefined`, have a Python form",
                union.span,
            )
        return PyOptional(inner) if nullable else inner

    def reference(self, ref: TypeRef, module: Module, what: str) -> PyType:
        found_module, found = find_local(self.evaluator.program, module, ref.name, ref.span, "type")
        if isinstance(found, EnumDecl):
            return self.enum(found_module, found)
        if not isinstance(found, TypeAlias):
            raise CodegenError(
                f"cannot mirror the type `{ref.name}` of {what}: only enums and aliases of "
                "literal unions can be named",
                ref.span,
            )
        return self.alias_type(found_module, found, what)

    def alias_type(self, module: Module, found: TypeAlias, what: str) -> PyType:
        """The Python type of a type alias, named after it when it is a set of literals.

        The type evaluator computes the alias as the checker would (`keyof typeof X`,
        `(typeof X)[number]`, generic helpers, template literal types, ...). When that gives a
        finite set of strings, numbers and booleans, the alias is a `Literal`; anything else
        is converted the way field types are.
        """
        literals = self._literals(module, found)
        if literals is not None:
            return self.alias(found, literals)
        converted = self.convert(found.type, module, what)
        if isinstance(converted, PyLiteral):
            return self.alias(found, converted.values)
        return converted

    def _literals(self, module: Module, found: TypeAlias) -> tuple[str | float | bool, ...] | None:
        """The members of an alias that is a finite set of plain literals, else None."""
        try:
            evaluated = self.types.named(module, found.name, found.span)
        except CodegenError:
            return None  # the conversion of field types says why, in its own words
        literals = finite(evaluated)
        if not literals or any(lit.kind not in ("string", "number", "boolean") for lit in literals):
            return None
        values: list[str | float | bool] = []
        for literal in literals:
            assert isinstance(literal.value, (str, float, bool))
            values.append(literal.value)
        return tuple(values)

    def alias(self, found: TypeAlias, values: tuple[str | float | bool, ...]) -> PyLiteral:
        """Name a literal union after its TS alias, and remember to define it."""
        name = module_name(
            self.renames.get(found.name, found.name), f"type alias `{found.name}`", found.span
        )
        self.aliases.setdefault(name, LiteralAlias(name, found.name, values, found.doc, found.span))
        return PyLiteral(values, name)

    def values_of(self, lookup: ValuesOf, module: Module, what: str) -> PyType:
        """`(typeof X)[keyof typeof X]`: the literal union of the values of the const `X`."""
        value = self.evaluator.binding(module, lookup.name, lookup.span)
        items = value.entries if isinstance(value, Object) else ()
        literals = [v.value for _, v, _ in items if isinstance(v, (Str, Num, Bool))]
        if not items or len(literals) != len(items):
            raise CodegenError(
                f"cannot mirror the type of {what}: `{lookup.name}` must be an object of "
                "strings, numbers or booleans",
                lookup.span,
            )
        return PyLiteral(tuple(dict.fromkeys(literals)))

    def enum(self, module: Module, decl: EnumDecl) -> PyEnum:
        """Mirror a TS enum, once, and refer to it."""
        name = module_name(self.renames.get(decl.name, decl.name), f"enum `{decl.name}`", decl.span)
        spec = self.enums.get(name)
        if spec is None:
            value = self.evaluator.binding(module, decl.name, decl.span)
            assert isinstance(value, Object)
            members = []
            for member in decl.members:
                member_value = value.get(member.name)
                assert member_value is not None
                members.append((enum_member_name(member.name, member.span), member_value))
            taken: dict[str, str] = {}
            for (python, _), member in zip(members, decl.members, strict=True):
                if python in taken:
                    raise CodegenError(
                        f"enum members `{taken[python]}` and `{member.name}` both become "
                        f"`{python}` in Python",
                        member.span,
                    )
                taken[python] = member.name
            docs = tuple(member.doc for member in decl.members)
            ts_names = tuple(member.name for member in decl.members)
            key = (module.key, decl.name)
            spec = EnumSpec(
                name, decl.name, tuple(members), decl.doc, decl.span, docs, key, ts_names
            )
            self.enums[name] = spec
        return PyEnum(
            name,
            tuple((n, v.value) for n, v in spec.members if isinstance(v, (Str, Num))),
        )


def enum_member_name(name: str, span: Span) -> str:
    """The Python spelling of an enum member: the TS name when Python allows it; a keyword
    gets a trailing `_` (`None_`); other characters than letters, digits and `_` become `_`,
    and a leading digit gets a leading `_` (`2xx` -> `_2xx`, `not-found` -> `not_found`);
    `mro` gets a trailing `_`; names Python's enum reserves lose underscores (`_x_` -> `_x`,
    `__x` -> `x`)."""
    spelled = name if name.isidentifier() else re.sub(r"\W+", "_", name).strip("_")
    if spelled.startswith("__"):
        spelled = spelled.lstrip("_")
    if spelled[:1].isdigit():
        spelled = "_" + spelled
    if len(spelled) > 1 and spelled.startswith("_") and spelled.endswith("_"):
        spelled = spelled.rstrip("_")
    if keyword.iskeyword(spelled) or spelled == "mro":
        spelled += "_"
    if not spelled or py_identifier(spelled) != spelled:
        raise CodegenError(
            f"enum member `{name}` has no Python spelling; rename it in the TypeScript", span
        )
    return spelled


def record_value_type(type_expr: TypeExpr | None) -> TypeRef | None:
    """`Spec` of `Record<string, Spec>` or `{ [key: string]: Spec }`."""
    if isinstance(type_expr, RecordType) and isinstance(type_expr.value, TypeRef):
        return type_expr.value
    return None


def refine_numbers(py_type: PyType, values: Sequence[Value]) -> PyType:
    """`number` becomes `int` when every value is integral, else `float`."""
    if isinstance(py_type, PyScalar):
        if py_type.name != "number":
            return py_type
        integral = all(is_int(v.value) for v in values if isinstance(v, Num))
        return PyScalar("int" if integral else "float")
    if isinstance(py_type, PyOptional):
        present = [v for v in values if not isinstance(v, (Null, Undefined))]
        return PyOptional(refine_numbers(py_type.inner, present))
    if isinstance(py_type, PyTuple):
        items = [item for v in values if isinstance(v, Array) for item in v.items]
        return PyTuple(refine_numbers(py_type.element, items))
    return py_type


def quick_fit(py_type: PyType) -> Callable[[Value], bool]:
    """A fast test of a value against a type: True exactly when `mismatch` finds nothing (a
    property test holds the two in agreement). False means ask `mismatch`, which words the
    error. With fast paths off (CODEGEN_NO_FAST_PATHS=1), always False: `mismatch` decides."""
    if not fastpaths.enabled():
        return _unsure
    test, tally = _quick(py_type), fastpaths.counts

    def fits(value: Value) -> bool:
        if test(value):
            tally[fastpaths.QUICK_FIT] += 1
            return True
        return False

    return fits


def _unsure(value: Value) -> bool:
    return False


def _quick(py_type: PyType) -> Callable[[Value], bool]:
    if isinstance(py_type, PyScalar):
        kind = _KINDS[py_type.name]
        if py_type.name == "int":
            return lambda value: type(value) is Num and is_int(value.value)
        return lambda value: type(value) is kind
    if isinstance(py_type, (PyLiteral, PyEnum)):
        members = _members(py_type)

        def member(value: Value) -> bool:
            return isinstance(value, _PRIMITIVES) and (type(value.value), value.value) in members

        return member
    if isinstance(py_type, PyOptional):
        inner = _quick(py_type.inner)
        return lambda value: type(value) in _NULLISH_VALUES or inner(value)
    element = _quick(py_type.element)
    return lambda value: type(value) is Array and all(map(element, value.items))


_PRIMITIVES = (Str, Num, Bool)
_NULLISH_VALUES = (Null, Undefined)


def mismatch(value: Value, py_type: PyType) -> tuple[Value, str] | None:
    """The (part of the) value a type does not admit, and what was expected; None if it fits."""
    if isinstance(py_type, PyOptional):
        return None if isinstance(value, (Null, Undefined)) else mismatch(value, py_type.inner)
    if isinstance(py_type, PyTuple):
        if not isinstance(value, Array):
            return value, "an array"
        for item in value.items:
            found = mismatch(item, py_type.element)
            if found is not None:
                return found
        return None
    if isinstance(py_type, (PyLiteral, PyEnum)):
        primitive = value.value if isinstance(value, (Str, Num, Bool)) else None
        if primitive is None or (type(primitive), primitive) not in _members(py_type):
            allowed = (
                py_type.values
                if isinstance(py_type, PyLiteral)
                else [v for _, v in py_type.members]
            )
            expected = " | ".join(ts_literal(v) for v in allowed)
            return value, (
                f"a member of `{py_type.name}` ({expected})"
                if isinstance(py_type, PyEnum)
                else expected
            )
        return None
    if not isinstance(value, _KINDS[py_type.name]):
        words = {"str": "a string", "bool": "a boolean", "bigint": "a bigint"}
        return value, words.get(py_type.name, "a number")
    if py_type.name == "int" and isinstance(value, Num) and not is_int(value.value):
        return value, "an integer"
    return None


_KINDS: dict[str, type] = {"str": Str, "bool": Bool, "int": Num, "float": Num, "bigint": BigInt}


@lru_cache(maxsize=256)
def _members(py_type: PyLiteral | PyEnum) -> frozenset[tuple[type, str | float | bool]]:
    """The values a literal type or an enum admits, typed: `true` is not `1`."""
    values = py_type.values if isinstance(py_type, PyLiteral) else [v for _, v in py_type.members]
    return frozenset((type(value), value) for value in values)


def ts_literal(value: str | float | bool) -> str:
    """A primitive as TypeScript spells it, for messages."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return number_to_string(value)


def describe(value: Value) -> str:
    """A value in words, for messages."""
    if isinstance(value, Str):
        return f"the string {ts_literal(value.value[:60])}"
    if isinstance(value, Num):
        return f"the number {number_to_string(value.value)}"
    if isinstance(value, Bool):
        return "true" if value.value else "false"
    kinds = {
        Code: "a function",
        Array: "an array",
        Object: "an object",
        Null: "null",
        Undefined: "undefined",
    }
    return kinds.get(type(value), "a bigint")


def type_text(type_expr: TypeExpr) -> str:
    """A TS type as written, for messages."""
    if isinstance(type_expr, OtherType):
        return type_expr.text
    if isinstance(type_expr, (PredefinedType, TypeRef, ValuesOf)):
        return type_expr.name
    if isinstance(type_expr, RecordType):
        return f"Record<string, {type_text(type_expr.value)}>"
    return "function"
