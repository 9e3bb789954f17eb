"""Operations on evaluated types, with the checker's semantics: keyof, indexed access,
intersection, assignability, the utility types, and template literal expansion.

Each function either gives the exact type TypeScript computes or raises `NoTypeForm` with the
reason; nothing here approximates.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from codegen.input.jsops import number_to_string, string_to_number
from codegen.input.tstypes import (
    NEVER,
    NUMBER,
    STRING,
    UNDEFINED,
    Arr,
    Builtin,
    Elem,
    Func,
    Lit,
    Obj,
    Prim,
    Prop,
    Tmpl,
    Tup,
    Type,
    Union,
    finite,
    members,
    same_key,
    union,
)

TEMPLATE_CAP = 1000  # members of a template literal type spelled out; past that it is `string`


class NoTypeForm(Exception):
    """The type cannot be computed exactly here; the message says why."""


def describe(type_: Type) -> str:
    """A short TypeScript spelling of a type, for messages."""
    if isinstance(type_, Lit):
        if type_.kind == "string":
            return repr(type_.value).replace("'", '"')
        if type_.kind in ("null", "undefined"):
            return type_.kind
        if type_.kind == "boolean":
            return "true" if type_.value else "false"
        if type_.kind == "bigint":
            return f"{type_.value}n"
        assert isinstance(type_.value, float)
        return number_to_string(type_.value)
    if isinstance(type_, Prim):
        return type_.name
    if isinstance(type_, Union):
        return " | ".join(describe(member) for member in type_.members)
    if isinstance(type_, Obj):
        return type_.name or "{...}"
    if isinstance(type_, Arr):
        return f"{describe(type_.element)}[]"
    if isinstance(type_, Tup):
        return "[...]"
    if isinstance(type_, Func):
        return "function"
    if isinstance(type_, Tmpl):
        holes = [f"${{{describe(hole)}}}" for hole in type_.holes]
        return "`" + "".join(t + h for t, h in zip(type_.texts, [*holes, ""], strict=True)) + "`"
    return type_.name


def keyof(type_: Type) -> Type:
    """`keyof T`: string and number literal keys, and the key types of index signatures."""
    if isinstance(type_, Union):  # the keys every member has
        keys = [finite(keyof(member)) for member in type_.members]
        if any(found is None for found in keys):
            raise NoTypeForm(f"keyof of `{describe(type_)}` is not a finite set of keys")
        first, *rest = [found for found in keys if found is not None]
        return union(k for k in first if all(any(same_key(k, o) for o in other) for other in rest))
    if isinstance(type_, Obj):
        index_keys: list[Type] = []
        for key_type, _ in type_.index:
            index_keys.extend([STRING, NUMBER] if key_type == STRING else [key_type])
        return union([*(prop.key for prop in type_.props), *index_keys])
    if type_ == Prim("any"):
        return union([STRING, NUMBER, Prim("symbol")])
    if type_ == NEVER:
        return union([STRING, NUMBER, Prim("symbol")])
    raise NoTypeForm(f"keyof of `{describe(type_)}` is not a finite set of keys")


def lookup(target: Type, index: Type) -> Type:
    """`T[K]`, distributed over unions on both sides."""
    if isinstance(index, Union):
        return union(lookup(target, member) for member in index.members)
    if isinstance(target, Union):
        return union(lookup(member, index) for member in target.members)
    if isinstance(target, Obj):
        if isinstance(index, Lit) and index.kind in ("string", "number"):
            prop = target.prop(index)
            if prop is not None:
                return union([prop.type, UNDEFINED]) if prop.optional else prop.type
        for key_type, value_type in target.index:
            if _index_applies(key_type, index):
                return value_type
        raise NoTypeForm(f"`{describe(target)}` has no property `{describe(index)}`")
    if isinstance(target, Arr) and _is_number(index):
        return target.element
    if isinstance(target, Tup):
        return _tuple_lookup(target, index)
    raise NoTypeForm(f"cannot index `{describe(target)}` with `{describe(index)}`")


def _is_number(type_: Type) -> bool:
    return type_ == NUMBER or (isinstance(type_, Lit) and type_.kind == "number")


def _index_applies(key_type: Type, index: Type) -> bool:
    if key_type == STRING:
        return (
            index == STRING
            or _is_number(index)
            or (isinstance(index, Lit) and index.kind == "string")
        )
    return key_type == NUMBER and _is_number(index)


def _tuple_lookup(target: Tup, index: Type) -> Type:
    if index == NUMBER:
        return union(
            element.type.element
            if element.rest and isinstance(element.type, Arr)
            else union([element.type, UNDEFINED])
            if element.optional
            else element.type
            for element in target.elements
        )
    if isinstance(index, Lit) and index.kind == "number":
        position = index.value
        elements = target.elements
        if any(element.rest for element in elements):
            raise NoTypeForm("indexing a tuple with a rest element by position")
        if isinstance(position, float) and position.is_integer() and 0 <= position < len(elements):
            element = elements[int(position)]
            return union([element.type, UNDEFINED]) if element.optional else element.type
    if isinstance(index, Lit) and index.value == "length":
        if any(element.optional or element.rest for element in target.elements):
            raise NoTypeForm("the length of a tuple with optional or rest elements")
        return Lit("number", float(len(target.elements)))
    raise NoTypeForm(f"cannot index a tuple with `{describe(index)}`")


def intersect(left: Type, right: Type) -> Type:
    """`A & B`: objects merge; literals and primitives keep what both allow."""
    if isinstance(left, Union) or isinstance(right, Union):
        return union(intersect(a, b) for a in members(left) for b in members(right))
    if left == Prim("unknown") or right == Prim("any"):
        return right
    if right == Prim("unknown") or left == Prim("any"):
        return left
    if isinstance(left, Obj) and isinstance(right, Obj):
        props: list[Prop] = list(left.props)
        for prop in right.props:
            found = next((i for i, p in enumerate(props) if same_key(p.key, prop.key)), None)
            if found is None:
                props.append(prop)
            else:
                old = props[found]
                props[found] = Prop(
                    old.key,
                    intersect(old.type, prop.type),
                    old.optional and prop.optional,
                    old.doc or prop.doc,
                )
        return Obj(tuple(props), left.index + right.index)
    if isinstance(left, (Lit, Prim)) and isinstance(right, (Lit, Prim)):
        if left == right:
            return left
        if isinstance(left, Lit) and right == Prim(left.kind):
            return left
        if isinstance(right, Lit) and left == Prim(right.kind):
            return right
        if isinstance(left, Lit) and isinstance(right, Lit):
            return NEVER
        if isinstance(left, Lit) and isinstance(right, Prim) and right.name != "object":
            return NEVER
        if isinstance(right, Lit) and isinstance(left, Prim) and left.name != "object":
            return NEVER
        if left == NEVER or right == NEVER:
            return NEVER
        if (
            isinstance(left, Prim)
            and isinstance(right, Prim)
            and "object"
            not in (
                left.name,
                right.name,
            )
        ):
            return NEVER
    if isinstance(left, (Lit, Prim)) and right == Obj(()):
        return left  # `string & {}`: the idiom that keeps literal suggestions
    if isinstance(right, (Lit, Prim)) and left == Obj(()):
        return right
    raise NoTypeForm(f"the intersection `{describe(left)} & {describe(right)}`")


def assignable(source: Type, target: Type) -> bool:
    """Whether a value of `source` may be used as `target` (strict mode)."""
    if target in (Prim("any"), Prim("unknown")) or source == NEVER or source == Prim("any"):
        return True
    if isinstance(source, Union):
        return all(assignable(member, target) for member in source.members)
    if isinstance(target, Union):
        return any(assignable(source, member) for member in target.members)
    if isinstance(target, Tmpl):
        if isinstance(source, Lit) and source.kind == "string":
            assert isinstance(source.value, str)
            return pattern_matches(target, source.value)
        return source == target
    if isinstance(source, Tmpl):
        return target == STRING
    if isinstance(source, Lit):
        if isinstance(target, Lit):
            return source == target
        if target == Prim("void"):
            return source == UNDEFINED
        return isinstance(target, Prim) and target.name == source.kind
    if isinstance(source, Prim):
        return source == target
    if target == Prim("object"):
        return True
    if isinstance(target, Obj):
        return isinstance(source, Obj) and _object_assignable(source, target)
    if isinstance(target, Arr):
        if isinstance(source, Arr):
            return assignable(source.element, target.element)
        if isinstance(source, Tup):
            return all(assignable(_element_type(e), target.element) for e in source.elements)
        return False
    if isinstance(target, Tup):
        return (
            isinstance(source, Tup)
            and len(source.elements) == len(target.elements)
            and all(
                assignable(s.type, t.type) and (t.optional or not s.optional) and s.rest == t.rest
                for s, t in zip(source.elements, target.elements, strict=True)
            )
        )
    if isinstance(target, Func):
        return isinstance(source, Func)
    if isinstance(target, Builtin):
        return (
            isinstance(source, Builtin)
            and source.name == target.name
            and all(assignable(a, b) for a, b in zip(source.args, target.args, strict=False))
        )
    return False


def _element_type(element: Elem) -> Type:
    if element.rest and isinstance(element.type, Arr):
        return element.type.element
    return union([element.type, UNDEFINED]) if element.optional else element.type


def _object_assignable(source: Obj, target: Obj) -> bool:
    for prop in target.props:
        found = source.prop(prop.key)
        if found is None:
            if not prop.optional:
                return False
            continue
        found_type = union([found.type, UNDEFINED]) if found.optional else found.type
        wanted = union([prop.type, UNDEFINED]) if prop.optional else prop.type
        if not assignable(found_type, wanted):
            return False
    for key_type, value_type in target.index:
        for prop in source.props:
            if _index_applies(key_type, prop.key) and not assignable(prop.type, value_type):
                return False
    return True


def string_mapping(name: str, type_: Type) -> Type:
    """`Uppercase`, `Lowercase`, `Capitalize`, `Uncapitalize` over string literals."""
    change: dict[str, Callable[[str], str]] = {
        "Uppercase": str.upper,
        "Lowercase": str.lower,
        "Capitalize": lambda text: text[:1].upper() + text[1:],
        "Uncapitalize": lambda text: text[:1].lower() + text[1:],
    }
    result: list[Type] = []
    for member in members(type_):
        if isinstance(member, Lit) and member.kind == "string":
            assert isinstance(member.value, str)
            text = member.value
            if not text.isascii():
                raise NoTypeForm(f"`{name}` of a non-ASCII string: case rules differ by locale")
            result.append(Lit("string", change[name](text)))
        elif member == STRING:
            result.append(STRING)
        elif member != NEVER:
            raise NoTypeForm(f"`{name}` of `{describe(member)}`")
    return union(result)


def template(parts: Sequence[str | Type]) -> Type:
    """A template literal type: every combination of its holes, or a pattern (`Tmpl`) when a
    hole is `string` or the combinations pass the cap."""
    combos: list[str] = [""]
    for part in parts:
        if isinstance(part, str):
            combos = [combo + part for combo in combos]
            continue
        if part == NEVER:
            return NEVER
        texts = [_template_text(member) for member in members(part)]
        if any(text is None for text in texts):
            return _pattern(parts)
        combos = [combo + text for combo in combos for text in texts if text is not None]
        if len(combos) > TEMPLATE_CAP:
            return _pattern(parts)
    return union(Lit("string", combo) for combo in combos)


def _pattern(parts: Sequence[str | Type]) -> Tmpl:
    texts: list[str] = [""]
    holes: list[Type] = []
    for part in parts:
        if isinstance(part, str):
            texts[-1] += part
            continue
        for member in members(part):
            if isinstance(member, Tmpl) or not (
                member in (STRING, NUMBER) or _template_text(member) is not None
            ):
                raise NoTypeForm(f"a template literal type with a `{describe(member)}` hole")
        holes.append(part)
        texts.append("")
    return Tmpl(tuple(texts), tuple(holes))


def pattern_matches(pattern: Tmpl, text: str) -> bool:
    """Whether a string literal fits a template literal pattern (any way of splitting it)."""
    if not text.startswith(pattern.texts[0]):
        return False
    return _rest_matches(pattern, 0, text, len(pattern.texts[0]))


def _rest_matches(pattern: Tmpl, hole: int, text: str, position: int) -> bool:
    if hole == len(pattern.holes):
        return position == len(text)
    after = pattern.texts[hole + 1]
    for end in range(position, len(text) + 1):
        piece = text[position:end]
        if (
            text.startswith(after, end)
            and fits_hole(piece, pattern.holes[hole])
            and _rest_matches(pattern, hole + 1, text, end + len(after))
        ):
            return True
    return False


def fits_hole(piece: str, hole: Type) -> bool:
    """Whether a piece of a string fills a template hole, as the checker decides it: any text
    for `string`, a finite number in JavaScript's reading for `number`, or one of a union."""
    for member in members(hole):
        if member == STRING:
            return True
        if member == NUMBER:
            if piece != "" and math.isfinite(string_to_number(piece)):
                return True
            continue
        if isinstance(member, Lit) and _template_text(member) == piece:
            return True
    return False


