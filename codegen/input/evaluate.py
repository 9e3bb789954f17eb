"""Stage 3, evaluate: compute the values of exported consts statically, with JavaScript meaning."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from typing import TypeGuard

from tree_sitter import Node

from codegen import fastpaths
from codegen.errors import CodegenError, CodegenErrors, ErrorCollector, Note, Span
from codegen.input import shapes as shape_cache
from codegen.input.calls import Session, engine_global, whole_engine_declarations
from codegen.input.declarations import (
    CodeDecl,
    EnumDecl,
    ImportBinding,
    Interface,
    TypeAlias,
    VariableDecl,
)
from codegen.input.extract import reassigned_names, string_literal
from codegen.input.jsops import (
    JSTypeError,
    arithmetic,
    compare,
    kind,
    loose_equals,
    property_key,
    property_order,
    strict_equals,
    to_int32,
    to_number,
    to_string,
    truthy,
    typeof,
)
from codegen.input.lexical import LexicalError, decode_escape, join_utf16
from codegen.input.modulerun import ModuleRun, runs_whole
from codegen.input.mutation import MutationGuard
from codegen.input.program import (
    Declaration,
    Module,
    Namespace,
    Program,
    exported_names,
    find_export,
    find_local,
)
from codegen.input.rules import (
    CODE_EXPRESSIONS,
    MAX_CHAIN,
    MAX_DEPTH,
    MAX_STRING,
    WRAPPERS,
    number_literal,
)
from codegen.input.values import (
    OPAQUE,
    Array,
    BigInt,
    BinaryOp,
    Bool,
    Code,
    ConstRef,
    Negate,
    Null,
    Num,
    Object,
    Origin,
    Reference,
    Str,
    Undefined,
    Value,
)

_EXACT_INT_OPS = {"+", "-", "*"}
_COMPARISONS = {"<", "<=", ">", ">="}
_EQUALITIES = {"===": True, "!==": False, "==": True, "!=": False}
_GLOBALS = {"undefined", "NaN", "Infinity"}


class Evaluator:
    """Evaluates module-level bindings lazily, each at most once."""

    def __init__(self, program: Program, identity_functions: frozenset[str] = frozenset()) -> None:
        self.program = program
        # Functions from packages that return their first argument (`defineChain`), by name.
        self.identity_functions = identity_functions
        self._memo: dict[tuple[str, str], Value] = {}
        self._active: list[tuple[str, str]] = []
        self._depth = 0
        self._scopes: list[dict[str, Value]] = []  # enum members visible by bare name
        self._reassigned: dict[str, dict[str, Span]] = {}
        self._unchanged = MutationGuard(program)  # refuses values that code may change
        self._short: set[int] = set()  # undefined values that ended an optional chain
        self._short_values: list[Value] = []  # keeps them alive, so their ids stay unique
        # Values read from a module-level const or enum by name or member access, by id: each
        # primitive is a copy made at the read, so its id stands for this one use (the copy
        # is kept alive here); objects and arrays are themselves, found where first read.
        self.references: dict[int, tuple[Value, Reference]] = {}
        self._sessions: dict[str, Session] = {}  # engine contexts, by module, for calls
        self._runs: dict[str, ModuleRun] = {}  # modules run whole, for values code changes
        self._running: set[str] = set()  # their keys: every value of theirs comes from the run
        self._handlers: dict[str, Callable[[Module, Node], Value]] = {
            "string": self._string,
            "identifier": self._identifier,
            "object": self._object,
            "number": self._number_value,
            "member_expression": self._member,
            "subscript_expression": self._member,
            "array": self._array,
            "binary_expression": self._binary,
            "unary_expression": self._unary,
            "template_string": self._template_value,
            "ternary_expression": self._ternary,
            "call_expression": self._call,
            "new_expression": self._new,
            "regex": self._new,  # the engine checks its syntax and spells its source and flags
            "internal_module": self._new,  # a namespace: the object TypeScript compiles it to
            "module": self._new,
        }

    # -- names -------------------------------------------------------------

    def export(self, module: Module, name: str, span: Span | None) -> Value:
        """The value a module exports under `name`, following re-exports."""
        target, decl = find_export(self.program, module, name, span)
        return self._declared(target, decl, span)

    def binding(self, module: Module, name: str, span: Span | None) -> Value:
        """The value of a module-level name, following imports."""
        try:
            target, decl = find_local(self.program, module, name, span)
            return self._declared(target, decl, span)
        except CodegenError as error:
            if span is None or span == error.span or any(hop.span == span for hop in error.chain):
                raise
            raise error.with_hop(Note(f"`{name}` is used here", span)) from None

    def _declared(self, module: Module, decl: Declaration, span: Span | None) -> Value:
        """The value of one declaration, evaluated once and memoised."""
        if isinstance(decl, (Interface, TypeAlias)):
            raise CodegenError(
                f"`{decl.name}` is a type, not a value", span, (Note("declared here", decl.span),)
            )
        if isinstance(decl, CodeDecl):
            self._unchanged.scan(self._memo)  # its module may change values already used
            return Code(decl.span)
        if isinstance(decl, Namespace):
            return self._namespace(decl, span)
        key = (module.key, decl.name)
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        if module.key in self._running or self._unchanged.changes(module, decl.name, self._memo):
            value = self._after_loading(module, decl, span)
            self._memo[key] = value
            return value
        if key in self._active:
            raise CodegenError(
                f"`{decl.name}` is defined in terms of itself",
                span,
                (Note("declared here", decl.span),),
            )
        if len(self._active) >= MAX_CHAIN:
            raise CodegenError(
                f"`{decl.name}` is defined through a chain of more than {MAX_CHAIN} other names; "
                "codegen stops there",
                span or decl.span,
            )
        self._active.append(key)
        depth, self._depth = self._depth, 0  # nesting counts per declaration; chains have MAX_CHAIN
        try:
            value = (
                self._enum(module, decl)
                if isinstance(decl, EnumDecl)
                else self._variable(module, decl, span)
            )
        except _ReadsChanged as reads:
            if reads.module != module.key or any(k[0] == module.key for k in self._active[:-1]):
                raise
            value = self._runs[module.key].value(decl.name, span or decl.span)
        finally:
            self._depth = depth
            self._active.pop()
        self._memo[key] = value
        return value

    def _after_loading(
        self, module: Module, decl: VariableDecl | EnumDecl, span: Span | None
    ) -> Value:
        """The value a declaration holds once its module has loaded, from a run of the whole
        module (codegen.input.modulerun): for a value that code changes as the module loads,
        and for every value of the module read after one (reading it may see the change)."""
        if module.key not in self._runs:
            self._runs[module.key] = ModuleRun(self, module)
        changes = self._unchanged.changes(module, decl.name, self._memo)
        if changes:
            runs_whole(self._runs[module.key], decl.name, changes)
        self._running.add(module.key)
        if any(key[0] == module.key for key in self._active):
            raise _ReadsChanged(module.key)  # the outermost value of the module runs instead
        return self._runs[module.key].value(decl.name, span or decl.span)

    def enum_value(self, module: Module, decl: EnumDecl) -> Value:
        """An enum's object, evaluated from its members (not memoised)."""
        return self._enum(module, decl)

    def _variable(self, module: Module, decl: Declaration, span: Span | None) -> Value:
        assert not isinstance(decl, (EnumDecl, Namespace, CodeDecl, Interface, TypeAlias))
        reassigned = self._reassigned_in(module).get(decl.name) if decl.kind != "const" else None
        if reassigned is not None:
            raise CodegenError(
                f"`{decl.name}` is declared with `{decl.kind}` and assigned again; "
                "only values that never change are evaluated",
                span or decl.span,
                (Note("declared here", decl.span), Note("assigned again here", reassigned)),
            )
        if decl.value is None:
            if decl.kind in ("namespace", "destructured"):  # known once the module has loaded
                return self._after_loading(module, decl, span)
            if decl.kind == "const":
                raise CodegenError(f"`{decl.name}` has no value", decl.span)
            return Undefined(decl.span)
        initializer = module.source.node(decl.value)
        if decl in whole_engine_declarations(module):  # a `new` inside: run it whole
            return self._session(module).run(initializer, span or decl.span)
        value = self.expr(module, initializer)
        if isinstance(value, Num):
            key = (module.key, decl.name)
            value = Num(value.value, value.span, ConstRef(decl.name, key, value))
        return value

    def _reassigned_in(self, module: Module) -> dict[str, Span]:
        path = module.key
        if path not in self._reassigned:
            self._reassigned[path] = reassigned_names(module.source)
        return self._reassigned[path]

    def _enum(self, module: Module, decl: EnumDecl) -> Value:
        """An enum object, with the reverse mapping TypeScript emits for numeric members."""
        entries: dict[str, tuple[Value, Span]] = {}
        scope: dict[str, Value] = {}
        previous: Value | None = None
        self._scopes.append(scope)
        try:
            for member in decl.members:
                scope[decl.name] = make_object(entries, decl.span)  # `E.A` inside E's own body
                if member.value is not None:
                    value = self.expr(module, module.source.node(member.value))
                    if not isinstance(value, (Num, Str)):
                        raise CodegenError(
                            f"enum member `{member.name}` must be a number or a string, "
                            f"not {kind(value)}",
                            member.span,
                        )
                elif previous is None:
                    value = Num(0.0, member.span)
                elif isinstance(previous, Num):
                    value = Num(previous.value + 1, member.span)
                else:
                    raise CodegenError(
                        f"enum member `{member.name}` needs an initializer, "
                        "since the one before it is a string",
                        member.span,
                    )
                value = (
                    Num(value.value, member.span)
                    if isinstance(value, Num)
                    else Str(value.value, member.span)
                )
                scope[member.name] = value
                entries[member.name] = (value, member.span)
                if isinstance(value, Num):
                    entries[property_key(value)] = (Str(member.name, member.span), member.span)
                previous = value
        finally:
            self._scopes.pop()
        return make_object(entries, decl.span)

    def _namespace(self, namespace: Namespace, span: Span | None) -> Value:
        """A module namespace object: every export, in code-unit order of the names."""
        names = sorted(
            exported_names(self.program, namespace.module),
            key=lambda n: n.encode("utf-16-be", "surrogatepass"),
        )
        entries = []
        for name in names:
            target, decl = find_export(self.program, namespace.module, name, span)
            if isinstance(decl, (Interface, TypeAlias)):
                continue
            value = self._declared(target, decl, span)
            entries.append((name, value, namespace.span or value.span))
        return Object(tuple(entries), namespace.span or Span("", 0, 0, 0, 0))

    # -- expressions -------------------------------------------------------

    def expr(self, module: Module, node: Node) -> Value:
        """Evaluate one expression node."""
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise CodegenError(
                    f"expression is nested too deeply (more than {MAX_DEPTH} levels)",
                    module.source.span(node),
                )
            value = self._expr(module, node)
        except JSTypeError as error:
            raise CodegenError(str(error), module.source.span(node)) from None
        finally:
            self._depth -= 1
        if isinstance(value, Str) and len(value.value) > MAX_STRING:
            raise CodegenError(
                f"string is too long to mirror ({len(value.value):,} characters; "
                f"the limit is {MAX_STRING:,})",
                module.source.span(node),
            )
        return value

    def _expr(self, module: Module, node: Node) -> Value:
        node_kind = node.type
        handler = self._handlers.get(node_kind)
        if handler is not None:
            return handler(module, node)
        span = module.source.span(node)
        if node_kind in WRAPPERS:  # `(x)`, `x as T`, `x satisfies T`, `x!`; `<T>x` has T first
            children = node.named_children
            return self.expr(module, children[-1] if node_kind == "type_assertion" else children[0])
        if node_kind in CODE_EXPRESSIONS:
            return Code(span)
        if node_kind in ("true", "false"):
            return Bool(node_kind == "true", span)
        if node_kind == "null":
            return Null(span)
        if node_kind == "undefined":
            return Undefined(span)
        raise CodegenError(f"cannot evaluate {_describe(node)} statically", span)

    def _string(self, module: Module, node: Node) -> Value:
        return Str(string_literal(module.source, node), module.source.span(node))

    def _template_value(self, module: Module, node: Node) -> Value:
        return Str(self._template(module, node), module.source.span(node))

    def _number_value(self, module: Module, node: Node) -> Value:
        return self._number(module, node, module.source.span(node))

    def _number(self, module: Module, node: Node, span: Span) -> Value:
        try:
            return number_literal(module.source.text(node), span)
        except (LexicalError, ValueError) as exc:
            raise CodegenError(str(exc), span) from None

    def _template(self, module: Module, node: Node) -> str:
        parts: list[str] = []
        for child in node.named_children:
            if child.type == "string_fragment":  # raw CR LF and CR read as LF in templates
                parts.append(module.source.text(child).replace("\r\n", "\n").replace("\r", "\n"))
            elif child.type == "escape_sequence":
                try:
                    parts.append(decode_escape(module.source.text(child)))
                except LexicalError as exc:
                    raise CodegenError(str(exc), module.source.span(child)) from None
            elif child.type == "template_substitution":
                inner = self.expr(module, child.named_children[0])
                parts.append(to_string(inner))
        return join_utf16("".join(parts))

    def _identifier(self, module: Module, node: Node) -> Value:
        span = module.source.span(node)
        name = module.source.text(node)
        for scope in reversed(self._scopes):
            if name in scope:
                return scope[name]
        if name in _GLOBALS and name not in module.decls.bindings:
            if name == "undefined":
                return Undefined(span)
            return Num(math.nan if name == "NaN" else math.inf, span)
        declared = module.decls.bindings.get(name)
        if (
            isinstance(declared, VariableDecl)
            and declared.syntax is not None
            and node.start_byte < declared.syntax.start
        ):
            happens = (
                "reads `undefined` (the var is not assigned yet)"
                if declared.kind == "var"
                else f"throws a ReferenceError (the {declared.kind} is not initialized yet)"
            )
            raise CodegenError(
                f"`{name}` is read before its declaration, where JavaScript {happens}",
                span,
                (Note(f"`{name}` is declared here", declared.span),),
            )
        value = self.binding(module, name, span)
        if isinstance(value, Num):
            return Num(value.value, span, value.origin)
        root = self._root(module, name)
        return self._referred(value, Reference(root, ()), span) if root is not None else value

    def _array(self, module: Module, node: Node) -> Value:
        span = module.source.span(node)
        if any(_spreads_a_call(child) for child in node.named_children):
            return self._session(module).run(node, span)  # `[...gen()]`: any iterable
        items: list[Value] = []
        errors: ErrorCollector | None = None
        expect_item = True
        # Long arrays of look-alike entries: most are built from the first of their shape.
        shapes = (
            shape_cache.Shapes(module.source, partial(self.expr, module), self._depth)
            if node.named_child_count >= shape_cache.MIN_ITEMS and fastpaths.enabled()
            else None
        )
        for child in node.children:
            child_kind = child.type  # read once: each read makes a new string
            if child_kind == ",":
                if expect_item:
                    raise CodegenError(
                        "array holes (`[a, , b]`) are not supported", module.source.span(child)
                    )
                expect_item = True
                continue
            if child_kind == "comment" or not child.is_named:
                continue
            expect_item = False
            if child_kind == "spread_element":
                spread = self.expr(module, child.named_children[0])
                if isinstance(spread, Array):
                    items.extend(spread.items)
                elif isinstance(spread, Str):
                    items.extend(Str(ch, spread.span) for ch in spread.value)
                else:
                    raise CodegenError(
                        f"cannot spread {kind(spread)} into an array", module.source.span(child)
                    )
            else:
                value = shapes.evaluate(child) if shapes is not None else None
                if value is not None:
                    items.append(value)
                    continue
                try:
                    value = self.expr(module, child)
                except (CodegenError, CodegenErrors) as error:  # go on: report every bad item
                    errors = errors or ErrorCollector()
                    errors.record(error)
                    continue
                items.append(value)
                if shapes is not None:
                    shapes.learn(child, value)
        if errors is not None:
            errors.raise_if_any()
        return Array(tuple(items), span)

    def _object(self, module: Module, node: Node) -> Value:
        span = module.source.span(node)
        errors: ErrorCollector | None = None
        entries: dict[str, tuple[Value, Span]] = {}
        source = module.source
        for child in node.named_children:
            child_kind = child.type
            if child_kind == "comment":
                continue
            if child_kind == "pair":
                key_node = child.child_by_field_name("key")
                value_node = child.child_by_field_name("value")
                assert key_node is not None and value_node is not None
                if key_node.type == "property_identifier":  # the common case, inline
                    key = source.data[key_node.start_byte : key_node.end_byte].decode("utf-8")
                else:
                    key = self._property_key(module, key_node)
                if key == "__proto__" and key_node.type != "computed_property_name":
                    raise CodegenError(
                        "a `__proto__:` key sets the object's prototype in JavaScript, not a "
                        "property; codegen refuses it",
                        source.span(key_node),
                    )
                try:
                    entries[key] = (self.expr(module, value_node), source.span(key_node))
                except (CodegenError, CodegenErrors) as error:  # go on: report every bad field
                    errors = errors or ErrorCollector()
                    errors.record(error)
            elif child_kind == "shorthand_property_identifier":
                name = source.text(child)
                entries[name] = (
                    self._identifier(module, child),
                    source.span(child),
                )
            elif child_kind == "method_definition":
                name_node = child.child_by_field_name("name")
                assert name_node is not None
                if any(c.type in ("get", "set") for c in child.children):
                    raise CodegenError(
                        "getters and setters are not evaluated statically", source.span(child)
                    )
                key = self._property_key(module, name_node)
                entries[key] = (Code(source.span(child)), source.span(name_node))
            elif child_kind == "spread_element":
                spread = self.expr(module, child.named_children[0])
                if isinstance(spread, Object):
                    for name, value, key_span in spread.entries:
                        entries[name] = (value, key_span)
                elif isinstance(spread, Array):
                    for index, value in enumerate(spread.items):
                        entries[str(index)] = (value, value.span)
                elif isinstance(spread, Str):
                    for index, char in enumerate(spread.value):
                        entries[str(index)] = (Str(char, spread.span), spread.span)
                elif not isinstance(spread, (Null, Undefined, Bool, Num, BigInt)):
                    raise CodegenError(
                        f"cannot spread {kind(spread)} into an object", source.span(child)
                    )
            else:
                raise CodegenError(
                    f"cannot evaluate {_describe(child)} in an object literal", source.span(child)
                )
        if errors is not None:
            errors.raise_if_any()
        return make_object(entries, span)

    def _property_key(self, module: Module, node: Node) -> str:
        node_kind = node.type
        if node_kind in ("property_identifier", "private_property_identifier"):
            return module.source.text(node)
        if node_kind == "string":
            return string_literal(module.source, node)
        if node_kind == "number":
            return property_key(self._number(module, node, module.source.span(node)))
        if node_kind == "computed_property_name":
            return property_key(self.expr(module, node.named_children[0]))
        raise CodegenError(
            f"cannot evaluate {_describe(node)} as a property name", module.source.span(node)
        )

    def _unary(self, module: Module, node: Node) -> Value:
        span = module.source.span(node)
        operator = node.child_by_field_name("operator")
        argument = node.child_by_field_name("argument")
        assert operator is not None and argument is not None
        op = module.source.text(operator)
        if op in ("delete", "await"):
            raise CodegenError(f"cannot evaluate `{op}` statically", span)
        value = self.expr(module, argument)
        if op == "!":
            return Bool(not truthy(value), span)
        if op == "typeof":
            return Str(typeof(value), span)
        if op == "void":
            return Undefined(span)
        if isinstance(value, BigInt):
            if op == "-":
                return BigInt(-value.value, span)
            if op == "~":
                return BigInt(~value.value, span)
            raise CodegenError("unary `+` is not defined on bigints", span)
        if op == "-" and isinstance(value, Num):
            return Num(
                -value.value, span, Negate(value.origin) if value.origin is not None else None
            )
        if op == "+" and isinstance(value, Num):
            return Num(value.value, span, value.origin)
        number = to_number(value)
        if op == "-":
            return Num(-number, span)
        if op == "+":
            return Num(number, span)
        if op == "~":
            return Num(float(~to_int32(number)), span)
        raise CodegenError(f"cannot evaluate unary `{op}` statically", span)

    def _binary(self, module: Module, node: Node) -> Value:
        span = module.source.span(node)
        operator = node.child_by_field_name("operator")
        left_node = node.child_by_field_name("left")
        right_node = node.child_by_field_name("right")
        assert operator is not None and left_node is not None and right_node is not None
        op = module.source.text(operator)
        if op in ("in", "instanceof"):  # the engine knows prototypes; run once, whole
            return self._session(module).run(node, span)
        left = self.expr(module, left_node)
        if op in ("&&", "||", "??"):  # short-circuit: the right side may never run
            if op == "&&":
                return self.expr(module, right_node) if truthy(left) else left
            if op == "||":
                return left if truthy(left) else self.expr(module, right_node)
            return self.expr(module, right_node) if isinstance(left, (Null, Undefined)) else left
        right = self.expr(module, right_node)
        if op in _COMPARISONS:
            return Bool(compare(op, left, right), span)
        if op in _EQUALITIES:
            equal = (
                strict_equals(left, right) if op in ("===", "!==") else loose_equals(left, right)
            )
            return Bool(equal == _EQUALITIES[op], span)
        result = arithmetic(op, left, right, span)
        if (
            isinstance(result, Num)
            and op in _EXACT_INT_OPS
            and isinstance(left, Num)
            and isinstance(right, Num)
            and left.origin is not None
            and right.origin is not None
        ):
            origin: Origin = BinaryOp(op, left.origin, right.origin)
            return Num(result.value, span, origin)
        return result

    def _ternary(self, module: Module, node: Node) -> Value:
        condition = node.child_by_field_name("condition")
        consequence = node.child_by_field_name("consequence")
        alternative = node.child_by_field_name("alternative")
        assert condition is not None and consequence is not None and alternative is not None
        chosen = consequence if truthy(self.expr(module, condition)) else alternative
        return self.expr(module, chosen)

    def _member(self, module: Module, node: Node) -> Value:
        span = module.source.span(node)
        object_node = node.child_by_field_name("object")
        assert object_node is not None
        if object_node.type == "identifier" and self._engine_global(module, object_node):
            return self._session(module).run(node, span)  # `Number.MAX_SAFE_INTEGER`
        optional = node.child_by_field_name("optional_chain") is not None
        if node.type == "member_expression":
            property_node = node.child_by_field_name("property")
            assert property_node is not None
            key = module.source.text(property_node)
            key_span = module.source.span(property_node)
        else:
            index_node = node.child_by_field_name("index")
            assert index_node is not None
            key = property_key(self.expr(module, index_node))
            key_span = module.source.span(index_node)
        namespace = self._namespace_of(module, object_node)
        if namespace is not None:
            try:
                return self.export(namespace.module, key, key_span)
            except CodegenError as error:
                raise error.with_note(
                    Note(f"through the namespace `{namespace.name}`", span)
                ) from None
        target = self.expr(module, object_node)
        chained = object_node.type in ("member_expression", "subscript_expression")
        if isinstance(target, (Null, Undefined)) and (
            optional or (chained and id(target) in self._short)
        ):
            # `a?.b` is undefined when `a` is nullish, and so is the rest of the chain `a?.b.c`
            # (but not `(a?.b).c`: parentheses end the chain)
            short = Undefined(span)
            self._short.add(id(short))
            self._short_values.append(short)
            return short
        if isinstance(target, (*OPAQUE, Code)):  # `TAGS.size`, `Widget.name`: the engine knows
            return self._session(module).run(node, span)
        found = member(target, key, key_span)
        if id(found) in self._short:
            # A stored `a?.b` read back (`X[0].b`): the chain that made it has ended.
            return Undefined(found.span)
        read_from = self.references.get(id(target))
        if read_from is None and object_node.type == "identifier":
            root = self._root(module, module.source.text(object_node))
            read_from = (target, Reference(root, ())) if root is not None else None
        if read_from is not None and not isinstance(found, (Undefined, Code)):
            reference = read_from[1]
            return self._referred(found, Reference(reference.root, (*reference.path, key)), span)
        return found

    def _session(self, module: Module) -> Session:
        """The module's engine session, made on first use."""
        session = self._sessions.get(module.key)
        if session is None:
            session = self._sessions[module.key] = Session(self, module)
        return session

    def _engine_global(self, module: Module, node: Node) -> bool:
        """Whether an identifier names a JavaScript global only the engine knows (`Number`)."""
        name = module.source.text(node)
        return engine_global(module, name) and not any(name in scope for scope in self._scopes)

    def _new(self, module: Module, node: Node) -> Value:
        return self._session(module).run(node, module.source.span(node))

    def _package_function(self, module: Module, function: Node) -> tuple[str, str] | None:
        """(name, package) of a function imported from a package (not a relative path):
        `defineChain` of `import { defineChain } from "viem"`, or `viem.defineChain` of
        `import * as viem from "viem"`."""
        if function.type == "identifier":
            binding = module.decls.bindings.get(module.source.text(function))
            if _from_package(binding) and binding.imported not in ("*", "default"):
                return binding.imported, binding.module
        if function.type == "member_expression":
            target = function.child_by_field_name("object")
            field_node = function.child_by_field_name("property")
            if target is not None and field_node is not None and target.type == "identifier":
                binding = module.decls.bindings.get(module.source.text(target))
                if _from_package(binding) and binding.imported == "*":
                    return module.source.text(field_node), binding.module
        return None

    def _root(self, module: Module, name: str) -> tuple[str, str] | None:
        """The declaration key of the module-level const or enum a bare name reads, or None
        (a local, an import's namespace, anything else)."""
        if any(name in scope for scope in self._scopes):
            return None
        try:
            where, decl = find_local(self.program, module, name, None)
        except CodegenError:
            return None
        if isinstance(decl, (VariableDecl, EnumDecl)):
            return (where.key, decl.name)
        return None

    def _referred(self, value: Value, reference: Reference, span: Span) -> Value:
        """A copy of a value read from a const, remembered with where it was read from."""
        copy: Value
        if isinstance(value, Str):
            copy = Str(value.value, value.span)
        elif isinstance(value, Num):
            copy = Num(value.value, value.span, value.origin)
        elif isinstance(value, Bool):
            copy = Bool(value.value, value.span)
        elif isinstance(value, (Array, Object)):
            # Not copied: objects compare by identity (`L === BOUNDS`). Only reads of their
            # members are kept as reads; this records where the object can be found.
            self.references.setdefault(id(value), (value, reference))
            return value
        else:
            return value
        self.references[id(copy)] = (copy, reference)
        return copy

    def _namespace_of(self, module: Module, node: Node) -> Namespace | None:
        """The namespace an identifier names (`ns` of `ns.A`), if it is one."""
        if node.type != "identifier":
            return None
        name = module.source.text(node)
        if any(name in scope for scope in self._scopes) or name not in module.decls.bindings:
            return None
        _, decl = find_local(self.program, module, name, module.source.span(node))
        return decl if isinstance(decl, Namespace) else None

    def _call(self, module: Module, node: Node) -> Value:
        """Calls are refused, except `Object.freeze(x)`, which is `x` for our purposes."""
        span = module.source.span(node)
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if (
            function is not None
            and arguments is not None
            and module.source.text(function) == "Object.freeze"
            and "Object" not in module.decls.bindings
            and arguments.type == "arguments"
            and arguments.named_child_count == 1
            and arguments.named_children[0].type != "spread_element"
        ):
            return self.expr(module, arguments.named_children[0])
        package = self._package_function(module, function) if function is not None else None
        if package is None and arguments is not None:  # a call, or a tagged template
            return self._session(module).run(node, span)  # the engine, only for such a file
        if package is not None and arguments is not None and arguments.type == "arguments":
            name, where = package
            given = [a for a in arguments.named_children if a.type != "comment"]
            if name in self.identity_functions:
                if not given or given[0].type == "spread_element":
                    raise CodegenError(
                        f"`{name}` is an identity function (config), so its call needs a first "
                        "argument",
                        span,
                    )
                return self.expr(module, given[0])
            raise CodegenError(
                f"cannot evaluate a call to `{name}`, from the package `{where}`, statically; "
                f"if it returns its first argument (as `define*` and `create*` helpers do), "
                f'add it to the config: identity-functions = ["{name}"]',
                span,
            )
        what = (
            "a tagged template"
            if arguments is not None and arguments.type == "template_string"
            else "a function call"
        )
        callee = module.source.text(function)[:40] if function is not None else "?"
        raise CodegenError(f"cannot evaluate {what} (`{callee}`) statically", span)


