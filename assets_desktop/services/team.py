"""A team library on a PostgreSQL server: setting it up, its members, who works on what.

`init` creates the library's tables, roles and row-level security on an empty database (run it
as the server's administrator), and closes the database to everyone but the members;
`add_member`/`remove_member` manage the members' login roles; `assign`/`share` run as a member
(the server decides whether that member may).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assets_desktop.store import move, secrets
from assets_desktop.store import team as team_store
from assets_desktop.store.database import is_server_location
from assets_desktop.store.errors import LibraryError
from assets_desktop.store.keys import Access
from assets_desktop.store.library import Library
from assets_desktop.store.secrets import SecretStore
from assets_desktop.store.team_schema import GROUPS

__all__ = [
    "ROLES", "add_member", "assign", "init", "invite", "move_to", "remove_member",
    "save_team_password", "share",
]  # fmt: skip

ROLES = tuple(GROUPS)
"""The team roles a member may have: underwriter, supervisor, qc."""


def _server(url: str) -> str:
    if not is_server_location(url):
        raise LibraryError(
            f"{url!r} is not a team server: give its address as postgresql://user@host:port/db."
        )
    return url


def save_team_password(store: SecretStore, url: str, password: str) -> None:
    """Keep the member's password for the team server at `url` in the keyring."""
    from assets_desktop.store import postgres

    store.set(secrets.TEAM_PASSWORD, postgres.public_location(_server(url)), password)


def init(url: str, access: Access | None = None) -> str:
    """Set up the team library at `url` (idempotent); a line saying what was done."""
    with Library(_server(url), access=access) as library:
        location = library.database.location
    team_store.close_database_to_public(url)
    return f"Team library ready at {location}; only its members may connect."


def add_member(url: str, name: str, role: str, password: str | None = None) -> str:
    team_store.add_member(_server(url), name, role, password)
    return f"{name} is a member ({role})."


def invite(url: str, name: str, phrase: str, access: Access | None = None) -> str:
    """Seal the team key to `phrase` for `name` (run where the key is: the key's keyring)."""
    with Library(_server(url), access=access) as library:
        library.team.invite(name, phrase)
    return f"{name} is invited: give them the invite passphrase in person or by phone."


def remove_member(url: str, name: str) -> str:
    team_store.remove_member(_server(url), name)
    return (
        f"{name} can no longer sign in or connect; their sessions were ended. Rotate the team "
        "key if they kept a copy of the library (README: Team library on PostgreSQL)."
    )


def assign(url: str, loan_file_id: str, member: str, access: Access | None = None) -> str:
    with Library(_server(url), access=access) as library:
        library.team.assign(loan_file_id, member)
    return f"Loan file {loan_file_id} is assigned to {member}."


def share(url: str, loan_file_id: str, member: str, access: Access | None = None) -> str:
    with Library(_server(url), access=access) as library:
        library.team.share(loan_file_id, member)
    return f"Loan file {loan_file_id} is shared with {member}."


def move_to(
    data_dir: Path | None, url: str, say: Callable[[str], None], access: Access | None = None
) -> bool:
    """Copy the library in `data_dir` (default: the usual folder) to the team server at `url`,
    then compare both; True when every table matches. Run again after an interruption: it
    continues where it stopped. The folder's library is left as it was."""
    with Library(data_dir, access=access) as source, Library(_server(url)) as target:
        say(f"Moving {source.database.location} to {target.database.location}")
        copied = move.move(source, target, lambda table, n: say(f"  {table}: {n} copied"))
        say(f"{copied} rows copied (rows already there were skipped). Verifying:")
        checks = move.verify(source, target)
        for check in checks:
            say("  " + check.line())
    same = all(check.same for check in checks)
    say("Verified: the team library holds everything." if same else "NOT verified: see above.")
    return same
