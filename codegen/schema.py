"""Stage 4, schema: an interface and the registry's values become a typed, validated mirror."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from codegen.errors import CodegenError, ErrorCollector, Note, Span
from codegen.jsops import number_to_string
from codegen.literals import RESERVED_NAMES, is_int, py_identifier
from codegen.model import (
    Array,
    ArrayType,
    BigInt,
    Bool,
    Code,
    Interface,
    InterfaceMember,
    LiteralType,
    Null,
    Num,
    Object,
    OtherType,
    PredefinedType,
    PyLiteral,
    PyOptional,
    PyScalar,
    PyTuple,
    PyType,
    Str,
    TypeAlias,
    TypeExpr,
    TypeRef,
    Undefined,
    UnionType,
    Value,
    VariableDecl,
)
from codegen.program import Module, Program, did_you_mean, find_local

_SCALARS = {"string": "str", "number": "number", "boolean": "bool", "bigint": "bigint"}
_NULLISH = {"null", "undefined"}


@dataclass(frozen=True)
class Field:
    """One dataclass field, from one interface member."""

    name: str
    ts_name: str
    type: PyType
    has_default: bool
    doc: str
    span: Span
    aliases: tuple[LiteralAlias, ...] = ()


@dataclass(frozen=True)
class LiteralAlias:
    """A TS string-literal union alias, mirrored as `Name = Literal[...]`."""

    name: str
    ts_name: str
    values: tuple[str | float | bool, ...]
    doc: str


@dataclass(frozen=True)
class Entry:
    """One registry entry: the values of the fields it sets, in field order."""

    values: tuple[tuple[Field, Value], ...]
    span: Span


@dataclass(frozen=True)
class Registry:
    """The mirror of one exported registry: its dataclass, aliases and entries."""

    export: str
    class_name: str
    interface: Interface
    fields: tuple[Field, ...]
    aliases: tuple[LiteralAlias, ...]
    entries: tuple[Entry, ...]


def build_registry(
    program: Program,
    module: Module,
    export: str,
    decl: VariableDecl,
    value: Value,
    options: SchemaOptions,
) -> Registry:
    """Check every entry against the interface and derive the Python dataclass.

    Independent problems (each bad entry, each bad field) are all reported, up to a limit.
    """
    interface_module, interface = _entry_interface(program, module, decl)
    if not isinstance(value, Array):
        raise CodegenError(f"`{export}` must be an array of `{interface.name}` entries", value.span)
    errors = ErrorCollector()
    entries: list[Object] = []
    for item in value.items:
        with errors.collecting():
            entries.append(_entry_object(item, interface))
    fields = _fields(program, interface_module, interface, entries, options, errors)
    ordered = tuple(sorted(fields, key=lambda f: f.has_default))  # stable: defaults go last
    checked = []
    for item in entries:
        with errors.collecting():
            checked.append(_entry(item, ordered, interface))
    with errors.collecting():
        _check_unique_keys(checked, ordered, options.key, interface)
    class_name = options.renames.get(interface.name, interface.name)
    with errors.collecting():
        module_name(class_name, f"interface `{interface.name}`", interface.span)
    with errors.collecting():
        module_name(export, f"export `{export}`", decl.span)
    errors.raise_if_any()
    return Registry(
        export=export,
        class_name=class_name,
        interface=interface,
        fields=ordered,
        aliases=tuple(options_aliases(fields)),
        entries=tuple(checked),
    )


@dataclass(frozen=True)
class SchemaOptions:
    """What config says about a registry's mirror."""

    renames: Mapping[str, str]
    types: Mapping[str, str]  # TS field name -> "int" | "float" | "str" | "bool"
    key: str | None  # the field whose values must be unique; None: `name` if there is one


def options_aliases(fields: list[Field]) -> list[LiteralAlias]:
    """The literal aliases the fields use, each once, in field order."""
    found: dict[str, LiteralAlias] = {}
    for field in fields:
        for alias in field.aliases:
            found.setdefault(alias.name, alias)
    return list(found.values())


def _fields(
    program: Program,
    module: Module,
    interface: Interface,
    entries: list[Object],
    options: SchemaOptions,
    errors: ErrorCollector,
) -> list[Field]:
    builder = _TypeBuilder(program, module, options.renames)
    fields: list[Field] = []
    seen: dict[str, InterfaceMember] = {}
    for member in interface.members:
        if member.is_code:
            continue
        with errors.collecting():
            name = _field_name(member)
            if name in seen:
                raise CodegenError(
                    f"fields `{seen[name].name}` and `{member.name}` both become `{name}`",
                    member.span,
                    (Note("the other is declared here", seen[name].span),),
                )
            seen[name] = member
            column = [v for v in (item.get(member.name) for item in entries) if v is not None]
            override = options.types.get(member.name)
            py_type = PyScalar(override) if override else builder.field_type(member, column)
            has_default = member.optional
            if has_default and not isinstance(py_type, PyTuple):
                py_type = py_type if isinstance(py_type, PyOptional) else PyOptional(py_type)
            used = tuple(builder.aliases[n] for n in _alias_names(py_type))
            fields.append(
                Field(name, member.name, py_type, has_default, member.doc, member.span, used)
            )
    unknown = set(options.types) - {member.name for member in interface.members}
    for name in sorted(unknown):
        errors.add(
            CodegenError(
                f"config sets the type of `{name}`, which is not a field of `{interface.name}`",
                interface.span,
            )
        )
    if not fields and not errors.errors:
        raise CodegenError(
            f"interface `{interface.name}` has no data fields to mirror (methods are left out)",
            interface.span,
        )
    return fields


