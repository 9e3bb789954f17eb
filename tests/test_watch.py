"""`codegen watch` regenerates on every edit, reports errors, and keeps watching."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

REGISTRY = Path("examples/profile/registry.ts")
OUTPUT = Path("generated/profile_schema.py")


class _Lines:
    """Collects a process's stderr lines in the background."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        assert process.stderr is not None
        self._thread = threading.Thread(target=self._read, args=(process.stderr,), daemon=True)
        self._thread.start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.append(line)

    def text(self) -> str:
        return "".join(self.lines)


def _wait(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_watch_regenerates_after_edits_and_survives_errors(project: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "codegen", "watch", "profile_schema", "--interval", "0.1"],
        cwd=project,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    lines = _Lines(process)
    try:
        assert _wait(lambda: "watching for changes" in lines.text()), lines.text()
        registry = project / REGISTRY
        original = registry.read_text("utf-8")

        registry.write_text(original.replace("ttlSec: DAY,", "ttlSec: 2 * DAY,"), "utf-8")
        assert _wait(lambda: "ttl_sec=2 * _DAY," in (project / OUTPUT).read_text("utf-8")), (
            lines.text()
        )
        assert "codegen: wrote generated/profile_schema.py" in lines.text()

        registry.write_text(original.replace("ttlSec: DAY,", "ttlSec: DAYS,"), "utf-8")
        assert _wait(lambda: "cannot find name `DAYS`" in lines.text()), lines.text()
        assert "not updated; waiting for the next change" in lines.text()
        assert process.poll() is None  # still alive

        registry.write_text(original, "utf-8")
        assert _wait(lambda: "ttl_sec=_DAY," in (project / OUTPUT).read_text("utf-8")), lines.text()

        subjects = project / "examples/bus/subjects.ts"  # an imported file counts too
        subjects.write_text(
            subjects.read_text("utf-8").replace('"signals.tip.served"', '"signals.tip.sent"'),
            "utf-8",
        )
        assert _wait(lambda: '"signals.tip.sent"' in (project / OUTPUT).read_text("utf-8")), (
            lines.text()
        )
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    assert process.returncode == 0
    assert "Traceback" not in lines.text()
