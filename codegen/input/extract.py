"""Stage 2, extract: the module-level declarations of one parsed file, as a frozen model."""

from __future__ import annotations

from tree_sitter import Node, QueryCursor

from codegen.errors import CodegenError, Span
from codegen.input.declarations import (
    ArrayType,
    Binding,
    CodeDecl,
    EnumDecl,
    EnumMember,
    FunctionType,
    ImportBinding,
    Interface,
    InterfaceMember,
    LiteralType,
    ModuleDecls,
    OtherType,
    PredefinedType,
    RecordType,
    ReExport,
    TypeAlias,
    TypeExpr,
    TypeRef,
    UnionType,
    ValuesOf,
    VariableDecl,
)
from codegen.input.jsdoc import jsdoc_text
from codegen.input.jsops import number_to_string
from codegen.input.jsstrip import bare_namespace, bound_names
from codegen.input.lexical import LexicalError, decode_escape, join_utf16, parse_number
from codegen.input.parse import SourceFile
from codegen.input.rules import CODE_DECLARATIONS, compiled_query

_ARRAY_GENERICS = {"Array", "ReadonlyArray"}


def extract(source: SourceFile) -> ModuleDecls:
    """Collect consts, imports, exports, type aliases and interfaces declared at module level."""
    collector = _Collector(source)
    for node in source.tree.root_node.named_children:
        collector.statement(node)
    return ModuleDecls(
        bindings=collector.bindings,
        exports=collector.exports,
        re_exports=collector.re_exports,
        star_exports=tuple(collector.star_exports),
        aliases=collector.aliases,
        interfaces=collector.interfaces,
    )


_REASSIGNMENT_QUERY = """
(assignment_expression left: (identifier) @name)
(augmented_assignment_expression left: (identifier) @name)
(update_expression argument: (identifier) @name)
(assignment_expression left: (array_pattern) @pattern)
(assignment_expression left: (object_pattern) @pattern)
"""


def _type_query_name(source: SourceFile, node: Node) -> str | None:
    """`X` of `typeof X` (or of `(typeof X)`)."""
    while node.type == "parenthesized_type" and node.named_child_count == 1:
        node = node.named_children[0]
    if node.type == "type_query" and node.named_child_count == 1:
        inner = node.named_children[0]
        if inner.type == "identifier":
            return source.text(inner)
    return None


def reassigned_names(source: SourceFile) -> dict[str, Span]:
    """Names assigned anywhere in the file (`x = ...`, `x += ...`, `x++`, destructuring)."""
    query = compiled_query(source.tree.language, _REASSIGNMENT_QUERY)
    captures = QueryCursor(query).captures(source.tree.root_node)
    found = list(captures.get("name", []))
    stack = list(captures.get("pattern", []))
    while stack:
        node = stack.pop()
        if node.type in ("identifier", "shorthand_property_identifier_pattern"):
            found.append(node)
        stack.extend(node.named_children)
    names: dict[str, Span] = {}
    for node in sorted(found, key=lambda n: n.start_byte):
        names.setdefault(source.text(node), source.span(node))
    return names


def string_literal(source: SourceFile, node: Node) -> str:
    """The value of a `string` node, with every JS escape decoded."""
    body = source.data[node.start_byte + 1 : node.end_byte - 1]
    if b"\\" not in body and b"&" not in body:  # nothing to decode: the common case
        return join_utf16(body.decode("utf-8"))
    parts: list[str] = []
    for child in node.named_children:
        if child.type == "escape_sequence":
            try:
                parts.append(decode_escape(source.text(child)))
            except LexicalError as exc:
                raise CodegenError(str(exc), source.span(child)) from None
        elif child.type == "string_fragment" or child.type == "html_character_reference":
            parts.append(source.text(child))
    return join_utf16("".join(parts))


def jsdoc(source: SourceFile, node: Node) -> str:
    """The text of the `/** ... */` comment right before a node: paragraphs, block tags and
    example code kept (codegen.input.jsdoc)."""
    comment = node.prev_named_sibling
    if comment is None or comment.type != "comment":
        return ""
    raw = source.text(comment)
    if not raw.startswith("/**") or comment.end_point[0] + 1 < node.start_point[0]:
        return ""
    return jsdoc_text(raw)


_WRAPPERS = (
    "as_expression",
    "satisfies_expression",
    "parenthesized_expression",
    "non_null_expression",
)


