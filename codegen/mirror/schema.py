"""Stage 4b, schema: an interface and a registry's entries become a checked dataclass mirror."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from codegen.errors import CodegenError, CodegenErrors, ErrorCollector, Note, Span, did_you_mean
from codegen.input.declarations import Interface, InterfaceMember
from codegen.input.program import Module
from codegen.input.values import BigInt, Bool, Num, Object, Str, Undefined, Value
from codegen.mirror.pytypes import PyOptional, PyScalar, PyTuple, PyType
from codegen.mirror.typemap import (
    TypeBuilder,
    describe,
    mismatch,
    module_name,
    quick_fit,
    refine_numbers,
)
from codegen.output.literals import py_identifier


@dataclass(frozen=True)
class SchemaOptions:
    """What config says about a registry's mirror."""

    renames: Mapping[str, str]
    types: Mapping[str, str]  # TS field name -> "int" | "float" | "str" | "bool"
    key: str | None  # the field whose values must be unique; None: `name` if there is one
    exclude: Sequence[str] = ()  # TS fields left out of the mirror
    typed_keys: bool = True  # False: every key stays a string, as in codegen 0.1
    interface_style: str = "dataclass"  # or "typeddict": exported object types in mirror-all
    identity_functions: Sequence[str] = ()  # package functions that return their first argument


@dataclass(frozen=True)
class Field:
    """One dataclass field, from one interface member."""

    name: str
    ts_name: str
    type: PyType
    has_default: bool
    doc: str
    span: Span


@dataclass(frozen=True)
class Entry:
    """One registry entry: its key (for keyed registries) and the fields it sets, in order."""

    key: str | None
    values: tuple[tuple[Field, Value], ...]
    span: Span


@dataclass(frozen=True)
class Registry:
    """One exported registry: entries of one interface, in an array or keyed by name."""

    export: str
    class_name: str
    interface: Interface
    fields: tuple[Field, ...]
    entries: tuple[Entry, ...]
    keyed: bool
    span: Span  # the exported const


def build_registry(
    builder: TypeBuilder,
    module: Module,
    interface: Interface,
    export: str,
    items: Sequence[tuple[str | None, Value]],
    options: SchemaOptions,
    span: Span,
) -> Registry:
    """Check every entry against the interface and derive the Python dataclass.

    `items` are (key, entry) pairs; the key is None for arrays. Independent problems (each bad
    entry, each bad field) are all reported, up to a limit.
    """
    errors = ErrorCollector()
    entries: list[tuple[str | None, Object]] = []
    members = {member.name: member for member in interface.members}
    for key, item in items:  # try/except, not `collecting()`: this loop runs per entry
        try:
            entries.append((key, _entry_object(item, interface, members)))
        except (CodegenError, CodegenErrors) as error:
            errors.record(error)
    fields = _fields(builder, module, interface, [item for _, item in entries], options, errors)
    ordered = tuple(sorted(fields, key=lambda f: f.has_default))  # stable: defaults go last
    checked = []
    fits = {id(field): quick_fit(field.type) for field in ordered}
    for key, item in entries:
        try:
            checked.append(_entry(key, item, ordered, interface, fits))
        except (CodegenError, CodegenErrors) as error:
            errors.record(error)
    with errors.collecting():
        _check_unique_keys(checked, ordered, options.key, interface)
    class_name = options.renames.get(interface.name, interface.name)
    with errors.collecting():
        module_name(class_name, f"interface `{interface.name}`", interface.span)
    with errors.collecting():
        module_name(export, f"export `{export}`", span)
    errors.raise_if_any()
    keyed = bool(items) and items[0][0] is not None
    return Registry(export, class_name, interface, ordered, tuple(checked), keyed, span)


