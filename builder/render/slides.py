"""Slide decks: one editable .pptx per module, plus the workshop's opening and day deck.

Decks are built from a real master (``templates/slides.pptx`` or the curriculum's
``branding.slides_template``) with named layouts. Text never overflows: every text box is
sized with :mod:`builder.render.pptx.fit`; long sections continue on "(lanjutan)" slides, long
titles get a smaller font, and an item that cannot fit even alone is reported as a
:class:`~builder.check.diagnostics.UserError` pointing at its YAML line.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu, Pt

from builder.render.pptx import fit as slidefit
from builder.check.diagnostics import UserError, display_path
from builder.i18n import Locale, add_labels
from builder.model.curriculum import AgendaItem, Day
from builder.model.module import Module, Section
from builder.render import BuildContext, output_kind, preflight
from builder.write.cache import unit_inputs
from builder.domain.questions import kind_of
from builder.render.richtext import inline_spans, plain_text
from builder.model.workshop import Workshop
from builder.resources import template_path
from builder.render.pptx.fit import Box, Line

TEMPLATE = template_path("slides.pptx")
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
TITLE, TEXT, PICTURE, TABLE = "title", "text", "picture", "table"

# Every layout the renderer uses, with the placeholder indexes (and kinds) it fills.
LAYOUT_NEEDS: dict[str, dict[int, str]] = {
    "Judul": {0: TITLE, 1: TEXT, 13: TEXT},
    "Bagian": {0: TITLE, 1: TEXT},
    "Judul dan Isi": {0: TITLE, 1: TEXT},
    "Dua Kolom": {0: TITLE, 13: TEXT, 14: TEXT, 1: TEXT, 2: TEXT},
    "Gambar dan Keterangan": {0: TITLE, 1: PICTURE, 2: TEXT},
    "Tabel": {0: TITLE, 1: TABLE},
    "Kutipan": {0: TITLE, 1: TEXT, 13: TEXT},
    "Latihan": {0: TITLE, 1: TEXT, 13: TEXT, 14: TEXT},
    "Soal": {0: TITLE, 13: TEXT, 1: TEXT},
    "Agenda": {0: TITLE, 1: TEXT},
    "Penutup": {0: TITLE, 1: TEXT},
}

TITLE_SIZES = (32, 28, 24, 20, 18, 16)
COVER_SIZES = (40, 36, 32, 28, 24, 20)
BULLET_SIZES = (24, 22, 20)  # one slide at the largest size that fits; split at the smallest
MAX_BULLETS = 8  # per slide, for readability
BULLET_INDENT = 25.2  # points (0.35 in)
CONTINUED_NOTE_CHARS = 400
FOOTER_SIZE = 11

add_labels({
    "id": {
        "slides.session_agenda": "Agenda Sesi",
        "slides.facilitator": "Narasumber",
        "slides.moderator": "Moderator",
        "slides.check": "Cek Pemahaman",
        "slides.thanks": "Terima Kasih",
        "slides.questions": "Sesi tanya jawab dan diskusi",
        "slides.welcome": "Selamat Datang",
        "slides.theme": "Tema kegiatan",
        "slides.house_rules": "Tata Tertib",
        "slides.next_session": "Sesi berikutnya: {title}",
        "slides.day_agenda": "Agenda {day}",
        "slides.minutes": "{n} menit",
        "slides.exercise": "Latihan: {title}",
        "slides.context": "Bahan kerja",
        "slides.trains": "Melatih",
        "slides.mode.paper": "Dikerjakan di kertas kerja",
        "slides.mode.notebook": "Dikerjakan di buku catatan Jupyter",
        "slides.mode.both": "Dikerjakan di kertas kerja atau buku catatan Jupyter",
        "slides.answer": "Jawaban",
        "slides.explanation": "Penjelasan",
        "slides.true": "Benar",
        "slides.false": "Salah",
        "slides.truefalse": "Benar atau salah?",
        "slides.choose_all": "Pilih semua jawaban yang benar.",
        "slides.order": "Urutkan langkah-langkah berikut.",
        "slides.match": "Pasangkan setiap butir dengan pasangannya.",
        "slides.short": "Jawablah dengan singkat.",
        "slides.objective_notes": "Dibahas pada: {where}.",
        "slides.continued_notes": "Lanjutan dari slide sebelumnya ({title}).",
        "slides.marking": "Panduan penilaian",
        "slides.mc_intro": "Hadirin yang kami hormati, sesi berikutnya adalah {title}.",
        "slides.mc_invite": "Kepada {name}, dengan hormat kami persilakan.",
        "slides.and": "dan",
        "slides.col_time": "Waktu",
        "slides.col_activity": "Kegiatan",
        "slides.col_people": "Narasumber / Moderator",
        "slides.part": "Bagian {n}",
        "slides.part.sections": "Materi",
        "slides.part.sections_sub": "{n} pokok bahasan",
        "slides.part.exercises": "Latihan",
        "slides.part.exercises_sub": "{n} latihan",
        "slides.part.check": "Cek Pemahaman",
        "slides.part.check_sub": "{n} pertanyaan singkat, lalu jawabannya",
        "slides.reveal": "Jawaban ({number}/{total})",
        "slides.seating": "Pembahasan: {title}",
        "slides.audience": "HADIRIN",
        "slides.principal_right": "◄ sisi kanan pejabat utama",
        "slides.principal_left": "sisi kiri pejabat utama ►",
        "slides.host": "tuan rumah",
        "slides.represents": "mewakili {name}",
        "slides.rank": "urutan {n}",
    },
    "en": {
        "slides.session_agenda": "Session Agenda",
        "slides.facilitator": "Speaker",
        "slides.moderator": "Moderator",
        "slides.check": "Check Your Understanding",
        "slides.thanks": "Thank You",
        "slides.questions": "Questions and discussion",
        "slides.welcome": "Welcome",
        "slides.theme": "Theme",
        "slides.house_rules": "House Rules",
        "slides.next_session": "Next session: {title}",
        "slides.day_agenda": "Agenda, {day}",
        "slides.minutes": "{n} minutes",
        "slides.exercise": "Exercise: {title}",
        "slides.context": "Materials",
        "slides.trains": "Practises",
        "slides.mode.paper": "Done on the worksheet",
        "slides.mode.notebook": "Done in the Jupyter notebook",
        "slides.mode.both": "Done on the worksheet or in the Jupyter notebook",
        "slides.answer": "Answer",
        "slides.explanation": "Explanation",
        "slides.true": "True",
        "slides.false": "False",
        "slides.truefalse": "True or false?",
        "slides.choose_all": "Choose every correct answer.",
        "slides.order": "Put the steps in order.",
        "slides.match": "Match each item with its partner.",
        "slides.short": "Answer briefly.",
        "slides.objective_notes": "Covered in: {where}.",
        "slides.continued_notes": "Continued from the previous slide ({title}).",
        "slides.marking": "Marking guidance",
        "slides.mc_intro": "Ladies and gentlemen, our next session is {title}.",
        "slides.mc_invite": "{name}, please come forward.",
        "slides.and": "and",
        "slides.col_time": "Time",
        "slides.col_activity": "Activity",
        "slides.col_people": "Speaker / Moderator",
        "slides.part": "Part {n}",
        "slides.part.sections": "Content",
        "slides.part.sections_sub": "{n} topics",
        "slides.part.exercises": "Exercises",
        "slides.part.exercises_sub": "{n} exercises",
        "slides.part.check": "Check Your Understanding",
        "slides.part.check_sub": "{n} short questions, then the answers",
        "slides.reveal": "Answer ({number}/{total})",
        "slides.seating": "Discussion: {title}",
        "slides.audience": "AUDIENCE",
        "slides.principal_right": "◄ principal's right",
        "slides.principal_left": "principal's left ►",
        "slides.host": "host",
        "slides.represents": "representing {name}",
        "slides.rank": "rank {n}",
    },
})


# ---------------------------------------------------------------- markdown to slide text

_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean(text: str) -> str:
    """Drop control characters that have no place in slide text."""
    return _CONTROL.sub("", text)


def runs(text: str) -> list[tuple[str, bool, bool]]:
    """Split inline markdown into (text, bold, italic) runs with the shared parser; links keep their text."""
    return [(clean(span.text), span.bold, span.italic) for span in inline_spans(text) if span.text]


def inline_plain(text: str) -> str:
    """Inline markdown without its markers."""
    return "".join(t for t, _b, _i in runs(text))


def blocks(markdown: str) -> list[tuple[str, str]]:
    """Rich text as (marker, text) blocks: marker '' for a paragraph, '•' or 'N.' for list items."""
    out: list[tuple[str, str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(("", " ".join(paragraph)))
            paragraph.clear()

    for raw in (markdown or "").splitlines():
        line = raw.strip()
        item = _LIST_ITEM.match(raw)
        if not line:
            flush()
        elif item:
            flush()
            out.append((f"{item.group(1)}." if item.group(1) else "•", item.group(2).strip()))
        elif out and out[-1][0] and raw[:1].isspace() and not paragraph:
            marker, text = out[-1]
            out[-1] = (marker, f"{text} {line}")  # continuation line of a list item
        else:
            paragraph.append(line)
    flush()
    return out


# ---------------------------------------------------------------- paragraphs and fitting

@dataclass(frozen=True)
class Para:
    """A paragraph to put on a slide: inline-markdown text and its formatting."""

    text: str
    size: float
    bullet: bool = False
    bold: bool = False
    italic: bool = False
    align: str | None = None  # "l", "ctr" or "r"
    space_before: float = 0.0
    hang: float = 0.0  # hanging indent in points for "label<TAB>text" lines
    spacing: float = 1.0
    markup: bool = True  # False for curriculum values and labels: shown exactly as written
    keep_with_next: bool = False  # a heading: never the last paragraph of a slide
    lead: str = ""  # a bold label shown before the text, e.g. "Narasumber: "

    @property
    def pieces(self) -> list[tuple[str, bool, bool]]:
        """The (text, bold, italic) runs of the paragraph."""
        body = runs(self.text) if self.markup else ([(clean(self.text), False, False)] if self.text else [])
        return ([(clean(self.lead), True, False)] if self.lead else []) + body

    @property
    def indent(self) -> float:
        """Left margin of wrapped lines, in points."""
        return BULLET_INDENT if self.bullet else self.hang

    def line(self) -> Line:
        """The paragraph as the estimator sees it."""
        pieces = self.pieces
        text = "".join(t for t, _b, _i in pieces)
        bold = self.bold or (bool(pieces) and all(b for t, b, _i in pieces if t.strip()))
        return Line(text.replace("\t", "    "), self.size, self.indent, self.space_before, self.spacing, bold)

    def sized(self, size: float) -> "Para":
        """The same paragraph at another size (spacing scales with it)."""
        ratio = size / self.size
        return replace(self, size=size, space_before=self.space_before * ratio)


def height(paras: Sequence[Para], box: Box) -> float:
    """Estimated height of the paragraphs in ``box``, in points."""
    return slidefit.text_height([p.line() for p in paras], box.inner_width)


def fits(paras: Sequence[Para], box: Box) -> bool:
    """True when the paragraphs fit into ``box``."""
    return height(paras, box) <= box.inner_height


def first_fitting(paras: Sequence[Para], box: Box, sizes: Sequence[float]) -> list[Para] | None:
    """The paragraphs at the largest of ``sizes`` that fits ``box`` (None if none does)."""
    for size in sizes:
        scaled = [p.sized(size * p.size / paras[0].size) for p in paras] if paras else []
        if fits(scaled, box):
            return scaled
    return None


class NoRoom(Exception):
    """Raised by :func:`split` when paragraph ``index`` does not fit an empty box at the smallest size."""

    def __init__(self, index: int, characters: int, size: float) -> None:
        super().__init__(index)
        self.index, self.characters, self.size = index, characters, size


def split(paras: Sequence[Para], box: Box, sizes: Sequence[float], max_items: int | None = None,
          count: int | None = None) -> tuple[list[Para], list[list[int]]]:
    """All paragraphs on one box at the largest fitting size, or balanced groups at the smallest size.

    Returns the resized paragraphs and the groups of their indexes (one group per slide); raises
    :class:`NoRoom` when one paragraph is too tall for the box on its own. A paragraph marked
    ``keep_with_next`` stays on the slide of the paragraph after it.
    """
    limit = max_items or len(paras)
    if not count or count <= 1:
        for size in sizes:
            scaled = [p.sized(size * p.size / paras[0].size) for p in paras]
            if len(scaled) <= limit and fits(scaled, box):
                return scaled, [list(range(len(scaled)))]
    scaled = [p.sized(sizes[-1] * p.size / paras[0].size) for p in paras]
    units: list[list[int]] = []
    for index, para in enumerate(scaled):
        if units and scaled[units[-1][-1]].keep_with_next:
            units[-1].append(index)
        else:
            units.append([index])
    heights = [sum(slidefit.paragraph_height(scaled[i].line(), box.inner_width) for i in unit) for unit in units]
    groups = slidefit.partition(heights, box.inner_height, limit, count)
    if groups is None:
        worst = max(range(len(heights)), key=heights.__getitem__)
        index = units[worst][-1]
        raise NoRoom(index, len(scaled[index].line().text), sizes[-1])
    return scaled, [[i for unit in group for i in units[unit]] for group in groups]


def group_paras(paras: Sequence[Para], group: Sequence[int]) -> list[Para]:
    """The paragraphs of one group, the first without space before it."""
    items = [paras[i] for i in group]
    return [replace(items[0], space_before=0)] + items[1:] if items else []


def _sub(parent, tag: str, **attributes) -> etree._Element:
    """Append a DrawingML child element."""
    return etree.SubElement(parent, f"{{{A}}}{tag}", **attributes)


def write(shape, paras: Sequence[Para], box: Box, lang: str = "id-ID") -> None:
    """Replace the text of ``shape`` with ``paras``; the insets of ``box`` are written on the shape.

    The paragraphs are written as DrawingML directly (lxml escapes the text); python-pptx's
    property setters are an order of magnitude slower for hundreds of slides.
    """
    frame = shape.text_frame
    frame.margin_left, frame.margin_top, frame.margin_right, frame.margin_bottom = (
        Emu(int(round(v * slidefit.EMU_PER_PT))) for v in box.insets)
    body = frame._txBody
    for old in body.findall(f"{{{A}}}p"):
        body.remove(old)
    for para in paras:
        _paragraph(_sub(body, "p"), para, lang)


def _paragraph(p, para: Para, lang: str) -> None:
    """Fill an empty ``a:p`` with the properties and runs of ``para``."""
    indent = int(round(para.indent * slidefit.EMU_PER_PT))
    p_pr = _sub(p, "pPr", marL=str(indent), indent=str(-indent))
    if para.align:
        p_pr.set("algn", para.align)
    _sub(_sub(p_pr, "lnSpc"), "spcPct", val=str(int(round(para.spacing * 100000))))
    _sub(_sub(p_pr, "spcBef"), "spcPts", val=str(int(round(para.space_before * 100))))
    if para.bullet:
        _sub(p_pr, "buFont", typeface="Arial")
        _sub(p_pr, "buChar", char="•")
    else:
        _sub(p_pr, "buNone")
    if para.hang:
        _sub(_sub(p_pr, "tabLst"), "tab", pos=str(indent), algn="l")
    size = str(int(round(para.size * 100)))
    for text, bold, italic in para.pieces or [("", False, False)]:
        run = _sub(p, "r")
        r_pr = _sub(run, "rPr", lang=lang, sz=size)
        if para.bold or bold:
            r_pr.set("b", "1")
        if para.italic or italic:
            r_pr.set("i", "1")
        _sub(run, "t").text = text


# ---------------------------------------------------------------- the template

def _insets(placeholder) -> tuple[float, float, float, float]:
    """Insets of a layout placeholder (inherited from the master when not set), in points."""
    defaults = list(slidefit.DEFAULT_INSETS)
    chain = []
    node = placeholder
    while node is not None:
        chain.append(node)
        node = getattr(node, "_base_placeholder", None)
    result = []
    for position, key in enumerate(("lIns", "tIns", "rIns", "bIns")):
        value = None
        for item in chain:
            body = item._element.find(f".//{{{A}}}bodyPr")
            if body is not None and body.get(key) is not None:
                value = slidefit.pt(int(body.get(key)))
                break
        result.append(defaults[position] if value is None else value)
    return tuple(result)


def _kind(placeholder) -> str:
    """The renderer's name for a placeholder's type."""
    kind = placeholder.placeholder_format.type
    if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE):
        return TITLE
    if kind == PP_PLACEHOLDER.PICTURE:
        return PICTURE
    if kind == PP_PLACEHOLDER.TABLE:
        return TABLE
    return TEXT


def check_template(prs, path: Path) -> None:
    """Raise a UserError naming every layout and placeholder the renderer needs but ``prs`` lacks."""
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    problems = []
    missing = [name for name in LAYOUT_NEEDS if name not in layouts]
    if missing:
        problems.append("missing layout(s) " + ", ".join(f"'{n}'" for n in missing))
    for name, needs in LAYOUT_NEEDS.items():
        if name not in layouts:
            continue
        have = {ph.placeholder_format.idx: _kind(ph) for ph in layouts[name].placeholders}
        for idx, kind in needs.items():
            if idx not in have:
                problems.append(f"layout '{name}' has no placeholder idx {idx} ({kind})")
            elif have[idx] != kind:
                problems.append(f"layout '{name}' placeholder idx {idx} is a {have[idx]} placeholder, not {kind}")
    if problems:
        needs = "; ".join(f"{name}: idx {', '.join(str(i) for i in needs)}" for name, needs in LAYOUT_NEEDS.items())
        raise UserError(
            f"slide template {display_path(path)} cannot be used: {'; '.join(problems)}",
            "start from templates/slides.pptx and restyle it in PowerPoint (View > Slide Master), keeping the "
            f"layout names and placeholders ({needs}); or remove branding.slides_template",
        )


def prepare_template(workshop: Workshop) -> bytes:
    """Load and check the master, apply the accent colour; return it as bytes to open once per deck."""
    branding = workshop.curriculum.branding
    path = workshop.resolve(branding.slides_template) if branding.slides_template else TEMPLATE
    try:
        prs = Presentation(str(path))
    except Exception as exc:  # a missing file, or not a .pptx
        raise UserError(f"cannot open slide template {display_path(path)}: {exc}",
                        "branding.slides_template must point at a PowerPoint .pptx file") from None
    check_template(prs, path)
    if not branding.slides_template or "accent" in branding.model_fields_set:
        set_accent(prs, branding.accent)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def set_accent(prs, colour: str) -> None:
    """Make ``colour`` (#RRGGBB) the theme's accent 1, which the master's bars and tables use."""
    for master in prs.slide_masters:
        part = master.part.part_related_by(RT.THEME)
        xml = part.blob.decode("utf-8")
        xml = re.sub(r"<a:accent1>.*?</a:accent1>", f'<a:accent1><a:srgbClr val="{colour.lstrip("#")}"/></a:accent1>',
                     xml, count=1, flags=re.S)
        part._blob = xml.encode("utf-8")


# ---------------------------------------------------------------- one deck

class Deck:
    """A presentation being built from the prepared master, with fitting helpers."""

    def __init__(self, template: bytes, footer: str, logo: Path | None, language: str = "id") -> None:
        self.prs = Presentation(io.BytesIO(template))
        self.lang = "en-US" if language == "en" else "id-ID"
        self.layouts = {layout.name: layout for layout in self.prs.slide_layouts}
        self.footer = footer
        self.logo = logo
        self._boxes: dict[tuple[str, int], Box] = {}
        self._footers: dict[str, list] = {}

    def box(self, layout: str, idx: int) -> Box:
        """The text area of placeholder ``idx`` of ``layout`` (cached: layouts do not change)."""
        key = (layout, idx)
        if key not in self._boxes:
            placeholder = next(ph for ph in self.layouts[layout].placeholders if ph.placeholder_format.idx == idx)
            self._boxes[key] = Box(slidefit.pt(placeholder.width), slidefit.pt(placeholder.height),
                                   _insets(placeholder))
        return self._boxes[key]

    def footer_placeholders(self, layout: str) -> list:
        """(type, placeholder, box) of the layout's footer and slide-number placeholders."""
        if layout not in self._footers:
            found = []
            for placeholder in self.layouts[layout].placeholders:
                kind = placeholder.placeholder_format.type
                if kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                    box = Box(slidefit.pt(placeholder.width), slidefit.pt(placeholder.height), _insets(placeholder))
                    found.append((kind, placeholder, box))
            self._footers[layout] = found
        return self._footers[layout]

    def add(self, layout: str, title: str | None, notes: str = "", title_sizes: Sequence[float] = TITLE_SIZES,
            title_size: float | None = None):
        """Add a slide with ``title`` (shrunk to fit), footer, slide number, logo and notes."""
        slide = self.prs.slides.add_slide(self.layouts[layout])
        if title is not None:
            box = self.box(layout, 0)
            paras = [Para(title, title_size, spacing=0.9, markup=False)] if title_size else None
            paras = paras or first_fitting([Para(title, title_sizes[0], spacing=0.9, markup=False)], box, title_sizes)
            if paras is None:
                raise UserError(f"the slide title '{title[:60]}…' is too long for a slide", "shorten it")
            write(slide.placeholders[0], paras, box, self.lang)
        self._footer(slide, layout)
        if self.logo is not None:
            self._add_logo(slide)
        if notes.strip():
            slide.notes_slide.notes_text_frame.text = clean(notes.strip())
        return slide

    def title_size(self, layout: str, titles: Sequence[str], sizes: Sequence[float] = TITLE_SIZES) -> float | None:
        """The largest size at which every one of ``titles`` fits the layout's title box."""
        box = self.box(layout, 0)
        for size in sizes:
            if all(fits([Para(t, size, spacing=0.9, markup=False)], box) for t in titles):
                return size
        return None

    def fill(self, slide, layout: str, idx: int, paras: Sequence[Para]) -> None:
        """Write ``paras`` into placeholder ``idx`` (the caller has checked that they fit)."""
        write(slide.placeholders[idx], paras, self.box(layout, idx), self.lang)

    def _footer(self, slide, layout: str) -> None:
        """Clone the layout's footer and slide-number placeholders and fill them."""
        for kind, placeholder, box in self.footer_placeholders(layout):
            if kind == PP_PLACEHOLDER.FOOTER and self.footer:
                fitted = first_fitting([Para(self.footer, FOOTER_SIZE, markup=False)], box, (FOOTER_SIZE, 10, 9))
                if fitted:
                    slide.shapes.clone_placeholder(placeholder)
                    write(slide.shapes[-1], [replace(fitted[0], align=None)], box, self.lang)
            elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
                slide.shapes.clone_placeholder(placeholder)
                shape = slide.shapes[-1]
                write(shape, [Para("", FOOTER_SIZE)], box, self.lang)
                paragraph = shape.text_frame.paragraphs[0]._p
                for run in paragraph.findall(f"{{{A}}}r"):
                    paragraph.remove(run)
                field = etree.SubElement(paragraph, f"{{{A}}}fld", id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}",
                                         type="slidenum")
                etree.SubElement(field, f"{{{A}}}rPr", lang="id-ID", sz=str(int(FOOTER_SIZE * 100)))
                etree.SubElement(field, f"{{{A}}}t").text = str(len(self.prs.slides))

    def _add_logo(self, slide) -> None:
        """Put the logo at the top right, at most 0.75 in high and 1.1 in wide."""
        from PIL import Image

        with Image.open(self.logo) as image:
            width, height = image.size
        scale = min(914400 * 0.75 / height, 914400 * 1.1 / width)
        w, h = int(width * scale), int(height * scale)
        left = self.prs.slide_width - int(914400 * 0.45) - w
        slide.shapes.add_picture(str(self.logo), left, int(914400 * 0.35), w, h)

    def finish(self, title: str, author: str, subject: str, when: dt.date) -> bytes:
        """Remove empty placeholders, set fixed core properties and return the file's bytes."""
        for slide in self.prs.slides:
            prune(slide)
        core = self.prs.core_properties
        stamp = dt.datetime(when.year, when.month, when.day)
        core.title, core.author, core.last_modified_by, core.subject = title, author, author, subject
        core.created = core.modified = core.last_printed = stamp
        core.revision = 1
        core.keywords = core.comments = core.category = ""
        buffer = io.BytesIO()
        self.prs.save(buffer)
        return buffer.getvalue()


