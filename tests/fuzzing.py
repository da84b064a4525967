"""Seeded mutations of report PDFs, and a worker that extracts one file and classifies the outcome.

Shared by tests/test_extract_fuzz.py (a few hundred cases) and
bench/fuzz_soak.py (thousands). Outcomes: "record" (extraction succeeded),
"input-error" (a clean NianbaoError — the CLI's exit 2), or "BUG: …" for any
other exception. A worker that hangs or dies shows up as a timeout.
"""

from __future__ import annotations

import random
import re

MUTATIONS = ("truncate", "flip", "drop_object", "garble_stream", "duplicate", "zero_run")

_OBJ = re.compile(rb"\d+ \d+ obj\b.*?endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)


def mutate(data: bytes, rng: random.Random, kind: str | None = None) -> tuple[str, bytes]:
    """One random damage to a PDF's bytes; returns (kind, new bytes)."""
    kind = kind or rng.choice(MUTATIONS)
    n = len(data)
    if kind == "truncate":
        return kind, data[: rng.randrange(1, n)]
    if kind == "flip":
        buf = bytearray(data)
        for _ in range(rng.randint(1, 64)):
            buf[rng.randrange(n)] = rng.randrange(256)
        return kind, bytes(buf)
    if kind == "drop_object":
        objs = list(_OBJ.finditer(data))
        if objs:
            m = rng.choice(objs)
            return kind, data[: m.start()] + data[m.end():]
    if kind == "garble_stream":
        streams = list(_STREAM.finditer(data))
        if streams:
            m = rng.choice(streams)
            a, b = m.span(1)
            junk = bytes(rng.randrange(256) for _ in range(b - a))
            return kind, data[:a] + junk + data[b:]
    if kind == "duplicate":
        a = rng.randrange(n)
        b = min(n, a + rng.randint(1, 4096))
        return kind, data[:b] + data[a:b] + data[b:]
    # zero_run, and the fall-back for files without objects or streams
    a = rng.randrange(n)
    return "zero_run", data[:a] + bytes(min(n - a, rng.randint(1, 2048))) + data[a + 2048:]


def classify(path: str) -> str:
    """Extract ``path`` in this process and name the outcome."""
    from app.errors import NianbaoError
    from app.extract import extract_pdf

    try:
        extract_pdf(path)
        return "record"
    except NianbaoError as e:
        message = str(e)
        if "\n" in message or not message.strip():
            return f"BUG: unclear message {message!r}"
        return "input-error"
    except Exception as e:  # anything else would reach the user as an internal error
        return f"BUG: {type(e).__name__}: {e}"


def mutate_bytes(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One random damage to any file's bytes (text, markup, images, zips): truncate, flip, zero, splice."""
    kind = rng.choice(("truncate", "flip", "zero_run", "duplicate", "encoding"))
    n = max(1, len(data))
    if kind == "truncate":
        return kind, data[: rng.randrange(1, n)]
    if kind == "flip":
        buf = bytearray(data)
        for _ in range(rng.randint(1, 64)):
            buf[rng.randrange(n)] = rng.randrange(256)
        return kind, bytes(buf)
    if kind == "duplicate":
        a = rng.randrange(n)
        b = min(n, a + rng.randint(1, 4096))
        return kind, data[:b] + data[a:b] + data[b:]
    if kind == "encoding":  # the same text in another encoding, or cut mid-character
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return kind, data[::-1]
        enc = rng.choice(("gb18030", "utf-16", "big5", "latin-1"))
        return kind, text.encode(enc, errors="replace")[: rng.randrange(1, n + 1)]
    a = rng.randrange(n)
    return "zero_run", data[:a] + bytes(min(n - a, rng.randint(1, 2048))) + data[a + 2048:]


def classify_any(path: str) -> str:
    """Extract ``path`` of any format through the reader registry (no OCR) and name the outcome."""
    from app.errors import NianbaoError
    from app.extract import extract

    try:
        extract(path, ocr="off")
        return "record"
    except NianbaoError as e:
        message = str(e)
        if "\n" in message or not message.strip():
            return f"BUG: unclear message {message!r}"
        return "input-error"
    except Exception as e:  # anything else would reach the user as an internal error
        return f"BUG: {type(e).__name__}: {e}"
