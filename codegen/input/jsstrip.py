"""Stage 3b, strip: TypeScript syntax blanked out of code, leaving JavaScript for the engine.

Type annotations, `as` / `satisfies` and their types, non-null `!`, type arguments and type
parameters, optional-parameter `?` and `declare`d members are replaced by spaces (line breaks
kept), so every position the engine reports is the position in the TypeScript file. What cannot
be blanked into JavaScript (enums, namespaces, decorators, parameter properties) is refused by
`StripError`, naming the construct.
"""

from __future__ import annotations

from collections.abc import Callable

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
    "decorator": "a decorator",
    "abstract_method_signature": None,  # `abstract f(): T`: types only
    "interface_declaration": None,  # blanked whole: types only
    "type_alias_declaration": None,
}
_MODIFIERS = {"accessibility_modifier", "override_modifier"}


# Defined in every engine context (codegen.input.calls.SANDBOX): an object spread's operand.
SPREAD = "__codegenSpread"
POW = "__codegenPow"  # `a ** b`, refused where engines round the result differently


class StripError(Exception):
    """Code holds TypeScript that has no JavaScript by blanking; `node` is where."""

    def __init__(self, what: str, node: Node) -> None:
        super().__init__(what)
        self.node = node


def strip(data: bytes, node: Node) -> str:
    """The JavaScript text of `node` (a declaration or an expression), TypeScript blanked."""
    text = bytearray(data[node.start_byte : node.end_byte])
    base = node.start_byte
    edits: list[tuple[int, int, str]] = []  # (start, end, JavaScript): namespaces lowered

    def blank(start: int, end: int) -> None:
        for index in range(start - base, end - base):
            if text[index] not in b"\r\n":
                text[index] = 0x20

    stack = [node]
    while stack:
        current = stack.pop()
        kind = current.type
        if kind in _NAMESPACES:
            stack.extend(_namespace(data, current, blank, edits))
            continue
        if kind in _BLANKED:
            blank(current.start_byte, current.end_byte)
            continue
        if kind in _REFUSED:
            what = _REFUSED[kind]
            if what is None:
                blank(current.start_byte, current.end_byte)
                continue
            raise StripError(what, current)
        if kind == "binary_expression":
            operator = current.child_by_field_name("operator")
            left, right = current.child_by_field_name("left"), current.child_by_field_name("right")
            if operator is not None and operator.type == "**" and left and right:
                edits.append((left.start_byte, left.start_byte, f"{POW}("))
                edits.append((operator.start_byte, operator.end_byte, ","))
                edits.append((right.end_byte, right.end_byte, ")"))
        if kind == "augmented_assignment_expression" and any(
            child.type == "**=" for child in current.children
        ):
            raise StripError("`**=` (write `x = x ** y`)", current)
        parent = current.parent
        if kind == "spread_element" and parent is not None and parent.type == "object":
            # QuickJS-ng spreads no property of a string primitive into an object literal
            # (`{..."ab"}` gives {}, not {0: "a", 1: "b"}): spread a String object instead.
            spread = current.named_children[0]
            edits.append((spread.start_byte, spread.start_byte, f"{SPREAD}("))
            edits.append((spread.end_byte, spread.end_byte, ")"))
        if kind == "abstract_class_declaration":  # `abstract class`: a class, at run time
            for child in current.children:
                if child.type == "abstract":
                    blank(child.start_byte, child.end_byte)
        if kind == "public_field_definition" or kind == "method_definition":
            if any(child.type == "declare" for child in current.children):
                blank(current.start_byte, current.end_byte)  # `declare x: T`: types only
                continue
            for child in current.children:  # `private`, `readonly`, `override`: TypeScript's
                if child.type in _MODIFIERS or child.type == "readonly":
                    blank(child.start_byte, child.end_byte)
                else:
                    stack.append(child)
            continue
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
        if kind == "required_parameter" and _this_parameter(current):
            after = current.next_sibling  # `this: T`: a type, not a parameter; and its comma
            comma = after is not None and after.type == ","
            blank(current.start_byte, after.end_byte if after and comma else current.end_byte)
            continue
        if kind == "optional_parameter":
            for child in current.children:
                if child.type == "?":
                    blank(child.start_byte, child.end_byte)
        if kind == "type_assertion":  # `<T>x`
            raise StripError("an angle-bracket type assertion (`<T>x`) inside code", current)
        stack.extend(current.children)
    for start, end, replacement in sorted(edits, reverse=True):
        text[start - base : end - base] = replacement.encode("utf-8", "surrogatepass")
    return text.decode("utf-8", "surrogatepass")


_NAMESPACES = {"internal_module", "module"}


def bare_namespace(statement: Node) -> Node | None:
    """The namespace of an unexported `namespace NS { ... }` statement, which the grammar
    parses as an expression statement."""
    if statement.type == "expression_statement" and statement.named_children:
        inner = statement.named_children[0]
        return inner if inner.type in _NAMESPACES else None
    return None


