"""Stage 1, evaluate types: what TypeScript's checker computes for a type, done statically.

Types are evaluated from their declarations, the way values are: aliases are expanded,
generic aliases and interfaces instantiated where they are used, `typeof` reads the evaluated
values, and `keyof`, indexed access, mapped, conditional and template literal types are worked
out over finite sets. What cannot be computed exactly raises a located `CodegenError` naming
the construct; a type is never guessed.
"""

from __future__ import annotations

from tree_sitter import Node

from codegen.errors import CodegenError, Span
from codegen.input.declarations import EnumDecl, Interface, TypeAlias
from codegen.input.evaluate import Evaluator
from codegen.input.extract import jsdoc, string_literal
from codegen.input.lexical import LexicalError, decode_escape, parse_bigint, parse_number
from codegen.input.program import Module, Program, find_local
from codegen.input.tstypes import (
    BOOLEAN,
    NEVER,
    NULL,
    UNDEFINED,
    Arr,
    Builtin,
    Elem,
    Func,
    Lit,
    Obj,
    Prim,
    Prop,
    Tup,
    Type,
    Var,
    members,
    union,
)
from codegen.input.typematch import match
from codegen.input.typeops import (
    NoTypeForm,
    assignable,
    describe,
    intersect,
    keyof,
    lookup,
    pick,
    record,
    string_mapping,
    template,
    with_optional,
)
from codegen.input.typevalues import TypeOfValue

MAX_INSTANTIATIONS = 50  # generic instantiations inside one another: deeper is recursion
_PRIMITIVES = {"string", "number", "bigint", "symbol", "any", "unknown", "never", "object", "void"}
_WRAPPERS = {
    "parenthesized_type",
    "readonly_type",
    "type_annotation",
    "opting_type_annotation",
    "omitting_type_annotation",
    "adding_type_annotation",
}
_FUNCTIONS = {"function_type", "constructor_type"}
_STRING_MAPPINGS = {"Uppercase", "Lowercase", "Capitalize", "Uncapitalize"}

Env = dict[str, Type]


