"""Model.made: the readers' and the parser's cheap constructor must make what
model_construct makes, so nothing downstream (JSON, the store) can tell them apart."""
from __future__ import annotations

import pytest

from govbot.domain import Block, Delegation, Item, ParsedDocument, Resolution


@pytest.mark.parametrize("model, values", [
    (Resolution, dict(label="a", text="that the Strategy be agreed", kinds=["approve"], span=(3, 30))),
    (Resolution, dict(span=(3, 30), text="noted", label=None)),  # out of order, one left to its default
    (Delegation, dict(delegates=["Director of Place"], power="award the contract")),
    (Block, dict(text="RESOLVED", span=(0, 8), kind="heading", page=2)),
    (Item, dict(number="41")),
    (ParsedDocument, {}),
])
def test_made_is_what_model_construct_makes(model, values):
    made, constructed = model.made(**values), model.model_construct(**values)
    assert made.model_dump_json() == constructed.model_dump_json()  # same fields, same order
    assert made.model_fields_set == constructed.model_fields_set
    assert made == constructed


def test_defaults_made_by_a_factory_are_not_shared():
    first, second = Item.made(number="1"), Item.made(number="2")
    first.resolutions.append(Resolution.made(text="noted"))
    assert second.resolutions == []


def test_a_block_made_by_a_reader_is_what_model_construct_makes():
    made = Block.at("RESOLVED", (0, 8), "heading", 2)  # the readers' constructor, one a paragraph
    constructed = Block.model_construct(text="RESOLVED", span=(0, 8), kind="heading", page=2)
    assert made.model_dump_json() == constructed.model_dump_json()
    assert made.model_fields_set == constructed.model_fields_set
    assert made == constructed
    made.model_fields_set.add("extra")  # its own set, not one shared by every block
    assert Block.at("noted", (9, 14), "paragraph", 2).model_fields_set == {"text", "span", "kind", "page"}
