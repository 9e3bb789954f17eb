"""The set of TypeScript files a target reads: each parsed and extracted once, imports resolved."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from codegen.errors import CodegenError, Span, did_you_mean, display_path
from codegen.input.declarations import (
    Binding,
    CodeDecl,
    EnumDecl,
    ImportBinding,
    Interface,
    ModuleDecls,
    TypeAlias,
    VariableDecl,
)
from codegen.input.extract import extract
from codegen.input.parse import SourceFile, parse_file

_JS_TO_TS = {".js": ".ts", ".jsx": ".tsx", ".mjs": ".mts", ".cjs": ".cts"}
_TS_SUFFIXES = (".ts", ".tsx", ".mts", ".cts")


@dataclass(frozen=True)
class Module:
    """One parsed file and its declarations."""

    source: SourceFile
    decls: ModuleDecls

    @property
    def key(self) -> str:
        """The file's absolute path as text: identifies the module in memo tables."""
        return self.source.key


class Program:
    """Loads modules on demand, so only files the exports actually reach are read."""

    def __init__(self) -> None:
        self._modules: dict[Path, Module] = {}
        self._configs: dict[Path, TsConfig | None] = {}
        self._resolved: dict[tuple[Path, str], Module] = {}
        self.absent: set[Path] = set()  # files looked for and not found: creating one matters
        self.found: set[Path] = set()  # paths as imported, before symlinks are resolved
        self.configs_read: set[Path] = set()
        self.lookups: dict[tuple[Path, str, str], tuple[Module, Declaration]] = {}

    def contents(self) -> dict[Path, bytes]:
        """The bytes of every file parsed, as parsed, by path (also as imported, via symlinks)."""
        parsed = {path: module.source.data for path, module in self._modules.items()}
        for path in self.found:
            data = parsed.get(path.resolve())
            if data is not None:
                parsed[path] = data
        return parsed

    def modules(self) -> list[Module]:
        """Every module loaded so far, in load order."""
        return list(self._modules.values())

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
        """The module an import specifier names, as TypeScript's resolution finds it.

        Relative specifiers resolve beside the importer; others through `paths` and `baseUrl`
        of the nearest tsconfig.json. Anything else is a package, which is never evaluated.
        """
        found = self._resolved.get((importer.source.path, specifier))
        if found is not None:
            return found
        found = self._resolve(importer, specifier, span)
        self._resolved[(importer.source.path, specifier)] = found
        return found

    def _resolve(self, importer: Module, specifier: str, span: Span) -> Module:
        if specifier.startswith(("./", "../")) or specifier in (".", ".."):
            bases = [importer.source.path.parent / specifier]
        else:
            config = self.tsconfig(importer.source.path.parent)
            bases = config.candidates(specifier) if config is not None else []
            if not bases:
                raise CodegenError(
                    f"cannot evaluate an import from package `{specifier}`: only relative "
                    "imports and tsconfig `paths`/`baseUrl` are followed",
                    span,
                )
        for base in bases:
            for candidate in _candidates(base):
                if candidate.is_file():
                    self.found.add(candidate)
                    return self.load(candidate)
                self.absent.add(candidate)
        raise CodegenError(f"cannot find module `{specifier}`", span)

    def tsconfig(self, folder: Path) -> TsConfig | None:
        """The nearest tsconfig.json at or above `folder`, read once."""
        if folder not in self._configs:
            candidate = folder / "tsconfig.json"
            if candidate.is_file():
                self._configs[folder] = config = read_tsconfig(candidate)
                self.configs_read.update(config.files)
                self.absent.update(config.missing)
            elif folder.parent == folder:
                self._configs[folder] = None
            else:
                self.absent.add(candidate)
                self._configs[folder] = self.tsconfig(folder.parent)
        return self._configs[folder]


