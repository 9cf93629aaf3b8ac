"""govbot's data model: what a council decided, who may act on it, and what must follow.

Plain data and the status rules that need no I/O. Nothing here reads files, talks to a
database or looks at the clock: `today` is always passed in.

The parse contract (`govbot parse --format json`) is `ParsedDocument.to_contract()`, the
schema of `shared/corpus/SCHEMA.md` plus extra fields (character spans, attendees,
legislation, dates).
"""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field

Span = tuple[int, int]  # [start, end) character offsets into Document.text


class StrEnum(str, Enum):
    def __str__(self) -> str:  # so f-strings and JSON show the value
        return self.value


class ResolutionKind(StrEnum):
    approve = "approve"
    endorse = "endorse"
    note = "note"
    delegate = "delegate"
    recommend = "recommend"
    defer = "defer"
    reject = "reject"
    request = "request"
    other = "other"


class ObligationKind(StrEnum):
    impact_assessment = "impact_assessment"
    consultation = "consultation"
    report_back = "report_back"
    publication = "publication"
    review = "review"
    procurement_step = "procurement_step"
    other = "other"


_set = object.__setattr__
_FIELD_NAMES: dict[type, list[str]] = {}


class _Model(BaseModel):
    model_config = ConfigDict(use_enum_values=True, extra="allow")

    @classmethod
    def made(cls, **values):
        """What model_construct makes (trusted values, not validated; defaults for the rest),
        at about half its cost: the readers and the parser make tens of thousands of
        these per document, from values they have checked themselves."""
        names = _FIELD_NAMES.get(cls)
        if names is None:
            names = _FIELD_NAMES[cls] = list(cls.__pydantic_fields__)
        data = values  # every field given, in declared order (dumps follow __dict__'s order)
        if list(values) != names:
            data = {}
            for name, field in cls.__pydantic_fields__.items():
                if name in values:
                    data[name] = values[name]
                else:  # (pydantic's get_default inspects the factory's signature: 150 us a call)
                    data[name] = field.default_factory() if field.default_factory else field.default
        return cls._assembled(data, set(values))

    @classmethod
    def _assembled(cls, data: dict, fields_set: set):
        """The instance pydantic would build from `data`, its attributes set directly."""
        obj = object.__new__(cls)
        _set(obj, "__dict__", data)
        _set(obj, "__pydantic_fields_set__", fields_set)
        _set(obj, "__pydantic_extra__", {})
        _set(obj, "__pydantic_private__", None)
        return obj


# --- what the parser reads -------------------------------------------------------------


class Block(_Model):
    """One paragraph-like run of text in reading order; `span` locates it in Document.text."""

    text: str
    span: Span
    kind: str = "paragraph"  # paragraph | heading | table_row | list_item
    page: Optional[int] = None

    @classmethod
    def at(cls, text: str, span: Span, kind: str, page: Optional[int]) -> "Block":
        """Block.made(text=, span=, kind=, page=) without its keyword checks: the readers
        make one for every paragraph."""
        return cls._assembled({"text": text, "span": span, "kind": kind, "page": page}, {"text", "span", "kind", "page"})


class Table(_Model):
    """A table as read from the source: rows of cell text, and cell shading where known."""

    rows: list[list[str]]
    shaded: Optional[list[list[bool]]] = None  # Gantt charts drawn as shaded cells
    page: Optional[int] = None
    caption: Optional[str] = None  # nearest heading above it ("Appendix A ...")


class Document(_Model):
    """A source file reduced to text: what ingest hands to extract."""

    name: str
    format: str  # html | pdf | docx | text
    text: str
    blocks: list[Block] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    pages: int = 1
    notes: list[str] = Field(default_factory=list)  # e.g. "Appendix A timeline is an image"


# --- what the parser finds ---------------------------------------------------------------


class Resolution(_Model):
    label: Optional[str] = None
    text: str
    kinds: list[ResolutionKind] = Field(default_factory=list)
    span: Optional[Span] = None


class Delegation(_Model):
    resolution_label: Optional[str] = None
    delegates: list[str] = Field(default_factory=list)
    consultees: list[str] = Field(default_factory=list)
    power: str = ""
    condition: Optional[str] = None
    # field name -> span, or list of spans for delegates/consultees
    spans: dict[str, object] = Field(default_factory=dict)


class Obligation(_Model):
    kind: ObligationKind = ObligationKind.other
    text: str
    due: Optional[str] = None  # ISO date, or YYYY-MM where only a month is given
    span: Optional[Span] = None


class Milestone(_Model):
    """One line of an Appendix A timeline."""

    name: str
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    owner: Optional[str] = None
    source: str = "parsed"  # parsed | imported | edited


class MentionedDate(_Model):
    text: str
    date: str  # ISO date or YYYY-MM
    purpose: Optional[str] = None  # the words around it that say what it is for
    span: Optional[Span] = None


class Citation(_Model):
    """Legislation cited: "section 19 of the Education Act 1996"."""

    text: str
    span: Optional[Span] = None


class Item(_Model):
    number: Optional[str] = None
    title: Optional[str] = None
    report_ref: Optional[str] = None
    resolutions: list[Resolution] = Field(default_factory=list)
    delegations: list[Delegation] = Field(default_factory=list)
    obligations: list[Obligation] = Field(default_factory=list)
    mover: Optional[str] = None
    seconder: Optional[str] = None
    attendees: list[str] = Field(default_factory=list)  # attended/spoke under standing orders
    legislation: list[Citation] = Field(default_factory=list)
    dates: list[MentionedDate] = Field(default_factory=list)
    spans: dict[str, object] = Field(default_factory=dict)
    incomplete: bool = False  # the text is cut off ("...view the full minutes text")


class ParsedDocument(_Model):
    id: Optional[str] = None
    page_type: Optional[str] = None
    body: Optional[str] = None
    meeting_date: Optional[str] = None
    items: list[Item] = Field(default_factory=list)
    timeline: list[Milestone] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    source_format: Optional[str] = None
    parser_version: Optional[str] = None

    def to_contract(self) -> dict:
        """The JSON of the parse contract (SCHEMA.md), extra fields included."""
        return self.model_dump(mode="json")


# --- status words the tracker uses -------------------------------------------------------


class ActionStatus(StrEnum):
    awaiting_condition = "awaiting condition"
    ready = "ready"
    record_drafted = "record drafted"
    signed = "signed"
    published = "published"
    lapsed = "lapsed"


class ObligationStatus(StrEnum):
    open = "open"
    due_soon = "due soon"
    overdue = "overdue"
    done = "done"
    waived = "waived"


class MilestoneStatus(StrEnum):
    planned = "planned"
    in_progress = "in progress"
    late = "late"
    done = "done"


class RecordState(StrEnum):
    drafted = "drafted"
    consultation_confirmed = "consultation confirmed"
    signed = "signed"
    published = "published"
    withdrawn = "withdrawn"