def _fields(
    builder: TypeBuilder,
    module: Module,
    interface: Interface,
    entries: list[Object],
    options: SchemaOptions,
    errors: ErrorCollector,
) -> list[Field]:
    fields: list[Field] = []
    seen: dict[str, InterfaceMember] = {}
    for member in interface.members:
        if member.is_code or member.name in options.exclude:
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
            override = options.types.get(member.name)
            if override:
                py_type: PyType = PyScalar(override)
            else:
                py_type = builder.convert(member.type, module, f"field `{member.name}`")
                if _has_number(py_type):  # int or float: the values decide
                    column = [item.as_dict().get(member.name) for item in entries]
                    py_type = refine_numbers(py_type, [v for v in column if v is not None])
            has_default = member.optional
            if has_default and not isinstance(py_type, PyTuple):
                py_type = py_type if isinstance(py_type, PyOptional) else PyOptional(py_type)
            fields.append(Field(name, member.name, py_type, has_default, member.doc, member.span))
    known = {member.name for member in interface.members}
    for name in sorted((set(options.types) | set(options.exclude)) - known):
        errors.add(
            CodegenError(
                f"config names `{name}`, which is not a field of `{interface.name}`"
                f"{did_you_mean(name, known)}",
                interface.span,
            )
        )
    if not fields and not errors.errors:
        raise CodegenError(
            f"interface `{interface.name}` has no data fields to mirror (methods are left out)",
            interface.span,
        )
    return fields


def _has_number(py_type: PyType) -> bool:
    if isinstance(py_type, (PyOptional, PyTuple)):
        return _has_number(py_type.inner if isinstance(py_type, PyOptional) else py_type.element)
    return isinstance(py_type, PyScalar) and py_type.name == "number"


def _entry_object(item: Value, interface: Interface, members: dict[str, InterfaceMember]) -> Object:
    if not isinstance(item, Object):
        raise CodegenError(
            f"each entry must be an object literal satisfying `{interface.name}`", item.span
        )
    if all(key in members for key in item.names()):
        return item
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


def _entry(
    key: str | None,
    item: Object,
    fields: tuple[Field, ...],
    interface: Interface,
    fits: dict[int, Callable[[Value], bool]],
) -> Entry:
    values = []
    errors: ErrorCollector | None = None  # made on the first error: most entries have none
    properties = item.as_dict()
    for field in fields:
        value = properties.get(field.ts_name)
        if value is None or (isinstance(value, Undefined) and field.has_default):
            if not field.has_default:
                errors = errors or ErrorCollector()
                errors.add(
                    CodegenError(
                        f"entry is missing the required field `{field.ts_name}`"
                        f" of `{interface.name}`",
                        item.span,
                        (Note("the field is declared here", field.span),),
                    )
                )
            continue
        found = None if fits[id(field)](value) else mismatch(value, field.type)
        if found is not None:
            wrong, expected = found
            errors = errors or ErrorCollector()
            errors.add(
                CodegenError(
                    f"field `{field.ts_name}` expects {expected}, "
                    f"but the value is {describe(wrong)}",
                    wrong.span,
                    (Note("the field is declared here", field.span),),
                )
            )
        values.append((field, value))
    if errors is not None:
        errors.raise_if_any()
    return Entry(key, tuple(values), item.span)


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
                    f"two entries have the same `{key_field.ts_name}`: {describe(value)}",
                    value.span,
                    (Note("the first one is here", first[identity]),),
                )
            )
        else:
            first[identity] = value.span
    errors.raise_if_any()


def _field_name(member: InterfaceMember) -> str:
    """camelCase -> snake_case, as a valid Python identifier."""
    name = python_field_name(member.name)
    if name is None:
        raise CodegenError(
            f"field `{member.name}` becomes `{snake_case(member.name)}`, which is not a usable "
            "Python field name (not an identifier, or starting with `__`, which Python mangles)",
            member.span,
        )
    return name


def snake_case(name: str) -> str:
    """camelCase -> snake_case."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def python_field_name(ts_name: str) -> str | None:
    """The dataclass field name of a TypeScript property (snake_case, keywords get a `_`), or
    None when it cannot be one."""
    return py_identifier(snake_case(ts_name))
