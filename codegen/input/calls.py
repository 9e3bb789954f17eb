"""Stage 3d, calls: a call whose value a mirror needs runs in an embedded JavaScript engine.

QuickJS-ng (PyPI `quickjs-ng`, pinned), imported only when a file has such a call. The engine
runs one program per call, in a fresh context with a time, memory and stack limit:
- the sandbox: nothing reaches files, the network, timers, `process` or `require` (QuickJS
  has none of them); dynamic `import()` is refused in the code; what depends on the machine
  (`Date`, `Math.random()`, `Intl`, locale methods) throws, and becomes a diagnostic;
- the functions the call needs, with TypeScript blanked out (codegen.input.jsstrip), so the
  engine's positions are the file's; the consts it needs, as the values the static evaluator
  (or an earlier call) computed, crossed exactly (codegen.input.crossing);
- the call itself; its result comes back through `crossing.ENCODER`.
An exception in the engine is a diagnostic at the call, with the JavaScript message.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
import re
import sys
import threading
from typing import TYPE_CHECKING, Any

from tree_sitter import Node, QueryCursor

from codegen.errors import CodegenError, Span, render_diagnostic
from codegen.input.crossing import ENCODER, decode, jsvalue
from codegen.input.declarations import (
    CodeDecl,
    EnumDecl,
    ImportBinding,
    Interface,
    TypeAlias,
    VariableDecl,
)
from codegen.input.jsstrip import DEFAULT, StripError, bound_names, strip, strip_module
from codegen.input.parse import SourceFile
from codegen.input.program import Module, Namespace, exported_names, find_export, find_local
from codegen.input.rules import compiled_query
from codegen.input.values import Code, Value

if TYPE_CHECKING:
    from codegen.input.evaluate import Evaluator

ENGINE = "quickjs-ng"
TIME_LIMIT_S = 2.0  # CPU seconds per call: `while (true) {}` ends well within 5 s
# Wall-clock seconds per run: some built-ins never look at the time limit while they loop
# (`Array.prototype.reverse.call({ length: 2 ** 32 - 1 })`); past this, codegen reports the run
# and ends the process, since nothing can stop the engine in the middle of one.
WALL_LIMIT_S = 10.0
MEMORY_LIMIT = 256 * 1024 * 1024  # bytes, the whole engine runtime
STACK_LIMIT = 1024 * 1024  # bytes: unbounded recursion ends as a RangeError

# Run first in every context: what would make the output differ between machines or runs throws.
SANDBOX = r"""
"use strict";
(() => {
  const refuse = (what) => function () {
    throw new Error("codegen-machine: " + what + " depends on the machine or the moment");
  };
  const RealDate = Date;
  function SafeDate(...args) {
    if (!new.target) return refuse("`Date()`")();
    if (args.length === 0) return refuse("`new Date()` without arguments")();
    return new RealDate(...args);
  }
  SafeDate.prototype = RealDate.prototype;
  SafeDate.UTC = RealDate.UTC;
  SafeDate.parse = refuse("`Date.parse` (it reads the time zone)");
  SafeDate.now = refuse("`Date.now()`");
  for (const name of ["getDate", "getDay", "getFullYear", "getHours", "getMinutes",
      "getMonth", "getSeconds", "getMilliseconds", "getTimezoneOffset", "getYear", "toString",
      "toDateString", "toTimeString", "setDate", "setFullYear", "setHours", "setMinutes",
      "setMonth", "setSeconds", "setMilliseconds", "toLocaleString", "toLocaleDateString",
      "toLocaleTimeString"]) {
    RealDate.prototype[name] = refuse("`Date.prototype." + name + "` (local time)");
  }
  globalThis.Date = SafeDate;
  Math.random = refuse("`Math.random()`");
  // Transcendental functions come from the platform's maths library, whose last digit differs
  // between machines (and from Node's): refused. `Math.pow` follows `**` (__codegenPow).
  const inexact = (what) => function () {
    throw new Error("codegen-machine-maths: " + what);
  };
  for (const name of ["sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh",
      "tanh", "asinh", "acosh", "atanh", "exp", "expm1", "log", "log1p", "log2", "log10",
      "cbrt", "hypot"]) {
    Math[name] = inexact("`Math." + name + "`");
  }
  Math.pow = function pow(x, y) {
    return globalThis.__codegenPow(+x, +y);  // defined below: `**`'s rules, the same
  };
  // Digits in another radix are the engine's own approximation (the standard leaves them
  // open), except for safe integers and for radixes that are powers of two: those are exact.
  const realToString = Number.prototype.toString;
  Number.prototype.toString = function toString(radix) {
    const value = Number(this);
    if (radix === undefined || radix === 10 || Number.isSafeInteger(value) ||
        !Number.isFinite(value) || [2, 4, 8, 16, 32].includes(radix)) {
      return realToString.call(this, radix);
    }
    throw new Error("codegen-engine-digits: `(" + value + ").toString(" + radix + ")`");
  };
  for (const [owner, name] of [[Number, "toLocaleString"], [String, "localeCompare"],
      [String, "toLocaleUpperCase"], [String, "toLocaleLowerCase"], [Array, "toLocaleString"],
      [Object, "toLocaleString"], [BigInt, "toLocaleString"]]) {
    owner.prototype[name] = refuse("`" + name + "`");
  }
  delete globalThis.Intl;
  // codegen.input.jsstrip wraps each object spread's operand: QuickJS-ng spreads nothing of a
  // string primitive into an object literal, where JavaScript spreads its code units.
  globalThis.__codegenSpread = (value) => (typeof value === "string" ? Object(value) : value);
  // A comparator that is not consistent (NaN among numbers, `() => 1`) leaves the order to
  // each engine's algorithm: the sorted result is checked, and refused when it could differ.
  const consistent = (array, compare) => {
    const n = array.length, every = n <= 512;
    for (let i = 0; i + 1 < n; i++) {
      if (array[i] === undefined) continue;
      for (let j = i + 1; j < (every ? n : i + 2); j++) {
        if (array[j] === undefined) continue;
        if (!(compare(array[i], array[j]) <= 0) || !(compare(array[j], array[i]) >= 0)) {
          throw new Error("codegen-engine-sort: the comparator orders " + String(array[i]) +
            " and " + String(array[j]) + " inconsistently");
        }
      }
    }
  };
  const realSort = Array.prototype.sort, realToSorted = Array.prototype.toSorted;
  Array.prototype.sort = function sort(compare) {
    const sorted = realSort.call(this, compare);
    if (typeof compare === "function") consistent(sorted, compare);
    return sorted;
  };
  if (realToSorted) {
    Array.prototype.toSorted = function toSorted(compare) {
      const sorted = realToSorted.call(this, compare);
      if (typeof compare === "function") consistent(sorted, compare);
      return sorted;
    };
  }
  // codegen.input.jsstrip turns `a ** b` into this: where the result is not exact, engines
  // round it differently (QuickJS takes C's pow; Node gives 10 ** -4 as 0.00009999999999999999).
  globalThis.__codegenPow = (a, b) => {
    if (typeof a === "bigint" || typeof b === "bigint") return a ** b;
    const x = +a, y = +b, result = x ** y;
    // What codegen.input.jsops.pow_is_exact allows, the same way.
    if (Number.isNaN(y) || y === 0 || y === 1 || x === 0 || Math.abs(x) === 1 ||
        !Number.isFinite(x) || !Number.isFinite(y)) return result;
    if (y === 0.5 && x > 0) return Math.sqrt(x);
    if (!Number.isInteger(y) && x < 0) return NaN;
    if (Number.isInteger(y)) {
      let m = Math.abs(x);
      while (m >= 2) m /= 2;
      while (m < 1) m *= 2;
      if (m === 1) return result;  // a power of two
      if (Number.isInteger(x) && y > 0) {
        if (y > 1100 || !Number.isFinite(result)) return result;  // overflows
        if (BigInt(result) === BigInt(x) ** BigInt(y)) return result;
      }
    }
    throw new Error("codegen-machine-maths: `" + x + " ** " + y + "`, which is not exact,");
  };
})();
"""


class Session:
    """One engine context per module. The declarations whose values need a call run there, in
    source order, each once, as JavaScript runs the module: a closure's state (`next()` called
    three times) carries from one to the next. What they read is defined first: functions
    (TypeScript blanked), and consts as the static evaluator computed them."""

    def __init__(self, evaluator: Evaluator, module: Module) -> None:
        self.evaluator = evaluator
        self.module = module
        self.defined: set[str] = set()
        self._modules: dict[str, str] = {}  # other files run in this context: their objects
        self._context: Any = None  # a quickjs.Context, made on first use

    def run(self, node: Node, span: Span) -> Value:
        """The value of a call (or `new`) the static evaluator met, run in the engine after
        every earlier declaration of the module that runs one (JavaScript's order). A call that
        is a const's whole initializer also defines the const in the engine, as it is."""
        statement = node
        while statement.parent is not None and statement.parent.type != "program":
            statement = statement.parent
        for earlier in engine_declarations(self.module):
            if earlier.syntax is not None and earlier.syntax.start < statement.start_byte:
                self.evaluator.binding(self.module, earlier.name, span)
        try:
            self._define_all(self.module, node, span)
            code = strip(self.module.source.data, node)
        except StripError as refused:
            raise CodegenError(
                f"cannot run {refused} in the engine", self.module.source.span(refused.node)
            ) from None
        owner = _whole_initializer(self.module, node)
        where = self.module.source.span(node)
        if owner is None:
            return decode(self._run(f"__codegenEncode(({code}))", where, node), where)
        if owner in self.defined:
            raise CodegenError(f"`{owner}` would run twice", where)
        self._run(f"var {owner} = ({code});", where, node)
        self.defined.add(owner)
        return decode(self._run(f"__codegenEncode({owner})", where), where)

    def _define_all(self, module: Module, node: Node, span: Span) -> None:
        for name in sorted(_free_names(module, node)):
            self._define(module, name, span)

    def _define(self, module: Module, name: str, span: Span) -> None:
        if name in self.defined:
            return
        found_module, decl = find_local(self.evaluator.program, module, name, span)
        if isinstance(decl, Namespace):
            self._namespace(name, decl, span)
            return
        if isinstance(decl, ImportBinding):  # from a package: never loaded
            self.defined.add(name)
            if decl.imported in self.evaluator.identity_functions:
                self._run(f"var {name} = function (value) {{ return value; }};", span)
                return
            message = json.dumps(
                f"codegen: `{name}` comes from the package `{decl.module}`, which the engine "
                "does not load"
            )
            self._run(
                f"Object.defineProperty(globalThis, {json.dumps(name)}, "
                f"{{ get() {{ throw new Error({message}); }} }});",
                span,
            )
            return
        if found_module is not self.module and isinstance(decl, (CodeDecl, VariableDecl)):
            value = (
                None
                if isinstance(decl, CodeDecl)
                else self.evaluator.binding(found_module, decl.name, span)
            )
            text = jsvalue(value) if value is not None else None
            if text is None:  # code of another file: that file runs in a scope of its own
                holder = self._module_object(found_module, span, frozenset())
                text = f"{holder}[{json.dumps(decl.name)}]"
            self.defined.add(name)
            self._run(f"var {name} = {text};", span)
            return
        if isinstance(decl, CodeDecl):
            if decl.syntax is None:
                raise CodegenError(f"the call needs `{name}`, which the engine cannot load", span)
            self.defined.add(name)  # before what it reads: functions may call each other
            syntax = found_module.source.node(decl.syntax)
            self._define_all(found_module, syntax, span)
            self._run(strip(found_module.source.data, syntax), span)
            return
        if not isinstance(decl, (VariableDecl, EnumDecl)):
            raise CodegenError(f"the call needs `{name}`, which is not a value", span)
        value = self.evaluator.binding(found_module, name, span)
        if name in self.defined:  # its initializer was a call: the engine holds it, as it is
            return
        text = jsvalue(value)
        self.defined.add(name)
        if text is not None:
            self._run(f"var {name} = {text};", span)
            return
        if not isinstance(value, Code) or not isinstance(decl, VariableDecl) or not decl.value:
            raise CodegenError(
                f"the call needs `{name}`, which holds functions among its values", decl.span
            )
        initializer = found_module.source.node(decl.value)
        self._define_all(found_module, initializer, span)
        self._run(f"var {name} = ({strip(found_module.source.data, initializer)});", span)

    def _module_object(self, module: Module, span: Span, visiting: frozenset[str]) -> str:
        """The engine variable holding another file's module object: the file runs whole, once
        per context, in a function scope of its own (so that no name of one file meets a name
        of another), as JavaScript loads an imported module; its top-level names are read
        through getters, live, as imports are. What it imports is loaded the same way first; a
        name it imports from a package (not an identity function) throws when read."""
        known = self._modules.get(module.key)
        if known is not None:
            return known
        if module.key in visiting:
            raise CodegenError(
                f"{module.source.display} imports, through other files, a file that imports it; "
                "the engine cannot load files that import each other",
                span,
            )
        visiting = visiting | {module.key}
        root = module.source.tree.root_node
        lines: list[str] = []
        unloaded: list[str] = []
        for local in sorted(imported_names(module, root)):
            where: Module = module
            decl: object = module.decls.bindings[local]
            with contextlib.suppress(CodegenError):  # a package's (or a missing file's) stays
                where, decl = find_local(self.evaluator.program, module, local, span)
            if isinstance(decl, ImportBinding):
                if decl.imported in self.evaluator.identity_functions:
                    lines.append(f"var {local} = function (value) {{ return value; }};")
                else:
                    unloaded.append(local)  # a `let` after the return: reading it throws
            elif isinstance(decl, Namespace):
                lines.append(f"var {local} = {self._module_object(decl.module, span, visiting)};")
            elif isinstance(decl, (VariableDecl, EnumDecl, CodeDecl)):
                holder = self._module_object(where, span, visiting)
                lines.append(f"var {local} = {holder}[{json.dumps(decl.name)}];")
        try:
            body = strip_module(
                module.source.data, root, lambda node: enum_text(self, module, node)
            )
        except StripError as refused:
            raise CodegenError(
                f"cannot run {refused} in the engine", module.source.span(refused.node)
            ) from None
        names = sorted({n for s in root.named_children for n in declared_names(module.source, s)})
        getters = [f"get {json.dumps(n)}() {{ return {n}; }}" for n in names]
        if "default" in module.decls.bindings:
            getters.append(f"get default() {{ return {DEFAULT.split()[-1]}; }}")
        holder = f"__codegenModule{len(self._modules)}"
        late = f"let {', '.join(unloaded)};" if unloaded else ""
        self._run(
            f"var {holder} = (() => {{\n" + "\n".join(lines) + f"\n{body}\n"
            f"return {{ {', '.join(getters)} }};\n{late}\n}})();",
            span,
        )
        self._modules[module.key] = holder
        return holder

    def _namespace(self, name: str, namespace: Namespace, span: Span) -> None:
        """`import * as NS`: a frozen object of the module's exports. Values cross as the static
        evaluator computed them; functions come from the module run in this context (when it
        cannot run, they are left out: calling one fails in the engine, a refusal)."""
        program = self.evaluator.program
        members = []
        for exported in exported_names(program, namespace.module):
            where, decl = find_export(program, namespace.module, exported, span)
            if isinstance(decl, (Interface, TypeAlias, Namespace)):
                continue
            text = None
            if not isinstance(decl, CodeDecl):
                text = jsvalue(self.evaluator.export(namespace.module, exported, span))
            if text is not None:
                members.append(f"{json.dumps(exported)}: {text}")
                continue
            try:
                holder = self._module_object(where, span, frozenset())
            except CodegenError:
                continue
            members.append(
                f"get {json.dumps(exported)}() {{ return {holder}[{json.dumps(decl.name)}]; }}"
            )
        self.defined.add(name)
        self._run(f"var {name} = Object.freeze({{{', '.join(members)}}});", span)

    def _run(self, code: str, span: Span, place: Node | None = None) -> str:
        """Run a script in the module's context; `place` is the expression whose text the
        script's first line holds (after a prefix): errors are located in it."""
        import quickjs  # only files with calls pay for the engine

        if self._context is None:
            context = quickjs.Context()
            context.set_time_limit(TIME_LIMIT_S)
            context.set_memory_limit(MEMORY_LIMIT)
            context.set_max_stack_size(STACK_LIMIT)
            context.eval(ENCODER + SANDBOX)
            self._context = context
        watchdog = threading.Timer(WALL_LIMIT_S, _stop_the_process, (span,))
        watchdog.daemon = True
        watchdog.start()
        try:  # strict, as every ES module (and so every TypeScript file) is
            result = self._context.eval('"use strict";\n' + code)
        except quickjs.StackOverflow:
            raise CodegenError(
                "the call recursed too deeply (the engine's stack limit); is the recursion "
                "unbounded?",
                span,
            ) from None
        except quickjs.JSException as exc:
            at = self._place(str(exc), place, code) if place is not None else None
            raise CodegenError(_message(str(exc)), at or span) from None
        finally:
            watchdog.cancel()
        return result if isinstance(result, str) else ""

    def _place(self, error: str, node: Node, code: str) -> Span | None:
        """Where in the file the script's top level was when it threw (the last stack frame:
        the call in the expression that led to the error). The script holds the expression's
        blanked text, which has the file's lines and columns, after a short prefix."""
        frames = FRAME.findall(error)
        text = strip(self.module.source.data, node)
        if not frames or text not in code:
            return None
        line, column = (int(part) for part in frames[-1])
        lines = code.split("\n")  # the engine's line 1 is "use strict", prepended by _run
        if not 2 <= line <= len(lines) + 1:
            return None
        at = sum(len(before) + 1 for before in lines[: line - 2]) + column - 1
        inside = min(max(at - code.index(text), 0), len(text))
        offset = node.start_byte + len(text[:inside].encode("utf-8", "surrogatepass"))
        offset = min(offset, node.end_byte - 1)  # the script may hold a little more (`**`)
        source = self.module.source
        return Span.deferred(source.display, source, offset, offset + 1)


FRAME = re.compile(r"at <eval> \(<input>:(\d+):(\d+)\)")


def engine_global(module: Module, name: str) -> bool:
    """Whether a bare name is a JavaScript global whose members only the engine knows."""
    return name in _GLOBALS and name not in module.decls.bindings


def _containing(module: Module, starts: list[int]) -> list[VariableDecl]:
    """The consts whose initializers hold one of these byte offsets, in source order."""
    found = []
    for decl in module.decls.bindings.values():
        if isinstance(decl, VariableDecl) and decl.value is not None:
            index = bisect.bisect_left(starts, decl.value.start)
            if index < len(starts) and starts[index] < decl.value.end:
                found.append(decl)
    found.sort(key=lambda decl: decl.syntax.start if decl.syntax else 0)
    return found


def _whole_initializer(module: Module, node: Node) -> str | None:
    """The const whose whole initializer `node` is (through parentheses, `as`, `satisfies`)."""
    current = node
    while current.parent is not None and current.parent.type in _WRAPPING:
        current = current.parent
    parent = current.parent
    if parent is None or parent.type != "variable_declarator":
        return None
    if parent.child_by_field_name("value") != current:
        return None
    name = parent.child_by_field_name("name")
    statement = parent.parent.parent if parent.parent is not None else None
    if name is None or name.type != "identifier" or statement is None:
        return None
    if statement.type not in ("program", "export_statement"):
        return None
    return module.source.text(name)


_WRAPPING = {
    "parenthesized_expression",
    "as_expression",
    "satisfies_expression",
    "non_null_expression",
}


def engine_declarations(module: Module) -> list[VariableDecl]:
    """The module's consts whose initializers make a call (or a `new`) that the static
    evaluator does not answer, in source order; worked out once per parsed file, and only for
    a file that runs the engine."""
    known = module.source.facts.get("calls")
    if known is None:
        starts = sorted(_top_level(module, _CALLS))
        known = module.source.facts["calls"] = _containing(module, starts)
    return known  # type: ignore[return-value]


def whole_engine_declarations(module: Module) -> list[VariableDecl]:
    """The module's consts whose initializers construct something (`new Set(...)`): their
    values go through objects codegen does not model, so each runs in the engine whole.
    Asked of every file, so it looks for `new` alone (rare, so quick)."""
    known = module.source.facts.get("news")
    if known is None:
        # Querying a 10,000-entry registry's tree costs 100 ms; most files never say `new`.
        data = module.source.data
        absent = b"new" not in data or _NEW_WORD.search(data) is None
        starts = [] if absent else sorted(_top_level(module, _NEWS))
        known = module.source.facts["news"] = _containing(module, starts)
    return known  # type: ignore[return-value]


_CODE = {
    "arrow_function", "function_expression", "function", "method_definition", "class",
    "function_declaration", "generator_function_declaration", "class_declaration",
}  # fmt: skip
_NEWS = "(new_expression) @call"
_NEW_WORD = re.compile(rb"(?<![\w$])new(?![\w$])")
_CALLS = """
(call_expression) @call
(new_expression) @call
(regex) @call
(member_expression object: (identifier) @global)
"""
# Globals whose members only the engine knows (`Number.MAX_SAFE_INTEGER`, `Math.PI`).
_GLOBALS = {
    "Array", "BigInt", "Boolean", "Date", "globalThis", "Intl", "JSON", "Map", "Math", "Number",
    "Object", "RegExp", "Set", "String", "Symbol",
}  # fmt: skip


def _top_level(module: Module, query: str) -> list[int]:
    """Where the calls and `new`s that run when the module loads start (not those inside
    functions, which run only when called), except those the static evaluator answers:
    `Object.freeze(x)` and functions from packages (identity functions, or refused with
    advice)."""
    tree = module.source.tree
    captures = QueryCursor(compiled_query(tree.language, query)).captures(tree.root_node)
    starts: list[int] = []
    bindings = module.decls.bindings
    found = captures.get("call", [])
    for name in captures.get("global", []):
        text = module.source.text(name)
        if text in _GLOBALS and text not in bindings:
            found.append(name)
    for node in found:
        parent = node.parent
        while parent is not None and parent.type not in _CODE:
            parent = parent.parent
        if parent is not None:
            continue  # inside code
        if node.type == "call_expression" and _static_call(module, node):
            continue
        starts.append(node.start_byte)
    return starts


def _static_call(module: Module, node: Node) -> bool:
    function = node.child_by_field_name("function")
    callee = module.source.text(function) if function is not None else ""
    if callee == "Object.freeze":
        return True
    binding = module.decls.bindings.get(callee.split(".", 1)[0])
    return isinstance(binding, ImportBinding) and not binding.module.startswith(".")


def enum_text(session: Session, module: Module, node: Node) -> str:
    """JavaScript for a top-level enum of a module run whole: the object TypeScript's output
    builds, from the members the static evaluator computed."""
    if node.type != "enum_declaration":
        raise StripError("a namespace", node)
    name_node = node.child_by_field_name("name")
    assert name_node is not None
    name = module.source.text(name_node)
    decl = module.decls.bindings.get(name)
    assert isinstance(decl, EnumDecl)
    text = jsvalue(session.evaluator.enum_value(module, decl))
    assert text is not None  # enum members are numbers and strings
    return f"var {name} = {text};"


def _stop_the_process(span: Span) -> None:
    """The watchdog's end: a located diagnostic, exit code 2, and nothing written (outputs are
    only ever replaced whole, after generation)."""
    error = CodegenError(
        f"the call ran past the engine's wall-clock limit ({WALL_LIMIT_S:g} s) inside a built-in "
        "that does not stop at the time limit (a loop over a huge array-like?); codegen stops",
        span,
    )
    sys.stderr.write(render_diagnostic(error) + "\n")
    sys.stderr.flush()
    os._exit(2)


def _free_names(module: Module, node: Node) -> set[str]:
    """Module-level names an expression or declaration reads. A name it declares inside
    (a local, a parameter) is left out wherever it appears: defining the module-level one
    could only make a cycle (`const size = make()` where `make` has a local `size`); where a
    module-level name of the same spelling is read too, the engine reports it undefined, a
    refusal."""
    names: set[str] = set()
    local: set[str] = set()
    bindings = module.decls.bindings
    stack = [node]
    declares = node.type.endswith("declaration") or node.type in ("internal_module", "module")
    own = node.child_by_field_name("name") if declares else None
    while stack:
        current = stack.pop()
        kind = current.type
        if kind in ("identifier", "shorthand_property_identifier"):
            text = module.source.text(current)
            if text in bindings and (own is None or current != own):
                names.add(text)
                if _binds(current):
                    local.add(text)
        elif kind == "shorthand_property_identifier_pattern":
            local.add(module.source.text(current))
        elif kind == "import":
            raise StripError("a dynamic `import()`", current)
        stack.extend(current.children)
    return names - local


def _binds(identifier: Node) -> bool:
    """Whether an identifier declares a name in a local scope (not reads one)."""
    parent = identifier.parent
    if parent is None:
        return False
    kind = parent.type
    if kind in _BINDING_PARENTS:
        return True
    field = {"variable_declarator": "name", "arrow_function": "parameter"}.get(kind)
    if field is None and kind in _NAMED_CODE:
        field = "name"
    return field is not None and parent.child_by_field_name(field) == identifier


_BINDING_PARENTS = {
    "required_parameter", "optional_parameter", "array_pattern", "rest_pattern", "catch_clause",
}  # fmt: skip
_NAMED_CODE = {
    "function_declaration", "generator_function_declaration", "class_declaration",
    "function_expression", "generator_function", "class",
}  # fmt: skip


def _message(text: str) -> str:
    """The engine's error as a diagnostic message."""
    first = text.strip().splitlines()[0] if text.strip() else "an error"
    if "codegen-machine: " in first:
        return "refused: " + first.split("codegen-machine: ", 1)[1]
    if "codegen-machine-maths: " in first:
        what = first.split("codegen-machine-maths: ", 1)[1]
        return (
            f"refused: {what} depends on the machine's maths library (its last digit differs "
            "between machines and from Node's)"
        )
    if "codegen-engine-sort: " in first:
        what = first.split("codegen-engine-sort: ", 1)[1]
        return (
            f"refused: {what}, so the sorted order is up to each engine's algorithm and may "
            "differ from Node's"
        )
    if "codegen-engine-digits: " in first:
        what = first.split("codegen-engine-digits: ", 1)[1]
        return (
            f"refused: {what}: outside safe integers and radixes 2, 4, 8, 16 and 32, the "
            "digits are each engine's own approximation, so they may differ from Node's"
        )
    if first.startswith("Error: codegen: "):
        return first[len("Error: codegen: ") :]
    if first == "InternalError: interrupted":
        return (
            f"the call ran past the engine's time limit ({TIME_LIMIT_S:g} s of CPU); "
            "does it loop forever?"
        )
    if first == "InternalError: out of memory":
        return f"the call ran out of the engine's memory ({MEMORY_LIMIT // 2**20} MiB)"
    return f"the call throws in JavaScript: {first}"


def declared_names(source: SourceFile, statement: Node) -> list[str]:
    """The module-level names a top-level statement declares."""
    text = source.text
    node = statement
    if node.type == "export_statement":
        inner = node.child_by_field_name("declaration")
        if inner is None:
            return []
        node = inner
    name = node.child_by_field_name("name")
    if name is not None:
        return [text(name)]
    names: list[str] = []
    for declarator in node.named_children:
        target = declarator.child_by_field_name("name")
        if declarator.type == "variable_declarator" and target is not None:
            names.extend(text(each) for each in bound_names(target))
    return names


def imported_names(module: Module, root: Node) -> set[str]:
    """The imported names the module's code mentions."""
    bindings = module.decls.bindings
    imported = {name for name, decl in bindings.items() if isinstance(decl, ImportBinding)}
    if not imported:
        return set()
    found: set[str] = set()
    stack = [root]
    text = module.source.text
    while stack:
        current = stack.pop()
        if current.type in ("identifier", "shorthand_property_identifier"):
            name = text(current)
            if name in imported:
                found.add(name)
        elif current.type != "import_statement":
            stack.extend(current.named_children)
    return found