class TypeEvaluator:
    """Evaluates named types lazily, each instantiation once."""

    def __init__(self, program: Program, values: Evaluator) -> None:
        self.program = program
        self.values = values
        self.of_value = TypeOfValue(program, values, self)
        self._memo: dict[tuple[str, str, tuple[Type, ...]], Type] = {}
        self._active: list[tuple[str, str, tuple[Type, ...]]] = []

    # -- names -------------------------------------------------------------

    def named(self, module: Module, name: str, span: Span | None) -> Type:
        """The type a module-level name denotes: an alias, an interface or an enum."""
        found_module, decl = find_local(self.program, module, name, span, "type")
        return self._declared(found_module, decl, name, (), span)

    def is_generic(self, module: Module, name: str) -> bool:
        """Whether a module-level type takes type parameters: only its instantiations have a
        form of their own."""
        found_module, decl = find_local(self.program, module, name, None, "type")
        if not isinstance(decl, (TypeAlias, Interface)) or decl.syntax is None:
            return False
        node = found_module.source.node(decl.syntax)
        return node.child_by_field_name("type_parameters") is not None

    def parameters(self, module: Module, name: str) -> tuple[str, ...]:
        """The names of a module-level type's type parameters, in order."""
        found_module, decl = find_local(self.program, module, name, None, "type")
        if not isinstance(decl, (TypeAlias, Interface)) or decl.syntax is None:
            return ()
        node = found_module.source.node(decl.syntax)
        params = node.child_by_field_name("type_parameters")
        if params is None:
            return ()
        return tuple(
            found_module.source.text(p.child_by_field_name("name") or p)
            for p in params.named_children
            if p.type == "type_parameter"
        )

    def open_form(self, module: Module, name: str, span: Span | None) -> Type:
        """A generic type with its parameters left open (`Var`s): a `Generic[T]` class."""
        found_module, decl = find_local(self.program, module, name, span, "type")
        params = tuple(Var(param) for param in self.parameters(module, name))
        return self._declared(found_module, decl, name, params, span)

    def _declared(
        self, module: Module, decl: object, name: str, args: tuple[Type, ...], span: Span | None
    ) -> Type:
        if isinstance(decl, EnumDecl):
            if args:
                raise CodegenError(f"the enum `{name}` takes no type arguments", span)
            return union(self.of_value.enum_members(module, decl).values())
        if not isinstance(decl, (TypeAlias, Interface)) or decl.syntax is None:
            raise CodegenError(
                f"`{name}` is a value, not a type; did you mean `typeof {name}`?", span
            )
        key = (module.key, decl.name, args)
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        if key in self._active or len(self._active) >= MAX_INSTANTIATIONS:
            raise CodegenError(
                f"the type `{decl.name}` refers to itself; recursive types have no finite form",
                span or decl.span,
            )
        self._active.append(key)
        try:
            node = module.source.node(decl.syntax)
            env = self._bind_parameters(module, node, args, decl.name, span)
            if isinstance(decl, TypeAlias):
                value = node.child_by_field_name("value")
                assert value is not None
                result = self.type(module, value, env)
                if isinstance(result, Obj) and not args and result.name is None:
                    result = Obj(result.props, result.index, decl.name)
            else:
                result = self._interface(module, node, env, decl.name, args)
        finally:
            self._active.pop()
        self._memo[key] = result
        return result

    def _bind_parameters(
        self, module: Module, node: Node, args: tuple[Type, ...], name: str, span: Span | None
    ) -> Env:
        params = node.child_by_field_name("type_parameters")
        names = [p for p in params.named_children if p.type == "type_parameter"] if params else []
        if len(args) > len(names):
            raise CodegenError(f"`{name}` takes {len(names)} type arguments", span)
        env: Env = {}
        for index, param in enumerate(names):
            param_name = module.source.text(param.child_by_field_name("name") or param)
            if index < len(args):
                env[param_name] = args[index]
                continue
            default = param.child_by_field_name("value")
            if default is None:
                raise CodegenError(
                    f"`{name}` needs a type argument for `{param_name}`",
                    span or module.source.span(param),
                )
            env[param_name] = self.type(module, default.named_children[-1], env)
        return env

    def _interface(
        self, module: Module, node: Node, env: Env, name: str, args: tuple[Type, ...]
    ) -> Obj:
        result = Obj(())
        for clause in node.named_children:
            if clause.type == "extends_type_clause":
                for base in clause.named_children:
                    result = _as_object(
                        intersect(result, self.type(module, base, env)), base, module
                    )
        body = node.child_by_field_name("body")
        assert body is not None
        own = self._members(module, body, env)
        merged = intersect(result, own) if result.props or result.index else own
        final = _as_object(merged, node, module)
        return Obj(final.props, final.index, name, args)

    # -- syntax ------------------------------------------------------------

    def type(self, module: Module, node: Node, env: Env) -> Type:
        """The type a type node denotes, with type parameters bound in `env`."""
        try:
            return self._type(module, node, env)
        except NoTypeForm as reason:
            raise CodegenError(
                f"cannot compute the type `{module.source.text(node)}`: {reason}",
                module.source.span(node),
            ) from None

    def _type(self, module: Module, node: Node, env: Env) -> Type:
        kind = node.type
        source = module.source
        if kind in _WRAPPERS:
            return self.type(module, _typed_children(node)[-1], env)
        if kind == "predefined_type":
            text = source.text(node)
            if text == "boolean":
                return BOOLEAN
            if text in ("undefined", "null"):
                return UNDEFINED if text == "undefined" else NULL
            if text in _PRIMITIVES:
                return Prim(text)
        if kind == "literal_type":
            return self._literal(module, node.named_children[0])
        if kind == "union_type":
            return union(self.type(module, child, env) for child in _typed_children(node))
        if kind == "intersection_type":
            left, right = (self.type(module, child, env) for child in _typed_children(node))
            return intersect(left, right)
        if kind == "array_type":
            return Arr(self.type(module, node.named_children[0], env))
        if kind == "tuple_type":
            return self._tuple(module, node, env)
        if kind == "type_identifier":
            name = source.text(node)
            if name in env:
                return env[name]
            if name in _PRIMITIVES and not _declares_type(module, name):
                return Prim(name)  # `bigint`, `symbol`, `object`: not predefined in the grammar
            return self._reference(module, name, (), node)
        if kind == "generic_type":
            return self._generic(module, node, env)
        if kind == "nested_type_identifier":
            return self._nested(module, node)
        if kind == "type_query":
            return self.of_value.query(module, node.named_children[0])
        if kind == "index_type_query":
            return keyof(self.type(module, node.named_children[0], env))
        if kind == "lookup_type":
            target, index = (self.type(module, child, env) for child in node.named_children)
            return lookup(target, index)
        if kind == "object_type":
            return self._members(module, node, env)
        if kind == "template_literal_type":
            return self._template(module, node, env)
        if kind == "conditional_type":
            return self._conditional(module, node, env)
        if kind in _FUNCTIONS:
            return Func()
        raise NoTypeForm(f"{kind.replace('_', ' ')} has no finite form here")

    def _literal(self, module: Module, node: Node) -> Type:
        text = module.source.text(node)
        try:
            if node.type == "string":
                return Lit("string", string_literal(module.source, node))
            if node.type == "number":
                if text.endswith("n"):
                    return Lit("bigint", parse_bigint(text))
                return Lit("number", parse_number(text))
            if node.type == "unary_expression" and text.startswith("-"):
                inner = self._literal(module, node.named_children[-1])
                assert isinstance(inner, Lit) and isinstance(inner.value, (int, float))
                return Lit(inner.kind, -inner.value)
        except LexicalError as exc:
            raise NoTypeForm(str(exc)) from None
        if node.type in ("true", "false"):
            return Lit("boolean", node.type == "true")
        if node.type in ("null", "undefined"):
            return NULL if node.type == "null" else UNDEFINED
        raise NoTypeForm(f"the literal type `{text}`")

    def _tuple(self, module: Module, node: Node, env: Env) -> Type:
        elements: list[Elem] = []
        for child in node.named_children:
            optional = child.type in ("optional_type", "optional_parameter")
            rest = child.type == "rest_type"
            if child.type in ("required_parameter", "optional_parameter"):
                rest = child.child_by_field_name("name") is not None and (
                    child.child_by_field_name("name").type == "rest_pattern"  # type: ignore[union-attr]
                )
                annotation = child.child_by_field_name("type")
                if annotation is None:
                    raise NoTypeForm("a tuple element without a type")
                inner = annotation
            else:
                inner = child.named_children[0] if (optional or rest) else child
            elements.append(Elem(self.type(module, inner, env), optional, rest))
        return Tup(tuple(elements))

    def _reference(self, module: Module, name: str, args: tuple[Type, ...], node: Node) -> Type:
        builtin = _builtin(name, args)
        if builtin is not None:
            local = module.decls.aliases.get(name) or module.decls.interfaces.get(name)
            if local is None:
                return builtin
        found_module, decl = find_local(
            self.program, module, name, module.source.span(node), "type"
        )
        return self._declared(found_module, decl, name, args, module.source.span(node))

    def _generic(self, module: Module, node: Node, env: Env) -> Type:
        name_node = node.child_by_field_name("name")
        arguments = node.child_by_field_name("type_arguments")
        assert name_node is not None and arguments is not None
        name = module.source.text(name_node)
        args = tuple(self.type(module, arg, env) for arg in arguments.named_children)
        if name_node.type == "type_identifier" and not (
            module.decls.aliases.get(name) or module.decls.interfaces.get(name)
        ):
            utility = _utility(name, args)
            if utility is not None:
                return utility
        return self._reference(module, name, args, node)

    def _nested(self, module: Module, node: Node) -> Type:
        """`Enum.Member`: the member's literal type."""
        outer = node.child_by_field_name("module")
        inner = node.child_by_field_name("name")
        assert outer is not None and inner is not None
        found_module, decl = find_local(
            self.program, module, module.source.text(outer), module.source.span(outer), "type"
        )
        if isinstance(decl, EnumDecl):
            found = self.of_value.enum_members(found_module, decl).get(module.source.text(inner))
            if found is not None:
                return found
        raise NoTypeForm("only enum members can be named with a dot")

    def _members(self, module: Module, node: Node, env: Env) -> Obj:
        props: list[Prop] = []
        index: list[tuple[Type, Type]] = []
        for member in node.named_children:
            kind = member.type
            if kind in ("comment",):
                continue
            if kind in ("property_signature", "method_signature"):
                key = self.of_value.key_of(module, member.child_by_field_name("name"))
                annotation = member.child_by_field_name("type")
                if kind == "method_signature" or annotation is None:
                    value: Type = Func() if kind == "method_signature" else Prim("any")
                else:
                    value = self.type(module, annotation, env)
                optional = any(child.type == "?" for child in member.children)
                props.append(Prop(key, value, optional, jsdoc(module.source, member)))
                continue
            if kind == "index_signature":
                mapped = next(
                    (c for c in member.named_children if c.type == "mapped_type_clause"), None
                )
                if mapped is not None:
                    return self._mapped(module, member, mapped, env)
                key_node = member.child_by_field_name("index_type")
                value_node = member.child_by_field_name("type")
                assert key_node is not None and value_node is not None
                index.append((self.type(module, key_node, env), self.type(module, value_node, env)))
                continue
            if kind in ("call_signature", "construct_signature"):
                raise NoTypeForm("an object type with call signatures is a function")
            raise NoTypeForm(f"the member `{module.source.text(member)}`")
        return Obj(tuple(props), tuple(index))

    def _mapped(self, module: Module, member: Node, clause: Node, env: Env) -> Obj:
        """`{ [K in U as N]: V }`, over a finite `U`, with `?` and `readonly` modifiers."""
        name_node = clause.child_by_field_name("name")
        keys_node = clause.child_by_field_name("type")
        alias_node = clause.child_by_field_name("alias")
        value_node = member.child_by_field_name("type")
        assert name_node is not None and keys_node is not None and value_node is not None
        parameter = module.source.text(name_node)
        keys = self.type(module, keys_node, env)
        homomorphic: Type | None = None
        if keys_node.type == "index_type_query":
            homomorphic = self.type(module, keys_node.named_children[0], env)
        tokens = [child.type for child in member.children if not child.is_named]
        annotation = value_node.type
        if annotation == "omitting_type_annotation":
            optional_rule: bool | None = False
        elif annotation in ("opting_type_annotation", "adding_type_annotation"):
            optional_rule = True
        else:
            optional_rule = None  # keep what the source had (homomorphic), else required
        props: list[Prop] = []
        index: list[tuple[Type, Type]] = []
        del tokens  # readonly and its +/- change nothing a Python mirror shows
        for key in members(keys):
            inner = {**env, parameter: key}
            name = self.type(module, alias_node, inner) if alias_node is not None else key
            if name == NEVER:
                continue
            value = self.type(module, value_node, inner)
            for final in members(name):
                if isinstance(final, Lit) and final.kind in ("string", "number"):
                    optional = bool(optional_rule)
                    source_prop = homomorphic.prop(final) if isinstance(homomorphic, Obj) else None
                    if optional_rule is None and isinstance(homomorphic, Obj):
                        optional = source_prop is not None and source_prop.optional
                    if optional_rule is False and source_prop is not None and source_prop.optional:
                        value = union(m for m in members(value) if m != UNDEFINED)  # `-?`
                    props.append(Prop(final, value, optional))
                elif final in (Prim("string"), Prim("number")):
                    index.append((final, value))
                else:
                    raise NoTypeForm(f"a mapped key of type `{describe(final)}`")
        return Obj(tuple(props), tuple(index))

    def _template(self, module: Module, node: Node, env: Env) -> Type:
        parts: list[str | Type] = []
        for child in node.named_children:
            if child.type == "string_fragment":
                parts.append(module.source.text(child).replace("\r\n", "\n").replace("\r", "\n"))
            elif child.type == "escape_sequence":
                try:
                    parts.append(decode_escape(module.source.text(child)))
                except LexicalError as exc:
                    raise NoTypeForm(str(exc)) from None
            elif child.type == "template_type":
                parts.append(self.type(module, child.named_children[0], env))
        return template(parts)

    def _conditional(self, module: Module, node: Node, env: Env) -> Type:
        """`L extends R ? X : Y`, distributed over a naked type parameter `L`."""
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        yes = node.child_by_field_name("consequence")
        no = node.child_by_field_name("alternative")
        assert left is not None and right is not None and yes is not None and no is not None
        checked = self.type(module, left, env)
        naked = left.type == "type_identifier" and module.source.text(left) in env
        results: list[Type] = []
        for member in members(checked) if naked else (checked,):
            inner = {**env, module.source.text(left): member} if naked else env
            if member == Prim("any"):
                results += [self.type(module, yes, inner), self.type(module, no, inner)]
                continue
            bound = match(self, module, member, right, inner)
            results.append(
                self.type(module, yes, {**inner, **bound})
                if bound is not None
                else self.type(module, no, inner)
            )
        if naked and checked == NEVER:
            return NEVER
        return union(results)

    def fits(self, source: Type, target: Type) -> bool:
        """Whether `source` is assignable to `target`."""
        return assignable(source, target)


