"""The `fieldvisit-bureau` command: the bureau service and its admin commands for bureau staff."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from fieldvisit import __version__

DEFAULT_PORT = 8470


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", help="e.g. postgresql+psycopg://user@host/db (default: SQLite in --data-dir)")
    parser.add_argument("--data-dir", type=Path, help="database (SQLite) and attachments directory")
    parser.add_argument("--env-file", type=Path, help="settings file (FIELDVISIT_BUREAU_*=… lines)")
    parser.add_argument("--development", action="store_true", default=None, help="allow the development secret")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldvisit-bureau",
        description="FieldVisit bureau service (民政局服务端): the database field devices sync with.",
    )
    parser.add_argument("--version", action="version", version=f"FieldVisit bureau {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = sub.add_parser("serve", help="run the service (migrates the database first)")
    _common(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)

    migrate = sub.add_parser("migrate", help="bring the database to the newest schema and exit")
    _common(migrate)

    user = sub.add_parser("create-user", help="create a staff account (password read from standard input)")
    _common(user)
    user.add_argument("--username", required=True)
    user.add_argument("--display-name", required=True)
    user.add_argument("--role", required=True, choices=[r.value for r in _roles()])
    user.add_argument("--towns", default="", help="comma-separated town division codes")
    user.add_argument("--villages", default="", help="comma-separated village ids")
    user.add_argument("--unit", default="")
    user.add_argument("--phone", default="")

    password = sub.add_parser("set-password", help="replace a user's password (read from standard input)")
    _common(password)
    password.add_argument("--username", required=True)

    for name, what in (("import-children", "children (一人一档)"), ("import-households", "households to assess")):
        roster = sub.add_parser(name, help=f"import a CSV roster of {what}")
        _common(roster)
        roster.add_argument("csv", type=Path)

    assign = sub.add_parser("assign", help="create tasks for a user, one per CSV row (title, town_code, …)")
    _common(assign)
    assign.add_argument("--assignee", required=True, help="username")
    assign.add_argument("--kind", required=True, choices=[k.value for k in _kinds()])
    assign.add_argument("--csv", type=Path, required=True)
    assign.add_argument("--due", type=date.fromisoformat, help="due date YYYY-MM-DD")

    reassign = sub.add_parser("reassign-child", help="give a child's file to another director")
    _common(reassign)
    reassign.add_argument("--file-no", required=True)
    reassign.add_argument("--director", required=True, help="username")

    listing = sub.add_parser("devices", help="list devices with their last sync and pending counts")
    _common(listing)

    revoke = sub.add_parser("revoke", help="revoke a device: retire (upload, then wipe) or stolen (wipe at once)")
    _common(revoke)
    revoke.add_argument("device_id")
    revoke.add_argument("--mode", required=True, choices=["retire", "stolen"])

    export = sub.add_parser("export", help="export a table's records as CSV")
    _common(export)
    export.add_argument("table")
    export.add_argument("--out", type=Path, required=True)
    export.add_argument("--include-deleted", action="store_true")
    return parser


def _roles():  # type: ignore[no-untyped-def]
    from fieldvisit.domain.shared import Role

    return list(Role)


def _kinds():  # type: ignore[no-untyped-def]
    from fieldvisit.domain.shared import AssignmentKind

    return list(AssignmentKind)


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from fieldvisit.bureau.config import load_settings

    return load_settings(
        args.env_file, database_url=args.database_url, data_dir=args.data_dir, development=args.development
    )


def _engine(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from fieldvisit.bureau.db import make_engine, upgrade_database

    settings = _settings(args)
    engine = make_engine(settings.resolved_database_url)
    upgrade_database(engine)
    return settings, engine


def _read_password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Password (密码): ")
    return sys.stdin.readline().rstrip("\r\n")


def _cmd_serve(args: argparse.Namespace) -> int:
    import gc

    import uvicorn

    from fieldvisit.bureau.app import create_app

    app = create_app(_settings(args))
    # Everything built so far lives as long as the process: keep it out of the cyclic collector's full passes,
    # which otherwise stall a request for a tenth of a second now and then.
    gc.freeze()
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def _cmd_migrate(args: argparse.Namespace) -> int:
    _engine(args)
    print("database is at the newest schema")
    return 0


def _cmd_create_user(args: argparse.Namespace) -> int:
    from fieldvisit.bureau.admin import create_user
    from fieldvisit.domain.shared import Role

    settings, engine = _engine(args)
    user_id = create_user(
        engine,
        settings,
        username=args.username,
        password=_read_password(),
        display_name=args.display_name,
        role=Role(args.role),
        town_codes=[t for t in args.towns.split(",") if t],
        village_ids=[v for v in args.villages.split(",") if v],
        unit=args.unit,
        phone=args.phone,
    )
    print(f"created user {args.username} ({user_id})")
    return 0


def _cmd_set_password(args: argparse.Namespace) -> int:
    from fieldvisit.bureau.admin import set_password

    settings, engine = _engine(args)
    set_password(engine, settings, args.username, _read_password())
    print(f"password of {args.username} changed")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from fieldvisit.bureau.admin import import_children, import_households, open_text

    _, engine = _engine(args)
    importer = import_children if args.command == "import-children" else import_households
    with open_text(args.csv) as source:
        count = importer(engine, source)
    print(f"imported {count} records")
    return 0


def _cmd_assign(args: argparse.Namespace) -> int:
    from fieldvisit.bureau.admin import create_assignments, open_text, read_items
    from fieldvisit.domain.shared import AssignmentKind

    _, engine = _engine(args)
    with open_text(args.csv) as source:
        items = read_items(source)
    count = create_assignments(
        engine, assignee=args.assignee, kind=AssignmentKind(args.kind), items=items, due_date=args.due
    )
    print(f"created {count} tasks for {args.assignee}")
    return 0


def _cmd_reassign(args: argparse.Namespace) -> int:
    from fieldvisit.bureau.admin import reassign_child

    _, engine = _engine(args)
    version = reassign_child(engine, args.file_no, args.director)
    print(f"child file {args.file_no} now belongs to {args.director} (version {version})")
    return 0


def _cmd_devices(args: argparse.Namespace) -> int:
    from fieldvisit.bureau.devices import list_devices

    _, engine = _engine(args)
    print(f"{'device':36}  {'user':16} {'state':8} {'last sync':25} {'pending':>7} {'received':>8}  name")
    for row in list_devices(engine):
        last = row["last_sync_at"].isoformat(timespec="seconds") if row["last_sync_at"] else "-"
        print(
            f"{row['id']:36}  {row['username']:16} {row['state']:8} {last:25} "
            f"{row['pending_count']:>7} {row['received']:>8}  {row['name']}"
        )
    return 0


def _cmd_revoke(args: argparse.Namespace) -> int:
    from fieldvisit.bureau.devices import revoke
    from fieldvisit.domain.types import utc_now
    from fieldvisit.sync.protocol import DeviceState

    _, engine = _engine(args)
    state = DeviceState.RETIRE if args.mode == "retire" else DeviceState.STOLEN
    try:
        revoke(engine, args.device_id, state, now=utc_now())
    except KeyError:
        print(f"error: no device {args.device_id}", file=sys.stderr)
        return 2
    print(f"device {args.device_id} revoked ({args.mode})")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from fieldvisit.bureau.admin import export_csv

    _, engine = _engine(args)
    with args.out.open("w", encoding="utf-8-sig", newline="") as out:
        count = export_csv(engine, args.table, out, include_deleted=args.include_deleted)
    print(f"exported {count} rows of {args.table} to {args.out}")
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "serve": _cmd_serve,
    "migrate": _cmd_migrate,
    "create-user": _cmd_create_user,
    "set-password": _cmd_set_password,
    "import-children": _cmd_import,
    "import-households": _cmd_import,
    "assign": _cmd_assign,
    "reassign-child": _cmd_reassign,
    "devices": _cmd_devices,
    "revoke": _cmd_revoke,
    "export": _cmd_export,
}


def main(argv: list[str] | None = None) -> int:
    """Run one `fieldvisit-bureau` command; errors an admin can fix are printed, not raised."""
    import logging

    from pydantic import ValidationError

    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return 2
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from fieldvisit.bureau.admin import AdminError

    try:
        return _COMMANDS[args.command](args)
    except (AdminError, ValidationError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
