"""A const that code may change after its declaration is refused, never mirrored stale.

The refused fixtures (`tests/oracle/refused/mutation_*`) pin each form's diagnostic; here, each
form is shown to matter (without the guard codegen would give a value other than Node's), the
negative cases still evaluate, and random modules with a random later change are refused at
the changing statement while random reads keep Node's value.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ORACLE, NodeOracle, require_oracle, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codegen.errors import CodegenError
from codegen.input import mutation
from codegen.input.evaluate import Evaluator
from codegen.input.mutation import Mutation, MutationGuard, module_mutations
from codegen.input.program import Program
from codegen.inspect import to_json

REFUSED = Path(__file__).resolve().parent / "oracle" / "refused"
# Changes codegen refuses (refused/), and those it runs as the module loads (fixtures/, whose
# values the oracle test compares with Node's).
MUTATION_FIXTURES = sorted(
    [
        *(
            path
            for folder in (REFUSED, ORACLE / "fixtures")
            for path in folder.glob("mutation_*.ts")
        ),
        *(
            path
            for folder in (REFUSED, ORACLE / "fixtures")
            for path in folder.glob("mutation_*/main.ts")
        ),
    ],
    key=lambda p: str(p),
)


def _mutations(folder: Path, text: str) -> dict[str, Mutation]:
    """Each name that may change, with the first place that may change it."""
    path = folder / "m.ts"
    path.write_text(text, "utf-8")
    module = Program().load(path)
    found = module_mutations(module.source, module.decls.bindings)[0]
    return {name: changes[0] for name, changes in found.items()}


def _position(text: str, fragment: str) -> tuple[int, int]:
    """1-based line and column of the first `fragment` in `text`."""
    offset = text.index(fragment)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _value(path: Path, name: str = "X") -> Any:
    program = Program()
    return to_json(Evaluator(program).export(program.load(path), name, None))


# -- each form, as the analysis sees it ------------------------------------------

CHANGED = [
    ("const X = { a: 1 };\nX.a = 2;\n", "X.a = 2", "assignment to `X.a`"),
    ("const X = { a: { b: 1 } };\nX['a'].b = 2;\n", "X['a'].b", "assignment to"),
    ("const X = [1];\nX[0] = 2;\n", "X[0] = 2", "assignment to `X[0]`"),
    ("const X = { n: 1 };\nX.n += 2;\n", "X.n +=", "`+=` on `X.n`"),
    ("const X: { n?: number } = {};\nX.n ??= 2;\n", "X.n ??=", "`??=` on `X.n`"),
    ("const X = { n: 1 };\n--X.n;\n", "--X.n", "`--` on `X.n`"),
    ("const X = { n: 1 };\nX.n++;\n", "X.n++", "`++` on `X.n`"),
    ("const X: { n?: number } = { n: 1 };\ndelete X.n;\n", "delete", "`delete` of `X.n`"),
    ("const X = { a: 1 };\nconst alias = X;\nalias.a = 2;\n", "alias.a", "`alias.a`"),
    ("const X = { a: { b: 1 } };\nconst inner = X.a;\ninner.b = 2;\n", "inner.b", "`inner.b`"),
    ("const X = { a: { b: 1 } };\nconst { a } = X;\na.b = 2;\n", "a.b = 2", "`a.b`"),
    ("const X = { a: [1] };\nconst [first] = [X];\nfirst.a.push(2);\n", "first.a", "call of"),
    ("const X = [3, 1];\nconst Y = X.sort();\n", "X.sort()", "call of `X.sort`"),
    ("const X = { l: [1] };\nX.l.push(2);\n", "X.l.push", "call of `X.l.push`"),
    ("const X = [1];\nX.reverse();\n", "X.reverse", "call of `X.reverse`"),
    ("const X = new Map();\nX.set(1, 2);\n", "X.set", "call of `X.set`"),
    ("const X = { a: 1 };\nObject.assign(X, { a: 2 });\n", "Object.assign", "`Object.assign`"),
    ("const X = { a: 1 };\nfunction f(o: any) {}\nf(X);\n", "f(X)", "call of `f`"),
    ("const X = { a: 1 };\nconsole.log(X);\n", "console.log", "call of `console.log`"),
    ("const X = { a: 1 };\nfunction init() { X.a = 2; }\ninit();\n", "X.a = 2", "`X.a`"),
    ("const X = [{ a: 1 }];\nX.forEach((o) => { o.a = 2; });\n", "o.a = 2", "`o.a`"),
    ("const X = [{ a: 1 }];\nX.map(function (o) { o.a = 2; });\n", "o.a = 2", "`o.a`"),
    ("const X = [{ a: 1 }];\nfunction g(o: any) { o.a = 2; }\nX.forEach(g);\n", "o.a", "`o.a`"),
    ("const X = [{ a: 1 }];\nconst h = { g() {} };\nX.forEach(h.g);\n", "X.forEach", "callback"),
    ("const X = [{ a: 1 }];\nfor (const o of X) o.a = 2;\n", "o.a = 2", "`o.a`"),
    ("const X = { n: 0, inc() { this.n++; } };\n", "this.n++", "`++` on `this.n`"),
    ("const X = { a: 1 };\nconst o: any = {};\no.x = X;\no.x.a = 2;\n", "o.x.a", "`o.x.a`"),
    ("const X = { a: 1 };\nconst get = () => X;\nget().a = 2;\n", "get().a", "`get().a`"),
    ("const X = { a: 1 };\nlet v: any;\nv = X;\nv.a = 2;\n", "v.a = 2", "`v.a`"),
    ("const X = { a: 1 };\ntag`${X}`;\nfunction tag(...a: any[]) {}\n", "tag`", "call of `tag`"),
    ("const X = { a: 1 };\nnew Widget(X);\nclass Widget {}\n", "new Widget", "`new Widget`"),
    ("const X = { a: 1 };\n[X.a] = [2];\n", "[X.a] = [2]", "assignment to `[X.a]`"),
    ("const X = { a: 1 };\n({ k: X.a } = { k: 2 });\n", "{ k: X.a } =", "assignment"),
    ("let X = { a: 1 };\nX.a = 2;\n", "X.a = 2", "assignment to `X.a`"),
    ("enum X { A = 1 }\n(X as any).A = 2;\n", "(X as any).A", "assignment"),
    (  # a local `Object` is not the global one
        "const X = { a: 1 };\nconst Object = { assign(a: any) {} };\nObject.assign(X);\n",
        "Object.assign(X)",
        "call of `Object.assign`",
    ),
    ("const X = { a: 1 };\ntry { throw X; } catch (e: any) { e.a = 2; }\n", "e.a = 2", "`e.a`"),
    ("const X = 1;\n// @ts-ignore\nX = 2;\n", "X = 2", "assignment to `X`"),
]


@pytest.mark.parametrize(("source", "at", "what"), CHANGED, ids=[c[0] for c in CHANGED])
def test_each_form_of_change_is_found_at_its_statement(
    tmp_path: Path, source: str, at: str, what: str
) -> None:
    found = _mutations(tmp_path, source)
    assert "X" in found, found
    span = found["X"].span
    assert (span.line, span.column) == _position(source, at)
    assert what in found["X"].what


UNCHANGED = [
    "const X = { a: 1 };\nexport function f() { return X.a + 1; }\n",
    "const X = { a: 1 };\nconst OTHER = { a: 1 };\nOTHER.a = 2;\n",
    "const X = [1, 2];\nexport const f = () => X.map((n) => n * 2).filter(Boolean);\n",
    "const X = [1, 2];\nexport const f = () => [...X].sort();\n",
    "const X = { a: 1 };\nexport const f = () => ({ ...X }).a;\n",
    "const X = { a: 1 };\nexport function f(o: any) { o.a = X.a; o.b = X; }\n",
    "const X = { a: 1 };\nexport const k = () => [Object.keys(X), JSON.stringify(X)];\n",
    "const X = { a: 1 };\nconst F = Object.freeze(X);\nconst V = Object.values(X);\n",
    "const X = [{ a: 1 }];\nexport const f = () => X.find((o) => o.a === 1);\n",
    "const X = { a: 1 };\nexport function f() { const t = { x: 0 }; t.x = X.a; t.x++; }\n",
    "const X = [1];\nexport function f() { const copy = X.slice(); copy.push(2); }\n",
    "const X = { a: 1 };\nclass C { n = 0; constructor() { this.n = X.a; } }\n",
    "const X = { a: 1 };\nconst Y = Object.assign({}, X, { b: 2 });\n",
    "const X = { a: 1 };\nconst s = new Set([X]);\nexport const f = () => Math.max(X.a, 2);\n",
    "const X = 'a=b; c(d) x++ delete y';\n// X.a = 1; X.sort()\n",
    "let X = 1;\nX = 2;\n",  # the evaluator's own rule refuses reassigned `let`s
]


@pytest.mark.parametrize("source", UNCHANGED)
def test_reads_and_unrelated_changes_leave_a_const_alone(tmp_path: Path, source: str) -> None:
    assert "X" not in _mutations(tmp_path, source)


# -- each refused fixture is needed: without the guard, codegen would be wrong ----


@pytest.fixture
def no_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MutationGuard, "check", lambda *args: None)
    monkeypatch.setattr(MutationGuard, "changes", lambda *args: ())
    monkeypatch.setattr(MutationGuard, "scan", lambda *args: None)


def _node_value(path: Path, name: str = "X") -> Any:
    result = subprocess.run(
        ["node", str(ORACLE / "evaluate.cjs"), str(path), name],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)[name]


@pytest.mark.parametrize("path", MUTATION_FIXTURES, ids=lambda p: str(p.relative_to(ORACLE)))
def test_without_the_guard_each_fixture_would_be_mirrored_stale(path: Path, no_guard: None) -> None:
    require_oracle()
    assert json.loads(json.dumps(_value(path))) != _node_value(path)


def test_the_refused_fixtures_cover_every_form() -> None:
    names = {p.stem if p.name != "main.ts" else p.parent.name for p in MUTATION_FIXTURES}
    assert {
        "mutation_assignment",
        "mutation_delete",
        "mutation_increment",
        "mutation_alias",
        "mutation_sort_in_initializer",
        "mutation_push",
        "mutation_object_assign",
        "mutation_call_argument",
        "mutation_init_call",
        "mutation_locale",
        "mutation_in_importer",
    } <= names


def test_the_locale_file_of_the_issue_runs_to_its_final_value() -> None:
    result = run_cli("inspect", "mutation_locale/ru_RU.ts", "default", cwd=ORACLE / "fixtures")
    assert result.code == 0, result.err
    assert json.loads(result.out)["default"]["strings"] == {"hello": "Привет", "bye": "Пока"}


# -- across modules ----------------------------------------------------------------


def test_a_module_loaded_after_the_value_was_used_still_refuses(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text("export const SETTINGS = { mode: 'safe' };\n", "utf-8")
    (tmp_path / "b.ts").write_text(
        "import { SETTINGS } from './a';\nSETTINGS.mode = 'fast';\nexport function f() {}\n",
        "utf-8",
    )
    main = tmp_path / "main.ts"
    main.write_text(
        "import { SETTINGS } from './a';\nimport { f } from './b';\n"
        "export const X = [SETTINGS.mode, f];\n",
        "utf-8",
    )
    with pytest.raises(CodegenError) as error:
        _value(main)
    assert error.value.message.startswith("`SETTINGS` may be changed")
    assert error.value.span is not None and error.value.span.path.endswith("b.ts")


def test_a_namespace_import_that_changes_a_member_refuses_it(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text("export const LIMITS = { max: 1 };\n", "utf-8")
    main = tmp_path / "main.ts"
    main.write_text("import * as a from './a';\na.LIMITS.max = 2;\nexport const X = a.LIMITS;\n")
    with pytest.raises(CodegenError, match="`LIMITS` may be changed"):
        _value(main)


def test_a_called_import_is_loaded_so_its_body_is_seen(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text("export const LIMITS = { max: 1 };\n", "utf-8")
    (tmp_path / "setup.ts").write_text(
        "import { LIMITS } from './a';\nexport function setup() { LIMITS.max = 2; }\n", "utf-8"
    )
    main = tmp_path / "main.ts"
    main.write_text(
        "import { LIMITS } from './a';\nimport { setup } from './setup';\nsetup();\n"
        "export const X = LIMITS.max;\n",
        "utf-8",
    )
    with pytest.raises(CodegenError, match="`LIMITS` may be changed") as error:
        _value(main)
    assert error.value.span is not None and error.value.span.path.endswith("setup.ts")


# -- speed: no walk over a registry that nothing changes ---------------------------


def test_a_large_registry_with_nothing_changed_is_never_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = (
        "  { name: 'f{i}', ttl: {i} * HOUR, tags: [SUBJECTS.a], compute: (now) => now % {i} },\n"
    )
    path = tmp_path / "registry.ts"
    path.write_text(
        "const HOUR = 3600;\nconst SUBJECTS = { a: 'a.b' } as const;\nexport const X = [\n"
        + "".join(entry.replace("{i}", str(i)) for i in range(2000))
        + "];\n",
        "utf-8",
    )
    walked: list[int] = []
    for name in ("_roots", "_base", "_base_of_value"):
        original = getattr(mutation._Analysis, name)

        def counting(self: Any, node: Any, _original: Any = original) -> Any:
            walked.append(node.end_byte - node.start_byte)
            return _original(self, node)

        monkeypatch.setattr(mutation._Analysis, name, counting)
    assert len(_value(path)) == 2000
    assert walked == []


# -- random modules ----------------------------------------------------------------

BASE = "const CONFIG = { a: { b: 1 }, list: [{ n: 1 }, { n: 2 }], tags: ['x'] };\n"
EXPECTED = {"a": {"b": 1}, "list": [{"n": 1}, {"n": 2}], "tags": ["x"]}

# Ways to name CONFIG itself, or a part of it: (declarations, expression, what it names).
_WHOLE = [
    ("", "CONFIG"),
    ("const alias = CONFIG;\n", "alias"),
    ("const alias2: any = CONFIG as any;\n", "alias2"),
    ("const [first] = [CONFIG];\n", "first"),
    ("let later: any;\nlater = CONFIG;\n", "later"),
    ("const holder: any = {};\nholder.c = CONFIG;\n", "holder.c"),
    ("const pick = () => CONFIG;\n", "pick()"),
]
_PART_A = [("", ".a"), ("const { a } = {WHOLE};\n", "a"), ("const inner = {WHOLE}.a;\n", "inner")]
_PART_LIST = [
    ("", ".list"),
    ("const { list } = {WHOLE};\n", "list"),
    ("const items = {WHOLE}['list'];\n", "items"),
]
# Changes, given an expression for CONFIG.a (`{A}`) and one for CONFIG.list (`{L}`).
_CHANGES = [
    "{A}.b = 2;",
    "{A}.b += 1;",
    "{A}.b++;",
    "--{A}.b;",
    "delete {A}.b;",
    "{A}['b'] ??= 3;",
    "{L}.push({ n: 3 });",
    "{L}.sort((x, y) => y.n - x.n);",
    "{L}.reverse();",
    "{L}.splice(0, 1);",
    "{L}[0].n = 5;",
    "{L}.forEach((item) => { item.n = 0; });",
    "Object.assign({A}, { b: 7 });",
    "touch({A});",
]
_PLACES = [
    "{C}\n",
    "const SNAPSHOT = ({C_EXPR});\n",
    "function init() {\n  {C}\n}\ninit();\n",
    "export function later() {\n  {C}\n}\n",
]
_FILLER = [
    "const OTHER = { b: 1 };\nOTHER.b = 2;\n",
    "export function read() { return CONFIG.a.b + 1; }\n",
    "const COPY = [...CONFIG.tags];\n",
    "export const size = () => CONFIG.list.map((x) => x.n).length;\n",
]


@st.composite
def _changed_modules(draw: st.DrawFn) -> tuple[str, str]:
    """A module where CONFIG may change, and the change's text (for its place)."""
    whole_decl, whole = draw(st.sampled_from(_WHOLE))
    part = draw(st.sampled_from(["a", "list"]))
    part_decl, part_expr = draw(st.sampled_from(_PART_A if part == "a" else _PART_LIST))
    part_decl = part_decl.replace("{WHOLE}", whole)
    named = whole + part_expr if part_expr.startswith((".", "[")) else part_expr
    change = draw(st.sampled_from([c for c in _CHANGES if ("{A}" in c) == (part == "a")]))
    change = change.replace("{A}", named).replace("{L}", named)
    place = draw(st.sampled_from(_PLACES))
    if "{C_EXPR}" in place:
        change = change.rstrip(";")
        if change.startswith(("delete", "--")) or ("=>" in change and "{" in change):
            change = f"(() => {{ {change}; }})()"
    statement = place.replace("{C_EXPR}", change).replace("{C}", change)
    filler = draw(st.lists(st.sampled_from(_FILLER), max_size=2, unique=True))
    text = (
        BASE
        + "function touch(o: any) { return o; }\n"
        + "".join(filler)
        + whole_decl
        + part_decl
        + statement
        + "export const X = CONFIG;\n"
    )
    return text, change


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=_changed_modules())
def test_a_random_later_change_runs_as_node_runs_it_or_is_refused_at_its_statement(
    case: tuple[str, str], tmp_path_factory: pytest.TempPathFactory, node: NodeOracle
) -> None:
    """A change made as the module loads gives Node's value (the module runs whole); a change
    inside an exported function, which other files may call later, is refused there."""
    text, change = case
    path = tmp_path_factory.mktemp("changed") / "m.ts"
    path.write_text(text, "utf-8")
    later = "export function later()" in text
    try:
        ours = _value(path)
    except CodegenError as error:
        assert error.span is not None
        theirs = node.evaluate(path, "X")
        if isinstance(theirs, dict) and "$error" in theirs:
            return  # JavaScript refuses the module too (a name declared twice, say)
        assert later, (text, error.message)
        assert error.message.startswith("`CONFIG` may be changed by "), text
        assert "in code that other files can call" in error.message
        span = error.span
        assert span is not None
        changed_at = _position(text, change)
        # at the change itself, or (a callback's body) inside it
        assert (span.line, span.column) >= changed_at, (text, error.message, span)
        assert span.line <= changed_at[0] + 2, (text, span)
        return
    assert not later, text
    theirs = node.evaluate(path, "X")
    assert not (isinstance(theirs, dict) and "$error" in theirs), (text, theirs)
    assert ours == theirs["X"], text


