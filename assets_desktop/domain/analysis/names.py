"""Borrower-to-owner name matching, tolerant of case, punctuation, middle names or initials,
titles and suffixes, and "Last, First" (or bank-style "LAST FIRST") order.

`match`: first and last names agree and the middle names are compatible (an initial agrees with
a name, or one side omits them). `partial`: the same person is plausible but must be confirmed
(the middle names conflict, only an initial or a nickname prefix of the first name agrees, or one
part of a hyphenated last name agrees). `mismatch`: anything else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from assets_desktop.domain.analysis.types import OwnerMatch

NameMatch = Literal["match", "partial", "mismatch"]

_IGNORED = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "jr", "sr", "ii", "iii", "iv", "md", "phd",
     "esq", "cpa"}
)  # fmt: skip
_RANK: dict[str, int] = {"unavailable": 0, "mismatch": 1, "partial": 2, "match": 3}


@dataclass(frozen=True)
class ParsedName:
    """A person's name as ordered tokens: first, middles, last (lower case, no punctuation)."""

    tokens: tuple[str, ...]

    @property
    def first(self) -> str:
        return self.tokens[0] if len(self.tokens) > 1 else ""

    @property
    def last(self) -> str:
        return self.tokens[-1] if self.tokens else ""

    @property
    def middles(self) -> tuple[str, ...]:
        return self.tokens[1:-1]


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    plain = re.sub(r"['’.]", "", plain)
    words = [w.strip("-") for w in re.split(r"[^a-z0-9-]+", plain)]
    return [w for w in words if w and w not in _IGNORED]


def parse_name(text: str) -> ParsedName:
    """Parse a display name; "Last, First Middle" is reordered to first … last."""
    if "," in text:
        before, _, after = text.partition(",")
        after_words = _words(after)
        if after_words:  # a comma followed by only a suffix ("Smith, Jr.") changes nothing
            return ParsedName(tuple(after_words + _words(before)))
    return ParsedName(tuple(_words(text)))


def _initial_compatible(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _middles_compatible(mine: tuple[str, ...], theirs: list[str]) -> bool:
    if not mine or not theirs:
        return True
    shorter, longer = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
    return all(any(_initial_compatible(s, t) for t in longer) for s in shorter)


def _remove_once(tokens: list[str], *values: str) -> list[str] | None:
    rest = list(tokens)
    for value in values:
        if value not in rest:
            return None
        rest.remove(value)
    return rest


def owner_name_match(borrower: str, owner_name: str) -> NameMatch:
    """Compare one borrower name with one owner name."""
    mine = parse_name(borrower)
    theirs = parse_name(owner_name)
    if not mine.tokens or not theirs.tokens:
        return "mismatch"
    if not mine.first:  # a one-word borrower name: only the exact word can match
        return "match" if theirs.tokens == mine.tokens else "mismatch"
    rest = _remove_once(list(theirs.tokens), mine.first, mine.last)
    if rest is not None:
        return "match" if _middles_compatible(mine.middles, rest) else "partial"
    return "partial" if _plausibly_same(mine, theirs) else "mismatch"


def _plausibly_same(mine: ParsedName, theirs: ParsedName) -> bool:
    last_parts = set(mine.last.split("-"))
    for index, token in enumerate(theirs.tokens):
        if token == mine.last or last_parts & set(token.split("-")):
            others = theirs.tokens[:index] + theirs.tokens[index + 1 :]
            if any(_first_name_compatible(mine.first, other) for other in others):
                return True
    return False


def _first_name_compatible(first: str, other: str) -> bool:
    if first == other or _initial_compatible(first, other):
        return True
    return min(len(first), len(other)) >= 3 and (first.startswith(other) or other.startswith(first))


def match_owner_names(borrower: str | None, names: Iterable[str]) -> OwnerMatch:
    """The best match of the borrower against any owner name (joint owners: any one suffices).

    `unavailable` when there is no borrower name or the account lists no owner names.
    """
    best: OwnerMatch = "unavailable"
    if not borrower or not borrower.strip():
        return best
    for name in names:
        if not name.strip():
            continue
        result = owner_name_match(borrower, name)
        if _RANK[result] > _RANK[best]:
            best = result
            if best == "match":
                break
    return best