def _namespace(
    data: bytes, node: Node, blank: Callable[[int, int], None], edits: list[tuple[int, int, str]]
) -> list[Node]:
    """Lower `namespace NS { export const a = 1; ... }` as TypeScript compiles it: a function
    that fills an object (the one of an earlier block of that name, or a new one) with the
    exports, each assigned after its declaration. Returns the nodes left to strip."""
    name_node = node.child_by_field_name("name")
    body = node.child_by_field_name("body")
    if name_node is None or body is None or name_node.type != "identifier":
        raise StripError("a dotted or ambient namespace (`namespace A.B`)", node)
    name = data[name_node.start_byte : name_node.end_byte].decode("utf-8")
    edits.append(
        (node.start_byte, body.start_byte + 1, f"(function ({name}) {{")
    )  # `namespace NS {`
    edits.append(
        (body.end_byte - 1, body.end_byte,
         f"return {name}; }})(typeof {name} === \"undefined\" ? {{}} : {name})")
    )  # fmt: skip
    rest: list[Node] = []
    for statement in body.named_children:
        inner = statement
        exported = statement.type == "export_statement"
        if exported:
            inner = statement.child_by_field_name("declaration") or statement
            if inner is statement:
                raise StripError("an `export { ... }` inside a namespace", statement)
            blank(statement.start_byte, inner.start_byte)
        else:
            inner = bare_namespace(statement) or statement
        after = ""
        if inner.type in _NAMESPACES:  # a nested namespace: a variable of this one's function
            inner_name = inner.child_by_field_name("name")
            shown = data[inner_name.start_byte : inner_name.end_byte] if inner_name else b""
            edits.append((inner.start_byte, inner.start_byte, f"var {shown.decode()} = "))
            after = ";"
        if exported:
            after += "".join(f" {name}.{each} = {each};" for each in _names_declared(data, inner))
        if after:
            edits.append((statement.end_byte, statement.end_byte, after))
        rest.append(inner)
    return rest


def _names_declared(data: bytes, node: Node) -> list[str]:
    """The names an exported declaration inside a namespace declares."""
    if node.type in ("lexical_declaration", "variable_declaration"):
        names = []
        for declarator in node.named_children:
            target = declarator.child_by_field_name("name")
            if declarator.type != "variable_declarator" or target is None:
                continue
            if target.type != "identifier":
                raise StripError("an exported destructuring inside a namespace", target)
            names.append(data[target.start_byte : target.end_byte].decode("utf-8"))
        return names
    if node.type in ("interface_declaration", "type_alias_declaration", "ambient_declaration"):
        return []
    target = node.child_by_field_name("name")
    if target is None:
        raise StripError("this export inside a namespace", node)
    return [data[target.start_byte : target.end_byte].decode("utf-8")]


def _this_parameter(parameter: Node) -> bool:
    return bool(parameter.named_children) and parameter.named_children[0].type == "this"


def _has_modifier(parameter: Node) -> bool:
    return any(child.type in _MODIFIERS for child in parameter.children)


def strip_module(data: bytes, root: Node, lowered: Callable[[Node], str]) -> str:
    """The JavaScript text of a whole module, for running it top to bottom: imports and
    `export` syntax blanked (the importer defines the imported names first), each statement
    stripped as `strip` does, and enums (and namespaces) replaced by `lowered(node)`, JavaScript
    that defines them, followed by the line breaks they held, so that lines stay the file's."""
    out: list[str] = []
    position = root.start_byte
    for statement in root.named_children:
        out.append(data[position : statement.start_byte].decode("utf-8", "surrogatepass"))
        out.append(_statement(data, statement, lowered))
        position = statement.end_byte
    out.append(data[position : root.end_byte].decode("utf-8", "surrogatepass"))
    return "".join(out)


def _statement(data: bytes, node: Node, lowered: Callable[[Node], str]) -> str:
    kind = node.type
    text = data[node.start_byte : node.end_byte].decode("utf-8", "surrogatepass")
    if kind in ("import_statement", "ambient_declaration", "empty_statement"):
        return _blank(text)
    bare = bare_namespace(node)
    if bare is not None:
        node, kind = bare, bare.type
    if kind in _NAMESPACES:
        name = node.child_by_field_name("name")
        shown = data[name.start_byte : name.end_byte].decode("utf-8") if name else ""
        return f"var {shown} = " + strip(data, node) + ";"
    if kind in _LOWERED:
        return lowered(node) + "\n" * text.count("\n")
    if kind == "import_alias":
        raise StripError("an `import x = ...` alias", node)
    if kind != "export_statement":
        return strip(data, node)
    declaration = node.child_by_field_name("declaration")
    value = node.child_by_field_name("value")
    if any(child.type == "=" for child in node.children):  # `export = x`
        value = node.named_children[-1] if node.named_children else None
    inner = declaration or value
    if inner is None:
        return _blank(text)  # `export { a }`, `export * from`
    prefix = _blank(data[node.start_byte : inner.start_byte].decode("utf-8", "surrogatepass"))
    if declaration is None:  # `export default <expression>`: its value, for the importer
        prefix = DEFAULT + "=" + prefix[len(DEFAULT) + 1 :]
    body = _statement(data, inner, lowered) if declaration is not None else strip(data, inner)
    rest = data[inner.end_byte : node.end_byte].decode("utf-8", "surrogatepass")
    return prefix + body + rest


_LOWERED = {"enum_declaration"}
# What a module run names its default export (`export default <expression>`).
DEFAULT = "var $$default"


def _blank(text: str) -> str:
    return "".join(char if char in "\r\n" else " " for char in text)


def bound_names(target: Node) -> list[Node]:
    """The identifiers a declaration's target binds: itself, or those of a destructuring
    pattern (`[a, b]`, `{ a, b: c, ...rest }`, with defaults), in order."""
    found: list[Node] = []
    stack = [target]
    while stack:
        current = stack.pop()
        kind = current.type
        if kind in ("identifier", "shorthand_property_identifier_pattern"):
            found.append(current)
        elif kind == "pair_pattern":
            value = current.child_by_field_name("value")
            stack.extend([value] if value is not None else [])
        elif kind in ("assignment_pattern", "object_assignment_pattern"):
            left = current.child_by_field_name("left")
            stack.extend([left] if left is not None else [])
        elif kind in ("object_pattern", "array_pattern", "rest_pattern"):
            stack.extend(reversed(current.named_children))
    return found
