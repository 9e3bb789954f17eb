"""The obvious alternative a TS team would script, for comparison: evaluate the registry in Node
with the TypeScript compiler, dump JSON, render with Jinja2, format with black.

usage: python bench/node_pipeline.py REGISTRY.ts EXPORT OUTPUT.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import black
import jinja2

ORACLE = Path(__file__).resolve().parent.parent / "tests" / "oracle" / "evaluate.cjs"
TEMPLATE = jinja2.Template(
    """# Generated from {{ source }}.
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
{% for name in fields %}
    {{ name }}: object
{% endfor %}


{{ export }} = (
{% for entry in entries %}
    Entry({% for name, value in entry.items() %}{{ name }}={{ value | tojson }}, {% endfor %}),
{% endfor %}
)
""",
    trim_blocks=True,
    lstrip_blocks=True,
)


def main() -> int:
    source, export, output = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    dumped = subprocess.run(
        ["node", str(ORACLE), source, export], check=True, capture_output=True, text=True
    ).stdout
    entries = [
        {key: value for key, value in entry.items() if value != "<function>"}
        for entry in json.loads(dumped)[export]
    ]
    fields = list(dict.fromkeys(key for entry in entries for key in entry))
    text = TEMPLATE.render(source=source, export=export, fields=fields, entries=entries)
    mode = black.Mode(target_versions={black.TargetVersion.PY310})
    output.write_text(black.format_str(text, mode=mode), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
