"""Keep secrets out of logs and error messages: Plaid-shaped tokens, SSNs and registered values.

`redact(text)` scrubs a string. `install()` makes every log record of the process pass through
it (a log-record factory, so records of httpx, httpcore and any library are covered whichever
handler receives them). The client registers the secret, client_id and every token it handles
with `register_secret` (every `…_token` a request sends or an answer brings: `register_tokens`),
so even tokens that are not Plaid-shaped are scrubbed.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Mapping
from typing import Any

MASK = "[REDACTED]"

_TOKEN_PATTERN = re.compile(
    r"\b(?:access|public|link|assets|a|processor|user)-(?:sandbox|production|development)"
    r"-[A-Za-z0-9-]+"
)
_SSN_PATTERN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
_MIN_SECRET_LENGTH = 6

_lock = threading.Lock()
_secrets: set[str] = set()
_secret_pattern: re.Pattern[str] | None = None
_installed = False


def register_secret(value: str | None) -> None:
    """Scrub this exact value from every log record and error message from now on."""
    global _secret_pattern
    if not value or len(value) < _MIN_SECRET_LENGTH:
        return
    with _lock:
        if value in _secrets:
            return
        _secrets.add(value)
        ordered = sorted(_secrets, key=len, reverse=True)
        _secret_pattern = re.compile("|".join(re.escape(s) for s in ordered))


def register_tokens(fields: Mapping[str, object]) -> None:
    """Register every token among `fields`: the values of `…_token`, the items of `…_tokens`."""
    for name, value in fields.items():
        if name.endswith("_token") and isinstance(value, str):
            register_secret(value)
        elif name.endswith("_tokens") and isinstance(value, list | tuple):
            for token in value:
                if isinstance(token, str):
                    register_secret(token)


def redact(text: str) -> str:
    """The text with registered secrets, Plaid tokens and SSNs replaced by [REDACTED]."""
    pattern = _secret_pattern
    if pattern is not None:
        text = pattern.sub(MASK, text)
    text = _TOKEN_PATTERN.sub(MASK, text)
    return _SSN_PATTERN.sub(MASK, text)


def _redact_arg(value: Any) -> Any:
    if isinstance(value, str | bytes | bytearray):
        text = value.decode("utf-8", "replace") if not isinstance(value, str) else value
        cleaned = redact(text)
        return value if cleaned == text else cleaned
    if isinstance(value, int | float | bool) or value is None:
        return value
    text = str(value)
    cleaned = redact(text)
    return value if cleaned == text else cleaned


def redact_record(record: logging.LogRecord) -> None:
    """Scrub a record's message, arguments and exception text in place."""
    if isinstance(record.msg, str):
        record.msg = redact(record.msg)
    elif record.msg is not None and not isinstance(record.msg, int | float):
        record.msg = redact(str(record.msg))
    if isinstance(record.args, tuple):
        record.args = tuple(_redact_arg(a) for a in record.args)
    elif isinstance(record.args, dict):
        record.args = {k: _redact_arg(v) for k, v in record.args.items()}
    if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))


class RedactingFilter(logging.Filter):
    """A filter for handlers: scrubs each record it sees (and never drops one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


def install() -> None:
    """Make every log record created in this process redacted at birth (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        redact_record(record)
        return record

    logging.setLogRecordFactory(factory)