def _alias_names(py_type: PyType) -> list[str]:
    if isinstance(py_type, PyLiteral):
        return [py_type.alias] if py_type.alias else []
    if isinstance(py_type, PyTuple):
        return _alias_names(py_type.element)
    if isinstance(py_type, PyOptional):
        return _alias_names(py_type.inner)
    return []


def _check_unique_keys(
    entries: list[Entry], fields: tuple[Field, ...], key: str | None, interface: Interface
) -> None:
    """The key field (`name` unless config says otherwise) must differ between entries."""
    key_field = next((f for f in fields if f.ts_name == (key or "name")), None)
    if key_field is None:
        if key is not None:
            raise CodegenError(
                f"the configured key `{key}` is not a field of `{interface.name}`", interface.span
            )
        return
    first: dict[object, Span] = {}
    errors = ErrorCollector()
    for entry in entries:
        value = next((v for f, v in entry.values if f is key_field), None)
        if not isinstance(value, (Str, Num, Bool, BigInt)):
            continue
        identity = (type(value).__name__, value.value)
        if identity in first:
            errors.add(
                CodegenError(
                    f"two entries have the same `{key_field.ts_name}`: {_describe(value)}",
                    value.span,
                    (Note("the first one is here", first[identity]),),
                )
            )
        else:
            first[identity] = value.span
    errors.raise_if_any()


def _entry_interface(
    program: Program, module: Module, decl: VariableDecl
) -> tuple[Module, Interface]:
    """The interface a registry's entries satisfy: from `satisfies readonly T[]` or `: T[]`."""
    declared = decl.satisfies or decl.annotation
    if not isinstance(declared, ArrayType) or not isinstance(declared.element, TypeRef):
        raise CodegenError(
            f"cannot tell the entry type of `{decl.name}`: add `satisfies readonly Spec[]` "
            "(or a `: readonly Spec[]` annotation) naming an interface",
            decl.span,
        )
    found_module, found = find_local(
        program, module, declared.element.name, declared.element.span, "type"
    )
    if not isinstance(found, Interface):
        raise CodegenError(f"`{declared.element.name}` must be an interface", declared.element.span)
    return found_module, found


def _entry_object(item: Value, interface: Interface) -> Object:
    if not isinstance(item, Object):
        raise CodegenError(
            f"each entry must be an object literal satisfying `{interface.name}`", item.span
        )
    members = {member.name: member for member in interface.members}
    errors = ErrorCollector()
    for key, _, key_span in item.entries:
        if key not in members:
            errors.add(
                CodegenError(
                    f"`{key}` is not a field of `{interface.name}`{did_you_mean(key, members)}",
                    key_span,
                    (Note(f"`{interface.name}` is declared here", interface.span),),
                )
            )
    errors.raise_if_any()
    return item


def _entry(item: Object, fields: tuple[Field, ...], interface: Interface) -> Entry:
    values = []
    errors = ErrorCollector()
    for field in fields:
        value = item.get(field.ts_name)
        if value is None or (isinstance(value, Undefined) and field.has_default):
            if not field.has_default:
                errors.add(
                    CodegenError(
                        f"entry is missing the required field `{field.ts_name}`"
                        f" of `{interface.name}`",
                        item.span,
                        (Note("the field is declared here", field.span),),
                    )
                )
            continue
        with errors.collecting():
            _check(value, field.type, field)
        values.append((field, value))
    errors.raise_if_any()
    return Entry(tuple(values), item.span)


def _check(value: Value, py_type: PyType, field: Field) -> None:
    """Refuse a value that the field's type does not admit."""
    if isinstance(py_type, PyOptional):
        if not isinstance(value, (Null, Undefined)):
            _check(value, py_type.inner, field)
        return
    if isinstance(py_type, PyTuple):
        if not isinstance(value, Array):
            raise _type_error(value, "an array", field)
        for item in value.items:
            _check(item, py_type.element, field)
        return
    if isinstance(py_type, PyLiteral):
        primitive = value.value if isinstance(value, (Str, Num, Bool)) else None
        if primitive is None or not any(_same(primitive, member) for member in py_type.values):
            expected = " | ".join(_ts_literal(v) for v in py_type.values)
            raise _type_error(value, expected, field)
        return
    expected_kind = {"str": Str, "bool": Bool, "int": Num, "float": Num, "bigint": BigInt}
    if not isinstance(value, expected_kind[py_type.name]):
        words = {"str": "a string", "bool": "a boolean", "bigint": "a bigint"}
        raise _type_error(value, words.get(py_type.name, "a number"), field)
    if py_type.name == "int" and isinstance(value, Num) and not is_int(value.value):
        raise _type_error(value, "an integer", field)


