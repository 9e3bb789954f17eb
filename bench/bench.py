"""Benchmark: codegen on generated registries shaped like the profile one, 5 to 10,000 entries.

Run with `make bench`; writes bench/RESULTS.md. Whole processes are timed (medians of repeated
runs, peak memory from the kernel), stages in-process, and beside them black over the whole
rendered module and the pipeline a TS team would script (Node + TypeScript compiler -> JSON ->
Jinja2 -> black), a media-type table of 2,000 entries mirrored whole by the built-in
template, and a 10,000-entry registry built by `.map` over an array, which runs in the embedded
JavaScript engine. Finishes in a few minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import black

from codegen.input.evaluate import Evaluator
from codegen.input.extract import extract
from codegen.input.parse import parse_file
from codegen.input.program import Module, Program
from codegen.memory import frozen_heap, paused_gc
from codegen.mirror.exports import build_mirror
from codegen.mirror.schema import SchemaOptions
from codegen.output.context import Context, build_context
from codegen.output.format import format_spliced
from codegen.output.render import load_template, render
from codegen.output.write import write_atomically

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "templates" / "profile_schema.py.j2"
SIZES = (5, 100, 1_000, 10_000)

PREAMBLE = """import { SUBJECTS } from "./subjects";

const HOUR = 3600;
const DAY = 86_400;

export type Dtype = "numeric" | "categorical";
export type Freshness = "jit" | "batched";

export interface ProfileFeatureSpec {
  /** Stable identifier. */
  readonly name: string;
  /** Value type. */
  readonly dtype: Dtype;
  /** Meaning. */
  readonly description: string;
  /** Freshness. */
  readonly freshness: Freshness;
  /** Cache lifetime in seconds. */
  readonly ttlSec: number;
  /** Origin. */
  readonly source: string;
  /** Fallback. */
  readonly fallback: string;
  /** Subjects. */
  readonly invalidatedBy?: readonly string[];
  compute(now: number): number | null;
}

"""
HEADER = PREAMBLE + "export const PROFILE_FEATURES = [\n"
ENTRY = """  {{
    name: "feature_{i}",
    dtype: "{dtype}",
    description: 'Feature {i}: share of "done" reactions – window {i} days.',
    freshness: "batched",
    ttlSec: {ttl},
    source: "profile_store",
    fallback: "{fallback}",
    invalidatedBy: [SUBJECTS.tipFeedback{extra}],
    compute: (now) => now % {mod},
  }},
"""
SUBJECTS = 'export const SUBJECTS = { tipFeedback: "a.b", tipServed: "a.c" } as const;\n'


def write_registry(folder: Path, size: int) -> Path:
    """A registry of `size` entries beside its subjects file."""
    (folder / "subjects.ts").write_text(SUBJECTS, "utf-8")
    parts = [HEADER]
    for i in range(size):
        parts.append(
            ENTRY.format(
                i=i,
                dtype="numeric" if i % 3 else "categorical",
                ttl=f"{i % 7 + 1} * HOUR" if i % 2 else "DAY",
                fallback="0.0" if i % 2 else f"null — {i}",
                extra=", SUBJECTS.tipServed" if i % 5 == 0 else "",
                mod=i + 1,
            )
        )
    parts.append("] as const satisfies readonly ProfileFeatureSpec[];\n")
    path = folder / "registry.ts"
    path.write_text("".join(parts), "utf-8")
    return path


MAP_ENTRIES = 10_000
MAP_ROW = '  ["feature_{i}", {i}, "{fallback}"],\n'
MAP_FOOTER = """] as const;

export const PROFILE_FEATURES = ROWS.map(([name, window, fallback], i) => ({
  name,
  dtype: i % 3 ? "numeric" : "categorical",
  description: `Feature ${window}: share of "done" reactions – window ${window} days.`,
  freshness: "batched",
  ttlSec: i % 2 ? (i % 7 + 1) * HOUR : DAY,
  source: "profile_store",
  fallback,
  invalidatedBy: i % 5 ? [SUBJECTS.tipFeedback] : [SUBJECTS.tipFeedback, SUBJECTS.tipServed],
  compute: (now: number) => now % (i + 1),
})) satisfies readonly ProfileFeatureSpec[];
"""


def write_map_registry(folder: Path, size: int) -> Path:
    """The registry of `write_registry`, its entries built by a call: an `as const` array of
    `[name, window, fallback]` rows (a number, non-ASCII text), then `ROWS.map(...)` making each
    entry, with a template literal, arithmetic on the module's consts, the imported subjects and
    a function. The engine runs the call; the entries have the same values as the literal
    registry's (the mirror keeps no `6 * HOUR` expressions: the engine gives numbers)."""
    (folder / "subjects.ts").write_text(SUBJECTS, "utf-8")
    parts = [PREAMBLE, "const ROWS = [\n"]
    for i in range(size):
        parts.append(MAP_ROW.format(i=i, fallback="0.0" if i % 2 else f"null — {i}"))
    parts.append(MAP_FOOTER)
    path = folder / "registry.ts"
    path.write_text("".join(parts), "utf-8")
    return path


