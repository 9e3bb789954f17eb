"""The command line: `codegen generate|check`, exit codes, and diagnostics instead of tracebacks."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from codegen import __version__
from codegen.config import Target, find_config, from_flags, load_config, select
from codegen.errors import (
    CodegenError,
    CodegenErrors,
    ExitCode,
    Style,
    display_path,
    render_report,
    render_warnings,
)
from codegen.output.write import unified_diff


class UsageError(Exception):
    """Bad command-line usage; argparse raises this instead of exiting."""


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(
        prog="codegen",
        description="Generate Python mirrors of TypeScript registries, and check they are current.",
    )
    parser.add_argument("--version", action="version", version=f"codegen {__version__}")
    verbs = parser.add_subparsers(
        dest="verb", required=True, metavar="{generate,check,inspect,watch}"
    )
    for verb, help_text in (
        ("generate", "write every output that differs from fresh generation"),
        ("check", "write nothing; exit 1 if any output is stale or missing"),
        ("watch", "regenerate targets whenever a file they read changes"),
    ):
        sub = verbs.add_parser(verb, help=help_text, description=help_text)
        sub.add_argument("targets", nargs="*", metavar="TARGET", help="target names (default: all)")
        sub.add_argument(
            "--config", type=Path, help="pyproject.toml to read (default: the nearest one)"
        )
        one = sub.add_argument_group("one target from flags, with no config")
        one.add_argument("--source", type=Path, metavar="FILE.ts")
        one.add_argument(
            "--export", action="append", metavar="NAME", help="repeat for several (default: all)"
        )
        one.add_argument("--template", type=Path, metavar="FILE.j2", help="default: built-in")
        one.add_argument("--output", type=Path, metavar="FILE.py")
        one.add_argument(
            "--regen-command", default=None, help="the command named in stale-file hints"
        )
        if verb == "check":
            sub.add_argument(
                "--diff", action="store_true", help="print a unified diff of each stale output"
            )
        else:
            if verb == "watch":
                sub.add_argument(
                    "--interval", type=float, default=0.3, help="seconds between polls"
                )
            sub.add_argument(
                "--force",
                action="store_true",
                help="overwrite outputs that lack the generated header",
            )
        sub.add_argument(
            "--strict",
            action="store_true",
            help="an export the built-in template cannot mirror is an error, not a warning",
        )
        sub.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    inspect = verbs.add_parser(
        "inspect",
        help="print the evaluated exports of a TS file as JSON",
        description="Print the named exports of SOURCE, as codegen evaluates them, as JSON.",
    )
    inspect.add_argument("source", type=Path, metavar="SOURCE.ts")
    inspect.add_argument("names", nargs="+", metavar="NAME", help="exported names")
    inspect.add_argument(
        "--types",
        action="store_true",
        help="name types instead: print each one's Python form and the members of finite ones",
    )
    return parser


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code instead of exiting, so tests can call it."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    # Evaluation recurses once per nesting level and per const reference; both are capped
    # (codegen.input.evaluate), and this leaves room for the caps to speak before Python's does.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 5000))
    try:
        args = _parser().parse_args(argv)
    except UsageError as exc:
        err.write(render_report(CodegenError(str(exc)), _style(err)) + "(see `codegen --help`)\n")
        return ExitCode.ERROR
    except SystemExit as exc:  # --help and --version print and exit 0
        return int(exc.code or 0)
    if args.verb == "inspect":
        return _inspect(args, out, err)
    try:
        targets = _targets(args)
    except (CodegenError, CodegenErrors) as error:
        err.write(render_report(error, _style(err)))
        return ExitCode.ERROR
    if args.verb == "watch":
        return _watch(args, targets, err)
    worst = ExitCode.OK
    for target in targets:
        try:
            code = _run(args, target, out, err)
        except (CodegenError, CodegenErrors) as error:
            err.write(render_report(error, _style(err)))
            code = ExitCode.ERROR
        except Exception as exc:  # the last line of defence against tracebacks
            code = _internal_error(f"generating `{target.name}`", exc, err)
        worst = max(worst, code)
    return worst


def _style(err: TextIO) -> Style:
    """Colour only on a terminal, never with NO_COLOR; annotations when GitHub Actions runs us."""
    isatty = getattr(err, "isatty", None)
    color = bool(isatty and isatty()) and not os.environ.get("NO_COLOR")
    return Style(color=color, github=os.environ.get("GITHUB_ACTIONS") == "true")


def _internal_error(doing: str, exc: Exception, err: TextIO) -> ExitCode:
    """Report a bug in codegen itself: exit 3, and a traceback only when asked for."""
    err.write(f"codegen: internal error while {doing}: {exc!r}\n")
    err.write("This is a bug in codegen; please report it with the input that caused it.\n")
    if os.environ.get("CODEGEN_TRACEBACK"):
        import traceback  # only for a bug report

        traceback.print_exc(file=err)
    return ExitCode.BUG


def _watch(args: argparse.Namespace, targets: list[Target], err: TextIO) -> ExitCode:
    from codegen.watch import Watcher, stopping_on_interrupt

    config = None if args.source else (args.config or find_config(Path.cwd()))
    watcher = Watcher(targets, config, err, _style(err), args.force, args.quiet)
    with stopping_on_interrupt():
        try:
            watcher.loop(max(args.interval, 0.05))
        except KeyboardInterrupt:
            err.write("codegen: stopped watching\n")
        except Exception as exc:  # the last line of defence against tracebacks
            return _internal_error("watching", exc, err)
    return ExitCode.OK


def _inspect(args: argparse.Namespace, out: TextIO, err: TextIO) -> ExitCode:
    from codegen.emit import guarded
    from codegen.inspect import inspect_exports, inspect_types

    warnings: list[CodegenError] = []

    def inspect() -> str:
        if args.types:
            return inspect_types(args.source, args.names)
        return inspect_exports(args.source, args.names, warnings)

    try:
        text = guarded(inspect, args.source)
        err.write(render_warnings(warnings, _style(err)))
        out.write(text)
    except (CodegenError, CodegenErrors) as error:
        err.write(render_report(error, _style(err)))
        return ExitCode.ERROR
    except Exception as exc:  # the last line of defence against tracebacks
        return _internal_error(f"inspecting {display_path(args.source)}", exc, err)
    return ExitCode.OK


def _targets(args: argparse.Namespace) -> list[Target]:
    flags = {
        "--source": args.source,
        "--export": args.export,
        "--template": args.template,
        "--output": args.output,
    }
    if any(value is not None for value in flags.values()):
        missing = [flag for flag in ("--source", "--output") if flags[flag] is None]
        if missing or args.targets or args.config:
            raise CodegenError(
                "a target from flags needs --source and --output"
                f"{' (missing ' + ', '.join(missing) + ')' if missing else ''}"
                ", and no target names or --config"
            )
        one = from_flags(
            args.source, args.output, tuple(args.export or ()), args.template, args.regen_command
        )
        return [one._replace(strict=True) if args.strict else one]
    config = args.config or find_config(Path.cwd())
    if config is None:
        raise CodegenError(
            "no pyproject.toml with a [tool.codegen] table here or above; "
            "pass --config or --source ..."
        )
    targets = select(load_config(config, display_path(config.resolve())), args.targets)
    if args.regen_command:
        targets = [_with_regen(t, args.regen_command) for t in targets]
    if args.strict:
        targets = [t._replace(strict=True) for t in targets]
    return targets


def _with_regen(target: Target, command: str) -> Target:
    return target._replace(regen_command=command)


def _run(args: argparse.Namespace, target: Target, out: TextIO, err: TextIO) -> ExitCode:
    from codegen.emit import emit, guarded

    force = getattr(args, "force", False)
    outcome = guarded(lambda: emit(target, args.verb, force), target.source, target)
    err.write(render_warnings(outcome.warnings, _style(err)))
    if not (args.quiet and outcome.routine):
        err.write(outcome.line(target))
    if outcome.state in ("stale", "missing"):
        if args.diff:
            assert outcome.fresh is not None
            out.write(unified_diff(outcome.existing, outcome.fresh, outcome.shown))
        return ExitCode.STALE
    return ExitCode.OK


def main_exit() -> None:
    """Console-script entry point.

    Exits without tearing the heap down object by object: after a large registry that takes
    longer than the work itself, and every output is already written and closed.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
