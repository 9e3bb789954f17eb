"""The `extends` test of conditional types, with `infer` in the places whose result is exact:
template literal types, array and tuple elements, and object properties."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from codegen.input.program import Module
from codegen.input.tstypes import NUMBER, STRING, Arr, Lit, Obj, Tup, Type, Union, union
from codegen.input.typeops import NoTypeForm, assignable, fits_hole

if TYPE_CHECKING:
    from codegen.input.typeeval import Env, TypeEvaluator

Bindings = dict[str, Type]


def has_infer(node: Node) -> bool:
    """Whether `infer` stands anywhere in a type node."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "infer_type":
            return True
        stack.extend(current.named_children)
    return False


def match(
    types: TypeEvaluator, module: Module, source: Type, pattern: Node, env: Env
) -> Bindings | None:
    """The `infer` bindings when `source extends pattern`, or None when it does not."""
    if not has_infer(pattern):
        return {} if assignable(source, types.type(module, pattern, env)) else None
    if isinstance(source, Union):  # inferred from each member, the candidates joined
        found: Bindings = {}
        for member in source.members:
            bound = match(types, module, member, pattern, env)
            if bound is None:
                return None
            for name, value in bound.items():
                found[name] = union([found[name], value]) if name in found else value
        return found
    kind = pattern.type
    if kind in ("parenthesized_type", "readonly_type"):
        return match(types, module, source, pattern.named_children[0], env)
    if kind == "infer_type":
        name = module.source.text(pattern.named_children[0])
        constraint = pattern.named_children[1] if pattern.named_child_count > 1 else None
        if constraint is not None and not assignable(source, types.type(module, constraint, env)):
            return None
        return {name: source}
    if kind == "template_literal_type":
        return _template(module, source, pattern)
    if kind == "array_type":
        if isinstance(source, Arr):
            return match(types, module, source.element, pattern.named_children[0], env)
        if isinstance(source, Tup):
            items = union(element.type for element in source.elements)
            return match(types, module, items, pattern.named_children[0], env)
        return None
    if kind == "object_type" and isinstance(source, Obj):
        return _object(types, module, source, pattern, env)
    if kind == "object_type":
        return None
    raise NoTypeForm(f"`infer` inside {kind.replace('_', ' ')}")


def _object(
    types: TypeEvaluator, module: Module, source: Obj, pattern: Node, env: Env
) -> Bindings | None:
    found: Bindings = {}
    for member in pattern.named_children:
        if member.type != "property_signature":
            raise NoTypeForm("`infer` in an object type with other members than properties")
        key = types.of_value.key_of(module, member.child_by_field_name("name"))
        annotation = member.child_by_field_name("type")
        prop = source.prop(key)
        if prop is None or annotation is None:
            return None
        bound = match(types, module, prop.type, annotation.named_children[-1], env)
        if bound is None:
            return None
        for name, value in bound.items():
            found[name] = union([found[name], value]) if name in found else value
    return found


def _template(module: Module, source: Type, pattern: Node) -> Bindings | None:
    """`${infer A}-${infer B}` against one string literal, as the checker splits it."""
    if not (isinstance(source, Lit) and source.kind == "string"):
        return None
    assert isinstance(source.value, str)
    text = source.value
    fragments: list[str] = [""]
    holes: list[str | Type] = []  # the name an `infer` binds, or the type a hole must fit
    for child in pattern.named_children:
        if child.type == "string_fragment":
            fragments[-1] += module.source.text(child)
        elif child.type == "template_type":
            inner = child.named_children[0]
            if inner.type == "infer_type" and inner.named_child_count == 1:
                holes.append(module.source.text(inner.named_children[0]))
            elif inner.type == "predefined_type" and module.source.text(inner) in (
                "string",
                "number",
            ):
                holes.append(STRING if module.source.text(inner) == "string" else NUMBER)
            else:
                raise NoTypeForm("a template literal pattern with holes other than `infer X`")
            fragments.append("")
        else:
            raise NoTypeForm("escapes in a template literal pattern")
    head, tail = fragments[0], fragments[-1]
    if not text.startswith(head) or not text.endswith(tail) or len(text) < len(head) + len(tail):
        return None
    position, end = len(head), len(text) - len(tail)
    found: Bindings = {}
    for index, name in enumerate(holes):
        after = fragments[index + 1]
        if index == len(holes) - 1:
            piece_end = end
        elif after:
            piece_end = text.find(after, position, end)
            if piece_end < 0:
                return None
        else:
            piece_end = min(position + 1, end)  # `${infer A}${infer B}`: A takes one character
        piece = text[position:piece_end]
        if isinstance(name, str):
            found[name] = Lit("string", piece)
        elif not fits_hole(piece, name):
            return None
        position = piece_end + len(after)
    return found
