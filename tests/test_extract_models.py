"""govbot's spaCy pipeline: built offline from the pattern files in models/, loaded once."""
from __future__ import annotations

import importlib.util

from govbot.extract import nlp
from govbot.extract.roles import split_roles


def _build_module():
    spec = importlib.util.spec_from_file_location("models_build", nlp.MODELS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_patterns_are_valid_and_the_pipeline_round_trips(tmp_path):
    build = _build_module()
    pipeline = build.build_pipeline(validate=True)  # raises on a malformed pattern
    assert pipeline.pipe_names == ["span_ruler"]
    pipeline.to_disk(tmp_path / "rules")
    import spacy

    loaded = spacy.load(tmp_path / "rules")
    text = "the Head of Law, the Section 151 Officer and Councillor Mary Jones"

    def spans(pipe):
        doc = pipe(text)
        return [(s.text, s.label_) for s in doc.spans[build.SPANS_KEY]]

    assert spans(loaded) == spans(pipeline)
    assert ("Section 151 Officer", "ROLE") in spans(loaded)
    assert ("Councillor Mary Jones", "PERSON") in spans(loaded)


def test_the_shipped_pipeline_is_loaded_once_and_is_current():
    first = nlp.load_nlp()
    assert nlp.load_nlp() is first
    assert first.meta["govbot_patterns"] == _build_module().patterns_digest()


def test_roles_split_only_on_the_conjunction_joining_two_roles():
    def roles(text):
        return [r for r, _ in split_roles(text)]

    assert roles("Director of Environment, Housing & Regeneration") == ["Director of Environment, Housing & Regeneration"]
    assert roles("Executive Director Planning and Environment") == ["Executive Director Planning and Environment"]
    assert roles("Chief Legal and Democratic Officer") == ["Chief Legal and Democratic Officer"]
    assert roles("the Head of Law and the Section 151 Officer") == ["Head of Law", "Section 151 Officer"]
    assert roles("Deputy Leader and Cabinet Member for Growth") == ["Deputy Leader and Cabinet Member for Growth"]
    assert roles("the Leader and the Cabinet Member for Regeneration") == ["Leader", "Cabinet Member for Regeneration"]
    assert roles("the Director of X jointly with the Director of Y") == ["Director of X", "Director of Y"]
    assert roles("Head of Service Property, Strategic Asset Manager, Estate Manager and Team Leader Town Centre") == [
        "Head of Service Property", "Strategic Asset Manager", "Estate Manager", "Team Leader Town Centre"]
    assert roles("Portfolio Holder for Planning and Infrastructure and Assistant Director, Planning & Regeneration") == [
        "Portfolio Holder for Planning and Infrastructure", "Assistant Director, Planning & Regeneration"]
    # a joining word that text extraction ran into the next one
    assert roles("the Cabinet Member forCorporate and Democratic Services") == [
        "Cabinet Member for Corporate and Democratic Services"]


def test_role_spans_point_into_the_phrase():
    text = "the Chief Executive and the Monitoring Officer"
    for role, (s, e) in split_roles(text, offset=100):
        assert text[s - 100:e - 100] == role
