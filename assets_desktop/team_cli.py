"""`assets-desktop team …`: set up a team library on PostgreSQL and manage its members."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from assets_desktop.domain.errors import AppError

PASSWORD_ENV = "ASSETS_DESKTOP_MEMBER_PASSWORD"  # noqa: S105 (a variable name)
INVITE_ENV = "ASSETS_DESKTOP_INVITE_PASSPHRASE"


def add_team_parser(commands: Any) -> None:
    """The `team` subcommand and its actions."""
    from assets_desktop.store.team_schema import GROUPS

    team = commands.add_parser("team", help="set up a team library on PostgreSQL")
    actions = team.add_subparsers(dest="team_command", required=True)
    init = actions.add_parser("init", help="create the tables, roles and access rules")
    init.add_argument("url", help="postgresql://admin@host:port/database (an empty database)")
    add = actions.add_parser("add-member", help="give a person a login in a team role")
    add.add_argument("url")
    add.add_argument("name", help="the member's role name, e.g. alberta_c")
    add.add_argument("role", choices=tuple(GROUPS))
    add.add_argument(
        "--password-env", action="store_true",
        help=f"set the member's password from the environment variable {PASSWORD_ENV}",
    )  # fmt: skip
    invite = actions.add_parser("invite", help="seal the team key to a member's passphrase")
    invite.add_argument("url", help="postgresql://you@host:port/database (you have the key)")
    invite.add_argument("name")
    remove = actions.add_parser("remove-member", help="end a member's access")
    remove.add_argument("url")
    remove.add_argument("name")
    for verb, what in (("assign", "hand a loan file to a member"),
                       ("share", "let a member work on a loan file too")):  # fmt: skip
        parser = actions.add_parser(verb, help=what)
        parser.add_argument("url", help="postgresql://you@host:port/database")
        parser.add_argument("loan_file_id")
        parser.add_argument("member")


def add_library_parser(commands: Any) -> None:
    """The `library` subcommand: `library move-to URL`."""
    library = commands.add_parser("library", help="move the library to a team server")
    actions = library.add_subparsers(dest="library_command", required=True)
    move = actions.add_parser(
        "move-to", help="copy this computer's library to a team server and verify it"
    )
    move.add_argument("url", help="postgresql://you@host:port/database (set up by team init)")


def run_library(args: argparse.Namespace) -> int:
    from assets_desktop.services import team
    from assets_desktop.services.library_access import Access, passphrase_from

    try:
        access = Access(passphrase=passphrase_from(args.passphrase_file))
        folder = Path(args.data_dir) if args.data_dir else None
        return 0 if team.move_to(folder, args.url, print, access) else 1
    except AppError as error:
        print(error.user_message, file=sys.stderr)
        return 1


def run_team(args: argparse.Namespace) -> int:
    from assets_desktop.services import team

    try:
        if args.team_command == "init":
            print(team.init(args.url))
        elif args.team_command == "add-member":
            password = os.environ.get(PASSWORD_ENV) if args.password_env else None
            print(team.add_member(args.url, args.name, args.role, password))
        elif args.team_command == "invite":
            phrase = os.environ.get(INVITE_ENV) or getpass.getpass("Invite passphrase: ")
            print(team.invite(args.url, args.name, phrase))
        elif args.team_command == "remove-member":
            print(team.remove_member(args.url, args.name))
        elif args.team_command == "assign":
            print(team.assign(args.url, args.loan_file_id, args.member))
        else:
            print(team.share(args.url, args.loan_file_id, args.member))
    except AppError as error:
        print(error.user_message, file=sys.stderr)
        return 1
    return 0
