"""The Python form of an evaluated TypeScript type, as the built-in template spells it.

- a finite set of literals: `Literal[...]` (`null` and `undefined` as `None`);
- `string`, `number`, `bigint`, `boolean`: `str`, `float` (`int` when every member is an
  integral literal), `int`, `bool`;
- a named object type (an interface, or an alias of an object type): its name, a frozen
  dataclass; an anonymous one: `Mapping[Key, V]`, with `V` the common type of its values;
- `Record<K, V>` and index signatures: `Mapping[K, V]`; `Map`: `Mapping`; `Set`: `frozenset`;
- arrays: `tuple[T, ...]`; tuples: `tuple[A, B]`; `RegExp`: `re.Pattern[str]`.

Types with no Python form (functions, `Date`, `symbol`, `any`) raise `NoPythonForm` with the
reason.
"""

from __future__ import annotations

import json
from typing import Any

from codegen.input.tstypes import (
    Arr,
    Builtin,
    Func,
    Lit,
    Obj,
    Prim,
    Tmpl,
    Tup,
    Type,
    Union,
    finite,
    tuple_items,
    union,
)
from codegen.output.literals import py_str

_SCALARS = {"string": "str", "number": "float", "bigint": "int"}


class NoPythonForm(Exception):
    """The type has no faithful Python spelling; the message says why."""


def python_form(type_: Type) -> str:
    """The Python annotation for a type."""
    literals = finite(type_)
    if literals is not None:
        return _literal_form(literals)
    if type_ == union([Lit("boolean", False), Lit("boolean", True)]):
        return "bool"
    if isinstance(type_, Union):
        return _union_form(type_)
    if isinstance(type_, Prim):
        if type_.name in _SCALARS:
            return _SCALARS[type_.name]
        raise NoPythonForm(f"`{type_.name}` has no Python form")
    if isinstance(type_, Arr):
        return f"tuple[{python_form(type_.element)}, ...]"
    if isinstance(type_, Tup):
        if any(element.optional or element.rest for element in type_.elements):
            return f"tuple[{python_form(tuple_items(type_))}, ...]"
        if not type_.elements:
            return "tuple[()]"
        return f"tuple[{', '.join(python_form(element.type) for element in type_.elements)}]"
    if isinstance(type_, Obj):
        return _object_form(type_)
    if isinstance(type_, Builtin):
        return _builtin_form(type_)
    if isinstance(type_, Tmpl):
        return "str"
    assert isinstance(type_, Func)
    raise NoPythonForm("a function has no Python form")


def _literal_form(literals: tuple[Lit, ...]) -> str:
    if not literals:
        return "Never"
    values = [literal for literal in literals if literal.kind not in ("null", "undefined")]
    nullable = len(values) != len(literals)
    if not values:
        return "None"
    form = f"Literal[{', '.join(python_literal(literal) for literal in values)}]"
    return f"{form} | None" if nullable else form


def python_literal(literal: Lit) -> str:
    """A literal type's value as Python source: through the one literal emitter for strings."""
    if literal.kind == "string":
        assert isinstance(literal.value, str)
        return py_str(literal.value)
    if literal.kind == "boolean":
        return "True" if literal.value else "False"
    if literal.kind == "bigint":
        return str(literal.value)
    if literal.kind == "number":
        assert isinstance(literal.value, float)
        if literal.value.is_integer():
            return str(int(literal.value))
        raise NoPythonForm(f"`{literal.value!r}` cannot be a Literal member in Python")
    return "None"


def _union_form(type_: Union) -> str:
    parts: list[str] = []
    literals = [
        m for m in type_.members if isinstance(m, Lit) and m.kind not in ("null", "undefined")
    ]
    nullable = any(isinstance(m, Lit) and m.kind in ("null", "undefined") for m in type_.members)
    if literals:
        parts.append(_literal_form(tuple(literals)))
    for member in type_.members:
        if not isinstance(member, Lit):
            form = python_form(member)
            if form not in parts:
                parts.append(form)
    if nullable:
        parts.append("None")
    return " | ".join(parts)


def _object_form(type_: Obj) -> str:
    if type_.name is not None and type_.props and not type_.index:
        return type_.name
    keys: list[Type] = [prop.key for prop in type_.props]
    values: list[Type] = [prop.type for prop in type_.props]
    for key_type, value_type in type_.index:
        keys.append(key_type)
        values.append(value_type)
    if not keys:
        return "Mapping[str, object]"
    return f"Mapping[{python_form(union(keys))}, {python_form(union(values))}]"


def _builtin_form(type_: Builtin) -> str:
    if type_.name == "Map":
        return f"Mapping[{python_form(type_.args[0])}, {python_form(type_.args[1])}]"
    if type_.name == "Set":
        return f"frozenset[{python_form(type_.args[0])}]"
    if type_.name == "RegExp":
        return "re.Pattern[str]"
    raise NoPythonForm(f"`{type_.name}` has no Python form")


def describe_json(type_: Type) -> dict[str, Any]:
    """What `codegen inspect --types` prints for a type: its Python form, and the members of
    a finite type as JSON values."""
    described: dict[str, Any] = {}
    try:
        described["python"] = python_form(type_)
    except NoPythonForm as reason:
        described["python"] = None
        described["reason"] = str(reason)
    literals = finite(type_)
    if literals is not None:
        described["members"] = [_member_json(literal) for literal in literals]
    if isinstance(type_, Obj) and type_.props:
        described["fields"] = {
            _key_json(prop.key): describe_json(prop.type) | {"optional": prop.optional}
            for prop in type_.props
        }
    return described


def _member_json(literal: Lit) -> Any:
    if literal.kind == "bigint":
        return {"$bigint": str(literal.value)}
    if literal.kind == "number":
        assert isinstance(literal.value, float)
        value = literal.value
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    return literal.value


def _key_json(key: Lit) -> str:
    return json.dumps(_member_json(key)) if key.kind == "number" else str(key.value)
