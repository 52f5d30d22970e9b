"""Hypothesis strategies for malformed JSON: deep nesting, broken encodings, wrong types, absurd
numbers, huge strings, truncation, spliced into a valid document at a random place."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

_MARK = "\u2603POISON\u2603"


DEEP = b"[" * 5000 + b"]" * 5000
"""Always tried (`@example`): nesting far beyond any recursion limit."""


def deep_inside(valid: bytes) -> bytes:
    """`valid` with its first string value replaced by 3,000 nested arrays."""
    start = valid.index(b'": "') + 3
    end = valid.index(b'"', start + 1) + 1
    return valid[:start] + b"[" * 3000 + b"]" * 3000 + valid[end:]


def not_utf8_inside(valid: bytes) -> bytes:
    """`valid` with invalid UTF-8 inside its first string value."""
    start = valid.index(b'": "') + 4
    return valid[:start] + b"\xff\xfe" + valid[start:]


def _nested(depth: int, kind: str) -> bytes:
    if kind == "array":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


poisons: st.SearchStrategy[bytes] = st.one_of(
    st.builds(
        _nested,
        st.sampled_from([1000, 3000, 20_000]) | st.integers(300, 5000),
        st.sampled_from(["array", "object"]),
    ),
    st.sampled_from(
        [
            b'"ab\xffcd"',  # not UTF-8
            b'"\xed\xa0\x80"',  # an encoded surrogate
            b'"\xc0\xaf"',  # an overlong encoding
            b'"\\ud800"',  # a lone surrogate escape
            b'"\\udc00x\\ud800"',
            b"1e398",
            b"-1e400",
            b"1e-400",
            b"NaN",
            b"Infinity",
            b"-Infinity",
            b"1" + b"0" * 400,
            b"18446744073709551616",
            b"null",
            b"true",
            b"[]",
            b"{}",
            b'"x"',
            b"-1",
            b"0",
            b"1.5",
            b'"2026-13-45T99:99:99Z"',
        ]
    ),
    st.builds(lambda n: b'"' + b"A" * n + b'"', st.integers(10_000, 400_000)),
    st.builds(lambda n: b"[" + b"1," * n + b"1]", st.integers(1000, 50_000)),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value[:3]):
            found += _paths(child, (*prefix, index))
    return found


def _replaced(document: Any, path: tuple[Any, ...]) -> Any:
    if not path:
        return _MARK
    copy = json.loads(json.dumps(document))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = _MARK
    return copy


@st.composite
def malformed(draw: st.DrawFn, valid: bytes) -> bytes:
    """`valid` (a JSON document) made malformed in one of many ways."""
    document = json.loads(valid)
    how = draw(st.sampled_from(["splice", "splice", "splice", "truncate", "encode", "garbage"]))
    if how == "truncate":
        return valid[: draw(st.integers(0, len(valid) - 1))]
    if how == "encode":
        encoding = draw(st.sampled_from(["utf-16", "utf-32", "latin-1", "utf-8-sig"]))
        text = json.dumps(document, ensure_ascii=False).replace('"', '"\u00e9', 1)
        return text.encode(encoding, "replace")
    if how == "garbage":
        return draw(st.binary(min_size=1, max_size=2000))
    path = draw(st.sampled_from(_paths(document)))
    text = json.dumps(_replaced(document, path)).encode()
    return text.replace(json.dumps(_MARK).encode(), draw(poisons), 1)
