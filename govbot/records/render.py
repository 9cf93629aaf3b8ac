"""Render a decision record: Word (docxtpl), Markdown (Jinja2) and PDF (LibreOffice, if installed).

Templates are code a governance team edits, so they run in a sandboxed Jinja environment
with undefined variables as errors. What users type and what documents say is data: it
is passed in the context and never compiled as a template, and in Word it is XML-escaped
(docxtpl escapes nothing by default). The Word template is linted when loaded, because
Word splits tags across runs and turns quotes curly without saying so.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Optional

from docxtpl import DocxTemplate
from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, meta
from jinja2.sandbox import SandboxedEnvironment

from govbot.config import PROJECT_ROOT
from govbot.records.model import SCHEDULE_12A, DecisionRecord, is_todo

TEMPLATES = PROJECT_ROOT / "templates"
DOCX_TEMPLATE = TEMPLATES / "decision_record.docx"
MARKDOWN_TEMPLATE = "decision_record.md.j2"
HTML_TEMPLATE = "decision_record.html.j2"
LONDON = "Europe/London"


class TemplateProblem(Exception):
    """The template cannot be used; the message names the file and what to fix."""


class PdfUnavailable(Exception):
    pass


# --- the context: every value a plain string or list, computed here, not in the template ---


def show_date(value: Optional[dt.date]) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def show_moment(value: dt.datetime) -> str:
    from zoneinfo import ZoneInfo

    local = value.astimezone(ZoneInfo(LONDON))
    return f"{show_date(local.date())} at {local:%H:%M} (UK time)"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # not XML text; \a and \f mean breaks to docxtpl


def show(value: object) -> str:
    """One field as text: placeholders spelt out, dates in words, yes/no."""
    if value is None:
        return ""
    if is_todo(value):
        return str(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return show_moment(value)
    if isinstance(value, dt.date):
        return show_date(value)
    return _CONTROL.sub("", str(value).replace("\r\n", "\n"))


def _authority(record: DecisionRecord) -> str:
    auth = record.authority
    parts = [auth.body]
    if auth.meeting_date:
        parts.append(f"meeting of {show_date(auth.meeting_date)}")
    if auth.item_number:
        parts.append(f"minute {auth.item_number}" + (f" ({auth.item_title})" if auth.item_title else ""))
    if auth.clause_label:
        parts.append(f"resolution ({auth.clause_label.strip('()')})")
    if auth.report_ref:
        parts.append(f"report {auth.report_ref}")
    return show(", ".join(parts))


def _condition(record: DecisionRecord) -> str:
    cond = record.condition
    if cond is None:
        return "None: the delegation has no precondition."
    text = cond.text
    if cond.milestone:
        text += f". Milestone: {cond.milestone}"
        if cond.milestone_end:
            text += f" (planned to finish {show_date(cond.milestone_end)})"
    as_of = f" as of {show_date(cond.as_of)}" if cond.as_of else ""
    if cond.met:
        text += f". Met{as_of}."
    elif cond.met is None:
        text += f". Whether it is met is not known{as_of}: no milestone is linked."
    else:
        text += f". NOT met{as_of}."
    if cond.override_reason and not cond.met:
        text += f" Override recorded: {cond.override_reason}"
    return show(text)


def _key_decision(record: DecisionRecord) -> str:
    if is_todo(record.key_decision) or not record.key_decision:
        return show(record.key_decision)
    return f"Yes. Forward plan (key decision notice) reference: {show(record.forward_plan_ref) or 'not given'}"


def _exempt(record: DecisionRecord) -> str:
    if is_todo(record.exempt) or not record.exempt:
        return show(record.exempt)
    para = record.exempt_paragraph
    if para is None:
        return "Yes: TO COMPLETE: the paragraph of Schedule 12A that applies"
    return (f"Yes: this record is published with exempt information withheld by virtue of "
            f"paragraph {para} of Part 1 of Schedule 12A to the Local Government Act 1972 "
            f"({SCHEDULE_12A[para]}). The exempt detail is in a confidential appendix.")


def _conflicts(record: DecisionRecord) -> list[str]:
    if is_todo(record.conflicts):
        return [show(record.conflicts)]
    if not record.conflicts:
        return ["None declared."]
    return [show(f"{c.member}: {c.interest}. Dispensation: {show(c.dispensation)}") for c in record.conflicts]


def _call_in(record: DecisionRecord, call_in_days: int) -> str:
    if not record.subject_to_call_in:
        return "Not subject to call-in."
    return (f"Subject to call-in. The decision takes effect at the end of {call_in_days} working "
            "days after publication unless it is called in.")


def _impact(record: DecisionRecord) -> str:
    ia = record.impact_assessment
    if ia is None:
        return "None linked."
    parts = [ia.text]
    if ia.due:
        parts.append(f"due {ia.due}")
    if ia.status:
        parts.append(f"status: {ia.status}")
    return show("; ".join(parts))


def template_context(record: DecisionRecord, *, council: str = "", call_in_days: int = 5) -> dict:
    """The view model the templates see: plain strings and lists of strings."""
    sig = record.signature
    return {
        "council": show(council),
        "reference": show(record.reference or "(not yet stored)"),
        "title": show(record.title),
        "decision_makers": [show(f"{m.name}, {m.post}") for m in record.decision_makers]
        or ["TO COMPLETE: the decision maker"],
        "decision_date": show(record.decision_date),
        "authority": _authority(record),
        "authority_clause": show(record.authority.clause_text),
        "condition": _condition(record),
        "consultation": [
            {"name": show(c.name), "post": show(c.post), "date": show(c.date),
             "response": show(c.response),
             "confirmed": f"confirmed {show(c.confirmed_at)}" if c.confirmed_at else "not yet confirmed"}
            for c in record.consultation
        ],
        "consultation_note": "" if record.consultation else "The resolution did not require consultation.",
        "key_decision": _key_decision(record),
        "exempt": _exempt(record),
        "decision": show(record.decision),
        "reasons": show(record.reasons),
        "alternatives": show(record.alternatives),
        "financial": show(record.financial_implications),
        "legal": show(record.legal_implications),
        "equality": show(record.equality_implications),
        "impact_assessment": _impact(record),
        "conflicts": _conflicts(record),
        "background_papers": [show(p) for p in record.background_papers] or ["None."],
        "call_in": _call_in(record, call_in_days),
        "effective_from": show(record.effective_from) or "set when the record is published",
        "contact": show(record.contact),
        "signature": (f"Signed by {show(sig.name)}, {show(sig.post)}, on {show(sig.signed_at)}"
                      if sig else "Not yet signed."),
        "publication_date": show(record.publication_date) or "Not yet published.",
        "publication_due": (f"Due for publication by {show(record.publication_due)}."
                            if record.publication_due else ""),
    }


# --- Jinja environments ----------------------------------------------------------------


@lru_cache(maxsize=16)
def sandboxed_env(*, autoescape: bool, templates_dir: Optional[Path] = None) -> SandboxedEnvironment:
    """One environment per kind of output (compiled templates are cached in it; Jinja
    re-reads a template file when it changes)."""
    loader = FileSystemLoader(str(templates_dir)) if templates_dir else None
    return SandboxedEnvironment(loader=loader, undefined=StrictUndefined, autoescape=autoescape,
                                keep_trailing_newline=True)


# --- the Word template: lint on load ------------------------------------------------------

_SPLIT_BRACES = re.compile(r"\{(?:<[^>]+>)+[{%#]|[}%#](?:<[^>]+>)+\}")
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_CURLY = "“”‘’"


def _text_near(xml: str, pos: int) -> str:
    text = re.sub(r"<[^>]+>", "", xml[max(pos - 300, 0):pos + 300])
    return " ".join(text.split())[:80]


def lint_docx_template(path: Path, known: set[str]) -> list[str]:
    """Problems that would break rendering or silently drop text, each saying where."""
    problems = []
    tpl = DocxTemplate(str(path))
    with zipfile.ZipFile(path) as archive:
        parts = [n for n in archive.namelist()
                 if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
        xmls = {n: archive.read(n).decode("utf-8") for n in parts}
    for name, xml in xmls.items():
        for m in _SPLIT_BRACES.finditer(xml):
            problems.append(f"{name}: a tag's braces are split across Word runs near "
                            f"'{_text_near(xml, m.start())}' (retype the tag in one go)")
        for m in _TAG.finditer(re.sub(r"<[^>]+>", "", xml)):  # tags as Word shows them
            tag = m.group(0)
            if any(q in tag for q in _CURLY):
                problems.append(f"{name}: curly quotes inside the tag {tag[:60]!r} "
                                "(turn off smart quotes and retype it with straight quotes)")
        patched = tpl.patch_xml(xml)
        for m in re.finditer(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", patched):
            text = m.group(1)
            if text.count("{{") != text.count("}}") or text.count("{%") != text.count("%}"):
                problems.append(f"{name}: a tag is not closed near '{_text_near(patched, m.start())}'")
    if problems:
        return problems
    env = sandboxed_env(autoescape=True)
    try:
        source = "".join(tpl.patch_xml(x) for x in xmls.values())
        unknown = meta.find_undeclared_variables(env.parse(source)) - known
    except TemplateError as exc:
        return [f"template syntax error: {exc}"]
    return [f"unknown variable '{name}' (known: {', '.join(sorted(known))})" for name in sorted(unknown)]


@lru_cache(maxsize=32)
def _lint_cached(path: Path, stamp: tuple[int, int], known: frozenset[str]) -> tuple[str, ...]:
    return tuple(lint_docx_template(path, set(known)))


def load_docx_template(path: Path, known: set[str]) -> DocxTemplate:
    """The Word template, linted (once per version of the file) before it is used."""
    path = Path(path)
    if not path.is_file():
        raise TemplateProblem(f"{path}: the decision record template is missing")
    stat = path.stat()
    try:
        problems = _lint_cached(path.resolve(), (stat.st_mtime_ns, stat.st_size), frozenset(known))
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError) as exc:
        raise TemplateProblem(f"{path}: not a Word .docx file ({exc})") from None
    if problems:
        raise TemplateProblem(f"{path}: " + "; ".join(problems))
    return DocxTemplate(str(path))


# --- rendering ------------------------------------------------------------------------


def render_docx(record: DecisionRecord, out: Path, *, template: Optional[Path] = None,
                council: str = "", call_in_days: int = 5) -> Path:
    context = template_context(record, council=council, call_in_days=call_in_days)
    template = Path(template or DOCX_TEMPLATE)
    tpl = load_docx_template(template, set(context))
    try:
        # A fresh environment: docxtpl sets attributes on the one it is given.
        tpl.render(context, jinja_env=sandboxed_env.__wrapped__(autoescape=True), autoescape=True)
    except TemplateError as exc:
        near = " | ".join(line for line in getattr(exc, "docx_context", []) if line.strip())
        raise TemplateProblem(f"{template}: {exc}" + (f" near: {near}" if near else "")) from None
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tpl.save(str(out))
    return out


def render_markdown(record: DecisionRecord, *, council: str = "", call_in_days: int = 5,
                    templates_dir: Path = TEMPLATES) -> str:
    """Markdown is plain text: values appear exactly as typed (no HTML escaping)."""
    env = sandboxed_env(autoescape=False, templates_dir=templates_dir)
    try:
        template = env.get_template(MARKDOWN_TEMPLATE)
        return template.render(template_context(record, council=council, call_in_days=call_in_days))
    except TemplateError as exc:
        raise TemplateProblem(f"{templates_dir / MARKDOWN_TEMPLATE}: {exc}") from None


def render_html(record: DecisionRecord, *, council: str = "", call_in_days: int = 5,
                templates_dir: Path = TEMPLATES) -> str:
    """A web page of the record: every value HTML-escaped, so text stays text."""
    env = sandboxed_env(autoescape=True, templates_dir=templates_dir)
    try:
        template = env.get_template(HTML_TEMPLATE)
        return template.render(template_context(record, council=council, call_in_days=call_in_days))
    except TemplateError as exc:
        raise TemplateProblem(f"{templates_dir / HTML_TEMPLATE}: {exc}") from None


def libreoffice() -> Optional[str]:
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_pdf(docx: Path, out_dir: Optional[Path] = None, timeout: float = 120) -> Path:
    """PDF by LibreOffice; PdfUnavailable says plainly when it is not installed."""
    docx = Path(docx)
    office = libreoffice()
    if office is None:
        raise PdfUnavailable(f"PDF needs LibreOffice, which is not installed; the DOCX is at {docx}")
    out_dir = Path(out_dir or docx.parent)
    result = subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
                            capture_output=True, text=True, timeout=timeout)
    pdf = out_dir / f"{docx.stem}.pdf"
    if result.returncode != 0 or not pdf.is_file():
        raise PdfUnavailable(f"LibreOffice could not convert {docx} to PDF: "
                             f"{(result.stderr or result.stdout).strip()[:200]}; the DOCX is at {docx}")
    return pdf
