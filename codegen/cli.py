"""The command line: `codegen generate|check`, exit codes, and diagnostics instead of tracebacks."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from codegen import __version__
from codegen.config import Target, find_config, load_config, select
from codegen.errors import (
    CodegenError,
    CodegenErrors,
    ExitCode,
    Span,
    Style,
    display_path,
    render_report,
)
from codegen.output.write import GENERATED_MARKER, read_existing, unified_diff, write_atomically


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
        elif verb == "watch":
            sub.add_argument("--interval", type=float, default=0.3, help="seconds between polls")
        else:
            sub.add_argument(
                "--force",
                action="store_true",
                help="overwrite outputs that lack the generated header",
            )
        sub.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    inspect = verbs.add_parser(
        "inspect",
        help="print the evaluated exports of a TS file as JSON",
        description="Print the named exports of SOURCE, as codegen evaluates them, as JSON.",
    )
    inspect.add_argument("source", type=Path, metavar="SOURCE.ts")
    inspect.add_argument("names", nargs="+", metavar="NAME", help="exported names")
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
        err.write(f"codegen: error: {exc}\n(see `codegen --help`)\n")
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
        except RecursionError:
            err.write(
                f"{display_path(target.source)}: error: input is nested too deeply to evaluate\n"
            )
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
        traceback.print_exc(file=err)
    return ExitCode.BUG


def _watch(args: argparse.Namespace, targets: list[Target], err: TextIO) -> ExitCode:
    from codegen.watch import Watcher

    config = None if args.source else (args.config or find_config(Path.cwd()))
    try:
        Watcher(targets, config, err, _style(err)).loop(max(args.interval, 0.05))
    except KeyboardInterrupt:
        err.write("codegen: stopped watching\n")
    return ExitCode.OK


def _inspect(args: argparse.Namespace, out: TextIO, err: TextIO) -> ExitCode:
    from codegen.inspect import inspect_exports

    try:
        out.write(inspect_exports(args.source, args.names))
    except (CodegenError, CodegenErrors) as error:
        err.write(render_report(error, _style(err)))
        return ExitCode.ERROR
    except RecursionError:
        err.write(f"{display_path(args.source)}: error: input is nested too deeply to evaluate\n")
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
        return [
            Target(
                name=args.output.stem,
                root=Path.cwd(),
                source=args.source,
                exports=tuple(args.export or ()),
                template=args.template,
                output=args.output,
                regen_command=args.regen_command or "codegen generate",
            )
        ]
    config = args.config or find_config(Path.cwd())
    if config is None:
        raise CodegenError(
            "no pyproject.toml with a [tool.codegen] table here or above; "
            "pass --config or --source ..."
        )
    targets = select(load_config(config, display_path(config.resolve())), args.targets)
    if args.regen_command:
        targets = [_with_regen(t, args.regen_command) for t in targets]
    return targets


def _with_regen(target: Target, command: str) -> Target:
    return target._replace(regen_command=command)


def _run(args: argparse.Namespace, target: Target, out: TextIO, err: TextIO) -> ExitCode:
    existing = read_existing(target.output)
    shown = display_path(target.output.resolve())
    if existing is not None and _cached_and_current(target, existing):
        if not args.quiet:
            state = "is up to date" if args.verb == "check" else "unchanged"
            err.write(f"codegen: {shown} {state}\n")
        return ExitCode.OK
    fresh = _generate_and_remember(target)
    if args.verb == "check":
        if existing == fresh:
            if not args.quiet:
                err.write(f"codegen: {shown} is up to date\n")
            return ExitCode.OK
        state = "missing" if existing is None else "stale"
        err.write(
            f"{shown}: {state}: does not match {target.relative(target.source)}; "
            f"run `{target.regen_command}`\n"
        )
        if args.diff:
            out.write(unified_diff(existing, fresh, shown))
        return ExitCode.STALE
    if existing == fresh:
        if not args.quiet:
            err.write(f"codegen: {shown} unchanged\n")
        return ExitCode.OK
    if existing is not None and not existing.startswith(GENERATED_MARKER) and not args.force:
        raise CodegenError(
            f"refusing to overwrite {shown}: it does not start with `{GENERATED_MARKER.decode()}`, "
            "so it may have been written by hand; pass --force to overwrite it",
            Span(shown, 1, 1, 1, 1),
        )
    try:
        write_atomically(target.output, fresh)
    except OSError as error:
        raise CodegenError(f"cannot write {shown}: {error.strerror or error}") from None
    if not args.quiet:
        err.write(f"codegen: wrote {shown}\n")
    return ExitCode.OK


def _cached_and_current(target: Target, existing: bytes) -> bool:
    """Whether the cache proves, with no generation, that the output on disk is current."""
    from codegen import cache

    known = cache.lookup(target)
    return known is not None and known == cache.digest(existing)


def _generate_and_remember(target: Target) -> bytes:
    from codegen import cache
    from codegen.input.program import Program
    from codegen.memo import EntryMemo
    from codegen.pipeline import generate  # heavy imports (black, jinja2) only when needed

    program = Program()
    memo = EntryMemo(cache.memo_path(target))
    fresh = generate(target, program, memo)
    memo.save()
    source = target.source.absolute()  # as named: a symlink retargeted later must count
    read = [source, *program.configs_read]
    if target.template is not None:
        read.append(target.template.resolve())
    parsed = program.contents()
    parsed[source] = parsed.get(source.resolve(), b"")
    cache.store(target, read, program.absent, fresh, parsed)
    return fresh


def main_exit() -> None:
    """Console-script entry point.

    Exits without tearing the heap down object by object: after a large registry that takes
    longer than the work itself, and every output is already written and closed.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
