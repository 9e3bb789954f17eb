"""`codegen watch`: regenerate a target whenever a file it reads changes.

Polls modification times (no extra dependency, works on every file system): each target's
inputs are its source, every file the source imports, its template and the config file.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from codegen.config import Target
from codegen.errors import CodegenError, CodegenErrors, Style, display_path, render_report
from codegen.input.program import Program
from codegen.output.write import GENERATED_MARKER, read_existing, write_atomically

Stamp = tuple[int, int] | None


def _stamp(path: Path) -> Stamp:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


class Watcher:
    """Keeps each target's inputs and their stamps; regenerates what changed."""

    def __init__(
        self, targets: list[Target], config: Path | None, err: TextIO, style: Style
    ) -> None:
        self.targets = targets
        self.config = config
        self.err = err
        self.style = style
        self.inputs: dict[str, dict[Path, Stamp]] = {}

    def run_once(self, target: Target) -> None:
        """Regenerate one target, print one line (or its diagnostics), and note its inputs."""
        from codegen.pipeline import generate

        program = Program()
        shown = display_path(target.output.resolve())
        try:
            fresh = generate(target, program)
            existing = read_existing(target.output)
            if existing == fresh:
                self.err.write(f"codegen: {shown} unchanged\n")
            elif existing is not None and not existing.startswith(GENERATED_MARKER):
                self.err.write(
                    f"{shown}:1:1: error: refusing to overwrite {shown}: it does not start with "
                    f"`{GENERATED_MARKER.decode()}`; run `codegen generate --force` once\n"
                )
            else:
                write_atomically(target.output, fresh)
                self.err.write(f"codegen: wrote {shown}\n")
        except (CodegenError, CodegenErrors) as error:
            self.err.write(render_report(error, self.style))
            self.err.write(f"codegen: {shown} not updated; waiting for the next change\n")
        except RecursionError:
            self.err.write(f"{display_path(target.source)}: error: input is nested too deeply\n")
        except OSError as error:
            self.err.write(f"{shown}: error: cannot write: {error.strerror or error}\n")
        self.err.flush()
        # Everything that can change the output: what was read, and what was looked for.
        files = {target.source.resolve(), *program.paths, *program.configs_read, *program.absent}
        if target.template is not None:
            files.add(target.template.resolve())
            files.update(
                p
                for p in target.template.parent.iterdir()
                if p.suffix in (".j2", ".jinja", ".jinja2")
            )
        if self.config is not None:
            files.add(self.config.resolve())
        self.inputs[target.name] = {path: _stamp(path) for path in files}

    def changed(self, target: Target) -> bool:
        """Whether any input of the target changed since it was last generated."""
        known = self.inputs.get(target.name)
        return known is None or any(_stamp(path) != stamp for path, stamp in known.items())

    def loop(self, interval: float, keep_going: Callable[[], bool] = lambda: True) -> None:
        """Generate every target, then poll until interrupted."""
        for target in self.targets:
            self.run_once(target)
        self.err.write("codegen: watching for changes (Ctrl-C to stop)\n")
        self.err.flush()
        config_stamp = _stamp(self.config) if self.config is not None else None
        while keep_going():
            time.sleep(interval)
            if self.config is not None and _stamp(self.config) != config_stamp:
                config_stamp = _stamp(self.config)
                self.reload()
            for target in self.targets:
                if self.changed(target):
                    self.run_once(target)

    def reload(self) -> None:
        """Read the config again after it changed, keeping the watched targets' names."""
        from codegen.config import load_config, select

        assert self.config is not None
        try:
            fresh = load_config(self.config, display_path(self.config.resolve()))
            self.targets = select(fresh, [target.name for target in self.targets])
        except (CodegenError, CodegenErrors) as error:
            self.err.write(render_report(error, self.style))
            self.err.write("codegen: config not reloaded; waiting for the next change\n")
        self.inputs.clear()  # settings may have changed: regenerate every target
