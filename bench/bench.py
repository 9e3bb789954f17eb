"""Benchmark: time each pipeline stage on generated registries shaped like the profile one.

Run with `make bench`; writes bench/RESULTS.md. Sizes and repeats are small enough for a
2-core machine to finish in a few minutes. Figures are medians of wall-clock time.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import black

from codegen.context import template_context
from codegen.evaluate import Evaluator
from codegen.extract import extract
from codegen.format import format_module
from codegen.memory import paused_gc
from codegen.mirror import build_mirror
from codegen.parse import parse_file
from codegen.program import Module, Program
from codegen.render import load_template, render
from codegen.schema import SchemaOptions

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "templates" / "profile_schema.py.j2"
SIZES = (5, 100, 1_000, 10_000)
FORMAT_LIMIT = 1_000  # black over the whole module grows faster than linearly; see issue 6

HEADER = """import { SUBJECTS } from "./subjects";

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

export const PROFILE_FEATURES = [
"""
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

    def render_module() -> str:
        return render(template, template_context(mirror, "registry.ts", "make regen"))

    figures["render"], text = median_time(render_module, repeats)
    if size <= FORMAT_LIMIT:
        figures["format"], _ = median_time(lambda: format_module(text, 88, "t"), repeats)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "RESULTS.md")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as temp:
        for size in args.sizes:
            folder = Path(temp) / str(size)
            folder.mkdir()
            path = write_registry(folder, size)
            repeats = 5 if size <= 1_000 else 3
            with paused_gc():  # as the pipeline runs
                figures = stages(path, size, repeats)
            rows.append((size, path.stat().st_size, figures))
            print(
                f"{size:>6} entries: "
                + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in figures.items()),
                flush=True,
            )
    lines = [
        "# Benchmark results",
        "",
        "Regenerate with `make bench`. Medians of wall-clock time, in milliseconds, per stage, in",
        "one process (start-up excluded). `format` (black over the whole module) is measured up",
        f"to {FORMAT_LIMIT:,} entries: beyond that black grows faster than linearly (issue 6).",
        "",
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()}, "
        f"Python {platform.python_version()}, black {black.__version__}, "
        f"py-tree-sitter {version('tree-sitter')}.",
        "",
        "| entries | source KiB | parse | extract | evaluate | schema | render | format"
        " | evaluate / parse |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, nbytes, figures in rows:
        cells = [
            f"{figures[k] * 1000:.1f}" if k in figures else "n/a"
            for k in ("parse", "extract", "evaluate", "schema", "render", "format")
        ]
        ratio = figures["evaluate"] / figures["parse"]
        lines.append(
            f"| {size:,} | {nbytes / 1024:.0f} | " + " | ".join(cells) + f" | {ratio:.2f} |"
        )
    args.output.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
