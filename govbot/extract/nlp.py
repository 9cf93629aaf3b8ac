"""govbot's spaCy pipeline (models/govbot_rules): loaded once per process, rebuilt if stale.

spaCy only ever sees short spans (the delegate and consultee phrases of a delegation), never
whole documents: structure is found with regular expressions, which is far cheaper.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

MODELS = Path(os.environ.get("GOVBOT_MODELS", Path(__file__).resolve().parents[2] / "models"))
SPANS_KEY = "govbot"
_lock = threading.Lock()


def _build_module():
    spec = importlib.util.spec_from_file_location("govbot_models_build", MODELS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _is_current(path: Path, digest: str) -> bool:
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return meta.get("govbot_patterns") == digest


@lru_cache(maxsize=1)
def load_nlp():
    """The pipeline, built from models/patterns if missing or out of date."""
    import spacy

    with _lock:
        build = _build_module()
        target = MODELS / "govbot_rules"
        digest = build.patterns_digest()
        if _is_current(target, digest):
            return spacy.load(target)
        nlp = build.build_pipeline()
        try:  # write atomically: bulk workers may race to build it
            tmp = Path(tempfile.mkdtemp(prefix=".govbot_rules.", dir=MODELS))
            nlp.to_disk(tmp)
            shutil.rmtree(target, ignore_errors=True)
            os.replace(tmp, target)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True) if "tmp" in locals() else None
        return nlp


@lru_cache(maxsize=4096)
def role_marks(text: str):
    """Tokens of `text` as (lower, idx, text, is_lower) and the token ranges the pipeline
    marks as ROLE_HEAD / ROLE / PERSON. Cached: the same role phrases recur across minutes."""
    doc = load_nlp()(text)
    tokens = tuple((t.lower_, t.idx, t.text, t.is_lower) for t in doc)
    return tokens, tuple((s.start, s.end, s.label_) for s in doc.spans.get(SPANS_KEY, []))
