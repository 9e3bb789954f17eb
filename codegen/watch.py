"""`codegen watch`: regenerate a target whenever a file it reads changes.

Polls each input's stamp (no extra dependency, works on every file system): each target's
inputs are its source, every file the source imports or looked for, its template (and the
templates beside it) and the config file. Generation and writing go through `codegen.emit`,
the same way as `codegen generate`. SIGINT stops the watcher at once, even mid-generation.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import TextIO

from codegen.config import Target
from codegen.emit import emit, guarded
from codegen.errors import (
    CodegenError,
    CodegenErrors,
    Style,
    display_path,
    render_report,
    render_warnings,
)
from codegen.input.program import Program

Stamp = tuple[int, int, int] | None
CHANGED: Stamp = (-1, -1, -1)  # equals no real stamp: regenerate at the next poll
TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2")
STOP_GRACE = 1.0  # seconds an interrupted watcher may take to unwind before it is ended outright


def _stamp(path: Path) -> Stamp:
    """Modification time, size and inode: a file replaced by a rename counts as changed."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


class Watcher:
    """Keeps each target's inputs and their stamps; regenerates what changed."""

    def __init__(
        self,
        targets: list[Target],
        config: Path | None,
        err: TextIO,
        style: Style,
        force: bool = False,
        quiet: bool = False,
    ) -> None:
        self.targets = targets
        self.config = config
        self.err = err
        self.style = style
        self.force = force
        self.quiet = quiet
        self.inputs: dict[str, dict[Path, Stamp]] = {}

    def _say(self, line: str) -> None:
        if not self.quiet:
            self.err.write(line)
            self.err.flush()

    def run_once(self, target: Target) -> None:
        """Regenerate one target, print what became of it (or its diagnostics), note its inputs.

        Stamps are taken before generation reads anything, so an edit made while it runs is
        seen at the next poll."""
        before = {path: _stamp(path) for path in self._known(target)}
        program = Program()
        self._say(f"codegen: generating `{target.name}`\n")
        try:
            outcome = guarded(
                lambda: emit(target, "watch", self.force, program), target.source, target
            )
            self.err.write(render_warnings(outcome.warnings, self.style))
            if not (self.quiet and outcome.routine):
                self.err.write(outcome.line(target))
        except (CodegenError, CodegenErrors) as error:
            self.err.write(render_report(error, self.style))
            shown = display_path(target.output.resolve())
            self.err.write(f"codegen: {shown} not updated; waiting for the next change\n")
        self.err.flush()
        self.inputs[target.name] = self._stamps(target, program, before)

    def _known(self, target: Target) -> set[Path]:
        """The inputs known before generation: the last run's, the source, template, config."""
        files = {target.source.absolute(), *self.inputs.get(target.name, {})}
        if target.template is not None:
            files.add(target.template.resolve())
            with contextlib.suppress(OSError):
                folder = target.template.parent.iterdir()
                files.update(p.resolve() for p in folder if p.suffix in TEMPLATE_SUFFIXES)
        if self.config is not None:
            files.add(self.config.resolve())
        return files

    def _stamps(
        self, target: Target, program: Program, before: dict[Path, Stamp]
    ) -> dict[Path, Stamp]:
        """Every input with its stamp as generation saw it: files known before keep the stamp
        taken before; a file first read now is checked against what was read."""
        contents = program.contents()
        files = {*before, *program.paths, *program.configs_read, *program.absent}
        stamps: dict[Path, Stamp] = {}
        for path in files:
            if path in before:
                stamps[path] = before[path]
            elif path in program.absent:
                stamps[path] = None
            else:
                stamp = _stamp(path)
                data = contents.get(path)
                stamps[path] = stamp if data is None or _holds(path, data) else CHANGED
        return stamps

    def changed(self, target: Target) -> bool:
        """Whether any input of the target changed since it was last generated."""
        known = self.inputs.get(target.name)
        return known is None or any(_stamp(path) != stamp for path, stamp in known.items())

    def loop(self, interval: float, keep_going: Callable[[], bool] = lambda: True) -> None:
        """Generate every target, then poll until interrupted."""
        config_stamp = _stamp(self.config) if self.config is not None else None
        for target in self.targets:
            self.run_once(target)
        self._say("codegen: watching for changes (Ctrl-C to stop)\n")
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


@contextlib.contextmanager
def stopping_on_interrupt(on_stuck: Callable[[], None] | None = None) -> Iterator[None]:
    """SIGINT raises KeyboardInterrupt here, even when the process was started with SIGINT
    ignored (as shells start background jobs); generation unwinds from wherever it is, and a
    write in progress leaves the old file (writes are atomic).

    Should the interrupt be lost on the way (Python drops exceptions raised in finalizers),
    `on_stuck` runs `STOP_GRACE` seconds later from another thread: by default it ends the
    process. Later interrupts are ignored while the first one unwinds.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    timers: list[threading.Timer] = []

    def interrupted(signum: int, frame: FrameType | None) -> None:
        if timers:
            return
        timer = threading.Timer(STOP_GRACE, on_stuck or _end_now)
        timer.daemon = True
        timers.append(timer)
        timer.start()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        for timer in timers:
            timer.cancel()


def _end_now() -> None:
    """The interrupt did not unwind in time: end the process as `stopped watching` would."""
    with contextlib.suppress(OSError, ValueError):
        os.write(2, b"codegen: stopped watching\n")
    os._exit(0)