MIME_ENTRIES = 2_000
MIME_TOPS = ("application", "text", "image", "audio", "video", "font", "model", "multipart")
MIME_SUFFIXES = ("", "+json", "+xml", "+zip", "")
MIME_VENDORS = ("acme", "example", "contoso", "globex", "initech", "umbrella", "hooli")
MIME_HEADER = """/**
 * Media types and what we know about them: where each is registered, its default charset
 * when it is text, and the file extensions it goes by. Keyed by the lower-case media type.
 */
export const MIME_TYPES = {
"""
MIME_FOOTER = """} as const;

/** A media type we know, such as `"text/csv"`. */
export type MimeType = keyof typeof MIME_TYPES;
/** What we know about one media type. */
export type MimeEntry = (typeof MIME_TYPES)[MimeType];
/** Where a media type is registered. */
export type MimeSource = MimeEntry["source"];
"""


def write_mime_db(folder: Path, uniform: bool = False) -> Path:
    """A 2,000-entry media-type table in the style of mime-db, about 9,000 lines.

    Each entry is an object of `source` (iana, apache or nginx), `charset` and `extensions`.
    With `uniform`, every entry has a charset (all entries are one shape); otherwise only the
    textual types do (text/*, +json, +xml), as in real tables, and the others leave it out.
    Some entries carry a one-line JSDoc, as real tables note obsolete or vendor-specific types.
    """
    parts = [MIME_HEADER]
    for i in range(MIME_ENTRIES):
        top = MIME_TOPS[i % 7 if i % 11 else 7]
        suffix = MIME_SUFFIXES[i % 5] if top == "application" else ""
        vendor = MIME_VENDORS[i % len(MIME_VENDORS)]
        name = (
            f"{top}/vnd.{vendor}.format-{i:04d}{suffix}"
            if i % 3
            else f"{top}/x-{vendor}-{i:04d}{suffix}"
        )
        source = "iana" if i % 3 else ("apache" if i % 2 else "nginx")
        textual = top == "text" or suffix in ("+json", "+xml")
        stem = f"{vendor[:3]}{i:04d}"
        extensions = ", ".join(f'"{e}"' for e in (stem, f"x{i:04d}", f"{stem}z")[: i % 3 + 1])
        if i % 16 < 5:
            parts.append(f"  /** {vendor.title()} format {i}; obsolete, kept for old files. */\n")
        parts.append(f'  "{name}": {{\n    source: "{source}",\n')
        if uniform or textual:
            charset = "UTF-8" if i % 13 else "US-ASCII"
            parts.append(f'    charset: "{charset}",\n')
        parts.append(f"    extensions: [{extensions}],\n  }},\n")
    parts.append(MIME_FOOTER)
    path = folder / "mime.ts"
    path.write_text("".join(parts), "utf-8")
    return path


