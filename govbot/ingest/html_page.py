"""Committee-system web pages saved as HTML (agenda item, issue, decision details, minutes).

The page is read as a reader sees it: page furniture (scripts, styles, navigation,
headers, footers, forms, hidden parts) is dropped; each block element becomes a
paragraph, `<br>` a line break, list items list blocks (an ordered list's numbers are
written out, because they are the resolution labels), data tables `Table`s plus " | "
lines. The walk is iterative, so hostile nesting cannot exhaust the stack."""
from __future__ import annotations

import re
from typing import Optional

import lxml.etree
import lxml.html

from govbot.domain import Document
from govbot.ingest.base import Builder, IngestError, clean_line
from govbot.ingest.sniff import bom_encoding, decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_WS = re.compile(r"\s+")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*>")
_P_RUNS = re.compile(r"<p>(?:\s*<p>)+")
_HAS_LABEL = re.compile(r"^\s*\(?(?:[a-zA-Z]|[0-9]{1,3}|[ivxlcIVXLC]{1,6})[.)]\s")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_FURNITURE = re.compile(r"breadcrumb|cookie|skip-?link|skiplink", re.IGNORECASE)
_FILL = re.compile(r"background(?:-color)?\s*:\s*([^;]+)", re.IGNORECASE)

DROP = {"script", "style", "noscript", "nav", "header", "footer", "form", "template", "iframe",
        "object", "embed", "svg", "math", "button", "select", "input", "textarea", "head",
        "canvas", "audio", "video", "map", "dialog", "menu"}
DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar"}
BLOCK = {"p", "div", "section", "article", "main", "aside", "blockquote", "address", "ul", "ol",
         "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "pre", "hr",
         "center", "fieldset", "figure", "figcaption", "caption", "details", "summary", "body",
         "h1", "h2", "h3", "h4", "h5", "h6", "legend", "hgroup", "html"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
STRUCTURE = {"p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dl"}
WHITE = {"", "none", "transparent", "white", "#fff", "#ffffff", "inherit", "initial", "auto"}


def read_html(data: bytes, name: str) -> Document:
    text = _decode(data)
    if text is None:
        raise IngestError(name, "not a document govbot reads (binary data)")
    text = _XML_DECL.sub("", text, count=1)
    root, too_deep = _parse(text, name)
    if too_deep:  # the parser gives up past 256 levels: read the page flattened instead
        root, _ = _parse(_P_RUNS.sub("<p>", _TAG.sub(_flatten_tag, text)), name)
    _drop_furniture(root)
    body = root.find("body")
    walker = _Walker()
    if too_deep:
        walker.builder.notes.append("the page's markup is nested too deeply to keep its layout; "
                                    "it was read as paragraphs (tables as lines)")
    walker.walk(body if body is not None else root)
    doc = walker.builder.document(name, "html")
    if not doc.text.strip():
        raise IngestError(name, "the HTML page has no readable text")
    return doc


def _parse(text: str, name: str):
    """The parsed page, and whether libxml2 stopped at its nesting limit."""
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise IngestError(name, f"the HTML page has no content ({exc})") from exc
    return root, any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def _flatten_tag(match: re.Match) -> str:
    tag = match.group(2).lower()
    if tag in DROP or tag in ("html", "body", "br", "meta", "title"):
        return match.group(0)
    return "<p>" if tag in BLOCK else ""


def _decode(data: bytes) -> Optional[str]:
    declared = None
    if not bom_encoding(data):
        match = _META_CHARSET.search(data[:8192])
        declared = match.group(1).decode("ascii", "ignore") if match else None
    return decode_text(data, declared)


def _drop_furniture(root) -> None:
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)  # comments and processing instructions
            continue
        tag = el.tag.lower()
        if (tag in DROP or el.get("role", "").lower() in DROP_ROLES or el.get("hidden") is not None
                or el.get("aria-hidden") == "true" or _HIDDEN_STYLE.search(el.get("style", ""))
                or _FURNITURE.search(el.get("id", "") + " " + el.get("class", ""))):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text, which belongs to the parent