# What every plain object inherits: reading one of these is not `undefined`.
_INHERITED = frozenset(
    {
        "constructor",
        "__proto__",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "toString",
        "valueOf",
    }
)


def _spreads_a_call(node: Node) -> bool:
    """`...f()` or `...new X()`: what it spreads is an iterable only the engine knows."""
    return (
        node.type == "spread_element"
        and node.named_child_count > 0
        and node.named_children[0].type in ("call_expression", "new_expression")
    )


class _ReadsChanged(Exception):
    """A value being evaluated statically read one that its module changes as it loads: the
    outermost value of that module being evaluated comes from the module's run instead."""

    def __init__(self, module: str) -> None:
        super().__init__(module)
        self.module = module


def _from_package(binding: object) -> TypeGuard[ImportBinding]:
    """Whether a binding is an import from a package (a bare specifier, not `./x`)."""
    return isinstance(binding, ImportBinding) and not binding.module.startswith(".")


def make_object(entries: dict[str, tuple[Value, Span]], span: Span) -> Object:
    """An object of these properties, in JS property order (integer-like keys first)."""
    ordered = list(entries.items())
    if any(key[:1].isdigit() for key in entries):  # only index-like keys move
        ordered.sort(key=lambda item: property_order(item[0]))
    return Object(tuple((name, value, key_span) for name, (value, key_span) in ordered), span)


