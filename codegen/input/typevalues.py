"""`typeof`: the type TypeScript infers for a const from its initializer's syntax.

Literal expressions have literal types under `as const` and as the whole value of a `const`;
elsewhere they widen (`"a"` to `string`). A reference keeps the type of what it names, and a
plain `const X = "a"` widens again where it is used inside a mutable literal, as the checker's
widening literal types do. Arithmetic gives `number`, comparisons `boolean`. Anything whose
inferred type depends on more than this (contextual typing through `satisfies`, conditional
expressions, calls) is refused, never guessed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from codegen.errors import CodegenError
from codegen.input.declarations import CodeDecl, EnumDecl, VariableDecl
from codegen.input.evaluate import Evaluator
from codegen.input.extract import string_literal
from codegen.input.lexical import LexicalError, parse_number
from codegen.input.program import Module, Program, find_local
from codegen.input.rules import CODE_EXPRESSIONS
from codegen.input.tstypes import (
    BOOLEAN,
    NUMBER,
    STRING,
    UNDEFINED,
    Arr,
    Elem,
    Func,
    Lit,
    Obj,
    Prim,
    Prop,
    Tup,
    Type,
    Union,
    key_text,
    members,
    union,
)
from codegen.input.typeops import NoTypeForm, lookup
from codegen.input.values import BigInt, Bool, Null, Num, Object, Str, Undefined, Value

if TYPE_CHECKING:
    from codegen.input.typeeval import TypeEvaluator

CONST = "const"  # under `as const`: literal types, readonly tuples
TOP = "top"  # the whole initializer of a `const`: a primitive keeps its literal type
WIDE = "wide"  # inside a mutable literal, or a `let`: literal types widen

_LITERALS = {"string", "number", "true", "false", "null", "template_string", "unary_expression"}
_ARITHMETIC = {"+", "-", "*", "/", "%", "**", "&", "|", "^", "<<", ">>", ">>>"}
_BOOLEAN_OPS = {"<", "<=", ">", ">=", "==", "!=", "===", "!==", "in", "instanceof"}

# A type, and what it widens to in a mutable location (None: it does not widen). A plain
# `const X = "a"` widens to `string`; an enum member to its enum; `as const` never widens.
Typed = tuple[Type, Type | None]


class TypeOfValue:
    """The types of consts, as `typeof` gives them."""

    def __init__(self, program: Program, values: Evaluator, types: TypeEvaluator) -> None:
        self.program = program
        self.values = values
        self.types = types
        self._enums: dict[tuple[str, str], dict[str, Type]] = {}

    def query(self, module: Module, node: Node) -> Type:
        """`typeof X`, `typeof X.a.b`."""
        return self._reference(module, node)[0]

    def of_const(self, module: Module, decl: VariableDecl) -> Type:
        """`typeof` of a module-level variable, or a located error saying why it has none."""
        try:
            return self._declared(module, decl)[0]
        except NoTypeForm as reason:
            raise CodegenError(
                f"cannot compute the type of `{decl.name}`: {reason}", decl.span
            ) from None

    def enum_members(self, module: Module, decl: EnumDecl) -> dict[str, Type]:
        """Each member's literal type, by member name (no reverse mappings); once per enum."""
        key = (module.key, decl.name)
        known = self._enums.get(key)
        if known is not None:
            return known
        value = self.values.binding(module, decl.name, decl.span)
        found: dict[str, Type] = {}
        for member in decl.members:
            item = value.get(member.name) if isinstance(value, Object) else None
            if isinstance(item, Str):
                found[member.name] = Lit("string", item.value)
            elif isinstance(item, Num):
                found[member.name] = Lit("number", item.value)
            else:
                raise CodegenError(
                    f"the enum member `{member.name}` has no literal type", member.span
                )
        self._enums[key] = found
        return found

    def key_of(self, module: Module, node: Node | None) -> Lit:
        """The literal type of a property name: string, number, or computed from a const."""
        if node is None:
            raise NoTypeForm("a member without a name")
        if node.type == "string":
            return Lit("string", string_literal(module.source, node))
        if node.type == "number":
            try:
                return Lit("number", parse_number(module.source.text(node)))
            except LexicalError as exc:
                raise NoTypeForm(str(exc)) from None
        if node.type == "computed_property_name":
            value = self.values.expr(module, node.named_children[0])
            if isinstance(value, (Num, Str)):
                return Lit("number" if isinstance(value, Num) else "string", value.value)
            raise NoTypeForm("a computed key that is neither a string nor a number")
        return Lit("string", module.source.text(node))

    # -- references --------------------------------------------------------

    def _reference(self, module: Module, node: Node) -> Typed:
        kind = node.type
        if kind in ("member_expression", "subscript_expression"):
            target = node.child_by_field_name("object")
            assert target is not None
            enum = self._enum_of(module, target)
            key = self._member_key(module, node)
            if enum is not None:
                found = enum.get(str(key.value))
                if found is None:
                    raise NoTypeForm(f"the enum has no member `{key.value}`")
                return found, union(enum.values())
            return lookup(self._reference(module, target)[0], key), None
        if kind != "identifier":
            raise NoTypeForm(f"typeof of {kind.replace('_', ' ')}")
        name = module.source.text(node)
        if name == "undefined":
            return UNDEFINED, None
        found_module, decl = find_local(self.program, module, name, module.source.span(node))
        if isinstance(decl, EnumDecl):
            members_ = self.enum_members(found_module, decl)
            return Obj(tuple(Prop(Lit("string", k), v) for k, v in members_.items())), None
        if isinstance(decl, CodeDecl):
            return Func(), None
        if not isinstance(decl, VariableDecl) or decl.syntax is None:
            raise NoTypeForm(f"the type of `{name}`, which is not a const of this program")
        return self._declared(found_module, decl)

    def _declared(self, module: Module, decl: VariableDecl) -> Typed:
        """The declared, or else inferred, type of a variable."""
        if decl.syntax is None:  # `export default {...}`, `export = ...`: no declarator
            raise NoTypeForm(f"the type of `{decl.name}`, which has no declaration of its own")
        declarator = module.source.node(decl.syntax)
        annotation = declarator.child_by_field_name("type")
        if annotation is not None:
            return self.types.type(module, annotation.named_children[-1], {}), None
        initializer = declarator.child_by_field_name("value")
        if initializer is None:
            return UNDEFINED, None
        return self._expression(module, initializer, TOP if decl.kind == "const" else WIDE)

    def _enum_of(self, module: Module, node: Node) -> dict[str, Type] | None:
        if node.type != "identifier":
            return None
        found_module, decl = find_local(
            self.program, module, module.source.text(node), module.source.span(node)
        )
        return self.enum_members(found_module, decl) if isinstance(decl, EnumDecl) else None

    def _member_key(self, module: Module, node: Node) -> Lit:
        if node.type == "member_expression":
            prop = node.child_by_field_name("property")
            assert prop is not None
            return Lit("string", module.source.text(prop))
        index = node.child_by_field_name("index")
        assert index is not None
        value = self.values.expr(module, index)
        if isinstance(value, Str):
            return Lit("string", value.value)
        if isinstance(value, Num):
            return Lit("number", value.value)
        raise NoTypeForm("an index that is neither a string nor a number")

    # -- expressions -------------------------------------------------------

    def _expression(self, module: Module, node: Node, mode: str) -> Typed:
        kind = node.type
        if kind in ("parenthesized_expression", "non_null_expression"):
            return self._expression(module, node.named_children[0], mode)
        if kind == "as_expression":
            if module.source.text(node.children[-1]) == "const":
                return self._expression(module, node.named_children[0], CONST)
            return self.types.type(module, node.named_children[-1], {}), None
        if kind == "satisfies_expression":
            inner = node.named_children[0]
            while inner.type == "parenthesized_expression":
                inner = inner.named_children[0]
            if inner.type == "as_expression" and module.source.text(inner.children[-1]) == "const":
                return self._expression(module, inner, mode)
            raise NoTypeForm("`satisfies` without `as const` types its value contextually")
        if kind in _LITERALS or (kind == "identifier" and module.source.text(node) == "undefined"):
            literal = self._literal(module, node)
            if literal is not None:
                if mode == WIDE:
                    return widen(literal), None
                return literal, widen(literal) if mode == TOP else None
        if kind in ("identifier", "member_expression", "subscript_expression"):
            found, widened = self._reference(module, node)
            if mode == WIDE and widened is not None:
                return widened, None
            return found, widened if mode != CONST else None
        if kind == "object":
            return self._object(module, node, mode), None
        if kind == "array":
            return self._array(module, node, mode), None
        if kind in CODE_EXPRESSIONS:  # a class too: typeof gives its constructor type
            return Func(), None
        if kind in ("binary_expression", "unary_expression", "template_string"):
            return self._computed(module, node), None
        raise NoTypeForm(f"the type TypeScript infers for {kind.replace('_', ' ')}")

    def _literal(self, module: Module, node: Node) -> Lit | None:
        """A literal expression's literal type; None when it is not a plain literal."""
        kind = node.type
        if kind == "template_string" and any(
            child.type == "template_substitution" for child in node.named_children
        ):
            return None
        if kind == "unary_expression":
            operator = node.child_by_field_name("operator")
            argument = node.child_by_field_name("argument")
            if operator is None or argument is None or argument.type != "number":
                return None
            if module.source.text(operator) != "-":
                return None
        value = self.values.expr(module, node)
        return literal_of(value)

    def _computed(self, module: Module, node: Node) -> Type:
        """Operators: the primitive type of what they give."""
        operator = node.child_by_field_name("operator")
        text = module.source.text(operator) if operator is not None else ""
        if node.type == "binary_expression" and text in _BOOLEAN_OPS:
            return BOOLEAN
        if node.type == "unary_expression" and text == "!":
            return BOOLEAN
        if node.type == "unary_expression" and text == "typeof":
            return STRING
        if node.type == "unary_expression" and text == "void":
            return UNDEFINED
        if node.type == "template_string" or text in _ARITHMETIC or text in ("-", "+", "~"):
            value = self.values.expr(module, node)
            found = literal_of(value)
            if found is not None:
                return widen(found)
        raise NoTypeForm(f"the type of the `{text or node.type}` expression")

    def _object(self, module: Module, node: Node, mode: str) -> Obj:
        inner_mode = CONST if mode == CONST else WIDE
        props: list[Prop] = []
        where: dict[str, int] = {}  # key text -> index in props: a later key replaces it

        def put(prop: Prop) -> None:
            text = key_text(prop.key)
            index = where.get(text)
            if index is not None:
                props[index] = prop
                return
            where[text] = len(props)
            props.append(prop)

        for child in node.named_children:
            kind = child.type
            if kind == "pair":
                key = self.key_of(module, child.child_by_field_name("key"))
                value = child.child_by_field_name("value")
                assert value is not None
                put(Prop(key, self._expression(module, value, inner_mode)[0]))
            elif kind == "shorthand_property_identifier":
                found, widened = self._reference(module, child)
                typed = widened if widened is not None and inner_mode == WIDE else found
                put(Prop(Lit("string", module.source.text(child)), typed))
            elif kind == "method_definition":
                put(Prop(self.key_of(module, child.child_by_field_name("name")), Func()))
            elif kind == "spread_element":
                spread = self._expression(module, child.named_children[0], inner_mode)[0]
                if not isinstance(spread, Obj) or spread.index:
                    raise NoTypeForm("a spread of something other than a plain object")
                for prop in spread.props:
                    put(prop)
            elif kind != "comment":
                raise NoTypeForm(f"{kind.replace('_', ' ')} in an object literal")
        return Obj(tuple(props))

    def _array(self, module: Module, node: Node, mode: str) -> Type:
        inner_mode = CONST if mode == CONST else WIDE
        items: list[Type] = []
        for child in node.named_children:
            if child.type == "comment":
                continue
            if child.type == "spread_element":
                raise NoTypeForm("a spread inside an array literal")
            items.append(self._expression(module, child, inner_mode)[0])
        if mode == CONST:
            return Tup(tuple(Elem(item) for item in items))
        return Arr(union(items))


def literal_of(value: Value) -> Lit | None:
    """The literal type of a primitive value."""
    if isinstance(value, Str):
        return Lit("string", value.value)
    if isinstance(value, Num):
        return Lit("number", value.value)
    if isinstance(value, BigInt):
        return Lit("bigint", value.value)
    if isinstance(value, Bool):
        return Lit("boolean", value.value)
    if isinstance(value, Null):
        return Lit("null", None)
    if isinstance(value, Undefined):
        return UNDEFINED
    return None


def widen(type_: Type) -> Type:
    """Literal types widened to their primitives, as in a mutable location."""
    if isinstance(type_, Union):
        return union(widen(member) for member in members(type_))
    if isinstance(type_, Lit):
        if type_.kind == "boolean":
            return BOOLEAN
        if type_.kind in ("string", "number", "bigint"):
            return {"string": STRING, "number": NUMBER}.get(type_.kind, Prim("bigint"))
    return type_
