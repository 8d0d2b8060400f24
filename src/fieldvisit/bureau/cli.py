"""The `fieldvisit-bureau` command: the bureau service and its admin commands."""

from __future__ import annotations

import argparse

from fieldvisit import __version__


def main(argv: list[str] | None = None) -> int:
    """Parse the command line; the service's subcommands register here as they are built."""
    parser = argparse.ArgumentParser(
        prog="fieldvisit-bureau",
        description="FieldVisit bureau service (民政局服务端): the database field devices sync with.",
    )
    parser.add_argument("--version", action="version", version=f"FieldVisit bureau {__version__}")
    parser.add_subparsers(dest="command", metavar="COMMAND")
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    return 0
