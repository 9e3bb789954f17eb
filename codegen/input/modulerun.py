"""Stage 3e, module runs: a module whose consts code changes after their declaration runs whole.

`const X = {}` then `X.en = {...}`, `Object.assign(X, ...)`, `X.push(...)` or a `for` loop
filling `X` at the top level: the value a mirror needs is the one the module leaves once it has
loaded. Such a module runs top to bottom in its own engine context, as JavaScript loads it
(TypeScript blanked, enums lowered to the objects TypeScript emits, imported names defined
first), and its values are read when it has finished.

This is right only when nothing outside the module's own loading changes them later: a change
inside a function that another file can call (an exported one, or one an export reaches) is
refused, as is a change made by another file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from codegen.errors import CodegenError, Note, Span
from codegen.input.calls import FRAME, Session, declared_names, enum_text, imported_names
from codegen.input.crossing import decode
from codegen.input.declarations import ImportBinding
from codegen.input.jsstrip import DEFAULT, StripError, strip_module
from codegen.input.mutation import Mutation
from codegen.input.program import Module
from codegen.input.values import Value

if TYPE_CHECKING:
    from codegen.input.evaluate import Evaluator


class ModuleRun(Session):
    """One module, run whole in a context of its own; values read once it has loaded."""

    def __init__(self, evaluator: Evaluator, module: Module) -> None:
        super().__init__(evaluator, module)
        self._loaded = False
        self._loading = False
        self._holds_code: bool | None = None

    def value(self, name: str, span: Span) -> Value:
        """The value `name` holds once the module has loaded."""
        self._load(span)
        decl = self.module.decls.bindings[name]
        script_name = DEFAULT.split()[-1] if name == "default" else name
        return decode(self._run(f"__codegenEncode({script_name})", decl.span), decl.span)

    def exports_hold_code(self, span: Span) -> bool:
        """Whether, once the module has loaded, a value it exports holds a function or a
        class instance (through which other files could run its code later)."""
        self._load(span)
        if self._holds_code is None:
            self._run(_HOLDS_CODE, span)
            exported = sorted(
                local
                for local in set(self.module.decls.exports.values())
                if not isinstance(
                    self.module.decls.bindings.get(local), (ImportBinding, type(None))
                )
            )
            names = [DEFAULT.split()[-1] if local == "default" else local for local in exported]
            test = " || ".join(f"__codegenHoldsCode({each})" for each in names) or "false"
            self._holds_code = self._run(f"String({test})", span) == "true"
        return self._holds_code

    def _load(self, span: Span) -> None:
        if self._loaded:
            return
        if self._loading:
            raise CodegenError(
                "an enum reads a value that the module changes as it loads; codegen cannot "
                "order them",
                span,
            )
        self._loading = True
        root = self.module.source.tree.root_node
        _refuse_redeclared(self.module, root)
        try:
            for name in sorted(imported_names(self.module, root)):
                self._define(self.module, name, span)
            script = strip_module(
                self.module.source.data, root, lambda node: enum_text(self, self.module, node)
            )
        except StripError as refused:
            raise CodegenError(
                f"cannot run {refused} in the engine", self.module.source.span(refused.node)
            ) from None
        finally:
            self._loading = False
        self._run(script, span, root)
        self._loaded = True

    def _place(self, error: str, node: Node, code: str) -> Span | None:
        """Where in the file the module's top level was when it threw (the script has the
        file's lines, after the "use strict" line `_run` puts first)."""
        if node.type != "program":
            return super()._place(error, node, code)
        frames = FRAME.findall(error)
        if not frames:
            return None
        line, column = (int(part) for part in frames[-1])
        script = code
        lines = script.split("\n")
        if not 2 <= line <= len(lines) + 1:
            return None
        before = "\n".join(lines[: line - 2])
        at = len(before) + (1 if line > 2 else 0) + column - 1
        offset = len(script[:at].encode("utf-8", "surrogatepass"))
        source = self.module.source
        return Span.deferred(source.display, source, offset, offset + 1)


