"""Every fast path (codegen.fastpaths) runs by default, none runs with CODEGEN_NO_FAST_PATHS=1,
and both ways give the same bytes: for every golden case and for the large registries the
tests and the benchmark generate. And `quick_fit` agrees with `mismatch` on every value."""

from __future__ import annotations

import importlib.util
import math
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from conftest import REPO, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cases import CASES, SENTINEL, _cases
from test_layout import HEADER as LAYOUT_HEADER
from test_layout import _entry as layout_entry
from test_shapes import OTHER as SHAPES_OTHER
from test_shapes import _registry as shapes_registry

from codegen import fastpaths
from codegen.errors import Span
from codegen.input.values import (
    Array,
    BigInt,
    Bool,
    Code,
    Null,
    Num,
    Object,
    Str,
    Undefined,
    Value,
)
from codegen.mirror.pytypes import PyEnum, PyLiteral, PyOptional, PyScalar, PyTuple, PyType
from codegen.mirror.typemap import mismatch, quick_fit


def _bench() -> ModuleType:
    """bench/bench.py, which makes profile-shaped registries of any size."""
    spec = importlib.util.spec_from_file_location("bench", REPO / "bench" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()


@pytest.fixture
def switch(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Fast paths on, whatever the environment says; `switch.setenv(fastpaths.SWITCH, "1")`
    turns them off."""
    monkeypatch.delenv(fastpaths.SWITCH, raising=False)
    yield monkeypatch


Outcome = tuple[int, str, bytes]  # exit code, what codegen printed, the output file


def _generate(folder: Path, output: str = "out.py") -> Outcome:
    result = run_cli("generate", "--quiet", cwd=folder)
    assert "Traceback" not in result.err
    written = folder / output
    return result.code, result.err, written.read_bytes() if written.exists() else b""


def _both_ways(switch: pytest.MonkeyPatch, make: Path) -> tuple[Outcome, Outcome]:
    """Generate in a fresh copy of the project folder `make`, fast paths on, then off."""
    outcomes = []
    for off in (False, True):
        if off:
            switch.setenv(fastpaths.SWITCH, "1")
        copy = make.parent / f"{make.name}-{'slow' if off else 'fast'}"
        shutil.copytree(make, copy)
        before = dict(fastpaths.counts)
        outcomes.append(_generate(copy))
        if off:
            assert fastpaths.counts == before  # no fast path ran
    switch.delenv(fastpaths.SWITCH)
    return outcomes[0], outcomes[1]


# -- each fast path, on and off -----------------------------------------------------------


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, tuple[dict[str, int], bytes]]:
    """generate, edit one entry, generate, check: the fast paths each counted, and the output,
    with fast paths on (True) and off (False)."""
    results = {}
    for on in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("CODEGEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
            if on:
                patch.delenv(fastpaths.SWITCH, raising=False)
            else:
                patch.setenv(fastpaths.SWITCH, "1")
            folder = bench.project(tmp_path_factory.mktemp("scenario") / "project", 100)
            before = dict(fastpaths.counts)
            assert run_cli("generate", "-q", cwd=folder).code == 0
            registry = folder / "registry.ts"
            text = registry.read_text("utf-8")
            registry.write_text(text.replace('name: "feature_1",', 'name: "one",', 1), "utf-8")
            assert run_cli("generate", "-q", cwd=folder).code == 0
            assert run_cli("check", "-q", cwd=folder).code == 0
            counted = {name: fastpaths.counts[name] - before[name] for name in fastpaths.NAMES}
            results[on] = (counted, (folder / "out.py").read_bytes())
    return results


@pytest.mark.parametrize("name", fastpaths.NAMES)
def test_each_fast_path_runs_by_default_and_not_with_the_switch(
    scenario: dict[bool, tuple[dict[str, int], bytes]], name: str
) -> None:
    assert scenario[True][0][name] > 0, scenario[True][0]
    assert scenario[False][0][name] == 0, scenario[False][0]


def test_the_scenario_gives_the_same_bytes_both_ways(
    scenario: dict[bool, tuple[dict[str, int], bytes]],
) -> None:
    assert b'name="one"' in scenario[True][1]
    assert scenario[True][1] == scenario[False][1]


def test_the_switch_reads_the_environment(switch: pytest.MonkeyPatch) -> None:
    assert fastpaths.enabled()
    for value, enabled in [("1", False), ("yes", False), ("0", True), ("", True)]:
        switch.setenv(fastpaths.SWITCH, value)
        assert fastpaths.enabled() is enabled, value


# -- the same bytes both ways ---------------------------------------------------------------


@pytest.mark.parametrize("name", _cases())
def test_every_golden_case_is_the_same_both_ways(
    name: str, tmp_path: Path, switch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(CASES, tmp_path / "cases", ignore=shutil.ignore_patterns("expected.*"))
    existing = CASES / name / "existing.py"
    previous = existing.read_bytes() if existing.exists() else SENTINEL
    (tmp_path / "cases" / name / "out.py").write_bytes(previous)
    fast, slow = _both_ways(switch, tmp_path / "cases" / name)
    assert fast[0] in (0, 2), fast[1]  # tests/test_cases.py compares each with its golden
    assert fast == slow


def _project(folder: Path, registry: str, config: str) -> Path:
    folder.mkdir()
    (folder / "registry.ts").write_text(registry, "utf-8")
    (folder / "pyproject.toml").write_text(
        '[[tool.codegen.targets]]\nname = "t"\nsource = "registry.ts"\noutput = "out.py"\n'
        + config,
        "utf-8",
    )
    return folder


def test_a_thousand_entry_bench_registry_is_the_same_both_ways(
    tmp_path: Path, switch: pytest.MonkeyPatch
) -> None:
    fast, slow = _both_ways(switch, bench.project(tmp_path / "bench", 1_000))
    assert fast[0] == 0, fast[1]
    assert fast == slow


def test_a_two_thousand_entry_layout_registry_is_the_same_both_ways(
    tmp_path: Path, switch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(2026)
    entries = "".join(layout_entry(rng, i) for i in range(2_000))
    text = LAYOUT_HEADER + entries + "] as const satisfies readonly Spec[];\n"
    folder = _project(tmp_path / "layout", text, 'exports = ["ITEMS", "Kind"]\n')
    fast, slow = _both_ways(switch, folder)
    assert fast[0] == 0, fast[1]
    assert fast == slow


def test_a_media_type_table_mirrored_whole_is_the_same_both_ways(
    tmp_path: Path, switch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mime"
    folder.mkdir()
    source = bench.write_mime_db(folder)
    extra = (
        "export const BY_CODE = {\n"
        + "".join(f'  {n}: {{ text: "status {n}", retry: [{n}, {n + 1}] }},\n' for n in range(300))
        + "} as const;\n"
        + "export const ORDER = ["
        + ", ".join(f'"item-{n}"' for n in range(300))
        + "] as const;\n"
    )
    source.write_text(source.read_text("utf-8") + extra, "utf-8")
    (folder / "pyproject.toml").write_text(
        '[[tool.codegen.targets]]\nname = "t"\nsource = "mime.ts"\noutput = "out.py"\n', "utf-8"
    )
    before = fastpaths.counts[fastpaths.SPLICED]
    fast, slow = _both_ways(switch, folder)
    assert fast[0] == 0 and "warning" not in fast[1], fast[1]
    assert fast == slow
    assert fastpaths.counts[fastpaths.SPLICED] > before  # the members were laid out by codegen
    text = fast[2].decode("utf-8")
    assert '    0: MappingProxyType({"text": "status 0", "retry": (0, 1)}),\n' in text
    assert "        # Acme format 0; obsolete, kept for old files.\n" in text


@pytest.mark.parametrize(("seed", "errors"), [(1, False), (2, False), (3, True)])
def test_shapes_registries_inspect_the_same_both_ways(
    tmp_path: Path, switch: pytest.MonkeyPatch, seed: int, errors: bool
) -> None:
    """These registries mix shapes no interface describes: `inspect` shows what codegen sees
    (tests/test_shapes.py compares the spans and number origins too)."""
    text, bad = shapes_registry(random.Random(seed), 150, errors)
    (tmp_path / "registry.ts").write_text(text, "utf-8")
    (tmp_path / "other.ts").write_text(SHAPES_OTHER, "utf-8")
    shown = []
    for off in (False, True):
        if off:
            switch.setenv(fastpaths.SWITCH, "1")
        before = fastpaths.counts[fastpaths.SHAPES]
        result = run_cli("inspect", "registry.ts", "ITEMS", cwd=tmp_path)
        built = fastpaths.counts[fastpaths.SHAPES] - before
        assert built == 0 if off else built > 100
        shown.append(result)
    assert shown[0] == shown[1]
    assert shown[0].code == (2 if bad else 0), shown[0].err


# -- quick_fit and mismatch -----------------------------------------------------------------

SPAN = Span("registry.ts", 1, 1, 1, 2)
STRINGS = ["", "a", "b", "日本"]
NUMBERS = [0.0, -0.0, 1.0, 2.0, 1.5, -3.0, math.inf, -math.inf, math.nan, 2.0**53]
literal_values = st.sampled_from([*STRINGS, *NUMBERS, True, False])

scalars = st.sampled_from(["str", "int", "float", "bool", "bigint"]).map(PyScalar)
literals = st.lists(literal_values, min_size=1, max_size=4).map(lambda v: PyLiteral(tuple(v)))
enums = st.lists(st.sampled_from([*STRINGS, *NUMBERS]), min_size=1, max_size=3, unique_by=repr).map(
    lambda values: PyEnum("E", tuple((f"M{i}", v) for i, v in enumerate(values)))
)
simple_types = st.one_of(scalars, literals, enums)
py_types: st.SearchStrategy[PyType] = st.one_of(
    simple_types,
    st.recursive(
        simple_types,
        lambda inner: st.one_of(inner.map(PyOptional), inner.map(PyTuple)),
        max_leaves=3,
    ),
)


def _primitive(value: str | float | bool) -> Value:
    if isinstance(value, bool):
        return Bool(value, SPAN)
    if isinstance(value, str):
        return Str(value, SPAN)
    return Num(value, SPAN)


leaves = st.one_of(
    literal_values.map(_primitive),
    st.floats(allow_nan=True).map(lambda f: Num(f, SPAN)),
    st.integers(-(2**70), 2**70).map(lambda i: Num(float(i), SPAN)),
    st.integers(-5, 5).map(lambda i: BigInt(i, SPAN)),
    st.just(Null(SPAN)),
    st.just(Undefined(SPAN)),
    st.just(Code(SPAN)),
    st.just(Object((("k", Str("v", SPAN), SPAN),), SPAN)),
)
values: st.SearchStrategy[Value] = st.one_of(
    leaves,
    st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=4).map(lambda v: Array(tuple(v), SPAN)),
        max_leaves=6,
    ),
)


def fitting(py_type: PyType) -> st.SearchStrategy[Value]:
    """Values built to fit the type, or to miss it narrowly, so both answers are common."""
    if isinstance(py_type, PyOptional):
        return st.one_of(st.just(Null(SPAN)), st.just(Undefined(SPAN)), fitting(py_type.inner))
    if isinstance(py_type, PyTuple):
        item = fitting(py_type.element)
        items = st.lists(st.one_of(item, item, item, leaves), max_size=4)
        return items.map(lambda v: Array(tuple(v), SPAN))
    if isinstance(py_type, PyLiteral):
        return st.sampled_from(py_type.values).map(_primitive)
    if isinstance(py_type, PyEnum):
        return st.sampled_from([v for _, v in py_type.members]).map(_primitive)
    return {
        "str": st.sampled_from(STRINGS).map(_primitive),
        "int": st.integers(-(2**60), 2**60).map(lambda i: Num(float(i), SPAN)),
        "float": st.floats().map(lambda f: Num(f, SPAN)),
        "bool": st.booleans().map(_primitive),
        "bigint": st.integers().map(lambda i: BigInt(i, SPAN)),
    }[py_type.name]


@settings(
    max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), py_type=py_types)
def test_quick_fit_says_fits_exactly_when_mismatch_finds_nothing(
    switch: pytest.MonkeyPatch, data: st.DataObject, py_type: PyType
) -> None:
    value = data.draw(st.one_of(fitting(py_type), values))
    assert quick_fit(py_type)(value) == (mismatch(value, py_type) is None)


def test_quick_fit_answers_by_default_and_never_with_the_switch(
    switch: pytest.MonkeyPatch,
) -> None:
    value = Array((Num(1.0, SPAN), Num(2.0, SPAN)), SPAN)
    py_type = PyTuple(PyScalar("int"))
    before = fastpaths.counts[fastpaths.QUICK_FIT]
    assert quick_fit(py_type)(value) and mismatch(value, py_type) is None
    assert fastpaths.counts[fastpaths.QUICK_FIT] == before + 1
    switch.setenv(fastpaths.SWITCH, "1")
    assert not quick_fit(py_type)(value)  # `mismatch` decides every value
    assert fastpaths.counts[fastpaths.QUICK_FIT] == before + 1