def _same(a: str | float | bool, b: str | float | bool) -> bool:
    return type(a) is type(b) and a == b


def _ts_literal(value: str | float | bool) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return number_to_string(value)


def _type_error(value: Value, expected: str, field: Field) -> CodegenError:
    return CodegenError(
        f"field `{field.ts_name}` expects {expected}, but the value is {_describe(value)}",
        value.span,
        (Note("the field is declared here", field.span),),
    )


def _describe(value: Value) -> str:
    if isinstance(value, Str):
        return f"the string {_ts_literal(value.value[:60])}"
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


def _type_text(type_expr: TypeExpr) -> str:
    if isinstance(type_expr, OtherType):
        return type_expr.text
    if isinstance(type_expr, (PredefinedType, TypeRef)):
        return type_expr.name
    return "function"


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


def _field_name(member: InterfaceMember) -> str:
    """camelCase -> snake_case, as a valid Python identifier."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", member.name).lower()
    name = py_identifier(snake)
    if name is None:
        raise CodegenError(
            f"field `{member.name}` becomes `{snake}`, which is not a usable Python field name "
            "(not an identifier, or starting with `__`, which Python mangles)",
            member.span,
        )
    return name


class _TypeBuilder:
    """Maps TS types to Python types, collecting the literal aliases it meets."""

    def __init__(self, program: Program, module: Module, renames: Mapping[str, str]) -> None:
        self.program = program
        self.module = module
        self.renames = renames
        self.aliases: dict[str, LiteralAlias] = {}

    def field_type(self, member: InterfaceMember, values: list[Value]) -> PyType:
        py_type = self.convert(member.type, self.module, member)
        return _refine_numbers(py_type, values)

    def convert(self, type_expr: TypeExpr, module: Module, member: InterfaceMember) -> PyType:
        if isinstance(type_expr, PredefinedType) and type_expr.name in _SCALARS:
            return PyScalar(_SCALARS[type_expr.name])
        if isinstance(type_expr, LiteralType):
            return PyLiteral((type_expr.value,))
        if isinstance(type_expr, ArrayType):
            return PyTuple(self.convert(type_expr.element, module, member))
        if isinstance(type_expr, UnionType):
            return self.union(type_expr, module, member)
        if isinstance(type_expr, TypeRef):
            return self.reference(type_expr, module, member)
        raise CodegenError(
            f"cannot mirror the type `{_type_text(type_expr)}` of field `{member.name}` in Python",
            type_expr.span,
        )

    def union(self, union: UnionType, module: Module, member: InterfaceMember) -> PyType:
        nullable = any(isinstance(m, PredefinedType) and m.name in _NULLISH for m in union.members)
        rest = [
            m for m in union.members if not (isinstance(m, PredefinedType) and m.name in _NULLISH)
        ]
        if len(rest) == 1:
            inner = self.convert(rest[0], module, member)
        elif rest and all(isinstance(m, LiteralType) for m in rest):
            inner = PyLiteral(tuple(m.value for m in rest if isinstance(m, LiteralType)))
        else:
            raise CodegenError(
                f"cannot mirror the union type of field `{member.name}`: only unions of literals, "
                "or of one type with `null`/`undefined`, have a Python form",
                union.span,
            )
        return PyOptional(inner) if nullable else inner

    def reference(self, ref: TypeRef, module: Module, member: InterfaceMember) -> PyType:
        found_module, found = find_local(self.program, module, ref.name, ref.span, "type")
        if not isinstance(found, TypeAlias):
            raise CodegenError(
                f"cannot mirror the type `{ref.name}` of field `{member.name}`: "
                "only aliases of literal unions can be named",
                ref.span,
            )
        converted = self.convert(found.type, found_module, member)
        if isinstance(converted, PyLiteral):
            name = module_name(
                self.renames.get(found.name, found.name), f"type alias `{found.name}`", found.span
            )
            self.aliases.setdefault(
                name, LiteralAlias(name, found.name, converted.values, found.doc)
            )
            return PyLiteral(converted.values, name)
        return converted


def _refine_numbers(py_type: PyType, values: Sequence[Value]) -> PyType:
    """`number` becomes `int` when every value is integral, else `float`."""
    if isinstance(py_type, PyScalar):
        if py_type.name != "number":
            return py_type
        integral = all(is_int(v.value) for v in values if isinstance(v, Num))
        return PyScalar("int" if integral else "float")
    if isinstance(py_type, PyOptional):
        present = [v for v in values if not isinstance(v, (Null, Undefined))]
        return PyOptional(_refine_numbers(py_type.inner, present))
    if isinstance(py_type, PyTuple):
        items = [item for v in values if isinstance(v, Array) for item in v.items]
        return PyTuple(_refine_numbers(py_type.element, items))
    return py_type
