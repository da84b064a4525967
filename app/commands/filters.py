"""The document filters that ``list`` and ``export`` share: one set of options, one translation."""

from __future__ import annotations

import argparse
from typing import Any

from app.review import STATUSES

FILTERS = ("status", "has_errors", "has_warnings", "agency", "year", "search")


def add_filter_arguments(group: Any, noun: str = "documents") -> None:
    """Add --status, --errors/--no-errors, --warnings, --agency, --year, --search to a parser or group."""
    group.add_argument("--status", choices=STATUSES, help=f"only {noun} in this review status")
    group.add_argument("--errors", dest="has_errors", action="store_const", const=True,
                       help=f"only {noun} with errors")
    group.add_argument("--no-errors", dest="has_errors", action="store_const", const=False,
                       help=f"only {noun} without errors")
    group.add_argument("--warnings", dest="has_warnings", action="store_const", const=True,
                       help=f"only {noun} with warnings")
    group.add_argument("--agency", help="part of the agency name")
    group.add_argument("--year", type=int, help="report year")
    group.add_argument("--search", metavar="TEXT",
                       help="part of the file name, path, agency or note, or a sha256")


def filters_of(args: argparse.Namespace) -> dict[str, Any]:
    """The options as keyword arguments of Review.list_documents (and export_review)."""
    return {
        "status": args.status,
        "has_errors": args.has_errors,
        "has_warnings": args.has_warnings,
        "agency": args.agency,
        "year": args.year,
        "text": args.search,
    }


def filters_used(args: argparse.Namespace) -> list[str]:
    return [f for f in FILTERS if getattr(args, f, None) is not None]