def median_time(action: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """Median seconds over `repeats` runs, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def stages(path: Path, size: int, repeats: int) -> dict[str, float]:
    """Seconds per stage for one registry."""
    figures: dict[str, float] = {}
    figures["parse"], source = median_time(lambda: parse_file(path), repeats)
    figures["extract"], decls = median_time(lambda: extract(source), repeats)

    def evaluate() -> tuple[Program, Module, Evaluator]:
        program = Program()
        program._modules[path.resolve()] = module = Module(source, decls)  # parsed above
        evaluator = Evaluator(program)
        evaluator.export(module, "PROFILE_FEATURES", None)
        return program, module, evaluator

    figures["evaluate"], (program, module, evaluator) = median_time(evaluate, repeats)
    options = SchemaOptions({"ProfileFeatureSpec": "ProfileFeature"}, {}, None)
    figures["schema"], mirror = median_time(
        lambda: build_mirror(program, module, ["PROFILE_FEATURES"], options, None, True, evaluator),
        repeats,
    )
    template = load_template(TEMPLATE, "profile_schema.py.j2")

    def render_module() -> tuple[str, Context]:
        context = build_context(mirror, "registry.ts", "make regen")
        return render(template, context.variables), context

    figures["render"], (skeleton, context) = median_time(render_module, repeats)
    with frozen_heap():  # as the pipeline formats
        figures["format"], formatted = median_time(
            lambda: format_spliced(skeleton, context.entries, 88, "t"), repeats
        )
    assert formatted is not None
    data = formatted.encode("utf-8")
    figures["write"], _ = median_time(
        lambda: write_atomically(path.parent / "stage_out.py", data), repeats
    )
    return figures


TARGETS = {
    "generate_10k_s": 3.0,
    "generate_10k_mib": 300.0,
    "growth": 12.0,
    "check_warm_ms": 60.0,
    "check_cold_ms": 300.0,
    "edit_10k_s": 1.5,
    "evaluate_per_parse": 0.5,  # "evaluation well under the time tree-sitter takes to parse"
    "mime_whole_s": 3.0,  # the 2,000-entry media-type table, mirrored whole, with no warning
    "map_10k_s": 3.0,  # the 10,000-entry registry built by `.map`, every entry mirrored
}
CONFIG = """[tool.codegen]
regen-command = "make regen"

[[tool.codegen.targets]]
name = "profile"
source = "registry.ts"
export = "PROFILE_FEATURES"
template = "profile_schema.py.j2"
output = "out.py"
rename = {{ ProfileFeatureSpec = "ProfileFeature" }}
"""
CODEGEN = str(Path(sys.executable).parent / "codegen")


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak MiB of one process."""
    elapsed, peak, _ = run_logged(command, cwd, env)
    return elapsed, peak


def run_logged(
    command: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float, str]:
    """Wall seconds, peak MiB and stderr of one process that must exit 0. Stderr goes to a file,
    not a pipe, so a long one cannot block the process while it is waited for."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=stderr
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        stderr.seek(0)
        text = stderr.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}: {text}")
    return elapsed, usage.ru_maxrss / 1024, text


def medians(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def project(folder: Path, size: int) -> Path:
    folder.mkdir(parents=True)
    write_registry(folder, size)
    shutil.copy(TEMPLATE, folder / "profile_schema.py.j2")
    (folder / "pyproject.toml").write_text(CONFIG.format(), "utf-8")
    return folder


def whole_process(folder: Path, size: int) -> dict[str, float]:
    """generate (fresh), check (no cache, and warm), a one-entry edit, black over everything,
    and the Node pipeline."""
    repeats = 5 if size <= 1_000 else 3
    nocache = {**os.environ, "CODEGEN_NO_CACHE": "1"}
    cache = {**os.environ, "CODEGEN_CACHE_DIR": str(folder / ".bench-cache")}
    figures: dict[str, float] = {}
    samples = []
    for _ in range(repeats):
        (folder / "out.py").unlink(missing_ok=True)
        samples.append(run([CODEGEN, "generate", "-q"], folder, nocache))
    figures["generate_s"], figures["generate_mib"] = medians(samples)
    figures["check_cold_ms"] = (
        1000 * medians([run([CODEGEN, "check", "-q"], folder, nocache) for _ in range(repeats)])[0]
    )
    run([CODEGEN, "check", "-q"], folder, cache)  # prime the cache
    figures["check_warm_ms"] = (
        1000
        * medians([run([CODEGEN, "check", "-q"], folder, cache) for _ in range(max(repeats, 11))])[
            0
        ]
    )
    registry = folder / "registry.ts"
    original = registry.read_text("utf-8")
    edits = []
    for k in range(repeats):  # change one entry, regenerate
        registry.write_text(
            original.replace('name: "feature_1",', f'name: "feature_1_{k}",', 1), "utf-8"
        )
        edits.append(run([CODEGEN, "generate", "-q"], folder, cache))
    registry.write_text(original, "utf-8")
    figures["edit_s"] = medians(edits)[0]
    black_repeats = 1 if size >= 10_000 else 3
    figures["black_all_s"] = statistics.median(
        run([sys.executable, str(Path(__file__).parent / "black_all.py"), str(folder)], folder)[0]
        for _ in range(black_repeats)
    )
    if shutil.which("node") and (REPO / "tests/oracle/node_modules/typescript").is_dir():
        node = [
            sys.executable,
            str(Path(__file__).parent / "node_pipeline.py"),
            "registry.ts",
            "PROFILE_FEATURES",
            "node_out.py",
        ]
        figures["node_s"] = statistics.median(run(node, folder)[0] for _ in range(black_repeats))
    return figures


MIME_CONFIG = """[tool.codegen]
regen-command = "make regen"

[[tool.codegen.targets]]
name = "mime"
source = "mime.ts"
output = "mime_types.py"
"""


def mime_whole(folder: Path, repeats: int = 3) -> dict[str, Any]:
    """`generate` of the media-type table in mirror-all mode (no `exports`, the built-in
    template), fresh each time as the `generate` column is: no cache, no memo, no output.
    Every run must exit 0 (else the bench stops, as for every process); the warnings it
    prints are kept, since a table that mirrors whole prints none."""
    folder.mkdir(parents=True)
    source = write_mime_db(folder)
    (folder / "pyproject.toml").write_text(MIME_CONFIG, "utf-8")
    nocache = {**os.environ, "CODEGEN_NO_CACHE": "1"}
    samples, warnings = [], []
    for _ in range(repeats):
        (folder / "mime_types.py").unlink(missing_ok=True)
        elapsed, peak, stderr = run_logged([CODEGEN, "generate", "-q"], folder, nocache)
        samples.append((elapsed, peak))
        warnings = [line for line in stderr.splitlines() if ": warning: " in line]
    generate_s, generate_mib = medians(samples)
    text = source.read_text("utf-8")
    return {
        "lines": text.count("\n"),
        "kib": len(text.encode("utf-8")) / 1024,
        "entries": text.count('    source: "'),
        "generate_s": generate_s,
        "generate_mib": generate_mib,
        "warnings": warnings,
    }


def map_call(folder: Path, repeats: int = 5) -> dict[str, Any]:
    """`generate` of the 10,000-entry registry built by `.map` (the engine runs the call), with
    the profile template and config, fresh each time as the `generate` column is: no cache, no
    memo, no output. The entries mirrored are counted in the output, and warnings kept."""
    folder.mkdir(parents=True)
    source = write_map_registry(folder, MAP_ENTRIES)
    shutil.copy(TEMPLATE, folder / "profile_schema.py.j2")
    (folder / "pyproject.toml").write_text(CONFIG.format(), "utf-8")
    nocache = {**os.environ, "CODEGEN_NO_CACHE": "1"}
    samples, warnings = [], []
    for _ in range(repeats):
        (folder / "out.py").unlink(missing_ok=True)
        elapsed, peak, stderr = run_logged([CODEGEN, "generate", "-q"], folder, nocache)
        samples.append((elapsed, peak))
        warnings = [line for line in stderr.splitlines() if ": warning: " in line]
    generate_s, generate_mib = medians(samples)
    times = sorted(sample[0] for sample in samples)
    return {
        "entries": MAP_ENTRIES,
        "kib": source.stat().st_size / 1024,
        "mirrored": (folder / "out.py").read_text("utf-8").count("\n    ProfileFeature(\n"),
        "generate_s": generate_s,
        "fastest_s": times[0],
        "slowest_s": times[-1],
        "generate_mib": generate_mib,
        "warnings": warnings,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "RESULTS.md")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument(
        "--no-mime", action="store_true", help="skip the 2,000-entry media-type table"
    )
    parser.add_argument(
        "--no-map", action="store_true", help="skip the 10,000-entry registry built by `.map`"
    )
    args = parser.parse_args()
    rows = []
    mime = mapped = None
    with tempfile.TemporaryDirectory() as temp:
        folders = {size: project(Path(temp) / str(size), size) for size in args.sizes}
        # Processes first: Linux counts a parent's resident memory in its children's peak, so
        # they must start while this process is still small.
        wholes = {}
        for size, folder in folders.items():
            wholes[size] = whole_process(folder, size)
            print(f"{size:>6} entries: {wholes[size]}", flush=True)
        if not args.no_mime:
            mime = mime_whole(Path(temp) / "mime")
            print(f"media types, mirrored whole: {mime}", flush=True)
        if not args.no_map:
            mapped = map_call(Path(temp) / "map")
            print(f"registry built by .map: {mapped}", flush=True)
        for size, folder in folders.items():
            with paused_gc():  # as the pipeline runs
                stage = stages(folder / "registry.ts", size, 5 if size <= 1_000 else 3)
            rows.append((size, (folder / "registry.ts").stat().st_size, stage, wholes[size]))
            print(f"{size:>6} entries, stages: {stage}", flush=True)
    args.output.write_text(report(rows, mime, mapped), "utf-8")
    print(f"wrote {args.output}")
    return 0


def report(
    rows: list[tuple[int, int, dict[str, float], dict[str, float]]],
    mime: dict[str, Any] | None = None,
    mapped: dict[str, Any] | None = None,
) -> str:
    """bench/RESULTS.md: the machine, one table per view, and the targets."""
    lines = [
        "# Benchmark results",
        "",
        "Regenerated by `make bench`. Registries shaped like the profile one (strings with",
        "non-ASCII text, `6 * HOUR` expressions, imported subjects, arrays, a function per entry).",
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()}, "
        f"Python {platform.python_version()}, black {black.__version__}, "
        f"py-tree-sitter {version('tree-sitter')}.",
        "",
        "## Whole processes",
        "",
        "Wall time (median of repeated runs) and peak memory of one process. `check` is on a",
        "current output, without and with the cache; *edit* regenerates after changing one entry;",
        "*black over all* formats the whole rendered module with black; *Node pipeline* is",
        "Node + the TypeScript compiler -> JSON -> Jinja2 -> black.",
        "",
        "| entries | generate | peak MiB | check, no cache | check, cached | edit one entry | black over all | ratio | Node pipeline | ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, _, _, w in rows:
        node = w.get("node_s")
        lines.append(
            f"| {size:,} | {w['generate_s']:.2f} s | {w['generate_mib']:.0f} | {w['check_cold_ms']:.0f} ms "
            f"| {w['check_warm_ms']:.0f} ms | {w['edit_s']:.2f} s | {w['black_all_s']:.2f} s "
            f"| {w['black_all_s'] / w['generate_s']:.1f}x | "
            + (f"{node:.2f} s | {node / w['generate_s']:.1f}x |" if node else "n/a | n/a |")
        )
    lines += [
        "",
        "## Stages, in one process",
        "",
        "Milliseconds, medians; start-up excluded. *mirror* checks entries against the interface;",
        "*format* is black on the module skeleton plus codegen's own layout of the entries;",
        "*write* replaces the output file atomically (temp file, fsync, rename).",
        "",
        "| entries | source KiB | parse | extract | evaluate | mirror | render | format | write | evaluate / parse |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, nbytes, st, _ in rows:
        cells = " | ".join(
            f"{st[k] * 1000:.1f}"
            for k in ("parse", "extract", "evaluate", "schema", "render", "format", "write")
        )
        lines.append(
            f"| {size:,} | {nbytes / 1024:.0f} | {cells} | {st['evaluate'] / st['parse']:.2f} |"
        )
    if mime is not None:
        warned = len(mime["warnings"])
        lines += [
            "",
            "## A module mirrored whole",
            "",
            "A media-type table in the style of mime-db: one `as const` object of 2,000 entries",
            "(`source`, a `charset` on the textual types only, an `extensions` array; a one-line",
            "JSDoc on some), then `MimeType = keyof typeof MIME_TYPES`,",
            '`MimeEntry = (typeof MIME_TYPES)[MimeType]` and `MimeSource = MimeEntry["source"]`.',
            "`generate` with no `exports` and the built-in template, no cache; median of runs.",
            "",
            "| entries | lines | source KiB | generate | peak MiB | warnings |",
            "| ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| {mime['entries']:,} | {mime['lines']:,} | {mime['kib']:.0f} | "
            f"{mime['generate_s']:.2f} s | {mime['generate_mib']:.0f} | {warned} |",
        ]
        if warned:
            lines += ["", "Warnings (so the module is not mirrored whole):", "", "```"]
            lines += mime["warnings"]
            lines += ["```"]
    if mapped is not None:
        lines += [
            "",
            "## A registry built by a call",
            "",
            "The profile registry's 10,000 entries built by `ROWS.map(([name, window, fallback], i)",
            "=> ({ ... }))` over an `as const` array of rows (a number, non-ASCII text): a template",
            "literal, `(i % 7 + 1) * HOUR`, the imported subjects and a function per entry. The",
            "embedded JavaScript engine runs the call; the profile template and config mirror it.",
            "`generate`, no cache; median, fastest and slowest of runs; *mirrored* counts the",
            "entries in the output.",
            "",
            "| entries | source KiB | generate | fastest | slowest | peak MiB | mirrored | warnings |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| {mapped['entries']:,} | {mapped['kib']:.0f} | {mapped['generate_s']:.2f} s | "
            f"{mapped['fastest_s']:.2f} s | {mapped['slowest_s']:.2f} s | "
            f"{mapped['generate_mib']:.0f} | {mapped['mirrored']:,} | {len(mapped['warnings'])} |",
        ]
        if mapped["warnings"]:
            lines += ["", "Warnings:", "", "```"]
            lines += mapped["warnings"]
            lines += ["```"]
    by_size = {size: w for size, _, _, w in rows}
    stages_by_size = {size: st for size, _, st, _ in rows}
    checks: list[tuple[str, str, str, bool]] = []
    if 1_000 in by_size and 10_000 in by_size:
        big, small = by_size[10_000], by_size[1_000]
        evaluate_per_parse = stages_by_size[10_000]["evaluate"] / stages_by_size[10_000]["parse"]
        checks += [
            (
                "`generate`, 10,000 entries",
                f"{big['generate_s']:.2f} s",
                f"<= {TARGETS['generate_10k_s']} s",
                big["generate_s"] <= TARGETS["generate_10k_s"],
            ),
            (
                "peak memory, 10,000 entries",
                f"{big['generate_mib']:.0f} MiB",
                f"<= {TARGETS['generate_10k_mib']:.0f} MiB",
                big["generate_mib"] <= TARGETS["generate_10k_mib"],
            ),
            (
                "growth, time(10,000) / time(1,000)",
                f"{big['generate_s'] / small['generate_s']:.1f}",
                f"<= {TARGETS['growth']:.0f}",
                big["generate_s"] / small["generate_s"] <= TARGETS["growth"],
            ),
            (
                "one-entry edit, 10,000 entries",
                f"{big['edit_s']:.2f} s",
                f"<= {TARGETS['edit_10k_s']} s",
                big["edit_s"] <= TARGETS["edit_10k_s"],
            ),
            (
                "evaluation / parse, 10,000 entries",
                f"{evaluate_per_parse:.2f}",
                f"<= {TARGETS['evaluate_per_parse']}",
                evaluate_per_parse <= TARGETS["evaluate_per_parse"],
            ),
        ]
        if 5 in by_size:
            profile = by_size[5]
            checks += [
                (
                    "`check`, current, cached (profile-sized)",
                    f"{profile['check_warm_ms']:.0f} ms",
                    f"<= {TARGETS['check_warm_ms']:.0f} ms",
                    profile["check_warm_ms"] <= TARGETS["check_warm_ms"],
                ),
                (
                    "`check`, current, no cache (profile-sized)",
                    f"{profile['check_cold_ms']:.0f} ms",
                    f"<= {TARGETS['check_cold_ms']:.0f} ms",
                    profile["check_cold_ms"] <= TARGETS["check_cold_ms"],
                ),
            ]
    if mime is not None:
        warned = len(mime["warnings"])
        checks.append(
            (
                f"mirror whole, {mime['entries']:,} MIME entries ({round(mime['lines'], -3):,} lines)",
                f"{mime['generate_s']:.2f} s"
                + (f", {warned} warning{'s' if warned > 1 else ''}" if warned else ""),
                f"<= {TARGETS['mime_whole_s']} s, no warning",
                mime["generate_s"] <= TARGETS["mime_whole_s"] and not warned,
            )
        )
    if mapped is not None:
        whole = mapped["mirrored"] == mapped["entries"] and not mapped["warnings"]
        checks.append(
            (
                f"`generate`, {mapped['entries']:,} entries built by `.map` (engine)",
                f"{mapped['generate_s']:.2f} s, {mapped['generate_mib']:.0f} MiB"
                + ("" if whole else f", {mapped['mirrored']:,} mirrored"),
                f"<= {TARGETS['map_10k_s']} s, every entry",
                mapped["generate_s"] <= TARGETS["map_10k_s"] and whole,
            )
        )
    if checks:
        lines += [
            "",
            "## Targets",
            "",
            "| target | measured | goal | met |",
            "| --- | ---: | ---: | :---: |",
        ]
        lines += [
            f"| {name} | {got} | {goal} | {'yes' if ok else '**no**'} |"
            for name, got, goal, ok in checks
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