def _typed_children(node: Node) -> list[Node]:
    """A node's named children, without the comments written between them."""
    return [child for child in node.named_children if child.type != "comment"]


def _declares_type(module: Module, name: str) -> bool:
    decls = module.decls
    return name in decls.aliases or name in decls.interfaces or name in decls.bindings


def _as_object(type_: Type, node: Node, module: Module) -> Obj:
    if isinstance(type_, Obj):
        return type_
    raise CodegenError(
        f"`{describe(type_)}` is not an object type; interfaces extend object types only",
        module.source.span(node),
    )


def _builtin(name: str, args: tuple[Type, ...]) -> Type | None:
    """Library types by name: arrays, Map, Set, RegExp, Date, Promise."""
    if name in ("Array", "ReadonlyArray") and len(args) == 1:
        return Arr(args[0])
    if name in ("Map", "ReadonlyMap") and len(args) == 2:
        return Builtin("Map", args)
    if name in ("Set", "ReadonlySet") and len(args) == 1:
        return Builtin("Set", args)
    if name in ("RegExp", "Date") and not args:
        return Builtin(name)
    if name == "Function" and not args:
        return Func()
    return None


def _utility(name: str, args: tuple[Type, ...]) -> Type | None:
    """TypeScript's utility types, computed directly."""
    one = len(args) == 1
    two = len(args) == 2
    if name == "Record" and two:
        return record(args[0], args[1])
    if name in ("Partial", "Required") and one:
        return with_optional(args[0], name == "Partial")
    if name == "Readonly" and one:
        return args[0]
    if name in ("Pick", "Omit") and two:
        return pick(args[0], args[1], name == "Pick")
    if name in ("Exclude", "Extract") and two:
        keep = name == "Extract"
        return union(m for m in members(args[0]) if assignable(m, args[1]) == keep)
    if name == "NonNullable" and one:
        return union(m for m in members(args[0]) if m not in (NULL, UNDEFINED))
    if name in _STRING_MAPPINGS and one:
        return string_mapping(name, args[0])
    return None