@dataclass(frozen=True)
class TsConfig:
    """The module-resolution part of a tsconfig.json: `baseUrl` and `paths`."""

    base_url: Path | None
    paths_base: Path
    paths: tuple[tuple[str, tuple[str, ...]], ...]
    files: tuple[Path, ...] = ()  # this tsconfig.json and those it extends
    missing: tuple[Path, ...] = ()  # configs it extends that do not exist (yet)

    def candidates(self, specifier: str) -> list[Path]:
        """Where a bare specifier may live: `paths` (longest prefix first), then baseUrl."""
        matches = []
        for pattern, targets in self.paths:
            prefix, star, suffix = pattern.partition("*")
            if star and specifier.startswith(prefix) and specifier.endswith(suffix):
                if len(specifier) >= len(prefix) + len(suffix):
                    middle = specifier[len(prefix) : len(specifier) - len(suffix)]
                    matches.append((len(prefix), [t.replace("*", middle, 1) for t in targets]))
            elif not star and specifier == pattern:
                matches.append((len(pattern) + 1, list(targets)))
        found = []
        if matches:
            best = max(matches, key=lambda match: match[0])
            found = [self.paths_base / target for target in best[1]]
        if self.base_url is not None:
            found.append(self.base_url / specifier)
        return found


def read_tsconfig(path: Path, depth: int = 0) -> TsConfig:
    """Read `compilerOptions.baseUrl` and `paths` (JSON with comments), following `extends`."""
    shown = display_path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CodegenError(f"cannot read {shown}: {exc}") from None
    stripped = re.sub(
        r'("(?:\\.|[^"\\])*")|//[^\n]*|/\*.*?\*/', lambda m: m.group(1) or "", text, flags=re.S
    )
    try:
        data = json.loads(re.sub(r",(\s*[}\]])", r"\1", stripped))
    except json.JSONDecodeError as exc:
        raise CodegenError(
            f"invalid tsconfig.json: {exc.msg}",
            Span(shown, exc.lineno, exc.colno, exc.lineno, exc.colno + 1),
        ) from None
    inherited = None
    missing: tuple[Path, ...] = ()
    extends = data.get("extends") if isinstance(data, dict) else None
    if isinstance(extends, str) and extends.startswith(".") and depth < 10:
        parent = (path.parent / extends).resolve()
        parent = parent if parent.suffix == ".json" else parent.with_name(parent.name + ".json")
        inherited = read_tsconfig(parent, depth + 1) if parent.is_file() else None
        missing = (parent,) if inherited is None else inherited.missing
    files = (path, *(inherited.files if inherited is not None else ()))
    options = data.get("compilerOptions", {}) if isinstance(data, dict) else {}
    base_url = options.get("baseUrl")
    paths = options.get("paths")
    resolved_base = path.parent / base_url if isinstance(base_url, str) else None
    if resolved_base is None and inherited is not None:
        resolved_base = inherited.base_url
    if isinstance(paths, dict):
        entries = tuple(
            (k, tuple(v for v in vs if isinstance(v, str)))
            for k, vs in paths.items()
            if isinstance(vs, list)
        )
        return TsConfig(resolved_base, resolved_base or path.parent, entries, files, missing)
    if inherited is not None:
        return TsConfig(resolved_base, inherited.paths_base, inherited.paths, files, missing)
    return TsConfig(resolved_base, resolved_base or path.parent, (), files, missing)


def exported_names(
    program: Program, module: Module, visiting: set[Path] | None = None
) -> list[str]:
    """Every name a module exports, `export *` included (which never re-exports `default`)."""
    visiting = visiting if visiting is not None else set()
    if module.source.path in visiting:
        return []
    visiting.add(module.source.path)
    names = [*module.decls.exports, *module.decls.re_exports]
    for star in module.decls.star_exports:
        target = program.resolve(module, star.module, star.span)
        names.extend(n for n in exported_names(program, target, visiting) if n != "default")
    return list(dict.fromkeys(names))


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


@dataclass(frozen=True)
class Namespace:
    """`import * as name` (or `export * as name`): the exports of a module, as one object."""

    module: Module
    name: str
    span: Span | None


Declaration = VariableDecl | CodeDecl | EnumDecl | Interface | TypeAlias | Namespace


def find_local(
    program: Program, module: Module, name: str, span: Span | None, space: str = "value"
) -> tuple[Module, Declaration]:
    """The declaration a module-level name refers to, following imports to where it is declared.

    TypeScript keeps values and types apart (`type Lvl` and `const Lvl` may coexist), so
    `space` says which to prefer: "value" or "type".
    """
    cache_key = (module.source.path, name, space)
    cached = program.lookups.get(cache_key)
    if cached is not None:
        return cached
    found = _find_local(program, module, name, span, space)
    program.lookups[cache_key] = found
    return found


