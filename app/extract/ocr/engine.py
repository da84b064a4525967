"""The OCR engine: RapidOCR on onnxruntime, with the models its wheel ships, and nothing else.

One engine per process, made on first use (importing rapidocr and
onnxruntime costs ~0.5 s, so nothing here is imported before a page needs
OCR). Every model is named by its path inside the installed package: were
one missing, we stop with an error instead of letting RapidOCR download it —
there is no network where reports are reviewed.

We use the recogniser alone: pages are cut into text lines by their ruling
lines and ink (page.py), which is faster on ruled tables than the detector,
and the lines are recognised in batches through ``RapidOCR._load_rec_model``
and ``TextRecInput`` — rapidocr 3.x's own API for that, hence the pin to 3.x.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import NeedsOcrError

if TYPE_CHECKING:  # numpy only once a page is OCR'd: `available()` must not cost its import
    import numpy as np

# The models rapidocr 3.x ships in its wheel (rapidocr/models/).
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"
REC_HEIGHT = 48
# The recogniser pads a batch with grey to its widest line, at least this wide (default 320).
# Narrow lines (one number) read surest with some grey after them, as in training: 64 gives
# confidence ~1.0 on clean digits where 32 gives 0.7–0.9; and it costs a fifth of 320.
REC_MIN_WIDTH = 64
REC_BATCH = 6  # lines per batch: more is no faster on two cores and costs memory (16: +250 MB)

_lock = threading.Lock()
_engine: Any = None


@functools.cache
def available() -> bool:
    """Whether the OCR extra is installed (without importing it; asked once, it costs 1 ms)."""
    return all(importlib.util.find_spec(m) is not None for m in ("rapidocr", "onnxruntime", "cv2"))


def model_dir() -> Path:
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.submodule_search_locations:
        raise NeedsOcrError("OCR is needed, but the OCR extra is not installed (pip install 'nianbao[ocr]')")
    return Path(next(iter(spec.submodule_search_locations))) / "models"


def bundled_models() -> dict[str, Path]:
    """The model files the engine uses, each inside the installed rapidocr package."""
    root = model_dir()
    paths = {"Det": root / DET_MODEL, "Rec": root / REC_MODEL, "Cls": root / CLS_MODEL}
    missing = [p.name for p in paths.values() if not p.is_file()]
    if missing:
        raise NeedsOcrError(
            f"OCR is needed, but the installed rapidocr lacks its bundled models ({', '.join(missing)}); "
            "install a rapidocr 3.x wheel that ships them"
        )
    return paths


def params() -> dict[str, Any]:
    """RapidOCR settings: bundled model paths, no angle classifier, quiet, batched narrow lines."""
    models = bundled_models()
    return {
        "Global.log_level": "error",
        "Global.use_cls": False,
        "Global.model_root_dir": str(model_dir()),
        "Det.model_path": str(models["Det"]),
        "Cls.model_path": str(models["Cls"]),
        "Rec.model_path": str(models["Rec"]),
        "Rec.rec_img_shape": [3, REC_HEIGHT, REC_MIN_WIDTH],
        "Rec.rec_batch_num": REC_BATCH,
    }


def engine() -> Any:
    """The process's RapidOCR engine, made on first use."""
    global _engine
    with _lock:
        if _engine is None:
            if not available():
                raise NeedsOcrError("OCR is needed, but the OCR extra is not installed (pip install 'nianbao[ocr]')")
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
            from rapidocr import RapidOCR

            _engine = RapidOCR(params=params())
        return _engine


def recognise(lines: list[np.ndarray]) -> list[tuple[str, float]]:
    """The text and confidence (0..1) of each grey image of one text line."""
    if not lines:
        return []
    import numpy as np
    from rapidocr.ch_ppocr_rec import TextRecInput

    rec = engine()._load_rec_model()
    out = rec(TextRecInput(img=[np.repeat(g[:, :, None], 3, axis=2) for g in lines]))
    return [(t, float(s)) for t, s in zip(out.txts, out.scores)]