def prune(slide) -> None:
    """Remove placeholders that were left empty (no "Click to add ..." prompts on a finished slide)."""
    for shape in list(slide.placeholders):
        empty = getattr(shape, "has_text_frame", False) and not shape.text_frame.text.strip()
        kind = type(shape).__name__
        if empty or kind in ("PicturePlaceholder", "TablePlaceholder", "ChartPlaceholder"):
            shape._element.getparent().remove(shape._element)


# ---------------------------------------------------------------- module decks

def where_taught(workshop: Workshop, module_id: str) -> list[tuple[Day, list[AgendaItem]]]:
    """The module's session slots grouped by day, in agenda order."""
    grouped: list[tuple[Day, list[AgendaItem]]] = []
    for day, item in workshop.sessions_of(module_id):
        if grouped and grouped[-1][0] is day:
            grouped[-1][1].append(item)
        else:
            grouped.append((day, [item]))
    return grouped


class ModuleDeck:
    """Builds the deck of one module."""

    def __init__(self, workshop: Workshop, module: Module, locale: Locale, template: bytes, logo: Path | None) -> None:
        self.workshop, self.module, self.locale = workshop, module, locale
        self.cur = workshop.curriculum
        self.slots = where_taught(workshop, module.id)
        first = self.slots[0][0].date if self.slots else self.cur.first_date
        self.date = first
        footer = f"{self.cur.short_title or self.cur.title} · {locale.date(first, weekday=False)}"
        self.deck = Deck(template, footer, logo, locale.language)
        self.facilitators = list(dict.fromkeys(i.facilitator for _d, items in self.slots for i in items if i.facilitator))
        self._located = None

    # -- errors pointing at the module file

    def error(self, path: tuple, message: str, hint: str) -> UserError:
        """A UserError located at ``path`` in the module's YAML file."""
        from builder.sources.yamlfile import YamlLoadError, format_path, load

        file = self.workshop.module_files.get(self.module.id)
        where = f"module {self.module.id}"
        if file is not None:
            where = display_path(file)
            try:
                if self._located is None:
                    self._located = load(file)
                line, column = self._located.position(path)
                where = f"{where}:{line}:{column}"
            except (YamlLoadError, OSError):
                pass
        return UserError(f"{where}: {format_path(path)}: {message}", hint)

    def label(self, key: str, **values) -> str:
        """A label of the deck's language."""
        return self.locale.label(key, **values)

    # -- slides

    def build(self) -> bytes:
        """All slides of the module, in teaching order."""
        self.cover()
        self.objectives()
        self.agenda()
        parts = self.parts()
        if self.module.sections:
            self.divider(parts, "sections", len(self.module.sections),
                         sum(s.minutes or 0 for s in self.module.sections))
        for index, section in enumerate(self.module.sections):
            self.section(index, section)
        if self.module.exercises:
            self.divider(parts, "exercises", len(self.module.exercises),
                         sum(e.minutes or 0 for e in self.module.exercises))
        for index, exercise in enumerate(self.module.exercises):
            self.exercise(index, exercise)
            self.seating_plan(index, exercise)
        self.quiz(parts)
        if self.module.keypoints:
            self.bullets(self.label("keypoints"), self.module.keypoints, ("keypoints",),
                         notes="\n".join(f"• {inline_plain(k)}" for k in self.module.keypoints))
        self.closing()
        return self.deck.finish(self.module.title, self.cur.organizer, self.cur.title, self.date)

    def cover(self) -> None:
        """Title slide: module, workshop, facilitators, dates and times, place."""
        deck, layout = self.deck, "Judul"
        size = deck.title_size(layout, [self.module.title], COVER_SIZES)
        if size is None:
            raise self.error(("title",), "the module title is too long for the title slide",
                             "shorten the title to about 120 characters")
        slide = deck.add(layout, self.module.title, notes=plain_text(self.module.summary), title_size=size)
        details = []
        if self.facilitators:
            details.append(Para("; ".join(self.facilitators), 18, markup=False,
                                lead=f"{self.label('slides.facilitator')}: "))
        zone = self.cur.zone_abbreviation
        for day, items in self.slots:
            ranges = f" {self.label('slides.and')} ".join(self.locale.time_range(i.start, i.end) for i in items)
            prefix = "pukul " if self.locale.language == "id" else ""
            details.append(Para(f"{self.locale.date(day.date)}, {prefix}{ranges} {zone}", 18, space_before=4,
                                markup=False))
        details.append(Para(f"{self.cur.venue}, {self.cur.city}", 18, space_before=4, markup=False))
        self._fill_fitting(slide, layout, 13, details, (18, 16, 14), ("title",))
        self._fill_fitting(slide, layout, 1, [Para(self.cur.title, 20, markup=False)], (20, 18, 16), ("title",))

    def _fill_fitting(self, slide, layout: str, idx: int, paras: list[Para], sizes, path: tuple,
                      required: bool = False) -> bool:
        """Fill a placeholder at the largest size that fits; drop it (or fail if ``required``) otherwise."""
        fitted = first_fitting(paras, self.deck.box(layout, idx), sizes)
        if fitted is None:
            if required:
                raise self.error(path, "the text is too long for its box on the slide",
                                 "shorten it; a slide shows a few short lines, the handout carries the details")
            return False
        self.deck.fill(slide, layout, idx, fitted)
        return True

    def objectives(self) -> None:
        """The learning objectives, with where each is taught in the notes."""
        notes = []
        for objective in self.module.objectives:
            places = [s.title for s in self.module.sections if objective.id in s.objectives]
            places += [e.title for e in self.module.exercises if objective.id in e.objectives]
            line = f"• {inline_plain(objective.text)}"
            if places:
                line += " " + self.label("slides.objective_notes", where=", ".join(places))
            notes.append(line)
        self.bullets(self.label("objectives"), [o.text for o in self.module.objectives], ("objectives",),
                     notes="\n".join(notes), item_path=lambda j: ("objectives", j, "text"))

    def agenda(self) -> None:
        """The session agenda: sections and exercises with their minutes (clock times for one slot)."""
        rows = [(s.title, s.minutes) for s in self.module.sections]
        rows += [(self.label("slides.exercise", title=e.title), e.minutes) for e in self.module.exercises]
        single = len(self.slots) == 1 and len(self.slots[0][1]) == 1 and all(m for _t, m in rows)
        labels = []
        clock = None
        if single:
            start = self.slots[0][1][0].start
            clock = start.hour * 60 + start.minute
        for _title, minutes in rows:
            if clock is not None:
                end = clock + minutes
                labels.append(f"{clock // 60:02d}.{clock % 60:02d}–{end // 60:02d}.{end % 60:02d}")
                clock = end
            else:
                labels.append(self.label("slides.minutes", n=minutes) if minutes else "–")
        hang = 2.1 * 72 if single else 1.6 * 72
        paras = [Para(f"{label}\t{title}", 22, space_before=10, hang=hang, markup=False)
                 for label, (title, _m) in zip(labels, rows)]
        notes = "\n".join(f"{label}  {inline_plain(title)}" for label, (title, _m) in zip(labels, rows))
        self.paged("Agenda", self.label("slides.session_agenda"), paras, (22, 20, 18), notes, ("sections",),
                   max_items=12)

    def paged(self, layout: str, title: str, paras: list[Para], sizes: Sequence[float], notes: str,
              path: tuple, item_path: Callable[[int], tuple] | None = None, max_items: int = MAX_BULLETS) -> None:
        """Put ``paras`` on one slide at the largest fitting size, or split them over continuation slides."""
        try:
            chosen, groups = split(paras, self.deck.box(layout, 1), sizes, max_items)
        except NoRoom as exc:
            raise self.error(item_path(exc.index) if item_path else path,
                             f"this item is too long for one slide ({exc.characters} characters at {exc.size:g} pt)",
                             "shorten it or split it into several shorter items") from None
        continued = self.label("continued")
        titles = [title if n == 0 else f"{title} {continued}" for n in range(len(groups))]
        size = self.deck.title_size(layout, titles)
        if size is None:
            raise self.error(path, "the title is too long for the slide even at 16 pt",
                             "shorten the title to about 250 characters")
        for number, group in enumerate(groups):
            group_notes = notes if number == 0 else self.label("slides.continued_notes", title=title) + (
                "\n\n" + notes if len(notes) <= CONTINUED_NOTE_CHARS else "")
            slide = self.deck.add(layout, titles[number], notes=group_notes, title_size=size)
            self.deck.fill(slide, layout, 1, group_paras(chosen, group))

    def bullets(self, title: str, items: Sequence[str], path: tuple, notes: str = "",
                item_path: Callable[[int], tuple] | None = None) -> None:
        """Bulleted items on a "Judul dan Isi" slide, continued when they do not fit."""
        paras = [Para(item, BULLET_SIZES[0], bullet=True, space_before=10) for item in items]
        self.paged("Judul dan Isi", title, paras, BULLET_SIZES, notes, path, item_path)

    def section(self, index: int, section: Section) -> None:
        """The slides of one section: points, table, picture, quote, worked example."""
        base = ("sections", index)
        notes = plain_text(section.notes) or plain_text(section.body)
        self.bullets(section.title, section.points, base + ("title",), notes=notes,
                     item_path=lambda j: base + ("points", j))
        if section.table:
            self.table(base + ("table",), section.table.caption or section.title, section.table.columns,
                       section.table.rows, notes)
        if section.image:
            self.picture(base + ("image",), section)
        if section.quote:
            self.quote(base + ("quote",), section)
        if section.example:
            self.example(base + ("example",), section)

    def table(self, path: tuple, title: str, columns: list[str], rows: list[list[str]], notes: str) -> None:
        """A native table, its rows split over continuation slides when they do not fit."""
        render_table(self.deck, title, columns, rows, notes, self.label("continued"),
                     lambda row, message: self.error(path + ("rows", row) if row is not None else path, message,
                                                     "shorten the cell texts or split the table"))

    def picture(self, path: tuple, section: Section) -> None:
        """The section's image with its caption."""
        image = section.image
        file = self.workshop.module_files.get(self.module.id)
        source = (file.parent if file else self.workshop.root / "modules") / image.path
        if not source.is_file():
            raise self.error(path + ("path",), f"image '{image.path}' not found",
                             "put the file there or correct the path (relative to the YAML file)")
        layout = "Gambar dan Keterangan"
        slide = self.deck.add(layout, section.title, notes=plain_text(section.notes) or image.alt,
                              title_size=self._title_or_fail(layout, section.title, path))
        place_picture(slide.placeholders[1], source, image.alt or image.caption)
        caption = image.caption or image.alt
        if caption:
            self._fill_fitting(slide, layout, 2, [Para(caption, 20, italic=not image.caption)], (20, 18, 16, 14),
                               path + ("caption",), required=True)

    def _title_or_fail(self, layout: str, title: str, path: tuple) -> float:
        """The title size for ``title`` on ``layout``, or a located error when it cannot fit."""
        size = self.deck.title_size(layout, [title])
        if size is None:
            raise self.error(path, "the title is too long for the slide even at 16 pt", "shorten it")
        return size

    def quote(self, path: tuple, section: Section) -> None:
        """The section's quotation, large, with its source."""
        quote, layout = section.quote, "Kutipan"
        slide = self.deck.add(layout, section.title, notes=plain_text(section.notes) or quote.text,
                              title_size=self._title_or_fail(layout, section.title, path))
        lines = [Para(part, 28, italic=True, space_before=8) for part in quote.text.strip().split("\n") if part.strip()]
        lines[0] = Para(f"“{lines[0].text}", 28, italic=True)
        lines[-1] = replace(lines[-1], text=f"{lines[-1].text}”")
        self._fill_fitting(slide, layout, 1, lines, (28, 24, 22, 20, 18), path + ("text",), required=True)
        if quote.source:
            self._fill_fitting(slide, layout, 13, [Para(f"— {quote.source}", 18, align="r")], (18, 16, 14),
                               path + ("source",), required=True)

    def example(self, path: tuple, section: Section) -> None:
        """A worked example: the draft on the left, the improved version on the right (continued if long)."""
        example, layout = section.example, "Dua Kolom"
        notes = "\n\n".join(t for t in (plain_text(example.body), plain_text(section.notes)) if t)
        left = [Para(t, 20, space_before=8) for t in example.before.split("\n") if t.strip()]
        right = [Para(t, 20, space_before=8) for t in example.after.split("\n") if t.strip()]
        boxes = self.deck.box(layout, 1), self.deck.box(layout, 2)
        pages = None
        for size in (20, 18, 16):
            a = first_fitting(left, boxes[0], (size,)) if left else []
            b = first_fitting(right, boxes[1], (size,)) if right else []
            if a is not None and b is not None:
                pages = [(a, b)]
                break
        if pages is None and left and len(left) == len(right):
            pages = paired_pages(left, right, boxes, 16)
        if pages is None:
            columns = []
            for side, paras, box in (("before", left, boxes[0]), ("after", right, boxes[1])):
                try:
                    columns.append(split(paras, box, (16,)) if paras else ([], []))
                except NoRoom:
                    raise self.error(path + (side,), "a paragraph of the worked example is too long for a column",
                                     "split it into shorter paragraphs (separated by a blank line)") from None
            count = max(len(groups) for _paras, groups in columns)
            columns = [split(paras, box, (16,), count=count) if paras else ([], []) for paras, box in
                       ((left, boxes[0]), (right, boxes[1]))]
            pages = [tuple(group_paras(paras, groups[n]) if n < len(groups) else [] for paras, groups in columns)
                     for n in range(count)]
        titles = [example.title if n == 0 else f"{example.title} {self.label('continued')}" for n in range(len(pages))]
        size = self.deck.title_size(layout, titles)
        if size is None:
            raise self.error(path + ("title",), "the title is too long for the slide even at 16 pt", "shorten it")
        for number, (a, b) in enumerate(pages):
            page_notes = notes if number == 0 else self.label("slides.continued_notes", title=example.title)
            slide = self.deck.add(layout, titles[number], notes=page_notes or example.title, title_size=size)
            if a or not left:  # a continuation slide shows only the column that continues
                self._fill_fitting(slide, layout, 13, [Para(example.before_label, 20, bold=True, markup=False)],
                                   (20, 18, 16), path + ("before_label",), required=True)
            if b or not right:
                self._fill_fitting(slide, layout, 14, [Para(example.after_label, 20, bold=True, markup=False)],
                                   (20, 18, 16), path + ("after_label",), required=True)
            if a:
                self.deck.fill(slide, layout, 1, a)
            if b:
                self.deck.fill(slide, layout, 2, b)

    def exercise(self, index: int, exercise) -> None:
        """The exercise: instructions (and materials) with the time and mode in a side box."""
        layout, path = "Latihan", ("exercises", index)
        paras = [self._block(marker, text, 20) for marker, text in blocks(exercise.instructions)]
        if exercise.context.strip():
            paras.append(Para(self.label("slides.context"), 20, bold=True, space_before=12, markup=False,
                              keep_with_next=True))
            paras += [self._block(marker, text, 20) for marker, text in blocks(exercise.context)]
        notes = [plain_text(exercise.context)]
        if exercise.marking:
            notes.append(f"{self.label('slides.marking')}: {plain_text(exercise.marking)}")
        title = self.label("slides.exercise", title=exercise.title)
        try:
            chosen, groups = split(paras, self.deck.box(layout, 1), (20, 18, 16))
        except NoRoom:
            raise self.error(path + ("instructions",), "a paragraph of the exercise is too long for one slide",
                             "split it into shorter paragraphs or a list") from None
        titles = [title if n == 0 else f"{title} {self.label('continued')}" for n in range(len(groups))]
        size = self.deck.title_size(layout, titles)
        if size is None:
            raise self.error(path + ("title",), "the exercise title is too long for a slide", "shorten it")
        mode = self.label(f"slides.mode.{exercise.mode}")
        known = {objective.id for objective in self.module.objectives}
        trains = [self.module.objective(o).text for o in exercise.objectives if o in known]
        for number, group in enumerate(groups):
            text_notes = "\n\n".join(n for n in notes if n) if number == 0 else self.label(
                "slides.continued_notes", title=title)
            slide = self.deck.add(layout, titles[number], notes=text_notes or plain_text(exercise.instructions),
                                  title_size=size)
            self.deck.fill(slide, layout, 1, group_paras(chosen, group))
            self._fill_fitting(slide, layout, 13, [Para(self.label("slides.minutes", n=exercise.minutes), 32,
                                                        bold=True, align="ctr")], (32, 28, 24), path)
            side = [Para(mode, 16, bold=True, markup=False)]
            side_full = side + [Para(f"{self.label('slides.trains')}:", 16, space_before=10, markup=False)] + [
                Para(t, 16, bullet=True, space_before=4) for t in trains]
            if not self._fill_fitting(slide, layout, 14, side_full, (16, 14), path):
                self._fill_fitting(slide, layout, 14, side, (16, 14, 12), path)

    @staticmethod
    def _block(marker: str, text: str, size: float) -> Para:
        """A rich-text block as a paragraph: list items get a bullet (numbers are kept in the text)."""
        if marker == "•":
            return Para(text, size, bullet=True, space_before=6)
        if marker:
            return Para(f"{marker}\t{text}", size, space_before=6, hang=BULLET_INDENT)
        return Para(text, size, space_before=10)

    def parts(self) -> list[str]:
        """The parts of the deck that get a divider slide, in order."""
        found = ["sections"] if self.module.sections else []
        found += ["exercises"] if self.module.exercises else []
        return found + (["check"] if self.module.quiz else [])

    def divider(self, parts: list[str], part: str, count: int, minutes: int = 0) -> None:
        """A section divider: "Bagian 2 · Latihan" with what the part holds."""
        what = self.label(f"slides.part.{part}_sub", n=count)
        if minutes:
            what += " · " + self.label("slides.minutes", n=minutes)
        slide = self.deck.add("Bagian", self.label(f"slides.part.{part}"), title_sizes=(44, 40, 36), notes=what)
        line = f"{self.label('slides.part', n=parts.index(part) + 1)} · {what}"
        self._fill_fitting(slide, "Bagian", 1, [Para(line, 24, markup=False)], (24, 20, 18), ("title",))

    def seating_plan(self, index: int, exercise) -> None:
        """For a seating exercise: the head table drawn from the checker's data and the model answer."""
        check = exercise.check
        if check is None or check.checker != "seating" or not isinstance(exercise.solution, dict):
            return
        seats = [str(s) for s in check.params.get("seats", [])]
        officials = {str(o.get("name")): o for o in check.params.get("officials", []) if isinstance(o, dict)}
        if not seats or any(str(exercise.solution.get(seat, "")) not in officials for seat in seats):
            return
        title = self.label("slides.seating", title=exercise.title)
        size = self.deck.title_size("Judul dan Isi", [title])
        if size is None:
            return
        notes = plain_text(exercise.marking) or title
        slide = self.deck.add("Judul dan Isi", title, notes=notes, title_size=size)
        draw_head_table(slide, self.deck.box("Judul dan Isi", 1), seats,
                        [officials[str(exercise.solution[seat])] for seat in seats], self.label,
                        self.cur.branding.accent.lstrip("#"))

    def quiz(self, parts: Sequence[str] = ()) -> None:
        """Three or four check questions, each followed by a slide that reveals the answer."""
        layout = "Soal"
        candidates = []
        for index, question in enumerate(self.module.quiz):
            shown = question_paras(question, self.locale)
            if shown is None:
                continue
            stem, options = shown
            stem_fit = first_fitting(stem, self.deck.box(layout, 13), (24, 22, 20, 18))
            options_fit = first_fitting(options, self.deck.box(layout, 1), (22, 20, 18, 16)) if options else []
            if stem_fit is not None and options_fit is not None:
                candidates.append((index, question, stem_fit, options_fit))
        chosen = pick_questions(candidates)
        if chosen and "check" in parts:
            self.divider(list(parts), "check", len(chosen))
        for number, (_index, question, stem, options) in enumerate(chosen, start=1):
            title = f"{self.label('slides.check')} ({number}/{len(chosen)})"
            slide = self.deck.add(layout, title, notes=answer_notes(question, self.locale))
            self.deck.fill(slide, layout, 13, stem)
            if options:
                self.deck.fill(slide, layout, 1, options)
            self.reveal(question, number, len(chosen))

    def reveal(self, question, number: int, total: int) -> None:
        """The answer slide after a check question: the question again, the answer and why."""
        answer, explanation = answer_parts(question, self.locale)
        paras = [Para(question.question, 20, italic=True),
                 Para(answer, 24, bold=True, space_before=14, lead=f"{self.label('slides.answer')}: "),
                 Para(explanation, 20, space_before=12)]
        slide = self.deck.add("Judul dan Isi", self.label("slides.reveal", number=number, total=total),
                              notes=answer_notes(question, self.locale))
        if not self._fill_fitting(slide, "Judul dan Isi", 1, paras, (24, 22, 20, 18, 16), ("quiz",)):
            self._fill_fitting(slide, "Judul dan Isi", 1, paras[1:], (24, 22, 20, 18, 16, 14), ("quiz",),
                               required=True)

    def closing(self) -> None:
        """Thank-you slide with the facilitators and the workshop."""
        lines = [Para(self.label("slides.questions"), 22, bold=True, markup=False)]
        lines += [Para(name, 20, space_before=6, markup=False) for name in self.facilitators]
        lines.append(Para(self.cur.short_title or self.cur.title, 18, space_before=14, markup=False))
        slide = self.deck.add("Penutup", self.label("slides.thanks"), notes=self.label("slides.questions"),
                              title_sizes=(48, 40, 32))
        self._fill_fitting(slide, "Penutup", 1, lines, (22, 20, 18, 16), ("title",))