def member(target: Value, key: str, span: Span) -> Value:
    """`target[key]`, as JS reads it: a missing property is `undefined`."""
    if isinstance(target, Object):
        found = target.get(key)
        if found is None and key in _INHERITED:
            raise CodegenError(
                f"`{key}` is inherited from `Object.prototype` (a function or an object), "
                "which codegen does not evaluate statically",
                span,
            )
        return found if found is not None else Undefined(span)
    if isinstance(target, (Array, Str)):
        if isinstance(target, Array):
            length = len(target.items)
        else:
            length = len(target.value.encode("utf-16-le", "surrogatepass")) // 2
        if key == "length":
            return Num(float(length), span)
        if key.isascii() and key.isdigit() and str(int(key)) == key and int(key) < length:
            if isinstance(target, Array):
                return target.items[int(key)]
            units = target.value.encode("utf-16-le", "surrogatepass")
            unit = units[2 * int(key) : 2 * int(key) + 2]
            return Str(unit.decode("utf-16-le", "surrogatepass"), span)
        if key.isdigit() or key.lstrip("-").replace(".", "", 1).isdigit() or not key.isidentifier():
            return Undefined(span)
        raise CodegenError(
            f"cannot evaluate the `{key}` property of {kind(target)} statically", span
        )
    if isinstance(target, (Null, Undefined)):
        raise CodegenError(f"cannot read property `{key}` of {kind(target)}", span)
    raise CodegenError(f"cannot evaluate the `{key}` property of {kind(target)} statically", span)


def _describe(node: Node) -> str:
    names = {
        "call_expression": "a function call",
        "new_expression": "a `new` expression",
        "await_expression": "an `await` expression",
        "assignment_expression": "an assignment",
        "augmented_assignment_expression": "an assignment",
        "update_expression": "an update expression (`++`/`--`)",
        "this": "`this`",
        "super": "`super`",
        "regex": "a regular expression",
        "sequence_expression": "a comma expression",
        "yield_expression": "a `yield` expression",
    }
    return names.get(node.type, f"`{node.type.replace('_', ' ')}`")