# Reads that change nothing: CONFIG keeps its literal value, which Node agrees with.
_READS = [
    "export const Y = CONFIG.a.b * 2;\n",
    "export function f() { return Object.keys(CONFIG).join(','); }\n",
    "export const g = () => CONFIG.list.filter((x) => x.n > 1).map((x) => ({ ...x }));\n",
    "export function h(o: any) { o.value = CONFIG.a; o.value = 1; return o; }\n",
    "export const frozen = Object.freeze({ ...CONFIG });\n",
    "const LOCAL = { x: 0 };\nLOCAL.x = CONFIG.a.b;\n",
    "export function k() { const copy = CONFIG.tags.slice(); copy.push('y'); return copy; }\n",
    "export const j = () => JSON.stringify(CONFIG);\n",
    "export function m() { for (const item of CONFIG.list) { const n = item.n + 1; } }\n",
    "class Box { v: number; constructor() { this.v = CONFIG.a.b; } }\n",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reads=st.lists(st.sampled_from(_READS), min_size=1, max_size=4, unique=True))
def test_random_reads_keep_the_value_node_gives(
    reads: list[str], node: NodeOracle, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("read") / "m.ts"
    path.write_text(BASE + "".join(reads) + "export const X = CONFIG;\n", "utf-8")
    ours = json.loads(json.dumps(_value(path)))
    assert ours == EXPECTED
    assert node.evaluate(path, "X") == {"X": EXPECTED}
