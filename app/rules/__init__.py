"""Checks of a report's numbers: identities, cell values, prose, previous year.

The public API, for the CLI, the GUI and the review store:

- ``check(record, previous=None) -> list[Finding]``: every finding at once.
- ``Checker(record, previous=None)``: the same, kept live; ``set_value(cell_id,
  value) -> list[Finding]`` re-checks after one edit, touching only the
  identities that contain the cell.

Rules (the ids of ../../shared/formats/gov-info-annual.md): errors
``balance``, ``outcomes``, ``applicants``, ``review_total`` (the template's
identities, as data) and ``counts``; warnings ``narrative``, ``carry_over``,
``in_force``, ``blank``, ``structure``, ``ocr_uncertain`` (a cell OCR read with
low confidence; see ocr.py), and the prose checks of prose.py: ``prose_figures``,
``prose_all_done``, ``prose_headings``, ``prose_doubled``, ``prose_fee``. The
review file adds, once it has an agency register, ``timeliness`` and
``parent_units`` (app/campaign).

A broken identity's finding carries ``suspects``: the cells whose single
change balances it, with the value, best first (see localise.py for how they
are ranked and when one is "high" confidence). ``suspects[0]`` is the
suggestion — unless ``note`` is set: then none is, and the note says why
(several cells explain the break equally well, or none does alone). A
``counts`` finding of an unreadable cell (value None) suggests the value its
identities give.

Cells a report does not print (``record.missing`` or absent from
``record.cells``): a term a variant row replaces is left out of its sum (the
single （六） row for its three sub-rows); any other missing term makes the
identity uncheckable, and it is skipped, not flagged (a lost page is not a
broken table) — ``Checker.skipped()`` lists them. An identity with an
unreadable term is neither broken nor held.
"""

from app.rules.engine import Checker, check

ERRORS = ("balance", "outcomes", "applicants", "review_total", "counts")
WARNINGS = ("narrative", "carry_over", "in_force", "blank", "structure", "ocr_uncertain")
PROSE = ("prose_figures", "prose_all_done", "prose_headings", "prose_doubled", "prose_fee")  # warnings too

__all__ = ["ERRORS", "PROSE", "WARNINGS", "Checker", "check"]