def property_docs(source: SourceFile, initializer: Node) -> dict[str, str]:
    """The JSDoc of each property of an object literal (through `as const`, `satisfies` and
    parentheses), by key, for keys written as names, strings or numbers."""
    node = initializer
    while node.type in _WRAPPERS and node.named_children:
        node = node.named_children[0]
    if node.type in NAMESPACES:
        return _namespace_docs(source, node)
    if node.type != "object":
        return {}
    docs: dict[str, str] = {}
    for pair in node.named_children:
        key = pair.child_by_field_name("key") if pair.type == "pair" else None
        if key is None:
            continue
        doc = jsdoc(source, pair)
        if not doc:
            continue
        if key.type == "string":
            docs[string_literal(source, key)] = doc
        elif key.type in ("property_identifier", "number"):
            text = source.text(key)
            docs[_number_key(text) if key.type == "number" else text] = doc
    return docs


NAMESPACES = ("internal_module", "module")


def _namespace_docs(source: SourceFile, namespace: Node) -> dict[str, str]:
    """The JSDoc of each exported const of a namespace, by name."""
    body = namespace.child_by_field_name("body")
    docs: dict[str, str] = {}
    for statement in body.named_children if body is not None else ():
        declaration = statement.child_by_field_name("declaration")
        if statement.type != "export_statement" or declaration is None:
            continue
        doc = jsdoc(source, statement)
        for declarator in declaration.named_children if doc else ():
            name = declarator.child_by_field_name("name")
            if declarator.type == "variable_declarator" and name is not None:
                docs[source.text(name)] = doc
    return docs


def _number_key(text: str) -> str:
    """A numeric key as JavaScript names the property (`1_000` and `1e3` are "1000")."""
    try:
        return number_to_string(parse_number(text))
    except LexicalError:
        return text