def _find_local(
    program: Program, module: Module, name: str, span: Span | None, space: str
) -> tuple[Module, Declaration]:
    for _ in range(MAX_HOPS):
        value = module.decls.bindings.get(name)
        typed: Interface | TypeAlias | None = module.decls.interfaces.get(
            name
        ) or module.decls.aliases.get(name)
        decl: Binding | Interface | TypeAlias | None
        if space == "type" and not isinstance(value, (ImportBinding, EnumDecl)):
            decl = typed or value
        else:
            decl = value or typed
        if decl is None:
            _refuse_gap(module, name, False)
            known = [*module.decls.bindings, *module.decls.interfaces, *module.decls.aliases]
            hint = did_you_mean(name, known) or (
                "; only this file's consts, enums and imports have static values"
            )
            raise CodegenError(f"cannot find name `{name}`{hint}", span)
        if not isinstance(decl, ImportBinding):
            return module, decl
        target = program.resolve(module, decl.module, decl.span)
        if decl.imported == "*":
            return target, Namespace(target, decl.name, decl.span)
        module, name, span = _follow_export(program, target, decl.imported, decl.span)
        if name == "*":
            return module, Namespace(module, decl.name, decl.span)
    raise CodegenError(
        f"`{name}` goes through more than {MAX_HOPS} imports; is there a cycle?", span
    )


def _refuse_gap(module: Module, name: str, exported: bool) -> None:
    """A name not found, where a statement the grammar cannot parse may be what provides it:
    refuse, pointing there."""
    gap = module.source.gap_for(name, exported)
    if gap is not None:
        raise CodegenError(
            f"`{name}` may come from this statement, which tree-sitter-typescript 0.23.2 cannot "
            f"parse: {gap.construct}; codegen cannot see what it declares",
            module.source.gap_span(gap),
        )


def gap_warnings(program: Program) -> list[CodegenError]:
    """One warning per unparsed statement of the files a run read: what it evaluated does not
    depend on them (a name they provide would have been refused)."""
    return [
        CodegenError(
            f"skipped {gap.construct}, which tree-sitter-typescript 0.23.2 cannot parse; "
            "nothing codegen evaluated here comes from it",
            module.source.gap_span(gap),
        )
        for module in program.modules()
        for gap in module.source.gaps
    ]


def find_export(
    program: Program, module: Module, name: str, span: Span | None, space: str = "value"
) -> tuple[Module, Declaration]:
    """The declaration a module exports under `name`, through re-exports and imports."""
    target, local, local_span = _follow_export(program, module, name, span)
    if local == "*":
        return target, Namespace(target, name, local_span)
    return find_local(program, target, local, local_span, space)


def find_named(
    program: Program, module: Module, name: str, span: Span | None
) -> tuple[Module, Declaration, bool]:
    """`find_export`, or else a module-level const or enum the file keeps to itself (files
    often keep their data in one): the bool says whether the name is exported."""
    try:
        where, decl = find_export(program, module, name, span)
    except CodegenError:
        local = module.decls.bindings.get(name)
        if isinstance(local, (VariableDecl, EnumDecl)):
            return module, local, False
        raise
    return where, decl, True


def not_exported(module: Module, decl: VariableDecl | EnumDecl) -> CodegenError:
    """The warning for a value used by name although its file does not export it."""
    return CodegenError(
        f"`{decl.name}` is not exported by {module.source.display}; it is used anyway, "
        "since it was named (export it to silence this warning)",
        decl.span,
    )


def _follow_export(
    program: Program, module: Module, name: str, span: Span | None
) -> tuple[Module, str, Span | None]:
    """The module and local name behind an export, after any `export ... from` hops."""
    seen: set[tuple[Path, str]] = set()
    while (module.source.path, name) not in seen:
        seen.add((module.source.path, name))
        if name == "*":  # `export * as ns from`: the namespace of `module` itself
            return module, name, span
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
            if name != "default" and name in exported_names(program, target):
                module, span = target, star.span
                break
        else:
            _refuse_gap(module, name, True)
            names = [*module.decls.exports, *module.decls.re_exports]
            raise CodegenError(
                f"`{name}` is not exported by {module.source.display}{did_you_mean(name, names)}",
                span,
            )
    raise CodegenError(
        f"the export `{name}` of {module.source.display} is part of a re-export cycle", span
    )