_HOLDS_CODE = r"""
function __codegenHoldsCode(root) {
  const seen = new Set();
  const plain = [Object.prototype, Array.prototype, Map.prototype, Set.prototype, null];
  const walk = (value) => {
    if (typeof value === "function") return true;
    if (value === null || typeof value !== "object" || seen.has(value)) return false;
    seen.add(value);
    if (!plain.includes(Object.getPrototypeOf(value))) return true;  // a class instance
    if (value instanceof Map) return [...value].some(([k, v]) => walk(k) || walk(v));
    if (value instanceof Set) return [...value].some(walk);
    return Reflect.ownKeys(value).some((key) => {
      const property = Object.getOwnPropertyDescriptor(value, key);
      return property.get !== undefined || property.set !== undefined || walk(property.value);
    });
  };
  return walk(root);
}
"""


def runs_whole(run: ModuleRun, name: str, changes: tuple[Mutation, ...]) -> None:
    """Raise the refusal unless running the module whole gives `name`'s final value: every
    change is in the module itself, at its top level, or in code that no other file can call
    (no export reaches it by name, or, once the module has run, no exported value holds a
    function or a class instance that could reach it)."""
    module = run.module
    own = [change for change in changes if change.span.byte_range(module.source) is not None]
    if len(own) != len(changes):
        elsewhere = next(change for change in changes if change not in own)
        raise elsewhere.refusal(name, module.decls.bindings[name].span)
    reachable = _reachable_code(module)
    for change in own:
        reached = any(start <= change.start < end for start, end in reachable)
        if change.in_code and reached and run.exports_hold_code(change.span):
            raise CodegenError(
                f"`{name}` may be changed by {change.what}, in code that other files can call "
                "(it is exported, or an export reaches it); codegen mirrors a value that "
                "changes only as its module loads",
                change.span,
                (Note(f"`{name}` is declared here", module.decls.bindings[name].span),),
            )


def _reachable_code(module: Module) -> list[tuple[int, int]]:
    """The byte ranges of the top-level statements whose code other files can reach: export
    statements, declarations of exported names, and what those mention, transitively."""
    known = module.source.facts.get("reachable")
    if known is not None:
        return known  # type: ignore[return-value]
    source = module.source
    statements = source.tree.root_node.named_children
    declaring: dict[str, Node] = {}
    for statement in statements:
        for name in declared_names(source, statement):
            declaring[name] = statement
    exported = set(module.decls.exports.values())
    todo = [s for s in statements if s.type == "export_statement"]
    todo += [declaring[name] for name in exported if name in declaring]
    seen: set[int] = set()
    ranges: list[tuple[int, int]] = []
    while todo:
        statement = todo.pop()
        if statement.start_byte in seen:
            continue
        seen.add(statement.start_byte)
        ranges.append((statement.start_byte, statement.end_byte))
        stack = [statement]
        while stack:
            current = stack.pop()
            if current.type == "identifier":
                found = declaring.get(source.text(current))
                if found is not None and found.start_byte not in seen:
                    todo.append(found)
            stack.extend(current.named_children)
    source.facts["reachable"] = ranges
    return ranges


def _refuse_redeclared(module: Module, root: Node) -> None:
    """A name declared twice at the top level, once by `let`, `const` or `class`, is a
    SyntaxError to JavaScript (QuickJS's scripts let some through): refused at the second."""
    seen: dict[str, bool] = {}  # name -> declared lexically
    for statement in root.named_children:
        inner = statement.child_by_field_name("declaration") or statement
        lexical = inner.type in ("lexical_declaration", "class_declaration")
        for name in declared_names(module.source, statement):
            if name in seen and (lexical or seen[name]):
                raise CodegenError(
                    f"`{name}` is declared twice at the top level; JavaScript refuses the module",
                    module.source.span(statement),
                )
            seen[name] = seen.get(name, False) or lexical
    return None
