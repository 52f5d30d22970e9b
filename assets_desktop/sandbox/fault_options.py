"""The fault options of `assets-desktop sandbox` (stdlib only: the parser is built at start-up).

Each option sets the field of the same name on the sandbox's `Faults` (see `sandbox.faults`),
so a user can demo and test a client against a slow, failing or flaky Plaid.
"""

from __future__ import annotations

import argparse
from typing import Any

_COUNTERS = {
    "rate_limit_next": "the next N requests answer 429 RATE_LIMIT_EXCEEDED with Retry-After",
    "server_error_next": "the next N requests answer 500 INTERNAL_SERVER_ERROR",
    "maintenance_next": "the next N requests answer 503 PLANNED_MAINTENANCE",
    "drop_connection_next": "the next N requests: connection closed before handling",
    "drop_response_next": "the next N requests: handled, then closed without an answer",
    "malformed_json_next": "the next N requests answer 200 with truncated JSON",
}
_SWITCHES = {
    "fail_generation": "every report fails (ERROR webhook, ASSET_REPORT_GENERATION_FAILED)",
    "never_ready": "reports stay PRODUCT_NOT_READY",
    "pdf_not_pdf": "PDF endpoints answer 200 application/pdf with bytes that are not a PDF",
}


def _non_negative(kind: type[int] | type[float]) -> Any:
    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            value = -1
        if not value >= 0:  # also refuses NaN
            raise argparse.ArgumentTypeError(f"{text!r} is not a number ≥ 0")
        return value

    return parse


def add_fault_options(parser: argparse.ArgumentParser) -> None:
    """Add the `--latency`, `--rate-limit-next N` … options to the `sandbox` parser."""
    group = parser.add_argument_group(
        "fault modes", "make the sandbox slow or failing, on purpose (README: Fault modes)"
    )
    group.add_argument(
        "--latency", type=_non_negative(float), default=0.0, metavar="SECONDS",
        help="seconds added to every response",
    )  # fmt: skip
    for name, text in _COUNTERS.items():
        group.add_argument(
            "--" + name.replace("_", "-"), type=_non_negative(int), default=0, metavar="N",
            help=text,
        )  # fmt: skip
    group.add_argument(
        "--retry-after", type=_non_negative(int), default=1, metavar="SECONDS",
        help="the Retry-After of the 429 answers (default 1)",
    )  # fmt: skip
    for name, text in _SWITCHES.items():
        group.add_argument("--" + name.replace("_", "-"), action="store_true", help=text)
    group.add_argument(
        "--fault-path", action="append", metavar="PATH", dest="fault_paths",
        help="apply the next-N faults only to this endpoint, e.g. /asset_report/get (repeatable)",
    )  # fmt: skip


def faults_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """The `Faults` fields the options set, by name."""
    fields: dict[str, Any] = {"latency": args.latency, "retry_after": args.retry_after}
    fields.update({name: getattr(args, name) for name in (*_COUNTERS, *_SWITCHES)})
    fields["paths"] = set(args.fault_paths) if args.fault_paths else None
    return fields
