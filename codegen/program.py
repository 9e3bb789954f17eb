"""The set of TypeScript files a target reads: each parsed and extracted once, imports resolved."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from codegen.errors import CodegenError, Span
from codegen.extract import extract
from codegen.model import CodeDecl, ImportBinding, Interface, ModuleDecls, TypeAlias, VariableDecl
from codegen.parse import SourceFile, parse_file

_JS_TO_TS = {".js": ".ts", ".jsx": ".tsx", ".mjs": ".mts", ".cjs": ".cts"}
_TS_SUFFIXES = (".ts", ".tsx", ".mts", ".cts")


@dataclass(frozen=True)
class Module:
    """One parsed file and its declarations."""

    source: SourceFile
    decls: ModuleDecls


class Program:
    """Loads modules on demand, so only files the exports actually reach are read."""

    def __init__(self) -> None:
        self._modules: dict[Path, Module] = {}

    @property
    def paths(self) -> list[Path]:
        """Every file loaded so far, in load order: the inputs a result depends on."""
        return list(self._modules)

    def load(self, path: Path) -> Module:
        """Parse and extract a file, once."""
        path = path.resolve()
        module = self._modules.get(path)
        if module is None:
            source = parse_file(path)
            module = Module(source, extract(source))
            self._modules[path] = module
        return module

    def resolve(self, importer: Module, specifier: str, span: Span) -> Module:
        """The module a relative import specifier names, as TypeScript's resolution finds it."""
        if not specifier.startswith(("./", "../")) and specifier not in (".", ".."):
            raise CodegenError(
                f"cannot evaluate an import from package `{specifier}`: "
                "only relative imports are followed",
                span,
            )
        base = importer.source.path.parent / specifier
        for candidate in _candidates(base):
            if candidate.is_file():
                return self.load(candidate)
        raise CodegenError(f"cannot find module `{specifier}`", span)


def _candidates(base: Path) -> list[Path]:
    """Files a specifier may name: `./x.js` -> x.ts, `./x` -> x.ts, x.tsx, x/index.ts."""
    suffix = base.suffix
    if suffix in _JS_TO_TS:
        return [base.with_suffix(_JS_TO_TS[suffix]), base]
    if suffix in _TS_SUFFIXES:
        return [base]
    found = [base.with_name(base.name + ext) for ext in _TS_SUFFIXES]
    found.extend(base / f"index{ext}" for ext in _TS_SUFFIXES)
    return found


MAX_HOPS = 100

Declaration = VariableDecl | CodeDecl | Interface | TypeAlias


def find_local(
    program: Program, module: Module, name: str, span: Span | None
) -> tuple[Module, Declaration]:
    """The declaration a module-level name refers to, following imports to where it is declared."""
    for _ in range(MAX_HOPS):
        decl = (
            module.decls.bindings.get(name)
            or module.decls.interfaces.get(name)
            or module.decls.aliases.get(name)
        )
        if decl is None:
            known = [*module.decls.bindings, *module.decls.interfaces, *module.decls.aliases]
            raise CodegenError(f"cannot find name `{name}`{did_you_mean(name, known)}", span)
        if not isinstance(decl, ImportBinding):
            return module, decl
        target = program.resolve(module, decl.module, decl.span)
        if decl.imported == "*":
            raise CodegenError(
                f"namespace import `{decl.name}` cannot be used as a value here", span or decl.span
            )
        module, name, span = _follow_export(program, target, decl.imported, decl.span)
    raise CodegenError(
        f"`{name}` goes through more than {MAX_HOPS} imports; is there a cycle?", span
    )


def find_export(
    program: Program, module: Module, name: str, span: Span | None
) -> tuple[Module, Declaration]:
    """The declaration a module exports under `name`, through re-exports and imports."""
    target, local, local_span = _follow_export(program, module, name, span)
    return find_local(program, target, local, local_span)


def _follow_export(
    program: Program, module: Module, name: str, span: Span | None
) -> tuple[Module, str, Span | None]:
    """The module and local name behind an export, after any `export ... from` hops."""
    seen: set[tuple[Path, str]] = set()
    while (module.source.path, name) not in seen:
        seen.add((module.source.path, name))
        local = module.decls.exports.get(name)
        if local is not None:
            return module, local, span
        re_export = module.decls.re_exports.get(name)
        if re_export is not None:
            module, name, span = (
                program.resolve(module, re_export.module, re_export.span),
                re_export.imported,
                re_export.span,
            )
            continue
        for star in module.decls.star_exports:
            target = program.resolve(module, star.module, star.span)
            if _exports(program, target, name, set()):
                module, span = target, star.span
                break
        else:
            names = [*module.decls.exports, *module.decls.re_exports]
            raise CodegenError(
                f"`{name}` is not exported by {module.source.display}{did_you_mean(name, names)}",
                span,
            )
    raise CodegenError(
        f"the export `{name}` of {module.source.display} is part of a re-export cycle", span
    )


def _exports(program: Program, module: Module, name: str, visiting: set[Path]) -> bool:
    """Whether a module exports `name`, directly or through `export * from`."""
    if module.source.path in visiting:
        return False
    visiting.add(module.source.path)
    if name in module.decls.exports or name in module.decls.re_exports:
        return True
    return any(
        _exports(program, program.resolve(module, star.module, star.span), name, visiting)
        for star in module.decls.star_exports
    )


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A `; did you mean `x`?` hint, or nothing when no candidate is close."""
    matches = difflib.get_close_matches(name, list(candidates), n=1)
    return f"; did you mean `{matches[0]}`?" if matches else ""
