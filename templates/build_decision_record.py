"""Build templates/decision_record.docx with python-docx: `python templates/build_decision_record.py`.

The .docx is the template a governance team restyles in Word (fonts, logo, header). This
script only makes the starting version, so every tag sits whole in one run. Rules when
editing the .docx by hand: type each {{ tag }} in one go, turn off smart quotes and
spell-check, keep {%p ... %} tags alone in their own paragraph. govbot lints the template
when it loads it and says which tag is broken.

Sections follow the order councils publish (Title, Decision maker, Authority, Consultation,
Key decision, Exempt, Decision, Reasons, Alternatives, Implications, Conflicts, Background
papers, Call-in / effective from, Contact, Signature, Publication date).
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent


def loop(doc, items: str, var: str, line: str) -> None:
    """A paragraph repeated for each item (docxtpl removes the {%p %} paragraphs)."""
    doc.add_paragraph("{%p for " + var + " in " + items + " %}")
    doc.add_paragraph(line, style="List Bullet")
    doc.add_paragraph("{%p endfor %}")


def section(doc, heading: str, *lines: str) -> None:
    doc.add_heading(heading, level=1)
    for line in lines:
        doc.add_paragraph(line)


def build(target: Path) -> Path:
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    doc.core_properties.title = "Officer Decision Record"
    doc.core_properties.author = "govbot"
    doc.sections[0].header.paragraphs[0].text = "{{ council }} · Officer Decision Record {{ reference }}"

    doc.add_heading("Officer Decision Record", level=0)
    section(doc, "Title", "{{ title }}", "Reference: {{ reference }}")
    doc.add_heading("Decision maker", level=1)
    loop(doc, "decision_makers", "maker", "{{ maker }}")
    doc.add_paragraph("Date of decision: {{ decision_date }}")
    section(doc, "Authority", "{{ authority }}", "Resolution relied on (quoted):",
            "“{{ authority_clause }}”", "Condition: {{ condition }}")
    doc.add_heading("Consultation", level=1)
    doc.add_paragraph("{%p for c in consultation %}")
    doc.add_paragraph("{{ c.name }}, {{ c.post }}: consulted {{ c.date }}", style="List Bullet")
    doc.add_paragraph("Response: {{ c.response }} ({{ c.confirmed }})")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{{ consultation_note }}")
    section(doc, "Key decision", "{{ key_decision }}")
    section(doc, "Exempt information", "{{ exempt }}")
    section(doc, "Decision", "{{ decision }}")
    section(doc, "Reasons for the decision", "{{ reasons }}")
    section(doc, "Alternative options considered and rejected", "{{ alternatives }}")
    doc.add_heading("Implications", level=1)
    doc.add_heading("Financial", level=2)
    doc.add_paragraph("{{ financial }}")
    doc.add_heading("Legal", level=2)
    doc.add_paragraph("{{ legal }}")
    doc.add_heading("Equality", level=2)
    doc.add_paragraph("{{ equality }}")
    doc.add_paragraph("Impact assessment: {{ impact_assessment }}")
    doc.add_heading("Conflicts of interest and dispensations", level=1)
    loop(doc, "conflicts", "conflict", "{{ conflict }}")
    doc.add_heading("Background papers", level=1)
    loop(doc, "background_papers", "paper", "{{ paper }}")
    section(doc, "Call-in and effective from", "{{ call_in }}", "Effective from: {{ effective_from }}")
    section(doc, "Contact officer", "{{ contact }}")
    section(doc, "Signature", "{{ signature }}")
    section(doc, "Publication date", "{{ publication_date }}", "{{ publication_due }}")
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(target)
    return target


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "decision_record.docx"
    print(f"wrote {build(out)}")
