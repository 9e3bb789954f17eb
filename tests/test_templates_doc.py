"""docs/templates.md is the contract for custom templates: every variable and filter it lists
exists, with the shape it describes, and its example renders."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import jinja2
from conftest import REPO, run_cli

from codegen.output.render import load_template, render

DOC = (REPO / "docs" / "templates.md").read_text("utf-8")


def _documented(section: str) -> list[str]:
    table = DOC.split(section, 1)[1].split("\n\n", 2)[1]
    return re.findall(r"^\| `(\w+)` \|", table, re.M)


def _project(tmp_path: Path, template: str) -> Path:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    registry = tmp_path / "examples" / "profile" / "registry.ts"
    registry.write_text(
        registry.read_text("utf-8")
        + "/** Levels. */\nexport enum Level { Low = 1, High = 2 }\n/** A limit. */\nexport const LIMIT = 3;\n",
        "utf-8",
    )
    (tmp_path / "t.py.j2").write_text(template, "utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[[tool.codegen.targets]]\nname = "t"\nsource = "examples/profile/registry.ts"\n'
        'template = "t.py.j2"\noutput = "out.py"\nexports = ["PROFILE_FEATURES", "Dtype", "Level", "LIMIT"]\n',
        "utf-8",
    )
    return tmp_path


def test_every_documented_variable_renders(tmp_path: Path) -> None:
    variables = _documented("Every target:") + _documented("exactly one registry")
    assert len(variables) >= 15
    lines = ["{{ header }}"] + [f"# {name}: {{{{ ({name} | string)[:0] }}}}x" for name in variables]
    lines += [
        "{% for a in aliases %}# {{ a.name }} {{ a.ts_name }} {{ a.annotation }} {{ a.doc | comment }}{% endfor %}",
        "{% for e in enums %}# {{ e.name }} {{ e.ts_name }} {{ e.base }} {{ e.doc }}{% for m in e.members %}{{ m.name }}{{ m.value }}{% endfor %}{% endfor %}",
        "{% for c in constants %}# {{ c.name }} {{ c.value }}{% endfor %}",
        "{% for d in dataclasses %}# {{ d.name }} {{ d.ts_name }} {{ d.doc | comment }}{% for f in d.fields %}{{ f.name }}{{ f.ts_name }}{{ f.annotation }}{{ f.default }}{{ f.doc | comment }}{% endfor %}{% endfor %}",
        "{% for v in values %}# {{ v.name }} {{ v.kind }} {{ v.annotation }} {{ v.doc }}{% if v.kind != 'constant' %}{{ v.class_name }}{{ v.entries | length }}{% endif %}{% endfor %}",
        "# {{ interface.name }} {{ interface.doc | comment }}",
        "X = {{ 'text' | py }}",
        "{{ 'doc' | docstring }}",
    ]
    project = _project(tmp_path, "\n".join(lines) + "\n")
    result = run_cli("generate", cwd=project)
    assert result.code == 0, result.err
    text = (project / "out.py").read_text("utf-8")
    for name in variables:
        assert f"# {name}: x" in text
    assert "# PROFILE_FEATURES registry tuple[ProfileFeatureSpec, ...]" in text
    assert '# Dtype Dtype Literal["numeric", "categorical"]' in text
    assert "# Level Level enum.IntEnum Levels.Low1High2" in text
    assert "# LIMIT constant Final A limit." in text
    assert "# _HOUR 3600" in text


def test_the_documented_filters_are_the_ones_codegen_adds_and_each_renders(tmp_path: Path) -> None:
    documented = _documented("## Filters")
    template_path = tmp_path / "f.py.j2"
    template_path.write_text(
        "{{ text | docstring }}\n"
        "{% filter docstring %}block {{ text }}{% endfilter %}\n\n"
        "# {{ text | comment }}\n"
        "{{ text | comments('#: ', 20) }}\n"
        "{% for v in values %}V = {{ v | py }}\n{% endfor %}",
        "utf-8",
    )
    template = load_template(template_path, "f.py.j2")
    added = set(template.compiled.environment.filters) - set(jinja2.Environment().filters)
    assert sorted(added) == sorted(documented)
    text = 'a "quoted"\nsecond line \u200b\\ end'
    values = ["s'\"\n", 3, -0.5, 1e300, True, None]
    out = render(template, {"text": text, "values": values})
    module = ast.parse(out)
    docstrings = [node.value.value for node in module.body[:2]]  # type: ignore[attr-defined]
    assert docstrings[0].strip() == text.strip()
    assert docstrings[1].strip() == f"block {text}".strip()
    comment = out.split("\n# ", 1)[1].split("\n", 1)[0]
    assert "\n" not in comment and "\u200b" not in comment and "second line" in comment
    block = [line for line in out.splitlines() if line.startswith("#:")]
    assert block[0] == '#: a "quoted"' and block[1].startswith("#: second line")
    assert all(len(line) <= 20 or " " not in line[3:] for line in block)
    constants = [ast.literal_eval(node.value) for node in module.body[2:]]  # type: ignore[attr-defined]
    assert constants == values


def test_the_example_in_the_doc_renders(tmp_path: Path) -> None:
    example = DOC.split("```jinja\n", 1)[1].split("```", 1)[0]
    project = _project(tmp_path, example)
    result = run_cli("generate", cwd=project)
    assert result.code == 0, result.err
    assert "class ProfileFeatureSpec:" in (project / "out.py").read_text("utf-8")