def _template_text(type_: Type) -> str | None:
    if not isinstance(type_, Lit):
        return None
    if type_.kind == "string":
        assert isinstance(type_.value, str)
        return type_.value
    if type_.kind == "number":
        assert isinstance(type_.value, float)
        return number_to_string(type_.value)
    if type_.kind == "boolean":
        return "true" if type_.value else "false"
    if type_.kind == "bigint":
        return str(type_.value)
    return type_.kind  # null, undefined


def pick(source: Type, keys: Type, keep: bool) -> Obj:
    """`Pick<T, K>` (keep) and `Omit<T, K>` (not keep)."""
    if not isinstance(source, Obj) or (not keep and source.index):
        raise NoTypeForm(f"{'Pick' if keep else 'Omit'} of `{describe(source)}`")
    wanted = finite(keys)
    if wanted is None:
        raise NoTypeForm(f"keys `{describe(keys)}` are not a finite set")
    chosen = tuple(
        prop for prop in source.props if any(same_key(prop.key, key) for key in wanted) == keep
    )
    return Obj(chosen, source.index if keep else ())


def with_optional(source: Type, optional: bool) -> Obj:
    """`Partial<T>` (optional) and `Required<T>` (not optional)."""
    if not isinstance(source, Obj):
        raise NoTypeForm(f"{'Partial' if optional else 'Required'} of `{describe(source)}`")
    return Obj(
        tuple(Prop(p.key, p.type, optional, p.doc) for p in source.props),
        source.index,
    )


def record(keys: Type, value: Type) -> Obj:
    """`Record<K, V>`: a property per literal key, an index signature per primitive key."""
    props: list[Prop] = []
    index: list[tuple[Type, Type]] = []
    for key in members(keys):
        if isinstance(key, Lit) and key.kind in ("string", "number"):
            props.append(Prop(key, value))
        elif key in (STRING, NUMBER):
            index.append((key, value))
        elif key != NEVER:
            raise NoTypeForm(f"`Record` keyed by `{describe(key)}`")
    return Obj(tuple(props), tuple(index))
