"""Black over the whole rendered module (no splicing), for the benchmark's comparison.

usage: python bench/black_all.py PROJECT_FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

from codegen.config import load_config
from codegen.input.program import Program
from codegen.memory import paused_gc
from codegen.output.context import build_context
from codegen.output.format import format_module
from codegen.output.render import render
from codegen.pipeline import _mirror, _template


def main() -> int:
    config = Path(sys.argv[1]) / "pyproject.toml"
    (target,) = load_config(config, "pyproject.toml")
    with paused_gc():
        mirror = _mirror(target, Program())
        template = _template(target)
        variables = build_context(mirror, target.relative(target.source), target.regen_command)
        text = render(template, variables.variables)
    format_module(text, target.line_length, template.display)
    return 0


if __name__ == "__main__":
    sys.exit(main())
