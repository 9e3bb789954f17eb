"""Stage 3, evaluate: the module-level values that some code may change after their declaration.

codegen mirrors a const by its initializer, which is its value only if nothing changes it later.
This analysis refuses when in doubt. It is flow-insensitive and ignores scopes: a name means
every binding of that name in the file, and a value may change when anything that may reach it
is assigned through, deleted, incremented, has a method called on it that is not known never to
mutate, or is passed to a function that is not. Mutations inside function bodies count whether
or not the function is ever called.

Speed: a registry of 10,000 entries must not pay for a walk over its syntax tree. A few byte
scans find every place a mutation could start (`=`, `++`, `--`, `delete`, `${`, and a `(` that
may open arguments); only those places, and the names they lead to, are looked at in the tree.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass

from tree_sitter import Node

from codegen.errors import CodegenError, Note, Span
from codegen.input.declarations import Binding, EnumDecl, ImportBinding, VariableDecl
from codegen.input.parse import SourceFile
from codegen.input.program import (
    Module,
    Namespace,
    Program,
    exported_names,
    find_export,
    find_local,
)
from codegen.input.rules import WRAPPERS


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Methods that never change their receiver or their arguments (of the built-in types that have
# them); those that call back are in _CALLBACK_METHODS too, since the callback sees the values.
_CALLBACK_METHODS = _names(
    "map filter find findIndex findLast findLastIndex some every reduce reduceRight forEach "
    "flatMap replace replaceAll toSorted"
)
_ALLOWED_METHODS = _CALLBACK_METHODS | _names(
    "slice concat join includes indexOf lastIndexOf keys values entries at flat toString "
    "toLocaleString valueOf hasOwnProperty propertyIsEnumerable toFixed toPrecision "
    "toExponential charAt charCodeAt codePointAt startsWith endsWith padStart padEnd trim "
    "trimStart trimEnd toUpperCase toLowerCase split substring repeat match matchAll search "
    "localeCompare normalize has get toReversed toSpliced with"
)
# Methods of the built-in types that change their receiver only, not the values inside it.
_SHALLOW_MUTATORS = _names(
    "push pop shift unshift splice sort reverse fill copyWithin set add delete clear"
)
# Global functions by what they do to their arguments, when the global is not shadowed.
_PURE, _CALLBACK, _FIRST = "pure", "callback", "first"
_GLOBAL_FUNCTIONS = {
    **dict.fromkeys(
        _names(
            "Object.freeze Object.isFrozen Object.isSealed Object.isExtensible Object.keys "
            "Object.values Object.entries Object.getOwnPropertyNames Object.getPrototypeOf "
            "Object.getOwnPropertyDescriptor Object.getOwnPropertyDescriptors "
            "Object.fromEntries Object.is Object.hasOwn Array.isArray Array.of String Number "
            "Boolean BigInt Symbol parseInt parseFloat isNaN isFinite Number.isInteger "
            "Number.isFinite Number.isNaN Number.isSafeInteger Number.parseFloat "
            "Number.parseInt String.raw String.fromCharCode String.fromCodePoint "
            "encodeURIComponent decodeURIComponent encodeURI decodeURI structuredClone "
            "JSON.parse"
        ),
        _PURE,
    ),
    **dict.fromkeys(_names("Array.from JSON.stringify"), _CALLBACK),
    **dict.fromkeys(
        _names(
            "Object.assign Object.defineProperty Object.defineProperties Object.setPrototypeOf "
            "Object.preventExtensions Object.seal"
        ),
        _FIRST,
    ),
}
_PURE_GLOBAL_OBJECTS = _names("Math")  # every function of theirs is pure
_PURE_CONSTRUCTORS = _names(
    "Set Map WeakSet WeakMap Date Error TypeError RangeError RegExp URL URLSearchParams"
)
_WRAPPERS = WRAPPERS
_MEMBERS = _names("member_expression subscript_expression")
_FUNCTIONS = _names(
    "function_declaration generator_function_declaration function_expression function "
    "generator_function method_definition"
)
_CALLABLE_ARGUMENTS = _FUNCTIONS | {"arrow_function"}
_CLASSES = _names("class class_declaration abstract_class_declaration")
_INERT = _names("string number true false null undefined object array regex")
# Values built inside these hold what they mention, but are not it.
_NEW_VALUES = _CALLABLE_ARGUMENTS | {"object", "array", "class", "template_string"}
_NOT_VALUES = _names(
    "property_identifier type_annotation type_arguments type_parameters type_query string "
    "comment number regex"
)
_PATTERNS = _names(
    "object_pattern array_pattern pair_pattern object_assignment_pattern assignment_pattern "
    "rest_pattern"
)
_ASSIGNMENTS = _names("assignment_expression augmented_assignment_expression")
# Calls whose result is a new value (holding parts of what they are given, at most).
_FRESH_METHODS = _names(
    "slice concat map filter flat flatMap toSorted toReversed toSpliced with keys values "
    "entries split join toString"
)
_NAME_NODES = frozenset({"identifier", "type_identifier"})
_NAME_CHAR = rb"[\w$\x80-\xff]"
# Every place where a mutation may start, as (pattern, width of the token to look up).
_CANDIDATES = (
    (re.compile(rb"=(?:(?<![=!<>]=)|(?<=[<>][<>]=))(?![=>])"), 1),
    (re.compile(rb"\+\+"), 2),
    (re.compile(rb"--"), 2),
    (re.compile(rb"delete(?<!" + _NAME_CHAR + rb"delete)(?!" + _NAME_CHAR + rb")"), 6),
    (re.compile(rb"\$\{"), 2),  # a tagged template passes its substitutions to the tag
    (  # `(` after anything that can end a callee, or on a line of its own
        re.compile(
            rb"\((?:(?<=[\w$)\]}.!`'\"/>\x80-\xff\n\r]\()(?<!=>\()"
            rb"|(?<=[^:,=(\[{;?&|+\-*%<^~\s][ \t]\()(?<!=>[ \t]\()|(?<=\s\s\())"
        ),
        1,
    ),
)
_THROW = re.compile(rb"throw(?<!" + _NAME_CHAR + rb"throw)(?!" + _NAME_CHAR + rb")")
_RECEIVERS, _ALL, _THROWN = "%receivers", "%all", "%thrown"  # names no identifier can have


@dataclass(frozen=True)
class Mutation:
    """A place where code may change a value, and what it does there; `start` is its byte
    offset, and `in_code` whether it lies inside a function or class (it runs when called)."""

    span: Span
    what: str  # "this assignment to `ru_RU.strings`"
    start: int = -1
    in_code: bool = False

    def refusal(self, name: str, declared: Span | None) -> CodegenError:
        """The error for evaluating `name`, which this mutation may change."""
        return CodegenError(
            f"`{name}` may be changed after its declaration, by {self.what}; "
            "codegen mirrors only values that never change",
            self.span,
            (Note(f"`{name}` is declared here", declared),),
        )


def module_mutations(
    source: SourceFile, bindings: Mapping[str, Binding], enums: frozenset[str] = frozenset()
) -> tuple[dict[str, tuple[Mutation, ...]], set[str]]:
    """Module-level names whose value may change, each with every mutation in the file that may
    reach it, in order; and the imported names the file calls (their modules' code may change
    values too)."""
    analysis = _Analysis(source, bindings, enums)
    return analysis.mutations(), analysis.called_imports


class MutationGuard:
    """Refuses a declaration that code in its module, or in a loaded module, may change.

    Each loaded module is analysed once. A module loaded after one of the values it changes was
    evaluated ends the run with the same refusal. Modules that import a value but are never
    loaded (nothing evaluated reaches them) cannot be seen.
    """

    def __init__(self, program: Program) -> None:
        self._program = program
        self._analysed: set[str] = set()
        self._found: dict[tuple[str, str], tuple[tuple[Mutation, ...], Span | None]] = {}

    def check(self, module: Module, name: str, evaluated: Container[tuple[str, str]]) -> None:
        """Raise the refusal if `name` of `module` may change; look at new modules first."""
        found = self.changes(module, name, evaluated)
        if found:
            raise found[0].refusal(name, module.decls.bindings[name].span)

    def changes(
        self, module: Module, name: str, evaluated: Container[tuple[str, str]]
    ) -> tuple[Mutation, ...]:
        """Every place that may change `name` of `module`, in any loaded module (looked at
        first); empty when nothing may."""
        self.scan(evaluated)
        return self._found.get((module.key, name), ((), None))[0]

    def scan(self, evaluated: Container[tuple[str, str]]) -> None:
        """Analyse every module loaded since the last call (cheap when there is none)."""
        modules = self._program.modules()
        while len(self._analysed) < len(modules):
            for module in modules:
                if module.key not in self._analysed:
                    self._analysed.add(module.key)
                    self._analyse(module, evaluated)
            modules = self._program.modules()

    def _analyse(self, module: Module, evaluated: Container[tuple[str, str]]) -> None:
        changed, called = module_mutations(
            module.source, module.decls.bindings, self._enums(module)
        )
        for local, mutations in changed.items():
            for target, name, declared in self._targets(module, local):
                key = (target.key, name)
                earlier = self._found.get(key, ((), None))[0]
                self._found[key] = (earlier + mutations, declared)
                if key in evaluated:  # used already: the whole run is refused
                    raise mutations[0].refusal(name, declared)
        for local in sorted(called):  # load what they call, so that its code is analysed too
            self._targets(module, local)

    def _enums(self, module: Module) -> frozenset[str]:
        """The module-level names of a module that are enums, its own or imported: their
        members are numbers and strings, which nothing can change."""
        found = set()
        for name, binding in module.decls.bindings.items():
            declared: object = binding
            if isinstance(binding, ImportBinding) and binding.module.startswith("."):
                with contextlib.suppress(CodegenError):
                    declared = find_local(self._program, module, name, None)[1]
            if isinstance(declared, EnumDecl):
                found.add(name)
        return frozenset(found)

    def _targets(self, module: Module, local: str) -> list[tuple[Module, str, Span | None]]:
        """The declarations a module-level name stands for (through imports)."""
        binding = module.decls.bindings.get(local)
        if isinstance(binding, (VariableDecl, EnumDecl)):
            return [(module, local, binding.span)]
        if not isinstance(binding, ImportBinding):
            return []
        try:
            target, decl = find_local(self._program, module, local, binding.span)
            if isinstance(decl, Namespace):
                found: list[tuple[Module, str, Span | None]] = []
                for name in exported_names(self._program, decl.module):
                    each, exported = find_export(self._program, decl.module, name, None)
                    if isinstance(exported, (VariableDecl, EnumDecl)):
                        found.append((each, exported.name, exported.span))
                return found
        except CodegenError:  # a package, a missing file: nothing codegen evaluates
            return []
        if isinstance(decl, (VariableDecl, EnumDecl)):
            return [(target, decl.name, decl.span)]
        return []


class _Analysis:
    """One file's mutation sites, the names they may reach, and which are module-level.

    Names are linked two ways: `a` *is* part of `b` (`const a = b.x`, a callback's parameter
    and the array it walks) or `a` *holds* `b` (`const a = { x: b }`, `a.x = b`). Changing a
    property of `a` changes what `a` is part of; changing something deeper (`a.x.y = 1`, or an
    unknown method or function given `a`) changes everything `a` holds too.
    """

    def __init__(
        self, source: SourceFile, bindings: Mapping[str, Binding], enums: frozenset[str]
    ) -> None:
        self.source = source
        self.enums = enums  # `E.A` of these is a number or a string: part of nothing
        self.root = source.tree.root_node
        self.bindings = bindings
        self.module_names = {
            name
            for name, binding in bindings.items()
            if isinstance(binding, (VariableDecl, EnumDecl, ImportBinding))
        }
        self.called_imports: set[str] = set()
        self._marks: list[tuple[frozenset[str], bool, Mutation]] = []
        self._is_part: dict[str, set[str]] = {}  # callbacks' parameters: the values they see
        self._holds: dict[str, set[str]] = {}  # `a.x = b`, `Object.assign(a, b)`
        self._receivers: set[str] = set()  # receivers of allowed method calls: `this` there
        self._binders: dict[str, list[Node]] = {}
        self._edges: dict[str, tuple[set[str], set[str], set[str]]] = {}
        for node in self._sites():
            self._site(node)

    # -- finding the sites ---------------------------------------------------

    def _sites(self) -> list[Node]:
        data = self.source.data
        found: dict[tuple[int, int, str], Node] = {}
        for pattern, width in _CANDIDATES:
            for match in pattern.finditer(data):
                site = self._site_at(match.start(), width)
                if site is not None:
                    found[(site.start_byte, site.end_byte, site.type)] = site
        return [found[key] for key in sorted(found)]

    def _site_at(self, start: int, width: int) -> Node | None:
        token = self.root.descendant_for_byte_range(start, start + width)
        parent = token.parent if token is not None else None
        if token is None or parent is None or token.is_named:
            return None
        kind, parent_kind = token.type, parent.type
        if parent_kind in ("assignment_expression", "augmented_assignment_expression"):
            return parent if kind.endswith("=") else None
        if parent_kind == "update_expression" or (
            parent_kind == "unary_expression" and kind == "delete"
        ):
            return parent
        if kind == "(" and parent_kind == "arguments":
            return parent.parent
        if kind == "${" and parent_kind == "template_substitution":
            template = parent.parent
            call = template.parent if template is not None else None
            if call is not None and call.type == "call_expression":
                return call
        return None

    # -- what each site does ---------------------------------------------------

    def _site(self, node: Node) -> None:
        kind = node.type
        if kind == "call_expression":
            self._call(node)
        elif kind == "new_expression":
            constructor = node.child_by_field_name("constructor")
            name = self._text(constructor) if constructor is not None else ""
            if not (name in _PURE_CONSTRUCTORS and self._is_global(name)):
                args = node.child_by_field_name("arguments")
                roots = self._roots(args) if args is not None else set()
                self._mark(roots, True, node, f"this `new {name[:40]}`, which is given it")
        else:
            field = "argument" if kind in ("update_expression", "unary_expression") else "left"
            target = node.child_by_field_name(field)
            assert target is not None
            operator = node.child_by_field_name("operator")
            op = self._text(operator) if operator is not None else "="
            shown = self._text(target)[:40]
            what = {
                "=": f"this assignment to `{shown}`",
                "delete": f"this `delete` of `{shown}`",
            }.get(op, f"this `{op}` on `{shown}`")
            value = node.child_by_field_name("right")
            self._target(target, node, what, value)

    def _target(self, target: Node, site: Node, what: str, value: Node | None) -> None:
        target = _unwrap(target)
        kind = target.type
        if kind in _MEMBERS:
            roots = self._change(target.child_by_field_name("object"), True, site, what)
            if value is not None:
                stored = self._roots(value)
                for root in roots:
                    self._holds.setdefault(root, set()).update(stored)
        elif kind == "identifier":
            name = self._text(target)
            binding = self.bindings.get(name)
            constant = isinstance(binding, ImportBinding) or (
                isinstance(binding, VariableDecl) and binding.kind == "const"
            )
            declared = [
                binder
                for binder in self._binders_of(name)
                if binder.parent is None or binder.parent.type not in _ASSIGNMENTS
            ]
            if constant and len(declared) == 1:  # no other declaration shadows it
                self._mark({name}, False, site, what)
        elif kind in _PATTERNS:
            for child in target.named_children:
                if kind in ("object_assignment_pattern", "assignment_pattern"):
                    if child == target.child_by_field_name("right"):
                        continue  # a default value, read
                elif kind == "pair_pattern" and child == target.child_by_field_name("key"):
                    continue
                self._target(child, site, what, value)

    def _change(self, owner: Node | None, shallow: bool, site: Node, what: str) -> set[str]:
        """Mark what a change to the properties of `owner` (with `shallow`, to nothing deeper)
        may change; return the names `owner` stands for."""
        if owner is None:
            return set()
        node = _unwrap(owner)
        if node.type == "identifier":
            roots, deep = {self._text(node)}, not shallow
        elif node.type == "this":
            roots, deep = self._this(node), not shallow
        elif node.type in ("object", "array"):  # a new object: only what it holds is not new
            roots, deep = (set() if shallow else self._roots(node)), True
        else:
            roots, deep = self._base(node), True
        self._mark(roots, deep, site, what)
        return roots

    def _call(self, node: Node) -> None:
        function = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        assert function is not None and arguments is not None
        if arguments.type == "template_string":
            args = [
                child.named_children[0]
                for child in arguments.named_children
                if child.type == "template_substitution" and child.named_child_count
            ]
        else:
            args = [child for child in arguments.named_children if child.type != "comment"]
        callee = _unwrap(function)
        label = self._text(function)[:40]
        behaviour: str | None = None
        if callee.type == "identifier":
            name = self._text(callee)
            if isinstance(self.bindings.get(name), ImportBinding):
                self.called_imports.add(name)
            behaviour = _GLOBAL_FUNCTIONS.get(name) if self._is_global(name) else None
        elif callee.type == "member_expression":
            target = callee.child_by_field_name("object")
            method = callee.child_by_field_name("property")
            assert target is not None and method is not None
            if target.type == "identifier" and self._is_global(self._text(target)):
                owner = self._text(target)
                behaviour = _PURE if owner in _PURE_GLOBAL_OBJECTS else None
                behaviour = _GLOBAL_FUNCTIONS.get(f"{owner}.{self._text(method)}", behaviour)
            name = self._text(method)
            if target.type == "identifier" and self._namespace_import(self._text(target)):
                # `ns.f(x)`: a function of another module (analysed when loaded) is called;
                # a module namespace object itself never changes
                self.called_imports.add(self._text(target))
                self._mark(self._roots_of(args), True, node, what(label))
                return
            if behaviour is None and method.type == "property_identifier":
                if name in _ALLOWED_METHODS:
                    receiver = self._base(target)
                    self._receivers.update(receiver)
                    if name in _CALLBACK_METHODS:
                        position = 1 if name in ("replace", "replaceAll") else 0
                        self._callbacks(node, label, receiver, args, position)
                    return
                shallow = name in _SHALLOW_MUTATORS  # `push` stores its arguments, no more
                receiver = self._change(target, shallow, node, what(label))
                if shallow:
                    for root in receiver:
                        self._holds.setdefault(root, set()).update(self._roots_of(args))
                else:
                    self._mark(self._roots_of(args), True, node, what(label))
                return
        if behaviour == _PURE:
            return
        if behaviour == _CALLBACK:
            self._receivers.update(self._roots_of(args))  # `toJSON` is called on them
            self._callbacks(node, label, set(), args, 1)  # `Array.from(x, f)`
        elif behaviour == _FIRST and args:
            first = self._change(args[0], True, node, what(label))
            rest = self._roots_of(args[1:])
            for root in first:
                self._holds.setdefault(root, set()).update(rest)
        else:
            callee_roots = self._base(callee) if callee.type in _MEMBERS else set()
            self._mark(callee_roots | self._roots_of(args), True, node, what(label))

    def _namespace_import(self, name: str) -> bool:
        binding = self.bindings.get(name)
        return isinstance(binding, ImportBinding) and binding.imported == "*"

    def _callbacks(
        self, node: Node, label: str, receiver: set[str], args: list[Node], position: int
    ) -> None:
        """A call that calls back the argument at `position` with the receiver, the others and
        their parts: the callback's parameters are parts of them."""
        if position >= len(args):
            return
        callback = _unwrap(args[position])
        given = receiver | self._roots_of(args[:position] + args[position + 1 :])
        if callback.type == "identifier":
            name = self._text(callback)
            if _GLOBAL_FUNCTIONS.get(name) == _PURE and self._is_global(name):
                return  # `.filter(Boolean)`
            callback = self._local_function(name) or callback
        if callback.type in _CALLABLE_ARGUMENTS:
            for parameter in self._parameters(callback):
                self._is_part.setdefault(parameter, set()).update(given)
        elif callback.type not in _INERT and callback.type != "template_string":
            message = f"{what(label)}, whose callback may change what it is given"
            self._mark(given, True, node, message)

    def _mark(self, roots: Iterable[str], deep: bool, site: Node, what: str) -> None:
        names = frozenset(roots)
        if names:
            in_code = False
            parent = site.parent
            while parent is not None and not in_code:
                in_code = parent.type in _CALLABLE_ARGUMENTS or parent.type in _CLASSES
                parent = parent.parent
            mutation = Mutation(self.source.span(site), what, site.start_byte, in_code)
            self._marks.append((names, deep, mutation))

    # -- names and what they may reach -----------------------------------------

    def mutations(self) -> dict[str, tuple[Mutation, ...]]:
        """Module-level names that may change, each with its mutations in order."""
        found: dict[str, tuple[Mutation, ...]] = {}
        closures: dict[tuple[frozenset[str], bool], set[str]] = {}
        for roots, deep, mutation in self._marks:
            reached = closures.get((roots, deep))
            if reached is None:
                reached = closures[(roots, deep)] = self._closure(roots, deep)
            for name in sorted(reached & self.module_names):
                found[name] = (*found.get(name, ()), mutation)
        return found

    def _closure(self, roots: Iterable[str], deep: bool) -> set[str]:
        """The names a change to `roots` may change: what they are, what they are inside of,
        and (for a change below their own properties, or once inside) what those hold."""
        seen = {(root, deep) for root in roots}
        stack = list(seen)
        while stack:
            name, deep = stack.pop()
            same, inside, holds = self._edges_of(name)
            for following in (
                *((each, deep) for each in same),
                *((each, True) for each in inside),
                *((each, True) for each in (holds if deep else ())),
            ):
                if following not in seen:
                    seen.add(following)
                    stack.append(following)
        return {name for name, _ in seen}

    def _edges_of(self, name: str) -> tuple[set[str], set[str], set[str]]:
        """The names `name` may be, may be inside of, and may hold."""
        edges = self._edges.get(name)
        if edges is not None:
            return edges
        same: set[str] = set()
        inside = set(self._is_part.get(name, ()))
        holds = set(self._holds.get(name, ()))
        if name == _RECEIVERS:
            inside.update(self._receivers)
        elif name == _ALL:
            inside.update(self.module_names)
        elif name == _THROWN:
            for match in _THROW.finditer(self.source.data):
                token = self.root.descendant_for_byte_range(match.start(), match.end())
                statement = token.parent if token is not None else None
                if statement is not None and statement.type == "throw_statement":
                    inside.update(self._roots(statement))
        else:
            for binder in self._binders_of(name):
                bound = self._bound_to(binder)
                if bound is not None:
                    same.update(bound[0])
                    inside.update(bound[1])
                    holds.update(bound[2])
        self._edges[name] = same, inside, holds
        return same, inside, holds

    def _binders_of(self, name: str) -> list[Node]:
        """Every node that binds `name` in the file (declarations, parameters, imports)."""
        found = self._binders.get(name)
        if found is not None:
            return found
        found = self._binders[name] = []
        raw = name.encode("utf-8")
        escaped = re.escape(raw)
        pattern = re.compile(
            escaped + rb"(?<!" + _NAME_CHAR + escaped + rb")(?!" + _NAME_CHAR + rb")"
        )
        for match in pattern.finditer(self.source.data):
            node = self.root.descendant_for_byte_range(match.start(), match.end())
            if (
                node is not None
                and node.end_byte - node.start_byte == len(raw)
                and (
                    node.type in ("identifier", "type_identifier") or node.type.endswith("_pattern")
                )
                and self._bound_to(node, probe=True) is not None
            ):
                found.append(node)
        return found

    def _bound_to(
        self, node: Node, probe: bool = False
    ) -> tuple[set[str], set[str], set[str]] | None:
        """What a binding occurrence of a name may be, be inside of, and hold; None when `node`
        binds nothing (with `probe`, the sets are left empty)."""
        part_of: set[str] = set()
        child, parent = node, node.parent
        while parent is not None and parent.type in _PATTERNS:
            if child == parent.child_by_field_name("right") or (
                parent.type == "pair_pattern" and child == parent.child_by_field_name("key")
            ):
                return None  # a default value or a key: read, not bound
            if not probe and parent.type in ("object_assignment_pattern", "assignment_pattern"):
                default = parent.child_by_field_name("right")
                part_of |= self._roots(default) if default is not None else set()
            child, parent = parent, parent.parent
        if parent is None:
            return None
        kind = parent.type
        sources = {
            "variable_declarator": ("name", "value"),
            "assignment_expression": ("left", "right"),
            "augmented_assignment_expression": ("left", "right"),
            "for_in_statement": ("left", "right"),
            "required_parameter": ("pattern", "value"),
            "optional_parameter": ("pattern", "value"),
            "arrow_function": ("parameter", ""),
            "catch_clause": ("parameter", ""),
            "class_declaration": ("name", "body"),
            "class": ("name", "body"),
            "enum_declaration": ("name", ""),
            **dict.fromkeys(_FUNCTIONS - {"method_definition"}, ("name", "body")),
        }.get(kind)
        if sources is None:
            binds = kind in ("import_specifier", "namespace_import", "import_clause")
            return (set(), part_of, set()) if binds and node.type == "identifier" else None
        bound, source = sources
        if child != parent.child_by_field_name(bound):
            return None
        if probe:
            return set(), part_of, set()
        origin = parent.child_by_field_name(source) if source else None
        holds: set[str] = set()
        same: set[str] = set()
        if origin is None:
            pass
        elif child == node and _unwrap(origin).type == "identifier":
            same.add(self._text(_unwrap(origin)))  # `const alias = X`: the same object
        elif kind == "for_in_statement":
            part_of |= self._roots(origin)  # each element it walks
        elif source == "body":
            holds |= self._roots(origin)  # what a call may return, or an instance hold
        elif child != node:  # destructured: `const [a] = [X]` takes X itself out
            part_of |= self._roots(origin)
        else:
            part_of |= self._base_of_value(origin)
            holds |= self._roots(origin)
        if kind == "catch_clause":
            part_of.add(_THROWN)
        return same, part_of, holds

    def _local_function(self, name: str) -> Node | None:
        """The function a name is bound to, when it is bound once, to a function."""
        binders = self._binders_of(name)
        if len(binders) != 1:
            return None
        parent = binders[0].parent
        if parent is not None and parent.type in _FUNCTIONS:
            return parent
        value = parent.child_by_field_name("value") if parent is not None else None
        if parent is not None and parent.type == "variable_declarator" and value is not None:
            value = _unwrap(value)
            return value if value.type in _CALLABLE_ARGUMENTS else None
        return None

    def _parameters(self, function: Node) -> set[str]:
        single = function.child_by_field_name("parameter")
        if single is not None:
            return {self._text(single)}
        parameters = function.child_by_field_name("parameters")
        found: set[str] = set()
        stack = [parameters] if parameters is not None else []
        while stack:
            node = stack.pop()
            if node.type in ("identifier", "shorthand_property_identifier_pattern"):
                found.add(self._text(node))
            elif node.type not in _NOT_VALUES:
                stack.extend(node.named_children)
        return found

    def _is_global(self, name: str) -> bool:
        return name not in self.bindings and not self._binders_of(name)

    # -- the names an expression may reach -------------------------------------

    def _base(self, node: Node) -> set[str]:
        """The names whose values the object of a member chain may be part of."""
        while True:
            kind = node.type
            if kind in _MEMBERS:
                inner = node.child_by_field_name("object")
            elif kind in _WRAPPERS:
                inner = _unwrap(node)
            elif kind == "identifier":
                return {self._text(node)}
            elif kind == "this":
                return self._this(node)
            elif kind == "call_expression":
                function = node.child_by_field_name("function")
                arguments = node.child_by_field_name("arguments")
                found = self._base(function) if function is not None else set()
                return found | (self._roots(arguments) if arguments is not None else set())
            else:
                return self._roots(node)
            if inner is None:
                return set()
            node = inner

    def _base_of_value(self, node: Node) -> set[str]:
        """The names a value may be part of: those it mentions outside new objects and code."""
        found: set[str] = set()
        stack = [node]
        while stack:
            current = stack.pop()
            kind = current.type
            if kind == "identifier":
                found.add(self._text(current))
            elif kind == "this":
                found |= self._this(current)
            elif (kind == "call_expression" and self._is_fresh(current)) or self._enum_member(
                current
            ):
                continue
            elif kind not in _NOT_VALUES and kind not in _NEW_VALUES:
                stack.extend(current.named_children)
        return found

    def _is_fresh(self, call: Node) -> bool:
        """Whether a call returns a new value: `x.slice()`, `Object.keys(x)`, `String(x)`."""
        callee = call.child_by_field_name("function")
        callee = _unwrap(callee) if callee is not None else None
        if callee is None:
            return False
        if callee.type == "member_expression":
            method = callee.child_by_field_name("property")
            owner = callee.child_by_field_name("object")
            if method is not None and self._text(method) in _FRESH_METHODS:
                return True
            if owner is None or owner.type != "identifier":
                return False
            name = f"{self._text(owner)}.{self._text(method) if method else ''}"
            global_name = self._text(owner)
        elif callee.type == "identifier":
            name = global_name = self._text(callee)
        else:
            return False
        return (
            name in _GLOBAL_FUNCTIONS
            and name not in ("Object.freeze", "Object.assign")
            and self._is_global(global_name)
        )

    def _roots(self, node: Node) -> set[str]:
        """Every name an expression mentions (and what `this` in it may be)."""
        found: set[str] = set()
        stack = [node]
        while stack:
            current = stack.pop()
            kind = current.type
            if kind == "identifier" or kind == "shorthand_property_identifier":
                found.add(self._text(current))
            elif kind == "this":
                found |= self._this(current)
            elif self._enum_member(current):
                continue
            elif kind not in _NOT_VALUES:
                stack.extend(current.named_children)
        return found

    def _enum_member(self, node: Node) -> bool:
        """Whether `node` reads an enum's member (`Level.High`): a number or a string."""
        if node.type != "member_expression" or not self.enums:
            return False
        owner = node.child_by_field_name("object")
        return owner is not None and owner.type == "identifier" and self._text(owner) in self.enums

    def _roots_of(self, nodes: Iterable[Node]) -> set[str]:
        found: set[str] = set()
        for node in nodes:
            found |= self._roots(node)
        return found

    def _this(self, node: Node) -> set[str]:
        """What `this` may be at `node`: its class, the object its method is in, any receiver."""
        current = node.parent
        while current is not None:
            kind = current.type
            if kind == "class_body":
                owner = current.parent
                name = owner.child_by_field_name("name") if owner is not None else None
                if name is None and owner is not None and owner.parent is not None:
                    name = owner.parent.child_by_field_name("name")  # `const C = class {}`
                return {self._text(name)} if name is not None else {_RECEIVERS}
            if kind in _FUNCTIONS and not (
                kind == "method_definition"
                and current.parent is not None
                and current.parent.type == "class_body"
            ):
                return {_RECEIVERS, *self._declared_around(current)}
            current = current.parent
        return {_ALL}  # top level: `this` is the module's exports in CommonJS

    def _declared_around(self, node: Node) -> set[str]:
        """The const whose initializer holds `node` (the object a method there belongs to)."""
        while node.parent is not None and node.parent.type != "program":
            node = node.parent
            if node.type == "variable_declarator":
                name = node.child_by_field_name("name")
                if name is not None and name.type == "identifier":
                    return {self._text(name)}
        return set()

    def _text(self, node: Node) -> str:
        return self.source.text(node)


def what(label: str) -> str:
    """How a call is named in a refusal."""
    return f"this call of `{label}`"


def _unwrap(node: Node) -> Node:
    """`x` of `(x)`, `x as T`, `x satisfies T`, `x!`, `<T>x`."""
    while node.type in _WRAPPERS and node.named_child_count:
        node = node.named_children[-1 if node.type == "type_assertion" else 0]
    return node