def paired_pages(left: list[Para], right: list[Para], boxes: Sequence[Box], size: float) -> list[tuple] | None:
    """Before/after paragraphs that correspond one to one, split so that each pair stays side by side."""
    a = [p.sized(size * p.size / left[0].size) for p in left]
    b = [p.sized(size * p.size / right[0].size) for p in right]
    heights = [max(slidefit.paragraph_height(x.line(), boxes[0].inner_width) / boxes[0].inner_height,
                   slidefit.paragraph_height(y.line(), boxes[1].inner_width) / boxes[1].inner_height)
               for x, y in zip(a, b)]
    groups = slidefit.partition(heights, 1.0)
    if groups is None:
        return None
    return [(group_paras(a, group), group_paras(b, group)) for group in groups]


def question_paras(question, locale: Locale) -> tuple[list[Para], list[Para]] | None:
    """The stem and option paragraphs of a quiz item on a slide (no answer marked)."""
    stem = [Para(question.question, 24, bold=True)]
    hang = 0.5 * 72

    def lettered(items: Sequence[str]) -> list[Para]:
        """Lines 'A.<TAB>text' with a hanging indent."""
        return [Para(f"{chr(65 + i)}.\t{text}", 22, space_before=8 if i else 0, hang=hang)
                for i, text in enumerate(items)]

    kind = kind_of(question)
    if kind.slide_hint:  # a toolkit label: shown exactly as written
        stem = stem + [Para(locale.label(kind.slide_hint), 20, italic=True, space_before=6, markup=False)]
    if kind.slide_placeholder:
        return stem, [Para(locale.label(kind.slide_placeholder), 22, italic=True)]
    numbered = [Para(f"{i}.\t{t}", 22, space_before=8 if i > 1 else 0, hang=hang)
                for i, t in enumerate(kind.slide_numbered(question), 1)]
    letters = lettered(kind.slide_order(question))
    if numbered:  # a gap between the numbered and the lettered column
        letters = [replace(p, space_before=16 if i == 0 else p.space_before) for i, p in enumerate(letters)]
    return stem, numbered + letters


