"""Stage 3b, strip: TypeScript syntax blanked out of code, leaving JavaScript for the engine.

Type annotations, `as` / `satisfies` and their types, non-null `!`, type arguments and type
parameters, optional-parameter `?` and `declare`d members are replaced by spaces (line breaks
kept), so every position the engine reports is the position in the TypeScript file. What cannot
be blanked into JavaScript (enums, namespaces, decorators, parameter properties) is refused by
`StripError`, naming the construct.
"""

from __future__ import annotations

from tree_sitter import Node

_BLANKED = {
    "type_annotation",  # `: T`, parameters, variables and return types alike
    "type_arguments",  # `f<T>(x)`, `new Map<K, V>()`
    "type_parameters",  # `function f<T>()`, `<T,>(x: T) => x`
    "asserts_annotation",
    "type_predicate_annotation",
    "omitting_type_annotation",
    "opting_type_annotation",
    "adding_type_annotation",
}
_REFUSED = {
    "enum_declaration": "an enum inside code",
    "internal_module": "a namespace inside code",
    "module": "a namespace inside code",
    "decorator": "a decorator",
    "abstract_class_declaration": "an abstract class",
    "interface_declaration": None,  # blanked whole: types only
    "type_alias_declaration": None,
}
_MODIFIERS = {"accessibility_modifier", "override_modifier"}


class StripError(Exception):
    """Code holds TypeScript that has no JavaScript by blanking; `node` is where."""

    def __init__(self, what: str, node: Node) -> None:
        super().__init__(what)
        self.node = node


def strip(data: bytes, node: Node) -> str:
    """The JavaScript text of `node` (a declaration or an expression), TypeScript blanked."""
    text = bytearray(data[node.start_byte : node.end_byte])
    base = node.start_byte

    def blank(start: int, end: int) -> None:
        for index in range(start - base, end - base):
            if text[index] not in b"\r\n":
                text[index] = 0x20

    stack = [node]
    while stack:
        current = stack.pop()
        kind = current.type
        if kind in _BLANKED:
            blank(current.start_byte, current.end_byte)
            continue
        if kind in _REFUSED:
            what = _REFUSED[kind]
            if what is None:
                blank(current.start_byte, current.end_byte)
                continue
            raise StripError(what, current)
        if kind in _MODIFIERS or (kind == "required_parameter" and _has_modifier(current)):
            raise StripError("a parameter property (`constructor(private x)`)", current)
        if kind in ("as_expression", "satisfies_expression"):
            value = current.named_children[0]
            blank(value.end_byte, current.end_byte)  # the keyword and the type
            stack.append(value)
            continue
        if kind == "non_null_expression":
            blank(current.end_byte - 1, current.end_byte)  # the `!`
            stack.extend(current.named_children)
            continue
        if kind == "optional_parameter":
            for child in current.children:
                if child.type == "?":
                    blank(child.start_byte, child.end_byte)
        if kind == "type_assertion":  # `<T>x`
            raise StripError("an angle-bracket type assertion (`<T>x`) inside code", current)
        stack.extend(current.children)
    return text.decode("utf-8", "surrogatepass")


def _has_modifier(parameter: Node) -> bool:
    return any(child.type in _MODIFIERS for child in parameter.children)
