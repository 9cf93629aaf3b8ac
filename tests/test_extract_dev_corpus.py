"""The parser against real council texts in ../shared (read there, never copied here).

The dev set is scored with the shared scorer; the floor (0.85) guards against regressions,
the goal is headline >= 0.90 with resolution F1 >= 0.95. The Kent bulk items (damaged text,
no gold) must all parse, with cut-off items marked incomplete.
"""
from __future__ import annotations

import importlib.util
import json
import re

import pytest

from govbot.extract import parse_text

FLOOR = 0.85


def _scorer(corpus):
    path = corpus.parent / "eval" / "score.py"
    if not path.exists():
        pytest.skip(f"the shared scorer is not at {path}")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_set_scores_above_the_floor(shared_corpus, tmp_path):
    score = _scorer(shared_corpus)
    dev = shared_corpus / "dev"
    for raw in sorted((dev / "raw").glob("*.txt")):
        parsed = parse_text(raw.read_text(encoding="utf-8"), raw.stem).to_contract()
        parsed["id"] = raw.stem
        (tmp_path / f"{raw.stem}.json").write_text(json.dumps(parsed, ensure_ascii=False), encoding="utf-8")
    result = score.score(dev / "gold", tmp_path)
    summary = {k: result[k]["f1"] for k in ("resolutions", "delegations_exact", "obligations")}
    assert result["headline"] >= FLOOR, (result["headline"], summary)


@pytest.mark.slow
def test_every_bulk_item_parses(shared_corpus):
    items = sorted((shared_corpus / "bulk" / "items").glob("*.txt"))
    if not items:
        pytest.skip("no bulk items in the shared corpus")
    cut, flagged, inline_split = 0, 0, 0
    for path in items:
        text = path.read_text(encoding="utf-8")
        parsed = parse_text(text, path.stem)
        if "view the full minutes text" in text:
            cut += 1
            flagged += any(i.incomplete for i in parsed.items)
        if re.search(r"RESOLVED\s*that\s*:?-?\s*\(a\)", text) and "(b)" in text:
            inline_split += max(len(i.resolutions) for i in parsed.items) >= 2
    assert flagged == cut > 0
    assert inline_split > 0