class _Collector:
    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.bindings: dict[str, Binding] = {}
        self.exports: dict[str, str] = {}
        self.re_exports: dict[str, ReExport] = {}
        self.star_exports: list[ReExport] = []
        self.aliases: dict[str, TypeAlias] = {}
        self.interfaces: dict[str, Interface] = {}

    def statement(self, node: Node) -> None:
        if node.type == "export_statement":
            self.export_statement(node)
        elif node.type == "import_statement":
            self.import_statement(node)
        else:
            self.declaration(node, doc_anchor=node)

    def declaration(self, node: Node, doc_anchor: Node) -> list[str]:
        """Record a declaration; return the names it binds as values."""
        kind = node.type
        bare = bare_namespace(node)  # `namespace NS {}`, unexported
        if bare is not None:
            node, kind = bare, bare.type
        if kind in ("lexical_declaration", "variable_declaration"):
            return self.variables(node, doc_anchor)
        if kind in NAMESPACES:
            return self.namespace(node, doc_anchor)
        if kind in CODE_DECLARATIONS:
            code_name = node.child_by_field_name("name")
            if code_name is None:
                return []
            self.bindings[self.source.text(code_name)] = CodeDecl(
                self.source.text(code_name), self.source.span(node), self.source.expr(node)
            )
            return [self.source.text(code_name)]
        if kind == "type_alias_declaration":
            name_node = node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if name_node is not None and value is not None:
                name = self.source.text(name_node)
                doc = jsdoc(self.source, doc_anchor)
                self.aliases[name] = TypeAlias(
                    name,
                    self.type_expr(value),
                    doc,
                    self.source.span(name_node),
                    self.source.expr(node),
                )
                return [name]
        elif kind == "interface_declaration":
            return self.interface(node, doc_anchor)
        elif kind == "enum_declaration":
            return self.enum(node, doc_anchor)
        return []

    def namespace(self, node: Node, doc_anchor: Node) -> list[str]:
        """`namespace NS { export const a = 1 }`: a value, the object TypeScript compiles it
        to (a second block of the same name has no initializer: its merge runs only whole)."""
        name_node = node.child_by_field_name("name")
        if name_node is None or name_node.type != "identifier":
            return []
        name = self.source.text(name_node)
        merged = isinstance(self.bindings.get(name), VariableDecl)
        self.bindings[name] = VariableDecl(
            name=name,
            kind="namespace",
            value=None if merged else self.source.expr(node),
            annotation=None,
            satisfies=None,
            span=self.source.span(name_node),
            doc=jsdoc(self.source, doc_anchor),
        )
        return [name]

    def enum(self, node: Node, doc_anchor: Node) -> list[str]:
        name_node = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name_node is None or body is None:
            return []
        members = []
        for member in body.named_children:
            if member.type == "comment":
                continue
            key = member.child_by_field_name("name") if member.type == "enum_assignment" else member
            value = (
                member.child_by_field_name("value") if member.type == "enum_assignment" else None
            )
            if key is None:
                continue
            text = (
                string_literal(self.source, key) if key.type == "string" else self.source.text(key)
            )
            expr = self.source.expr(value) if value is not None else None
            members.append(
                EnumMember(text, expr, self.source.span(key), jsdoc(self.source, member))
            )
        name = self.source.text(name_node)
        self.bindings[name] = EnumDecl(
            name,
            tuple(members),
            any(child.type == "const" for child in node.children),
            jsdoc(self.source, doc_anchor),
            self.source.span(name_node),
        )
        return [name]

    def variables(self, node: Node, doc_anchor: Node) -> list[str]:
        kind_node = node.child_by_field_name("kind")
        kind = self.source.text(kind_node) if kind_node is not None else "var"
        names = []
        for declarator in node.named_children:
            if declarator.type != "variable_declarator":
                continue
            name_node = declarator.child_by_field_name("name")
            if name_node is None:
                continue
            if name_node.type != "identifier":  # `const [a, b] = ...`: the module runs whole
                for bound in bound_names(name_node):
                    name = self.source.text(bound)
                    self.bindings[name] = VariableDecl(
                        name, "destructured", None, None, None, self.source.span(bound)
                    )
                    names.append(name)
                continue
            name = self.source.text(name_node)
            type_node = declarator.child_by_field_name("type")
            value = declarator.child_by_field_name("value")
            self.bindings[name] = VariableDecl(
                name=name,
                kind=kind,
                value=self.source.expr(value) if value is not None else None,
                annotation=self.type_expr(type_node.named_children[0]) if type_node else None,
                satisfies=self.satisfied_type(value),
                span=self.source.span(name_node),
                doc=jsdoc(self.source, doc_anchor),
                syntax=self.source.expr(declarator),
            )
            names.append(name)
        return names

    def satisfied_type(self, value: Node | None) -> TypeExpr | None:
        """The `T` of `value satisfies T` (through `as const`), when there is one."""
        while value is not None and value.type in (
            "satisfies_expression",
            "as_expression",
            "parenthesized_expression",
        ):
            if value.type == "satisfies_expression" and value.named_child_count == 2:
                return self.type_expr(value.named_children[1])
            value = value.named_children[0] if value.named_child_count else None
        return None

    def export_statement(self, node: Node) -> None:
        declaration = node.child_by_field_name("declaration")
        is_default = any(child.type == "default" for child in node.children)
        if declaration is not None:
            for name in self.declaration(declaration, doc_anchor=node):
                self.exports["default" if is_default else name] = name
            return
        if any(child.type == "=" for child in node.children) and node.named_child_count:
            value = node.named_children[-1]  # `export = value`: the module's default, here
            self.bindings["default"] = VariableDecl(
                "default", "const", self.source.expr(value), None, None, self.source.span(value)
            )
            self.exports["default"] = "default"
            return
        source_node = node.child_by_field_name("source")
        module = string_literal(self.source, source_node) if source_node is not None else None
        clause = next((c for c in node.named_children if c.type == "export_clause"), None)
        namespace = next((c for c in node.named_children if c.type == "namespace_export"), None)
        default_value = node.child_by_field_name("value")
        if clause is not None:
            for spec in clause.named_children:
                if spec.type != "export_specifier":
                    continue
                local = self.source.text(spec.child_by_field_name("name") or spec)
                alias_node = spec.child_by_field_name("alias")
                exported = self.source.text(alias_node) if alias_node is not None else local
                if module is None:
                    self.exports[exported] = local
                else:
                    self.re_exports[exported] = ReExport(module, local, self.source.span(spec))
        elif namespace is not None and module is not None:
            exported = self.source.text(namespace.named_children[-1])
            self.re_exports[exported] = ReExport(module, "*", self.source.span(namespace))
        elif module is not None:
            self.star_exports.append(ReExport(module, "*", self.source.span(node)))
        elif default_value is not None:
            self.bindings["default"] = VariableDecl(
                "default",
                "const",
                self.source.expr(default_value),
                None,
                None,
                self.source.span(default_value),
            )
            self.exports["default"] = "default"

    def import_statement(self, node: Node) -> None:
        source_node = node.child_by_field_name("source")
        clause = next((c for c in node.named_children if c.type == "import_clause"), None)
        if source_node is None or clause is None:
            return
        module = string_literal(self.source, source_node)
        for part in clause.named_children:
            if part.type == "identifier":
                self.bind_import(self.source.text(part), module, "default", part)
            elif part.type == "namespace_import":
                self.bind_import(self.source.text(part.named_children[-1]), module, "*", part)
            elif part.type == "named_imports":
                for spec in part.named_children:
                    if spec.type != "import_specifier":
                        continue
                    imported = self.source.text(spec.child_by_field_name("name") or spec)
                    alias = spec.child_by_field_name("alias")
                    local = self.source.text(alias) if alias is not None else imported
                    self.bind_import(local, module, imported, spec)

    def bind_import(self, local: str, module: str, imported: str, node: Node) -> None:
        self.bindings[local] = ImportBinding(local, module, imported, self.source.span(node))

    def interface(self, node: Node, doc_anchor: Node) -> list[str]:
        name_node = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        if name_node is None or body is None:
            return []
        members = []
        for member in body.named_children:
            if member.type not in ("property_signature", "method_signature"):
                continue
            member_name = member.child_by_field_name("name")
            if member_name is None:
                continue
            type_node = member.child_by_field_name("type")
            type_expr: TypeExpr = (
                self.type_expr(type_node.named_children[0])
                if type_node is not None and member.type == "property_signature"
                else FunctionType(self.source.span(member))
            )
            key = (
                string_literal(self.source, member_name)
                if member_name.type == "string"
                else self.source.text(member_name)
            )
            members.append(
                InterfaceMember(
                    name=key,
                    type=type_expr,
                    optional=any(c.type == "?" for c in member.children),
                    is_code=isinstance(type_expr, FunctionType),
                    doc=jsdoc(self.source, member),
                    span=self.source.span(member_name),
                )
            )
        name = self.source.text(name_node)
        self.interfaces[name] = Interface(
            name,
            tuple(members),
            jsdoc(self.source, doc_anchor),
            self.source.span(name_node),
            self.source.expr(node),
        )
        return [name]

    def type_expr(self, node: Node) -> TypeExpr:
        """Convert a type node into the neutral TypeExpr form."""
        span = self.source.span(node)
        kind = node.type
        if kind == "parenthesized_type" and node.named_child_count == 1:
            return self.type_expr(node.named_children[0])
        if kind == "predefined_type":
            return PredefinedType(self.source.text(node), span)
        if kind == "literal_type":
            return self.literal_type(node)
        if kind == "union_type":
            members: list[TypeExpr] = []
            for child in node.named_children:
                converted = self.type_expr(child)
                members.extend(
                    converted.members if isinstance(converted, UnionType) else [converted]
                )
            return UnionType(tuple(members), span)
        if kind == "readonly_type" and node.named_child_count == 1:
            return self.type_expr(node.named_children[0])
        if kind == "array_type" and node.named_child_count == 1:
            return ArrayType(self.type_expr(node.named_children[0]), span)
        if kind == "object_type":
            signatures = [c for c in node.named_children if c.type != "comment"]
            if len(signatures) == 1 and signatures[0].type == "index_signature":
                value = signatures[0].child_by_field_name("type")
                if value is not None and value.named_child_count:
                    return RecordType(self.type_expr(value.named_children[0]), span)
        if kind == "lookup_type" and node.named_child_count == 2:
            target = _type_query_name(self.source, node.named_children[0])
            keys = node.named_children[1]
            same = keys.named_child_count == 1 and target == _type_query_name(
                self.source, keys.named_children[0]
            )
            if keys.type == "index_type_query" and target is not None and same:
                return ValuesOf(target, span)
        if kind == "generic_type":
            name = node.child_by_field_name("name")
            args = node.child_by_field_name("type_arguments")
            if (
                name is not None
                and args is not None
                and self.source.text(name) == "Record"
                and args.named_child_count == 2
            ):
                return RecordType(self.type_expr(args.named_children[1]), span)
            if (
                name is not None
                and args is not None
                and self.source.text(name) in _ARRAY_GENERICS
                and args.named_child_count == 1
            ):
                return ArrayType(self.type_expr(args.named_children[0]), span)
        if kind == "type_identifier":
            return TypeRef(self.source.text(node), span)
        if kind in ("function_type", "constructor_type"):
            return FunctionType(span)
        return OtherType(self.source.text(node), span)

    def literal_type(self, node: Node) -> TypeExpr:
        span = self.source.span(node)
        inner = node.named_children[0] if node.named_child_count else node
        if inner.type == "string":
            return LiteralType(string_literal(self.source, inner), span)
        if inner.type in ("true", "false"):
            return LiteralType(inner.type == "true", span)
        if inner.type in ("null", "undefined"):
            return PredefinedType(inner.type, span)
        text = self.source.text(inner)
        try:
            sign = -1.0 if text.startswith("-") else 1.0
            return LiteralType(sign * parse_number(text.lstrip("-+ ")), span)
        except LexicalError:
            return OtherType(text, span)
