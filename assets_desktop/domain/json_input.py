"""Decoding JSON from outside (files, bundles, requests, webhooks): every way the bytes can fail
to be the JSON expected ends in `msgspec.DecodeError` with a readable reason, never in a
`RecursionError` (deep nesting) or a `UnicodeDecodeError` (invalid UTF-8 inside a string)."""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

T = TypeVar("T")

ANY_JSON: msgspec.json.Decoder[Any] = msgspec.json.Decoder()
"""A decoder of untyped JSON, for `decode_untrusted`."""


def decode_untrusted(data: bytes | str, decoder: msgspec.json.Decoder[T]) -> T:
    """`decoder.decode(data)`, refusing every malformed input with `msgspec.DecodeError`."""
    try:
        return decoder.decode(data)
    except RecursionError:
        raise msgspec.DecodeError(
            "JSON is malformed: it is nested too deeply (arrays or objects inside one another "
            "hundreds of levels down)"
        ) from None
    except UnicodeDecodeError:
        raise msgspec.DecodeError(
            "JSON is malformed: a string holds bytes that are not UTF-8"
        ) from None
