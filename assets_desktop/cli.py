"""The `assets-desktop` command and its subcommands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `assets-desktop`."""
    parser = argparse.ArgumentParser(
        prog="assets-desktop",
        description="Review Plaid Asset Reports. With no command, opens the window.",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start the app on the embedded sandbox without a display, check it end to end, exit",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="connect to no environment: review what the library holds (with --smoke-test: "
        "open its newest report in the views and the PDF viewer)",
    )
    parser.add_argument("--first-paint-exit", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep the library in DIR (default: the setting, else the platform's data directory)",
    )
    parser.add_argument(
        "--library",
        metavar="LOCATION",
        help="the library: a folder (as --data-dir) or a team server, "
        "postgresql://user@host:port/database (password: the keyring, else PGPASSWORD)",
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="unlock (or protect) a library that has no keyring with the passphrase on FILE's "
        "first line (else ASSETS_DESKTOP_PASSPHRASE; else a dialog asks)",
    )
    commands = parser.add_subparsers(dest="command")
    sandbox = commands.add_parser("sandbox", help="run the local Plaid-compatible Assets sandbox")
    sandbox.add_argument("--host", default="127.0.0.1")
    sandbox.add_argument("--port", type=int, default=8787)
    sandbox.add_argument("--seed", type=int, default=0)
    sandbox.add_argument("--ready-delay", type=float, default=2.0, metavar="SECONDS")
    sandbox.add_argument("--client-id", help="accepted client_id (env ASSETS_SANDBOX_CLIENT_ID)")
    sandbox.add_argument("--secret", help="accepted secret (env ASSETS_SANDBOX_SECRET)")
    sandbox.add_argument("--state-file", metavar="FILE", help="keep Items and reports in FILE")
    sandbox.add_argument(
        "--exit-with-parent",
        action="store_true",
        help="end when standard input closes or the parent process ends (how the app runs it)",
    )
    from assets_desktop.sandbox.fault_options import add_fault_options

    add_fault_options(sandbox)
    bench = commands.add_parser("bench", help="run the benchmarks and print figures beside peers")
    bench.add_argument("--quick", action="store_true", help="small sizes, for CI: catches crashes")
    bench.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    bench.add_argument(
        "--markdown", metavar="FILE", help="also write the table as Markdown (README's form)"
    )
    from assets_desktop.analyze_args import add_analyze_parser

    add_analyze_parser(commands)
    from assets_desktop.team_cli import add_library_parser, add_team_parser

    add_team_parser(commands)
    add_library_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `assets-desktop` console script."""
    args = build_parser().parse_args(argv)
    if args.command == "sandbox":
        from assets_desktop.sandbox.cli import run_sandbox

        return run_sandbox(args)
    if args.command == "analyze":
        from assets_desktop.analyze_cli import run_analyze

        return run_analyze(args)
    if args.command == "team":
        from assets_desktop.team_cli import run_team

        return run_team(args)
    if args.command == "library":
        from assets_desktop.team_cli import run_library

        return run_library(args)
    if args.command == "bench":
        from assets_desktop.bench.run import run_benchmarks

        return run_benchmarks(quick=args.quick, json_path=args.json, markdown_path=args.markdown)
    # Paint a window first: the app's imports take several times a bare window's start.
    from assets_desktop.ui.shell import show_shell

    shell = show_shell(sys.argv[:1], headless=args.smoke_test)
    if args.first_paint_exit and shell.painted_at is not None:
        print(f"FIRST_PAINT {shell.painted_at:.6f}", flush=True)
    from assets_desktop.app import run_gui

    return run_gui(
        sys.argv[:1],
        smoke_test=args.smoke_test,
        first_paint_exit=args.first_paint_exit,
        data_dir=args.library or args.data_dir,
        offline=args.offline,
        passphrase_file=args.passphrase_file,
        shell=shell,
    )
