"""`codegen watch` regenerates on every edit, reports errors, keeps watching, and stops within
2 s of SIGINT, idle or mid-generation.

The tests wait on events (lines the watcher prints), never on fixed sleeps: each timeout below
is an upper bound for a busy machine, not a pause; only the 2 s of the stop is a requirement.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from codegen.watch import stopping_on_interrupt

REGISTRY = Path("examples/profile/registry.ts")
OUTPUT = Path("generated/profile_schema.py")
EVENT = 180.0  # seconds: the most any awaited line may take on a loaded machine
STOP = 2.0  # seconds: SIGINT to exit, the promise under test

SPEC = 'interface Spec {\n  name: string;\n}\nexport const ITEMS = [{ name: "a" }] as const satisfies readonly Spec[];\n'


class _Watch:
    """A `codegen watch` process, and the lines it prints to stderr as they come."""

    def __init__(self, cwd: Path, *args: str, sigint_ignored: bool = False) -> None:
        def ignore_sigint() -> None:  # as a shell starts a background job
            signal.signal(signal.SIGINT, signal.SIG_IGN)

        self.process = subprocess.Popen(
            [sys.executable, "-m", "codegen", "watch", "--interval", "0.05", *args],
            cwd=cwd,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
            preexec_fn=ignore_sigint if sigint_ignored else None,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._queue.put(line)
        self._queue.put(None)

    def text(self) -> str:
        return "".join(self.lines)

    def until(self, condition: Callable[[str], bool], what: str) -> str:
        """Read lines until one satisfies `condition`; return it."""
        deadline = time.monotonic() + EVENT
        while True:
            try:
                line = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {what} within {EVENT} s:\n{self.text()}") from None
            if line is None:
                raise AssertionError(f"watch ended before {what}:\n{self.text()}")
            self.lines.append(line)
            if condition(line):
                return line

    def until_line(self, part: str) -> str:
        return self.until(lambda line: part in line, f"line with {part!r}")

    def until_output(self, path: Path, part: str) -> None:
        """Read reports until the output holds `part` (checked after each one)."""
        if part in path.read_text("utf-8"):
            return
        self.until(lambda _: part in path.read_text("utf-8"), f"{part!r} in {path.name}")

    def interrupt(self) -> float:
        """Send SIGINT; the seconds until the process ended."""
        sent = time.monotonic()
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=EVENT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise AssertionError(f"watch ignored SIGINT:\n{self.text()}") from None
        elapsed = time.monotonic() - sent
        while (line := self._queue.get(timeout=EVENT)) is not None:
            self.lines.append(line)
        return elapsed

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _replace(path: Path, text: str) -> None:
    """Edit a file in one step, as editors do: the watcher never sees half of it."""
    temp = path.with_name(path.name + ".edit")
    temp.write_text(text, "utf-8")
    os.replace(temp, path)


def test_watch_regenerates_after_edits_and_survives_errors(project: Path) -> None:
    watch = _Watch(project, "profile_schema")
    try:
        watch.until_line("watching for changes")
        registry = project / REGISTRY
        original = registry.read_text("utf-8")
        output = project / OUTPUT

        _replace(registry, original.replace("ttlSec: DAY,", "ttlSec: 2 * DAY,"))
        watch.until_output(output, "ttl_sec=2 * _DAY,")
        assert "codegen: wrote generated/profile_schema.py\n" in watch.lines

        _replace(registry, original.replace("ttlSec: DAY,", "ttlSec: DAYS,"))
        watch.until_line("cannot find name `DAYS`")
        watch.until_line("not updated; waiting for the next change")
        assert watch.process.poll() is None  # still alive
        assert "ttl_sec=2 * _DAY," in output.read_text("utf-8")  # the last good output

        _replace(registry, original)
        watch.until_output(output, "ttl_sec=_DAY,")

        subjects = project / "examples/bus/subjects.ts"  # an imported file counts too
        _replace(
            subjects,
            subjects.read_text("utf-8").replace('"signals.tip.served"', '"signals.tip.sent"'),
        )
        watch.until_output(output, '"signals.tip.sent"')  # on its "wrote" line: idle next
        elapsed = watch.interrupt()
    finally:
        watch.kill()
    assert watch.process.returncode == 0, watch.text()
    assert elapsed < STOP, (elapsed, watch.text())
    assert watch.lines[-1] == "codegen: stopped watching\n"
    assert "Traceback" not in watch.text()


def _small(folder: Path, template: str | None = None) -> Path:
    (folder / "registry.ts").write_text(SPEC, "utf-8")
    config = '[[tool.codegen.targets]]\nname = "t"\nsource = "registry.ts"\noutput = "out.py"\n'
    if template is not None:
        (folder / "t.py.j2").write_text(template, "utf-8")
        config += 'export = "ITEMS"\ntemplate = "t.py.j2"\n'
    (folder / "pyproject.toml").write_text(config, "utf-8")
    return folder


def test_sigint_stops_an_idle_watcher_even_if_started_ignoring_it(tmp_path: Path) -> None:
    watch = _Watch(_small(tmp_path), sigint_ignored=True)
    try:
        watch.until_line("watching for changes")
        elapsed = watch.interrupt()
    finally:
        watch.kill()
    assert watch.process.returncode == 0, watch.text()
    assert elapsed < STOP, (elapsed, watch.text())
    assert watch.text() == (
        "codegen: generating `t`\n"
        "codegen: wrote out.py\n"
        "codegen: watching for changes (Ctrl-C to stop)\n"
        "codegen: stopped watching\n"
    )


def test_sigint_stops_a_watcher_mid_generation_and_writes_nothing(tmp_path: Path) -> None:
    endless = "{{ header }}\n{% for i in range(10 ** 12) %}{{ i }}{% endfor %}\n"
    folder = _small(tmp_path, template=endless)
    previous = b"# Code generated by codegen from an earlier run. DO NOT EDIT.\n"
    (folder / "out.py").write_bytes(previous)
    watch = _Watch(folder)
    try:
        watch.until_line("codegen: generating `t`")
        elapsed = watch.interrupt()
    finally:
        watch.kill()
    assert watch.process.returncode == 0, watch.text()
    assert elapsed < STOP, (elapsed, watch.text())
    assert watch.text() == "codegen: generating `t`\ncodegen: stopped watching\n"
    assert (folder / "out.py").read_bytes() == previous
    assert sorted(p.name for p in folder.iterdir()) == [
        "out.py",
        "pyproject.toml",
        "registry.ts",
        "t.py.j2",
    ]


def test_an_interrupt_that_is_lost_still_ends_the_watcher() -> None:
    """Python drops exceptions raised in finalizers; the stop must not depend on one."""
    before = signal.getsignal(signal.SIGINT)
    stuck = threading.Event()
    with stopping_on_interrupt(on_stuck=stuck.set):
        try:
            signal.raise_signal(signal.SIGINT)
            raise AssertionError("SIGINT did not interrupt")
        except KeyboardInterrupt:
            pass  # swallowed, as a finalizer would
        assert stuck.wait(timeout=EVENT)
    assert signal.getsignal(signal.SIGINT) is before


def test_later_interrupts_are_ignored_while_the_first_unwinds() -> None:
    stuck = threading.Event()
    with stopping_on_interrupt(on_stuck=stuck.set):
        try:
            signal.raise_signal(signal.SIGINT)
            raise AssertionError("SIGINT did not interrupt")
        except KeyboardInterrupt:
            signal.raise_signal(signal.SIGINT)  # must not raise again
        assert stuck.wait(timeout=EVENT)
