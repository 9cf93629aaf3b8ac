"""The same minutes as text, PDF, DOCX and HTML read the same: the same paragraphs in
the same order, and (once the parser is there) the same resolutions, delegations and
movers."""
from __future__ import annotations

import pytest

from docgen import minutes_docx, minutes_html, minutes_pdf
from govbot.config import Limits
from govbot.ingest import read_bytes, read_path

LIMITS = Limits()

NUMBERED = """Westshire District Council

Executive

Minutes of the meeting held on 9 January 2025

EX/58 Leisure Centre Refurbishment

The Executive considered the report of the Head of Leisure and Culture (EX/25/01) on the refurbishment of the Riverside Leisure Centre, including the decarbonisation of its pool heating.

The Portfolio Holder for Health and Wellbeing explained that the works were to be funded from the capital programme and a grant from the Public Sector Decarbonisation Scheme.

It was proposed by Councillor Adeyemi and seconded by Councillor Clarke, and

DECISIONS

1. That the refurbishment of the Riverside Leisure Centre be approved at a cost of £4.2m.

2. That authority be delegated to the Head of Leisure and Culture, after consultation with the Portfolio Holder for Health and Wellbeing and the Section 151 Officer, to:

(i) award the works contract following a competitive tender; and

(ii) agree the closure period of the pool.

3. That a report on progress be brought back to the Executive by 31 October 2025."""

SINGLE = """Northbrook City Council

Cabinet – 22 May 2025

Item 7: Housing Allocations Policy

Cabinet considered the report of the Director of Housing (HS/25/11). The Lead Member for Housing introduced the report and noted that the Equality Impact Assessment had been updated following the consultation.

On the motion of Councillor Patel, seconded by Councillor O'Brien, it was

RESOLVED that the revised Housing Allocations Policy be RECOMMENDED to Council for adoption, and that the Director of Housing be authorised to make minor amendments to the Policy after consultation with the Lead Member for Housing, subject to there being no change to the priority bands."""


def long_minutes(items: int = 9) -> str:
    """Minutes long enough to run over several pages, with paragraphs cut by page breaks."""
    out = ["Example County Council", "Cabinet", "Minutes of the meeting held on 16 July 2025"]
    for n in range(1, items + 1):
        out += [
            f"{60 + n} Capital Programme Scheme {n}",
            f"The Cabinet considered the Report of the Director of Growth, Environment and Transport "
            f"(GET/25/{n:02d}) on scheme {n} of the capital programme. The Report set out the "
            "business case, the whole-life costs, the carbon impact of the options, the outcome of "
            "the public engagement exercise and the risks to delivery, together with the proposed "
            "funding from the Local Transport Plan, developer contributions under section 106 of "
            "the Town and Country Planning Act 1990, and prudential borrowing.",
            f"It was MOVED by Councillor Hill, SECONDED by Councillor Shah, and",
            "RESOLVED",
            f"(a) that scheme {n} be added to the capital programme; and",
            "(b) that delegated authority be given to the Director of Growth, Environment and "
            "Transport, in consultation with the Cabinet Member for Highways, to award the contract "
            "within the approved budget.",
        ]
    return "\n\n".join(out)


def paras(doc) -> list[str]:
    return [" ".join(b.text.split()) for b in doc.blocks if b.kind != "table_row"]


def all_formats(text: str, folder) -> dict:
    """Document of each format, the text read from its own bytes like any file."""
    docs = {"text": read_bytes(text.encode("utf-8"), "m.txt", LIMITS)}
    pdf = minutes_pdf(text, folder / "m.pdf")
    if read_path(pdf, LIMITS).pages == 1:  # a running header is only known when it repeats
        pdf = minutes_pdf(text, folder / "m.pdf", header="")
    docs["pdf"] = read_path(pdf, LIMITS)
    docs["docx"] = read_path(minutes_docx(text, folder / "m.docx"), LIMITS)
    docs["html"] = read_path(minutes_html(text, folder / "m.html", encoding="windows-1252", title=None), LIMITS)
    return docs


def _texts(sample_minutes):
    return {"sample": sample_minutes.read_text(encoding="utf-8"), "numbered": NUMBERED,
            "single": SINGLE, "long": long_minutes()}


@pytest.mark.parametrize("which", ["sample", "numbered", "single", "long"])
def test_every_format_gives_the_same_paragraphs(tmp_path, sample_minutes, which):
    docs = all_formats(_texts(sample_minutes)[which], tmp_path)
    expected = paras(docs["text"])
    assert paras(docs["pdf"]) == expected
    assert paras(docs["docx"]) == expected
    assert paras(docs["html"]) == expected
    if which == "long":
        assert docs["pdf"].pages >= 3


# --- the parse structure, once govbot.extract.parse_document exists ------------------------


def _parser():
    try:
        from govbot.extract import parse_document
    except ImportError:
        pytest.skip("govbot.extract.parse_document is not written yet: paragraphs compared above")
    return parse_document


def _fold(text) -> str:
    return " ".join(str(text or "").lower().split())


def structure(parsed) -> list[dict]:
    return [{
        "number": item.number,
        "resolutions": [(r.label, _fold(r.text)) for r in item.resolutions],
        "delegations": [(d.resolution_label, [_fold(x) for x in d.delegates], [_fold(x) for x in d.consultees],
                         _fold(d.power), _fold(d.condition)) for d in item.delegations],
        "mover": item.mover, "seconder": item.seconder,
    } for item in parsed.items]


@pytest.mark.parametrize("which", ["sample", "numbered", "single", "long"])
def test_every_format_parses_to_the_same_structure(tmp_path, sample_minutes, which):
    parse_document = _parser()
    docs = all_formats(_texts(sample_minutes)[which], tmp_path)
    expected = structure(parse_document(docs["text"]))
    assert any(item["resolutions"] for item in expected), "the text itself should parse"
    for kind in ("pdf", "docx", "html"):
        assert structure(parse_document(docs[kind])) == expected, kind
