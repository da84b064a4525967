"""Point at the cell that is likely wrong, and the value that balances.

Error localisation after Fellegi–Holt: the cells whose single change makes
every broken identity of a group hold, without breaking one that holds, and
keep the value a cell may take (a count is a whole number ≥ 0). Candidates
are ranked after Scholtus's typo correction (R ``deductive::correct_typos``):
a value one keystroke from the printed number — a digit changed, dropped or
doubled, two adjacent digits swapped, an OCR confusion — or a blank cell
whose value balances (a number lost in print) comes first; any other value
after. For a cell read by OCR (``Cell.confidence`` set), a look-alike digit
(0/6/8/9, 1/7, 3/8, 5/6) ranks before every other slip. When two or more
cells explain the breaks equally well, they are all shown and none is picked.

Confidence "high" needs three things: exactly one candidate, its value one
keystroke from print (or the cell blank), and at least two broken identities
that cross in that cell — one identity alone can be balanced by any of its
terms, so its suggestions are "low".

Where no single cell explains a group, pairs of cells where broken identities
cross are tried (two slips in one table): a pair is kept when its two values
make every identity hold; it is suggested only when no other pair does as
well.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from app.model import Number, Suspect
from app.rules import messages as msg

if TYPE_CHECKING:
    from app.rules.engine import Checker

HELD = 0
BROKEN = 1
EPS = 1e-6
_OCR_GROUPS = ("0689", "17", "38", "56")
OCR_PAIRS = frozenset((a, b) for g in _OCR_GROUPS for a in g for b in g if a != b)
MAX_CROSSING = 24  # pair search is quadratic in the crossing cells; beyond this, give up


def slip(printed: Number, value: Number, ocr: bool = False) -> str | None:
    """How ``value`` is one keystroke from ``printed``, or None if it is not.

    "ocr" (one digit read as a look-alike: 0/6/8/9, 1/7, 3/8, 5/6; with
    ``ocr`` any number of such digits), "changed", "dropped" (print lacks a
    digit), "doubled" (print repeats a digit), "swapped" (adjacent digits).
    """
    a, b = msg.num(printed), msg.num(value)
    la, lb = len(a), len(b)
    if a == b:
        return None
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            i = diff[0]
            return "ocr" if (a[i], b[i]) in OCR_PAIRS else "changed"
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return "swapped"
        if ocr and all((a[i], b[i]) in OCR_PAIRS for i in diff):
            return "ocr"
        return None
    if lb == la + 1:
        return "dropped" if any(b[:i] + b[i + 1 :] == a for i in range(lb)) else None
    if la == lb + 1:
        return "doubled" if any(a[i] == a[i + 1] and a[:i] + a[i + 1 :] == b for i in range(la - 1)) else None
    return None


def fit(kind: str, v: Number) -> Number | None:
    """``v`` as the cell kind holds it (a count as an int), or None if it cannot."""
    if kind == "amount":
        return round(v, 6) if v >= -EPS else None
    r = round(v)
    if abs(v - r) > EPS or (kind == "count" and r < 0):
        return None
    return int(r)


@dataclass
class Candidate:
    cell: str
    value: Number
    slip: str | None  # see slip(); also "blank"


@dataclass
class Localisation:
    """What localisation says about one group of broken identities."""

    suspects: dict[int, list[Suspect]]  # identity idx → its suspects, best first
    note: str | None = None


def localise(chk: Checker, comp: list[int]) -> Localisation:
    """Suspects for one connected group of broken identities."""
    cands = _single(chk, comp)
    if cands:
        sus, note = _decide(chk, cands, len(comp))
        return Localisation({i: sus for i in comp}, note)
    if len(comp) >= 2:
        found = _pairs(chk, comp)
        if found is not None:
            return found
    return Localisation({i: [] for i in comp}, msg.note(msg.NOTE_NO_SINGLE))


def _candidate(chk: Checker, cell: str, delta: Number) -> Candidate | None:
    v = chk.values[cell]
    new = fit(chk.kind(cell), v + delta)
    if new is None:
        return None
    kind = "blank" if cell in chk.blank else slip(v, new, chk.is_ocr(cell))
    return Candidate(cell, new, kind)


def _single(chk: Checker, comp: list[int]) -> list[Candidate]:
    coefs, resid, state = chk.coefs, chk.resid, chk.state
    smallest = min(comp, key=lambda i: len(coefs[i]))
    out = []
    for cell in coefs[smallest]:
        delta = None
        for i in comp:
            k = coefs[i].get(cell)
            if k is None:
                break
            d = -resid[i] * k
            if delta is None:
                delta = d
            elif abs(d - delta) > EPS:
                break
        else:
            if delta is None or any(state[j] == HELD for j in chk.index[cell]):
                continue
            c = _candidate(chk, cell, delta)
            if c is not None:
                out.append(c)
    return out


def _suspect(chk: Checker, c: Candidate, conf: str, n: int, partner: str | None = None) -> Suspect:
    pn = (chk.names.cell(partner), chk.names.cell(partner, en=True)) if partner else None
    return Suspect(c.cell, c.value, conf, msg.why(c.slip, chk.values[c.cell], c.value, n, pn))


def _names(chk: Checker, cands: list[Candidate]) -> tuple[str, str]:
    return ("、".join(chk.names.cell(c.cell) for c in cands),
            ", ".join(chk.names.cell(c.cell, en=True) for c in cands))


def _decide(chk: Checker, cands: list[Candidate], n: int) -> tuple[list[Suspect], str | None]:
    typo = [c for c in cands if c.slip]
    other = [c for c in cands if not c.slip]
    # an OCR'd cell is far likelier misread as a look-alike digit than mistyped: those first
    look = [c for c in typo if c.slip == "ocr" and chk.is_ocr(c.cell)]
    if len(look) == 1 and len(typo) > 1:
        rest = [c for c in typo if c is not look[0]] + other
        return [_suspect(chk, c, "low", n) for c in look + rest], None
    typo = look + [c for c in typo if c not in look]
    if len(typo) == 1:
        conf = "high" if n >= 2 and not other else "low"
        return [_suspect(chk, typo[0], conf, n)] + [_suspect(chk, c, "low", n) for c in other], None
    if not typo and len(other) == 1:
        return [_suspect(chk, other[0], "low", n)], None
    tied = typo or other
    sus = [_suspect(chk, c, "low", n) for c in typo + other]
    return sus, msg.note(msg.NOTE_AMBIGUOUS, cells=_names(chk, tied))


def _pairs(chk: Checker, comp: list[int]) -> Localisation | None:
    coefs, resid, state = chk.coefs, chk.resid, chk.state
    seen: dict[str, int] = {}
    for i in comp:
        for cell in coefs[i]:
            seen[cell] = seen.get(cell, 0) + 1
    crossing = [c for c, n in seen.items() if n >= 2]
    if len(crossing) < 2 or len(crossing) > MAX_CROSSING:
        return None
    found: list[tuple[Candidate, Candidate]] = []
    for x, y in combinations(crossing, 2):
        dx = dy = None
        ok = True
        for i in comp:
            kx, ky = coefs[i].get(x), coefs[i].get(y)
            if kx is None and ky is None:
                ok = False
            elif ky is None:
                d = -resid[i] * kx
                ok = dx is None or abs(d - dx) <= EPS
                dx = d
            elif kx is None:
                d = -resid[i] * ky
                ok = dy is None or abs(d - dy) <= EPS
                dy = d
            if not ok:
                break
        if not ok or not dx or not dy:
            continue
        for j in set(chk.index[x]) | set(chk.index[y]):
            if state[j] == HELD or j in comp:
                r = resid[j] + coefs[j].get(x, 0) * dx + coefs[j].get(y, 0) * dy
                if abs(r) > EPS:
                    ok = False
                    break
        if not ok:
            continue
        cx, cy = _candidate(chk, x, dx), _candidate(chk, y, dy)
        if cx is not None and cy is not None:
            found.append((cx, cy))
    if not found:
        return None
    best = max(bool(a.slip) + bool(b.slip) for a, b in found)
    top = [p for p in found if bool(p[0].slip) + bool(p[1].slip) == best]
    if len(top) == 1:
        conf = "high" if best == 2 and len(found) == 1 else "low"
        chosen = list(top[0])
        note = None
    else:
        conf = "low"
        chosen = list({c.cell: c for p in top for c in p}.values())
        pairs = [_names(chk, list(p)) for p in top]
        note = msg.note(msg.NOTE_AMBIGUOUS, cells=(" 或 ".join(zh for zh, _ in pairs),
                                                   " or ".join(f"({en})" for _, en in pairs)))
    partner = {} if note else {chosen[0].cell: chosen[1].cell, chosen[1].cell: chosen[0].cell}
    per = {}
    for i in comp:
        mine = [c for c in chosen if c.cell in coefs[i]]
        per[i] = [_suspect(chk, c, conf, 2, partner.get(c.cell)) for c in mine]
    return Localisation(per, note)


def deduce(chk: Checker, cell: str) -> tuple[list[Suspect], str | None]:
    """The value an unreadable or invalid cell must hold for its identities to balance."""
    vals: list[Number] = []
    for i in chk.index.get(cell, ()):
        s: Number = 0
        ku = 0
        for c, k in chk.terms[i] or ():
            if c == cell:
                ku = k
                continue
            v = chk.values[c]
            if v is None:
                break
            s += k * v
        else:
            vals.append(-s * ku)
    if not vals:
        return [], None
    distinct: list[Number] = []
    for v in vals:
        if all(abs(v - d) > EPS for d in distinct):
            distinct.append(v)
    printed = chk.values[cell]
    kind = "unreadable" if printed is None else "invalid"
    if len(distinct) > 1:
        return [], msg.note(msg.NOTE_CONFLICT, values="、".join(msg.num(v) for v in distinct))
    value = fit(chk.kind(cell), distinct[0])
    if value is None or (printed is not None and abs(value - printed) <= EPS):
        return [], msg.note(msg.NOTE_NO_VALID, values=msg.num(distinct[0]))
    conf = "high" if len(vals) >= 2 else "low"
    return [Suspect(cell, value, conf, msg.why(kind, printed, value, len(vals)))], None