def answer_notes(question, locale: Locale) -> str:
    """Speaker notes of a check question: the answer and the explanation."""
    answer, explanation = answer_parts(question, locale)
    return f"{locale.label('slides.answer')}: {answer}\n{locale.label('slides.explanation')}: {explanation}"


def answer_parts(question, locale: Locale) -> tuple[str, str]:
    """The answer of a check question as shown on the slide (letters match the slide) and its explanation."""
    words = {True: locale.label("slides.true"), False: locale.label("slides.false")}
    answer = kind_of(question).slide_answer(question, words, inline_plain)
    return answer, plain_text(question.explanation)


def draw_head_table(slide, box: Box, seats: Sequence[str], officials: Sequence[dict], label, accent: str) -> None:
    """Draw a head table seen from the audience: one card per seat (seat, office, rank, host or
    representative), the principal's seat in the accent colour, the table and the audience below."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE

    emu = slidefit.EMU_PER_PT
    left, top, width = 43.2, 122.4, box.width
    gap = 8.0
    card_w = (width - gap * (len(seats) - 1)) / len(seats)
    card_h = 170.0
    principal = min(range(len(officials)), key=lambda i: officials[i].get("rank", 99))
    sides = slide.shapes.add_textbox(Emu(int(left * emu)), Emu(int(top * emu)), Emu(int(width * emu)),
                                     Emu(int(24 * emu)))
    sides.text_frame.word_wrap = True
    write(sides, [Para(f"{label('slides.principal_right')}          {label('slides.principal_left')}", 14,
                       italic=True, align="ctr", markup=False)], Box(width, 24), "id-ID")
    y = top + 30
    for number, (seat, person) in enumerate(zip(seats, officials)):
        x = left + number * (card_w + gap)
        card = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Emu(int(x * emu)), Emu(int(y * emu)),
                                      Emu(int(card_w * emu)), Emu(int(card_h * emu)))
        card.fill.solid()
        card.fill.fore_color.rgb = RGBColor.from_string(accent if number == principal else "EEF2F6")
        card.line.color.rgb = RGBColor.from_string(accent)
        colour = "FFFFFF" if number == principal else "1F1F1F"
        notes = [label("slides.rank", n=person.get("rank", "?"))]
        if person.get("host"):
            notes.append(label("slides.host"))
        if person.get("represents"):
            notes.append(label("slides.represents", name=person["represents"]))
        lines = [Para(seat, 22, bold=True, align="ctr", markup=False),
                 Para(str(person.get("name", "")), 16, bold=True, align="ctr", space_before=6, markup=False)]
        lines += [Para(n, 13, italic=True, align="ctr", space_before=4, markup=False) for n in notes]
        card.text_frame.word_wrap = True
        inner = Box(card_w, card_h, (5.0, 5.0, 5.0, 5.0))
        fitted = first_fitting(lines, inner, (22, 20, 18, 16, 14, 12)) or lines
        write(card, fitted, inner, "id-ID")
        for paragraph in card.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.color.rgb = RGBColor.from_string(colour)
    table_y = y + card_h + 10
    table = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(int(left * emu)), Emu(int(table_y * emu)),
                                   Emu(int(width * emu)), Emu(int(26 * emu)))
    table.fill.solid()
    table.fill.fore_color.rgb = RGBColor.from_string("8B6B4A")
    table.line.fill.background()
    audience = slide.shapes.add_textbox(Emu(int(left * emu)), Emu(int((table_y + 40) * emu)), Emu(int(width * emu)),
                                        Emu(int(30 * emu)))
    audience.text_frame.word_wrap = True
    write(audience, [Para(f"▼ ▼ ▼   {label('slides.audience')}   ▼ ▼ ▼", 18, bold=True, align="ctr", markup=False)],
          Box(width, 30), "id-ID")


def pick_questions(candidates: list, count: int = 4) -> list:
    """Up to ``count`` items, preferring one per objective and choice items; shown in source order."""
    ranked = sorted(candidates, key=lambda c: (kind_of(c[1]).slide_rank, c[0]))
    chosen, objectives = [], set()
    for candidate in ranked:
        if candidate[1].objective not in objectives and len(chosen) < count:
            chosen.append(candidate)
            objectives.add(candidate[1].objective)
    for candidate in ranked:
        if candidate not in chosen and len(chosen) < count:
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c[0])


def place_picture(placeholder, source: Path, description: str) -> None:
    """Insert an image into a picture placeholder, scaled to fit inside it without cropping, centred."""
    box = (placeholder.left, placeholder.top, placeholder.width, placeholder.height)
    picture = placeholder.insert_picture(str(source))
    picture.crop_left = picture.crop_right = picture.crop_top = picture.crop_bottom = 0
    width, height = picture.image.size
    scale = min(box[2] / width, box[3] / height)
    w, h = int(width * scale), int(height * scale)
    picture.left, picture.top = box[0] + (box[2] - w) // 2, box[1] + (box[3] - h) // 2
    picture.width, picture.height = w, h
    if description:
        picture._element.nvPicPr.cNvPr.set("descr", clean(description))


def render_table(deck: Deck, title: str, columns: list[str], rows: list[list[str]], notes: str, continued: str,
                 fail: Callable[[int | None, str], UserError], layout: str = "Tabel", markup: bool = True) -> None:
    """Native tables with a repeated header row, split over slides so that no row runs off the slide."""
    box = deck.box(layout, 1)
    largest = 18 if len(columns) <= 3 else 16 if len(columns) <= 5 else 14
    widths = slidefit.column_widths(columns, rows, box.width)
    margins = slidefit.DEFAULT_INSETS
    shown = inline_plain if markup else clean
    cells = [[shown(c) for c in row] for row in rows]
    for size in (largest, largest - 2):  # one slide at a slightly smaller size beats a continuation slide
        header = slidefit.row_height([shown(c) for c in columns], widths, size, margins)
        heights = [slidefit.row_height(r, widths, size, margins) for r in cells]
        if sum(heights) <= box.height - header:
            break
    else:
        size = largest
        header = slidefit.row_height([shown(c) for c in columns], widths, size, margins)
        heights = [slidefit.row_height(r, widths, size, margins) for r in cells]
    groups = slidefit.partition(heights, box.height - header)
    if groups is None:
        worst = max(range(len(heights)), key=heights.__getitem__)
        raise fail(worst, "this table row is too tall for a slide even on its own")
    titles = [title if n == 0 else f"{title} {continued}" for n in range(len(groups))]
    title_size = deck.title_size(layout, titles)
    if title_size is None:
        raise fail(None, "the table caption is too long for a slide title")
    for number, group in enumerate(groups):
        slide = deck.add(layout, titles[number], notes=notes if number == 0 else notes[:CONTINUED_NOTE_CHARS],
                         title_size=title_size)
        frame = slide.placeholders[1].insert_table(len(group) + 1, len(columns))
        table = frame.table
        for index, width in enumerate(widths):
            table.columns[index].width = Emu(int(width * slidefit.EMU_PER_PT))
        # Rows get a one-line minimum height and grow with their text when shown; the estimate above
        # (which is conservative) only decides where the table is split.
        minimum = Emu(int((slidefit.line_height(size) + margins[1] + margins[3]) * slidefit.EMU_PER_PT))
        for row in table.rows:
            row.height = minimum
        for index, text in enumerate(columns):
            _cell(table.cell(0, index), text, size, bold=True, markup=markup)
        for offset, row_index in enumerate(group, start=1):
            for index, text in enumerate(rows[row_index]):
                _cell(table.cell(offset, index), text, size, markup=markup)
        frame.width = Emu(int(sum(widths) * slidefit.EMU_PER_PT))
        frame.height = Emu(minimum * (len(group) + 1))


def _cell(cell, text: str, size: float, bold: bool = False, markup: bool = True) -> None:
    """Write one table cell (lines of the text become paragraphs)."""
    frame = cell.text_frame
    frame.clear()
    frame.word_wrap = True
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        pieces = runs(line) if markup else [(clean(line), False, False)]
        for part, b, i in pieces or [("", False, False)]:
            run = paragraph.add_run()
            run.text = part
            run.font.size = Pt(size)
            if bold or b:
                run.font.bold = True
            if i:
                run.font.italic = True


# ---------------------------------------------------------------- the workshop deck

class WorkshopDeck:
    """The deck for the opening and each day: welcome, theme, house rules, day agendas, transitions."""

    def __init__(self, workshop: Workshop, locale: Locale, template: bytes, logo: Path | None) -> None:
        self.workshop, self.locale, self.cur = workshop, locale, workshop.curriculum
        dates = locale.date_range(self.cur.first_date, self.cur.last_date)
        self.dates = dates
        self.deck = Deck(template, f"{self.cur.short_title or self.cur.title} · {dates}", logo, locale.language)

    def label(self, key: str, **values) -> str:
        """A label of the deck's language."""
        return self.locale.label(key, **values)

    def error(self, what: str, message: str) -> UserError:
        """A UserError about a curriculum field."""
        return UserError(f"curriculum {self.cur.id}: {what}: {message}", "shorten the text")

    def fill(self, slide, layout: str, idx: int, paras: list[Para], sizes: Sequence[float], what: str) -> None:
        """Fill a placeholder at the largest fitting size or fail naming the curriculum field."""
        fitted = first_fitting(paras, self.deck.box(layout, idx), sizes)
        if fitted is None:
            raise self.error(what, "too long for its box on the slide")
        self.deck.fill(slide, layout, idx, fitted)

    def build(self) -> bytes:
        """All slides of the workshop deck."""
        cur = self.cur
        slide = self.deck.add("Judul", self.label("slides.welcome"), title_sizes=COVER_SIZES,
                              notes=f"{cur.title}\n{cur.organizer}\n{self.dates}, {cur.venue}, {cur.city}")
        self.fill(slide, "Judul", 1, [Para(cur.title, 22, markup=False)], (22, 20, 18, 16), "title")
        details = [Para(cur.organizer, 18, bold=True, markup=False), Para(self.dates, 18, space_before=4, markup=False),
                   Para(f"{cur.venue}, {cur.city}, {cur.province}", 18, space_before=4, markup=False)]
        self.fill(slide, "Judul", 13, details, (18, 16, 14), "venue")
        if cur.theme:
            size = self.deck.title_size("Bagian", [f"“{cur.theme}”"], (40, 36, 32, 28, 24))
            if size is None:
                raise self.error("theme", "too long for the theme slide")
            slide = self.deck.add("Bagian", f"“{cur.theme}”", notes=cur.theme, title_size=size)
            self.fill(slide, "Bagian", 1, [Para(self.label("slides.theme"), 22, markup=False)], (22,), "theme")
        if cur.house_rules:
            self.house_rules()
        for number, day in enumerate(cur.days, start=1):
            self.day(number, day)
        slide = self.deck.add("Penutup", self.label("slides.thanks"), title_sizes=(48, 40, 32),
                              notes=self.label("slides.thanks"))
        lines = [Para(cur.organizer, 20, bold=True, markup=False)] + [
            Para(t, 18, space_before=4, markup=False) for t in cur.branding.organizer_lines]
        self.fill(slide, "Penutup", 1, lines, (20, 18, 16, 14), "organizer")
        return self.deck.finish(cur.title, cur.organizer, cur.theme or cur.title, cur.first_date)

    def house_rules(self) -> None:
        """The house rules as bullets, continued when they do not fit."""
        layout = "Judul dan Isi"
        paras = [Para(rule, 24, bullet=True, space_before=10, markup=False) for rule in self.cur.house_rules]
        try:
            chosen, groups = split(paras, self.deck.box(layout, 1), BULLET_SIZES, MAX_BULLETS)
        except NoRoom as exc:
            raise self.error(f"house_rules[{exc.index}]", "this rule is too long for one slide") from None
        title = self.label("slides.house_rules")
        for number, group in enumerate(groups):
            slide = self.deck.add(layout, title if number == 0 else f"{title} {self.label('continued')}",
                                  notes="\n".join(f"• {r}" for r in self.cur.house_rules))
            self.deck.fill(slide, layout, 1, group_paras(chosen, group))

    def activity(self, item: AgendaItem) -> str:
        """What an agenda item is called on the slides."""
        if item.kind == "session" and item.module:
            return item.title or self.workshop.modules[item.module].title
        return item.title or self.label(f"kind.{item.kind}")

    def day(self, number: int, day: Day) -> None:
        """A divider for the day, its agenda table, and a transition slide before each session."""
        heading = self.label("day", n=number)
        context = self.locale.date(day.date) + (f" · {day.title}" if day.title else "")
        slide = self.deck.add("Bagian", heading, notes=context, title_sizes=(40,))
        self.fill(slide, "Bagian", 1, [Para(context, 22, markup=False)], (22, 20, 18), f"days[{number - 1}].title")
        columns = [self.label("slides.col_time"), self.label("slides.col_activity"), self.label("slides.col_people")]
        rows, notes = [], []
        for item in day.items:
            people = "\n".join(p for p in (item.facilitator, f"{self.label('slides.moderator')}: {item.moderator}"
                                           if item.moderator else "") if p)
            rows.append([self.locale.time_range(item.start, item.end), self.activity(item), people])
            notes.append(f"{self.locale.time_range(item.start, item.end)}  {self.activity(item)}")
        render_table(self.deck, self.label("slides.day_agenda", day=heading), columns, rows, "\n".join(notes),
                     self.label("continued"), lambda _row, message: self.error(f"days[{number - 1}]", message),
                     markup=False)
        for item in day.items:
            if item.kind in ("session", "discussion"):
                self.transition(item)

    def transition(self, item: AgendaItem) -> None:
        """'Sesi berikutnya: ...' with the time, the speaker and the moderator."""
        title = self.label("slides.next_session", title=self.activity(item))
        size = self.deck.title_size("Bagian", [title], (40, 36, 32, 28, 24))
        if size is None:
            raise self.error("days", f"the session title '{self.activity(item)[:40]}' is too long for a slide")
        parts = [self.locale.time(item.start, self.cur.zone_abbreviation)]
        if item.facilitator:
            parts.append(f"{self.label('slides.facilitator').lower()} {item.facilitator}")
        if item.moderator:
            parts.append(f"{self.label('slides.moderator').lower()} {item.moderator}")
        notes = [self.label("slides.mc_intro", title=self.activity(item))]
        if item.facilitator:
            notes.append(self.label("slides.mc_invite", name=item.facilitator))
        slide = self.deck.add("Bagian", title, notes=" ".join(notes), title_size=size)
        self.fill(slide, "Bagian", 1, [Para(", ".join(parts), 22, markup=False)], (22, 20, 18, 16), "days")