class _Walker:
    def __init__(self) -> None:
        self.builder = Builder()
        self.buffer: list[str] = []
        self.pre = 0
        self.heading = 0
        self.lists: list[dict] = []  # open lists: kind, type, next number
        self.label: Optional[str] = None  # waiting for the first text of a list item
        self.in_item = False

    def walk(self, top) -> None:
        stack = [(top, False)]
        while stack:
            el, done = stack.pop()
            if done:
                self._end(el)
                self._text(el.tail)
                continue
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            if tag == "table" and _is_data_table(el):
                self._flush()
                self._table(el)
                self._text(el.tail)
                continue
            self._start(el, tag)
            self._text(el.text)
            stack.append((el, True))
            stack.extend((child, False) for child in reversed(el))

    # --- events -------------------------------------------------------------------------

    def _start(self, el, tag: str) -> None:
        if tag in BLOCK:
            self._flush()
        if tag in HEADINGS:
            self.heading += 1
        elif tag == "pre":
            self.pre += 1
        elif tag in ("ol", "ul"):
            self.lists.append({"kind": tag, "type": el.get("type", "1"),
                               "next": _int(el.get("start"), 1)})
        elif tag == "li":
            self.in_item = True
            self.label = self._next_label(el)
        elif tag == "br":
            self.buffer.append("\n")

    def _end(self, el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in BLOCK:
            self._flush(kind="heading" if tag in HEADINGS else None)
        if tag in HEADINGS:
            self.heading -= 1
        elif tag == "pre":
            self.pre -= 1
        elif tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        elif tag == "li":
            self.in_item, self.label = False, None

    def _text(self, text: Optional[str]) -> None:
        if text:
            self.buffer.append(text if self.pre else _WS.sub(" ", text))

    def _flush(self, kind: Optional[str] = None) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        if not text.strip():
            return
        if self.heading and kind is None:
            kind = "heading"
        if self.in_item:
            kind = "list_item"
            if self.label and not _HAS_LABEL.match(text):
                text = f"{self.label} {text.lstrip()}"
            self.label = None
        self.builder.add(text, kind=kind or "paragraph")

    def _next_label(self, li) -> Optional[str]:
        if not self.lists or self.lists[-1]["kind"] != "ol":
            return None
        current = self.lists[-1]
        number = _int(li.get("value"), current["next"])
        current["next"] = number + 1
        return _format_label(number, current["type"])

    # --- tables -------------------------------------------------------------------------

    def _table(self, table) -> None:
        rows, shaded = [], []
        caption = table.find("caption")
        for tr in table.iter("tr"):
            cells, fills = [], []
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                    continue
                text = _cell_text(cell)
                fill = _is_filled(cell) or _is_filled(tr)
                for i in range(min(_int(cell.get("colspan"), 1), 100)):
                    cells.append(text if i == 0 else "")
                    fills.append(fill)
            if cells:
                rows.append(cells)
                shaded.append(fills)
        if rows:
            cap = clean_line(caption.text_content()) if caption is not None else None
            self.builder.add_table(rows, shaded if any(any(r) for r in shaded) else None,
                                   caption=cap or None)


def _is_data_table(table) -> bool:
    """A table of data, not a table used for page layout (cells holding paragraphs)."""
    for el in table.iter():
        if el is not table and isinstance(el.tag, str) and el.tag.lower() in STRUCTURE:
            return False
    return table.find(".//tr") is not None


def _cell_text(cell) -> str:
    for br in cell.iter("br"):
        br.tail = " " + (br.tail or "")
    return clean_line(_WS.sub(" ", "".join(cell.itertext())))


def _is_filled(el) -> bool:
    """A cell drawn with a fill (bgcolor or an inline background): a Gantt month, say."""
    colour = (el.get("bgcolor") or "").strip().lower()
    match = _FILL.search(el.get("style", ""))
    if match:
        colour = match.group(1).strip().lower()
    if colour.startswith("rgb"):
        colour = colour.replace(" ", "")
        return colour not in ("rgb(255,255,255)", "rgba(255,255,255,1)") and not colour.startswith("rgba(0,0,0,0")
    colour = colour.split()[0] if colour else ""
    return colour not in WHITE


def _int(value: Optional[str], default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _format_label(number: int, kind: str) -> str:
    if kind in ("a", "A") and 1 <= number <= 26:
        letter = chr(ord("a") + number - 1)
        return f"({letter.upper() if kind == 'A' else letter})"
    if kind in ("i", "I"):
        roman = to_roman(number)
        return f"({roman.upper() if kind == 'I' else roman})"
    return f"{number}."


def to_roman(number: int) -> str:
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out, number = out + numeral, number - value
    return out or str(number)
