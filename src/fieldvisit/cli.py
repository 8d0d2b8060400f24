"""Console entry points: `fieldvisit` (the desktop app and its subcommands) and `fieldvisit-bureau`."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import fieldvisit

if TYPE_CHECKING:
    from fieldvisit.store.workspace import Workspace


class _VersionAction(argparse.Action):
    """Prints the version; read only when asked, so that starting the app does not pay for package metadata."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        print(f"FieldVisit {fieldvisit.__version__}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldvisit",
        description="FieldVisit (民政走访): offline field work for the civil-affairs bureau. "
        "Without a subcommand, starts the desktop app.",
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    parser.add_argument("--workspace", type=Path, help="workspace directory (default: the user data directory)")
    parser.add_argument("--quit-after-start", action="store_true", help="start the app, then quit (smoke test)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="create a demo workspace (演示数据) with realistic generated records")
    demo.add_argument("--out", type=Path, required=True, help="new directory for the demo workspace")
    demo.add_argument("--scale", type=float, default=1.0, help="size factor: 1 is ~150 households, 60 children")
    demo.add_argument("--seed", type=int, default=None, help="random seed (the same seed gives the same data)")

    check = sub.add_parser("check", help="open a workspace, verify encryption and migrations, print a summary")
    check.add_argument("dir", nargs="?", type=Path, help="workspace directory (default: the app's)")
    check.add_argument("--password-stdin", action="store_true", help="read the password from standard input")

    printer = sub.add_parser(
        "print",
        help="print records as official PDF documents, or a blank form",
        description="fieldvisit print DOCUMENT RECORD_ID... -o FILE.pdf | fieldvisit print blank FORM -o FILE.pdf. "
        "Documents: household_survey, child_info, child_visit, child_dossier, overdue_roster (a supervisor's "
        "user id), patrol_record, rectification_notice, reinspection_record, grave_ledger (a town code).",
    )
    printer.add_argument("document", help="document name, or 'blank'")
    printer.add_argument("ids", nargs="+", metavar="RECORD_ID", help="record ids (for 'blank': the form id)")
    printer.add_argument("-o", "--output", type=Path, required=True, help="PDF file to write")
    printer.add_argument("--dir", type=Path, help="workspace directory (default: the app's)")
    printer.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    printer.add_argument("--full-ids", action="store_true", help="print full ID numbers (default: masked)")
    printer.add_argument("--copies", type=int, default=1, help="copies of a blank form")
    return parser


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return getpass.getpass("Password (密码): ")


def _cmd_demo(args: argparse.Namespace) -> int:
    from fieldvisit.store.demo import generate_demo
    from fieldvisit.store.demo.generator import DEMO_SEED
    from fieldvisit.store.workspace import DEMO_PASSWORD, WorkspaceError, create_workspace

    try:
        workspace = create_workspace(args.out, DEMO_PASSWORD, demo=True, label="演示数据")
    except WorkspaceError as exc:
        print(f"error: {exc} ({exc.message_zh})", file=sys.stderr)
        return 2
    try:
        stats = generate_demo(
            workspace.engine, today=date.today(), scale=args.scale, seed=DEMO_SEED if args.seed is None else args.seed
        )
    finally:
        workspace.close()
    print(f"demo workspace (演示数据) created in {args.out}: {stats.rows} rows in {stats.seconds:.1f} s")
    print(f"demo password (演示密码): {DEMO_PASSWORD}")
    return 0


def _open_workspace(path: Path | None, password_stdin: bool) -> Workspace | int:
    """The workspace at `path` (the app's by default), or an exit code after saying what went wrong."""
    from fieldvisit.security.keys import WrongPasswordError
    from fieldvisit.store.migrate import MigrationError
    from fieldvisit.store.workspace import (
        DEMO_PASSWORD,
        WorkspaceError,
        default_workspace_dir,
        open_workspace,
        read_info,
    )

    path = path or default_workspace_dir()
    try:
        info = read_info(path)
        password = DEMO_PASSWORD if info.demo and not password_stdin else _read_password(password_stdin)
        return open_workspace(path, password=password)
    except WrongPasswordError:
        print("error: wrong password (密码错误)", file=sys.stderr)
        return 3
    except (WorkspaceError, MigrationError) as exc:
        print(f"error: {exc} ({exc.message_zh})", file=sys.stderr)
        return 2


def _cmd_check(args: argparse.Namespace) -> int:
    from fieldvisit.store.checkup import check_workspace

    workspace = _open_workspace(args.dir, args.password_stdin)
    if isinstance(workspace, int):
        return workspace
    try:
        report = check_workspace(workspace)
    finally:
        workspace.close()
    print(f"FieldVisit {fieldvisit.__version__} workspace check (数据目录检查)")
    for label, value in report.facts:
        print(f"  {label}: {value}")
    for label, label_zh, count in report.counts:
        print(f"  {label} ({label_zh}): {count}")
    for problem in report.problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    print("OK" if report.ok else "FAILED")
    return 0 if report.ok else 1


def _cmd_print(args: argparse.Namespace) -> int:
    from fieldvisit.print_service import PrintError, PrintJob, PrintService
    from fieldvisit.printing.api import render_blank
    from fieldvisit.store.changes import Actor
    from fieldvisit.store.services.settings import SettingsService

    if args.document == "blank":
        try:
            job = PrintJob(f"blank:{args.ids[0]}", (), render_blank(args.ids[0], copies=args.copies))
        except KeyError as exc:
            print(f"error: {exc.args[0]}", file=sys.stderr)
            return 2
        args.output.write_bytes(job.printed.pdf)
        print(f"{args.output}: blank {args.ids[0]}, {job.printed.page_count} pages")
        return 0
    workspace = _open_workspace(args.dir, args.password_stdin)
    if isinstance(workspace, int):
        return workspace
    try:
        settings = SettingsService(workspace.engine)
        actor = Actor(user_id=str(settings.get("current_user_id", "")), device_id=settings.device_id())
        service = PrintService(workspace.engine, workspace.vault, actor, workspace.clock)
        try:
            job = service.render(args.document, args.ids, full_ids=args.full_ids)
        except PrintError as exc:
            print(f"error: {exc} ({exc.message_zh})", file=sys.stderr)
            return 2
        args.output.write_bytes(job.printed.pdf)
        service.record_print(job, target="pdf")
    finally:
        workspace.close()
    print(f"{args.output}: {args.document}, {len(args.ids)} record(s), {job.printed.page_count} pages")
    return 0


def _cmd_app(args: argparse.Namespace) -> int:
    from fieldvisit.ui.app import run_app

    return run_app(workspace=args.workspace, quit_after_start=args.quit_after_start)


def main(argv: list[str] | None = None) -> int:
    """`fieldvisit`: the desktop app, or one of its console subcommands."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    commands = {"demo": _cmd_demo, "check": _cmd_check, "print": _cmd_print}
    return commands.get(args.command, _cmd_app)(args)


def bureau_main(argv: list[str] | None = None) -> int:
    """`fieldvisit-bureau`: the bureau service and its admin commands."""
    from fieldvisit.bureau.cli import main as bureau_cli

    return bureau_cli(argv)