# ---------------------------------------------------------------- the output kind

def logo_path(workshop: Workshop) -> Path | None:
    """The branding logo, when the curriculum names one that exists."""
    logo = workshop.curriculum.branding.logo
    if not logo:
        return None
    path = workshop.resolve(logo)
    if not path.is_file():
        raise UserError(f"logo '{logo}' not found", "check branding.logo (relative to the project folder)")
    return path


def render_module_deck(workshop: Workshop, module_id: str, locale: Locale, template: bytes | None = None) -> bytes:
    """The .pptx bytes of one module's deck."""
    template = template or prepare_template(workshop)
    return ModuleDeck(workshop, workshop.modules[module_id], locale, template, logo_path(workshop)).build()


def render_workshop_deck(workshop: Workshop, locale: Locale, template: bytes | None = None) -> bytes:
    """The .pptx bytes of the workshop deck."""
    template = template or prepare_template(workshop)
    return WorkshopDeck(workshop, locale, template, logo_path(workshop)).build()


@preflight("slides")
def lay_out_decks(ctx: BuildContext) -> list:
    """Lay out every deck in memory: a text that does not fit or a bad master is found before writing.

    The finished decks are kept in ``ctx.prepared`` for :func:`build_slides` to write.
    """
    from builder.check.diagnostics import diagnostic_from_error

    found = []
    try:
        template = prepare_template(ctx.workshop)
    except UserError as error:
        return [diagnostic_from_error(error, "slides.template")]
    decks = {module_id: (lambda m=module_id: render_module_deck(ctx.workshop, m, ctx.locale, template))
             for module_id in ctx.workshop.modules}
    decks["workshop"] = lambda: render_workshop_deck(ctx.workshop, ctx.locale, template)
    for name, render in decks.items():
        if ctx.is_fresh("slides", name, unit_inputs(ctx.workshop, name)):
            continue  # the deck written last time is kept (it was laid out then)
        try:
            ctx.prepared[("slides", name)] = render()
        except UserError as error:
            found.append(diagnostic_from_error(error, "slides.fit", display_path(ctx.workshop.module_files.get(name, name))))
    return found


@output_kind("slides", "slides/<module>.pptx and slides/workshop.pptx")
def build_slides(ctx: BuildContext) -> None:
    """Write one deck per module of the workshop and the workshop deck (laid out by the preflight)."""
    if not any(key[0] == "slides" for key in ctx.prepared):
        lay_out_decks(ctx)
    for name in [*ctx.workshop.modules, "workshop"]:
        if ctx.reuse("slides", name, unit_inputs(ctx.workshop, name)):
            continue
        ctx.progress(name)
        data = ctx.prepared.get(("slides", name))
        if data is None:  # the preflight found a problem in this deck; render again to raise it
            data = render_module_deck(ctx.workshop, name, ctx.locale) if name != "workshop" else \
                render_workshop_deck(ctx.workshop, ctx.locale)
        ctx.out.write_office("slides", f"slides/{name}.pptx", data)
