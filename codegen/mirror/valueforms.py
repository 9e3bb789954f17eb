"""Stage 4d, value forms: the annotation of a mirrored const, from the value it holds.

The annotation describes exactly what the built-in template emits for the value, so type
checkers accept it: objects are `Mapping[K, V]` (`MappingProxyType` values), arrays
`tuple[T, ...]`, with `V` and `T` the union of what the members hold (mappings merged into one
mapping, tuples into one tuple, `int | float` into `float`). Keys are `int` where TypeScript
types them as numbers, else `str`; the keys of a const object are typed by a `Literal` alias:
the exported alias with exactly those keys, else a generated `<Name>Key`. Values are typed by an
exported alias too when they are exactly its literals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from codegen.input.tstypes import Obj, Type
from codegen.input.values import (
    Array,
    BigInt,
    Bool,
    Code,
    JsMap,
    JsRegExp,
    JsSet,
    Null,
    Num,
    Object,
    Str,
    Undefined,
    Value,
)
from codegen.mirror.typeforms import literal_set
from codegen.output.literals import is_int, item_type, py_key


@dataclass(frozen=True)
class Form:
    """A Python type, as a union of member kinds: `str`, `int`, `float`, `bool`, `None`,
    `re.Pattern[str]`, `tuple` and `frozenset` (with `items`) and `Mapping` (with `keys` and
    `items`)."""

    kind: str
    keys: tuple[str, ...] = ()
    items: tuple[Form, ...] = ()


def value_forms(value: Value, type_: Type | None, typed_keys: bool) -> tuple[Form, ...]:
    """The union of forms a value has (one member, except for code, which has none)."""
    if isinstance(value, Str):
        return (Form("str"),)
    if isinstance(value, Bool):
        return (Form("bool"),)
    if isinstance(value, BigInt):
        return (Form("int"),)
    if isinstance(value, Num):
        return (Form("int" if is_int(value.value) else "float"),)
    if isinstance(value, (Null, Undefined)):
        return (Form("None"),)
    if isinstance(value, Array):
        items = [
            value_forms(item, item_type(type_, index), typed_keys)
            for index, item in enumerate(value.items)
        ]
        return (Form("tuple", (), merge(form for found in items for form in found)),)
    if isinstance(value, Object):
        keys: list[str] = []
        forms: list[Form] = []
        for key, item, _ in value.entries:
            if isinstance(item, Code):
                continue
            prop = type_.prop_named(key) if isinstance(type_, Obj) and typed_keys else None
            keys.append("int" if not py_key(key, prop).startswith(("'", '"')) else "str")
            forms.extend(value_forms(item, prop.type if prop else None, typed_keys))
        return (Form("Mapping", tuple(dict.fromkeys(keys)), merge(forms)),)
    if isinstance(value, JsMap):
        key_forms = merge(f for key, _ in value.entries for f in value_forms(key, None, False))
        forms = [form for _, item in value.entries for form in value_forms(item, None, False)]
        return (Form("Mapping", tuple(render((key,)) for key in key_forms), merge(forms)),)
    if isinstance(value, JsSet):
        forms = [form for item in value.items for form in value_forms(item, None, False)]
        return (Form("frozenset", (), merge(forms)),)
    if isinstance(value, JsRegExp):
        return (Form("re.Pattern[str]"),)
    return ()


def merge(forms: Iterable[Form]) -> tuple[Form, ...]:
    """A union of forms, simplified: one mapping and one tuple at most, `float` for numbers."""
    found: dict[str, Form] = {}
    for form in forms:
        previous = found.get(form.kind)
        if previous is None:
            found[form.kind] = form
        elif form.kind in ("tuple", "frozenset", "Mapping"):
            found[form.kind] = Form(
                form.kind,
                tuple(dict.fromkeys(previous.keys + form.keys)),
                merge(previous.items + form.items),
            )
    if "int" in found and "float" in found:
        del found["int"]
    return tuple(sorted(found.values(), key=lambda form: form.kind == "None"))


def render(forms: tuple[Form, ...]) -> str:
    """The annotation of a union of forms."""
    if not forms:
        return "object"
    return " | ".join(_render_one(form) for form in forms)


def _render_one(form: Form) -> str:
    if form.kind == "tuple":
        return f"tuple[{render(form.items)}, ...]" if form.items else "tuple[()]"
    if form.kind == "frozenset":
        return f"frozenset[{render(form.items)}]"
    if form.kind == "Mapping":
        keys = " | ".join(form.keys) if form.keys else "str"
        return f"Mapping[{keys}, {render(form.items)}]"
    return form.kind


def const_annotation(
    value: Value,
    type_: Type | None,
    typed_keys: bool,
    key_alias: str | None,
    aliases: Mapping[str, tuple[str | float | bool, ...]],
    read: frozenset[int] = frozenset(),
) -> tuple[str, set[str]] | None:
    """The annotation of a const inside `Final[...]`, and the names it imports; None for a
    primitive, whose bare `Final` gives type checkers its literal type. `key_alias` names the
    keys of an object; `aliases` are the module's `Literal` aliases, by name; `read` holds the
    ids of values read from other consts (kept as reads, so not typed by an alias)."""
    if not isinstance(value, (Object, Array, JsMap, JsSet, JsRegExp)):
        return None
    (form,) = value_forms(value, type_, typed_keys)
    if not isinstance(value, Object):
        annotation = render((form,))
        return annotation, _imports(annotation)
    values = [item for _, item, _ in value.entries if not isinstance(item, Code)]
    referred = any(id(item) in read for item in values)
    value_text = (None if referred else _alias_of(values, aliases)) or render(form.items)
    keys = key_alias or (" | ".join(form.keys) if form.keys else "str")
    annotation = f"Mapping[{keys}, {value_text}]"
    return annotation, _imports(annotation)


def _imports(annotation: str) -> set[str]:
    """The names an annotation needs imported."""
    return {
        name for name, used in (("Mapping", "Mapping["), ("re", "re.Pattern")) if used in annotation
    }


def _alias_of(
    values: Sequence[Value], aliases: Mapping[str, tuple[str | float | bool, ...]]
) -> str | None:
    """The alias whose literals are exactly these values, if there is one."""
    plain: list[str | float | bool] = []
    for value in values:
        if not isinstance(value, (Str, Num, Bool)):
            return None
        if isinstance(value, Num) and not is_int(value.value):
            return None
        plain.append(value.value)
    if not plain:
        return None
    wanted = literal_set(tuple(plain))
    for name, members in aliases.items():
        if literal_set(members) == wanted:
            return name
    return None


def key_literals(
    value: Value, type_: Type | None, typed_keys: bool
) -> tuple[str | float | bool, ...] | None:
    """The keys of a const object as `Literal` members (ints where Python keys are ints), or
    None when its keys are not typed (`typed-keys = false`, or no finite key set)."""
    if not typed_keys or not isinstance(value, Object) or not isinstance(type_, Obj):
        return None
    if type_.index:
        return None
    keys: list[str | float | bool] = []
    for key, item, _ in value.entries:
        if isinstance(item, Code):
            continue
        spelled = py_key(key, type_.prop_named(key))
        keys.append(key if spelled.startswith(("'", '"')) else float(int(spelled)))
    return tuple(keys) if keys else None
