"""Build govbot's spaCy pipeline from the pattern files beside this script.

    python models/build.py          # writes models/govbot_rules/

The pipeline is `spacy.blank("en")` plus one SpanRuler (spans_key "govbot") holding the
patterns in `patterns/*.jsonl`: role-title heads (phrase patterns, matched on lower case)
and councillors' names (a couple of token patterns). It is rule-only and builds offline in
well under a second; govbot rebuilds it when the pattern files change.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PATTERNS = HERE / "patterns"
OUT = HERE / "govbot_rules"
SPANS_KEY = "govbot"


def patterns_digest() -> str:
    h = hashlib.sha256()
    for path in sorted(PATTERNS.glob("*.jsonl")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def read_patterns() -> list[dict]:
    out = []
    for path in sorted(PATTERNS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
    return out


def build_pipeline(validate: bool = False):
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("span_ruler", config={
        "spans_key": SPANS_KEY, "phrase_matcher_attr": "LOWER", "validate": validate,
        "overwrite": False,
    })
    ruler.add_patterns(read_patterns())
    nlp.meta["name"] = "govbot_rules"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "govbot rule pipeline: role titles and councillors' names"
    nlp.meta["govbot_patterns"] = patterns_digest()
    return nlp


def main(out: Path = OUT) -> Path:
    nlp = build_pipeline()
    nlp.to_disk(out)
    return out


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
