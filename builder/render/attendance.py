"""Organizer documents: daily attendance sheets (daftar hadir) and name cards (name tags and tent cards)."""

from __future__ import annotations

import copy
import functools
import io
import math
import weakref

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt, RGBColor

from builder.render.docx.util import (
    add_field, fix_metadata, hold_together, keep_row_together, repeat_as_header, set_a4, set_base_font, shade_cell,
    share_style_memo,
)
from builder.i18n import Locale
from builder.model.curriculum import Day
from builder.render import BuildContext, output_kind
from builder.render import preflights  # noqa: F401 (registers this kind's preflight: the name fonts)
from builder.render.inputs import people_inputs
from builder.model.workshop import Workshop
from builder.model.people import Person

TAGS_PER_ROW, TAG_ROWS = 2, 4
TAG_WIDTH, TAG_HEIGHT = Cm(8.9), Cm(6.3)
TENT_ROLES = ("narasumber", "moderator", "pembawa acara")


def _run(paragraph, text: str, size: float, bold: bool = False, colour: str | None = None, italic: bool = False):
    """Add a formatted run (its properties copied from the first run made with the same formatting)."""
    if any(char in text for char in "\t\r\n"):
        run = paragraph.add_run(text)
    else:  # what run.text = text writes for plain text, without first clearing the new run
        run = paragraph.add_run()
        if text:
            run._r.add_t(text)
    run._r.insert(0, copy.deepcopy(_run_properties(size, bold, colour, italic)))
    return run


@functools.lru_cache(maxsize=64)
def _run_properties(size: float, bold: bool, colour: str | None, italic: bool):
    """The ``<w:rPr>`` python-docx writes for these settings, made once and copied into each run."""
    from docx.oxml import OxmlElement
    from docx.text.run import Run

    run = Run(OxmlElement("w:r"), None)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    return run._r.rPr


def _line(container, text: str, size: float, bold: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER,
          after: float = 0, colour: str | None = None, italic: bool = False):
    """Add a paragraph holding one run."""
    paragraph = container.add_paragraph()
    paragraph._p.insert(0, copy.deepcopy(_paragraph_properties(align, after, 0)))
    _run(paragraph, text, size, bold, colour, italic)
    return paragraph


def _cell_text(cell, lines: list[tuple[str, float, bool]], align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    """Fill a table cell with lines of (text, size, bold)."""
    cell.paragraphs[0].text = ""
    for index, (text, size, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if paragraph._p.pPr is None:
            paragraph._p.insert(0, copy.deepcopy(_paragraph_properties(align, 0)))
        else:
            paragraph.alignment = align
            paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, text, size, bold)


@functools.lru_cache(maxsize=64)
def _paragraph_properties(align, after: float, before: float | None = None):
    """The ``<w:pPr>`` python-docx writes for this alignment and spacing, made once and copied into each paragraph."""
    from docx.oxml import OxmlElement
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(OxmlElement("w:p"), None)
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    if before is not None:
        paragraph.paragraph_format.space_before = Pt(before)
    return paragraph._p.pPr


def _header_block(document, workshop: Workshop, locale: Locale, day: Day, subtitle: str) -> None:
    """Kop, title and the event/day/venue lines above an attendance table."""
    cur = workshop.curriculum
    for line in cur.branding.organizer_lines or [cur.organizer]:
        _line(document, line.upper(), 11, bold=True)
    _line(document, locale.label("att.title"), 15, bold=True, after=0).paragraph_format.space_before = Pt(8)
    _line(document, subtitle, 11, after=6, italic=True)
    table = document.add_table(rows=3, cols=2)
    table.autofit = False
    table.columns[0].width, table.columns[1].width = Cm(3.2), Cm(14.3)
    for row, (label, value) in zip(table.rows, ((locale.label("att.event"), cur.title),
                                               (locale.label("att.day"), locale.date(day.date)),
                                               (locale.label("att.place"), f"{cur.venue}, {cur.city}"))):
        row.cells[0].width, row.cells[1].width = Cm(3.2), Cm(14.3)
        _cell_text(row.cells[0], [(label, 10, False)])
        _cell_text(row.cells[1], [(f": {value}", 10, False)])
    _line(document, "", 4)


def _people_table(document, people: list[Person], locale: Locale, accent: str) -> None:
    """The signing table: No, name/NIP, position/agency, and a signature column split left/right."""
    from docx.table import _Cell

    widths = (Cm(1.1), Cm(6.0), Cm(5.6), Cm(2.4), Cm(2.4))
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    head = table.rows[0].cells
    signature = head[3].merge(head[4])
    for cell, text in zip((head[0], head[1], head[2], signature),
                          (locale.label("att.no"), locale.label("att.name"), locale.label("att.agency"),
                           locale.label("att.signature"))):
        _cell_text(cell, [(text, 10, True)], WD_ALIGN_PARAGRAPH.CENTER)
        shade_cell(cell, accent)
        cell.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    repeat_as_header(table.rows[0])
    empty = _empty_row(table, widths)
    for number, person in enumerate(people, start=1):
        row = copy.deepcopy(empty)
        table._tbl.append(row)
        cells = [_Cell(tc, table) for tc in row.tc_lst]
        _cell_text(cells[0], [(f"{number}.", 10, False)], WD_ALIGN_PARAGRAPH.CENTER)
        name_lines = [(person.display_name, 10, True)] + ([(f"NIP {person.nip_display}", 8.5, False)] if person.nip else [])
        _cell_text(cells[1], name_lines)
        _cell_text(cells[2], [(person.position, 8.5, False), (person.agency, 8.5, False)] if person.position
                   else [(person.agency, 8.5, False)])
        side = cells[3] if number % 2 else cells[4]
        _cell_text(side, [(f"{number}.", 8, False)])
    for column, width in zip(table.columns, widths):
        column.width = width
    for cell, width in zip(table.rows[0].cells, widths):
        cell.width = width


def _empty_row(table, widths) -> object:
    """A ``<w:tr>`` of the signing table without text (height, widths, alignment set), to be copied per person."""
    row = table.add_row()
    row.height = Cm(1.15)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    keep_row_together(row)
    for cell, width in zip(row.cells, widths):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        cell.width = width
    table._tbl.remove(row._tr)
    return row._tr


def _signature_block(document, workshop: Workshop, locale: Locale, day: Day) -> None:
    """The committee's acknowledgement at the end of the list."""
    table = document.add_table(rows=1, cols=2)
    right = table.rows[0].cells[1]
    _cell_text(right, [(f"{workshop.curriculum.city}, {locale.date(day.date, weekday=False)}", 10, False),
                       (locale.label("att.known"), 10, False), (locale.label("att.committee"), 10, False),
                       ("", 10, False), ("", 10, False), ("", 10, False),
                       ("(…………………………………………)", 10, False)], WD_ALIGN_PARAGRAPH.CENTER)


def _footer(document, workshop: Workshop, locale: Locale, day: Day) -> None:
    """Footer with the event, the date and the page number."""
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cur = workshop.curriculum
    _run(footer, f"{cur.short_title or cur.title} · {locale.date(day.date)} · {locale.label('att.page')} ", 8)
    add_field(footer, "PAGE")


def _blank_document():
    """python-docx's default document with a 10 pt body font (the package read, the styles changed once per process)."""
    from docx.api import _default_docx_path

    from builder.render.docx.package import open_document, reuse_styles

    path = _default_docx_path()
    document = open_document(path)
    share_style_memo(document.part, path)
    reuse_styles(document, path, "base-font:10", lambda doc: set_base_font(doc, size_pt=10))
    return document


def attendance_sheet(workshop: Workshop, locale: Locale, day: Day) -> bytes:
    """The daftar hadir of one day: participants, then speakers, moderators, committee and MC."""
    document = _blank_document()
    set_a4(document, margins_cm=1.8)
    accent = workshop.curriculum.branding.accent.lstrip("#")
    people = list(workshop.roster.people)
    groups = [(locale.label("att.participants"), [p for p in people if p.role == "peserta"]),
              (locale.label("att.others"), [p for p in people if p.role != "peserta"])]
    first = True
    for subtitle, members in groups:
        if not members:
            continue
        if not first:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _header_block(document, workshop, locale, day, subtitle)
        _people_table(document, members, locale, accent)
        _line(document, "", 6)
        _signature_block(document, workshop, locale, day)
        first = False
    _footer(document, workshop, locale, day)
    hold_together(document)
    fix_metadata(document, f"{locale.label('att.title').title()} {locale.date(day.date)}", workshop.curriculum.organizer,
                 day.date)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def name_size(text: str, width_pt: float, sizes: tuple[float, ...], max_lines: int = 2) -> float:
    """The largest of ``sizes`` at which bold ``text`` wraps onto at most ``max_lines`` lines (else the smallest).

    Wrapping comes before shrinking: a long name goes onto two lines at a readable size.
    """
    from builder.render.pptx.fit import wrapped_lines

    for size in sizes:
        if wrapped_lines(text, width_pt / size, bold=True) <= max_lines:
            return size
    return sizes[-1]


_NEXT_SHAPE_ID: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # document part -> next picture id
_FILE_PICTURES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # part -> {(path, size): <wp:inline>}


def _picture(run, image, width=None, height=None) -> None:
    """``run.add_picture(image, width, height)``, with the picture ids counted instead of searched for.

    python-docx numbers a picture one above the largest id in the whole document, found by
    searching it every time; every picture of the name cards comes through here, so counting on
    from the first search gives the same ids. A picture file (the logo on every tag) is read once
    and its ``<wp:inline>`` copied.
    """
    from docx.oxml.shape import CT_Inline

    part = run.part
    shape_id = _NEXT_SHAPE_ID.get(part) or part.next_id
    _NEXT_SHAPE_ID[part] = shape_id + 1
    known = _FILE_PICTURES.setdefault(part, {})
    key = (image, width, height) if isinstance(image, str) else None
    inline = known.get(key)
    if inline is None:
        relation, picture = part.get_or_add_image(image)
        width, height = picture.scaled_dimensions(width, height)
        inline = CT_Inline.new_pic_inline(shape_id, relation, picture.filename, width, height)
        if key is not None:
            known[key] = copy.deepcopy(inline)
    else:
        inline = copy.deepcopy(inline)
        inline.docPr.id, inline.docPr.name = shape_id, f"Picture {shape_id}"
    run._r.add_drawing(inline)


def _logo_run(paragraph, workshop: Workshop, height_cm: float) -> None:
    """The branding logo as an inline picture at the start of ``paragraph`` (nothing when none is set)."""
    logo = workshop.curriculum.branding.logo
    if logo:
        _picture(paragraph.add_run(), str(workshop.resolve(logo)), height=Cm(height_cm))
        paragraph.add_run("  ")


def _tag(cell, person: Person, workshop: Workshop, locale: Locale, accent: str) -> None:
    """One name tag: logo and event, role band, name (wrapped before it shrinks), position and agency."""
    role = locale.role(person.role)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    band = cell.paragraphs[0]
    band.alignment = WD_ALIGN_PARAGRAPH.CENTER
    band.paragraph_format.space_after = Pt(6)
    _logo_run(band, workshop, 0.9)
    _run(band, workshop.curriculum.short_title or workshop.curriculum.title, 8, colour="555555")
    inner = cell.add_table(rows=1, cols=1)
    inner.alignment = WD_TABLE_ALIGNMENT.CENTER
    shade_cell(inner.rows[0].cells[0], accent)
    _cell_text(inner.rows[0].cells[0], [(role, 11, True)], WD_ALIGN_PARAGRAPH.CENTER)
    inner.rows[0].cells[0].paragraphs[0].runs[0].font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    from builder.render.certwording import keep_degree_with_name

    display = keep_degree_with_name(person.display_name)
    name = _line(cell, display, name_size(display, 225, (18, 17, 16, 15, 14, 13, 12)), bold=True, after=4)
    name.paragraph_format.space_before = Pt(8)
    if person.position:
        _line(cell, person.position, 9)
    _line(cell, person.agency, 9, italic=True)


def name_tags(document, people: list[Person], workshop: Workshop, locale: Locale) -> None:
    """Pages of 2 x 4 name tags with cutting borders."""
    accent = workshop.curriculum.branding.accent.lstrip("#")
    per_page = TAGS_PER_ROW * TAG_ROWS
    for start in range(0, len(people), per_page):
        if start:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        chunk = people[start:start + per_page]
        rows = (len(chunk) + TAGS_PER_ROW - 1) // TAGS_PER_ROW
        table = document.add_table(rows=rows, cols=TAGS_PER_ROW)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for row in table.rows:
            row.height = TAG_HEIGHT
            row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
            keep_row_together(row)
            for cell in row.cells:
                cell.width = TAG_WIDTH
        for index, person in enumerate(chunk):
            _tag(table.rows[index // TAGS_PER_ROW].cells[index % TAGS_PER_ROW], person, workshop, locale, accent)


# A folded A4 tent: landscape, 1 cm side margins, the fold exactly at half height (10.5 cm).
TENT_MARGIN_CM = 0.6  # top page margin; each half is 10.5 - 0.6 cm high (the bottom margin is 0.3 cm)
TENT_WIDTH_CM = 27.7
TENT_HALF_CM = 10.5 - TENT_MARGIN_CM
TENT_NAME_SIZES = (80, 76, 72, 68, 64, 60, 56, 52, 48, 44, 40)
TENT_DPI = 300
FONT_DIR = "/usr/share/fonts/truetype/crosextra"


def tent_name_size(name: str) -> float:
    """The largest name size at which the name takes at most two lines and the half still holds everything."""
    from builder.render.pptx.fit import line_height, wrapped_lines

    width = TENT_WIDTH_CM / 2.54 * 72 - 24
    room = TENT_HALF_CM / 2.54 * 72 - 150  # logo, event, role and agency lines with their spacing
    for size in TENT_NAME_SIZES:
        lines = wrapped_lines(name, width / size, bold=True)
        if lines <= 2 and lines * line_height(size) <= room:
            return size
    return TENT_NAME_SIZES[-1]


def tent_lines(person: Person, workshop: Workshop, locale: Locale) -> list[tuple[str, float, bool, str]]:
    """The lines of one half of a tent card, from the fold outwards: (text, pt, bold, colour)."""
    from builder.render.certwording import keep_degree_with_name

    cur = workshop.curriculum
    accent = cur.branding.accent.lstrip("#")
    name = keep_degree_with_name(person.display_name)
    role = locale.role(person.role)
    return [(cur.short_title or cur.title, 12, False, "555555"), (role, 16, True, accent),
            (name, tent_name_size(name), True, "1F1F1F"), (person.agency, 16, False, "404040")]


def upside_down_png(lines: list[tuple[str, float, bool, str]], width_cm: float) -> bytes:
    """The lines of the far half of a tent card as a 300 dpi picture turned 180 degrees.

    Word and LibreOffice disagree on rotated text boxes (LibreOffice 7 draws them upright), so the
    far side is a picture drawn with the same Carlito/Calibri metrics; the near side stays text. The
    picture is a palette PNG (each text colour in up to 255 // colours steps of coverage) as tall as
    its lines: a fraction of the work of a full-colour picture of the whole half, and as sharp.
    """
    from PIL import Image, ImageDraw

    scale = TENT_DPI / 72  # pixels per point
    width = round(width_cm / 2.54 * TENT_DPI)
    placed, y = [], 0.0  # (font, line, top, colour)
    for text, size, bold, colour in lines:
        font = _tent_font(bold, round(size * scale))
        for line in _wrap(text, font, width - 20 * scale):
            placed.append((font, line, y, colour))
            y += size * 1.22 * scale
        y += 4 * scale
    colours = list(dict.fromkeys(colour for *_rest, colour in placed))
    levels = 255 // max(1, len(colours))
    image = Image.new("L", (width, max(1, round(y))), 0)  # palette indices; putpalette makes it a "P" image
    palette, alpha = [255, 255, 255], [0]
    for number, colour in enumerate(colours):
        palette += list(bytes.fromhex(colour)) * levels
        alpha += [round(step * 255 / levels) for step in range(1, levels + 1)]
        rows = [(top, font.size) for font, _line, top, ink in placed if ink == colour]
        start = int(rows[0][0])
        end = min(image.height, math.ceil(rows[-1][0] + rows[-1][1] * 1.4))
        mask = Image.new("L", (width, end - start), 0)  # from this colour's first line to its last
        draw = ImageDraw.Draw(mask)
        for font, line, top, ink in placed:
            if ink == colour:
                draw.text((width / 2, top - start), line, font=font, fill=255, anchor="ma")
        base = 1 + number * levels
        shades = mask.point([0] + [base + (a * levels - 1) // 255 for a in range(1, 256)])
        image.paste(shades, (0, start), mask.point([0] + [255] * 255))
    image.putpalette(palette)
    buffer = io.BytesIO()
    image.transpose(Image.Transpose.ROTATE_180).save(buffer, format="PNG", transparency=bytes(alpha), optimize=False)
    return buffer.getvalue()


def upside_down_logo(logo) -> bytes:
    """The branding logo as a 300 dpi picture 1.2 cm high, turned 180 degrees (for the far half)."""
    from PIL import Image

    with Image.open(logo) as source:
        mark = source.convert("RGBA")
    side = round(1.2 / 2.54 * TENT_DPI)
    mark = mark.resize((round(mark.width * side / mark.height), side), Image.LANCZOS)
    buffer = io.BytesIO()
    mark.transpose(Image.Transpose.ROTATE_180).save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


@functools.lru_cache(maxsize=64)
def _tent_font(bold: bool, pixels: int):
    """Carlito (Calibri's metrics) in regular or bold at ``pixels``."""
    from PIL import ImageFont

    return ImageFont.truetype(f"{FONT_DIR}/Carlito-{'Bold' if bold else 'Regular'}.ttf", pixels)


def _wrap(text: str, font, width: float) -> list[str]:
    """Greedy word wrap of ``text`` at ``width`` pixels with ``font``."""
    lines, current = [], ""
    for word in text.split(" "):  # a no-break space joins words
        trial = f"{current} {word}".strip(" ")
        if current and font.getlength(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + ([current] if current else [])


def tent_cards(document, people: list[Person], workshop: Workshop, locale: Locale) -> None:
    """Folded tent cards, one per A4 landscape page, fold at half height: far half upside down, near half upright."""
    cur = workshop.curriculum
    logo = workshop.resolve(cur.branding.logo) if cur.branding.logo else None
    far_logo = upside_down_logo(logo) if logo is not None else None
    for index, person in enumerate(people):
        lines = tent_lines(person, workshop, locale)
        table = document.add_table(rows=2, cols=1)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for row in table.rows:
            row.height = Cm(TENT_HALF_CM)
            row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
            keep_row_together(row)
            row.cells[0].width = Cm(TENT_WIDTH_CM)
        far, near = table.rows[0].cells[0], table.rows[1].cells[0]
        _fold_line(far)
        far.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        _far_half(far, lines, far_logo)
        near.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        head = near.paragraphs[0]
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        head.paragraph_format.space_before = Pt(8)
        if logo is not None:
            _picture(head.add_run(), str(logo), height=Cm(1.2))
        for text, size, bold, colour in lines:
            _line(near, text, size, bold=bold, colour=colour, after=4)
        gap = document.add_paragraph()  # one point high, so the full-page table never pushes it onto a page
        gap.paragraph_format.space_before = gap.paragraph_format.space_after = Pt(0)
        gap.paragraph_format.line_spacing = Pt(1)
        if index < len(people) - 1:
            gap.add_run().add_break(WD_BREAK.PAGE)


def _far_half(cell, lines: list[tuple[str, float, bool, str]], logo: bytes | None) -> None:
    """The far half, upside down from the fold: the lines as one picture, then (nearest the fold) the logo."""
    text = cell.paragraphs[0]
    text.alignment = WD_ALIGN_PARAGRAPH.CENTER
    text.paragraph_format.space_before = Pt(0)
    text.paragraph_format.space_after = Pt(0 if logo is not None else 8)
    _picture(text.add_run(), io.BytesIO(upside_down_png(lines, TENT_WIDTH_CM - 0.4)), width=Cm(TENT_WIDTH_CM - 0.4))
    if logo is not None:
        mark = cell.add_paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        mark.paragraph_format.space_before, mark.paragraph_format.space_after = Pt(6), Pt(8)
        _picture(mark.add_run(), io.BytesIO(logo), height=Cm(1.2))


def _fold_line(cell) -> None:
    """A dashed line under ``cell``: where the tent card is folded."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    cell._tc.get_or_add_tcPr().append(parse_xml(
        f'<w:tcBorders {nsdecls("w")}><w:top w:val="nil"/><w:left w:val="nil"/><w:right w:val="nil"/>'
        '<w:bottom w:val="dashed" w:sz="6" w:space="0" w:color="999999"/></w:tcBorders>'))


def name_cards(workshop: Workshop, locale: Locale) -> bytes:
    """``name-cards.docx``: name tags for everyone, then tent cards for speakers, moderators and the MC."""
    document = _blank_document()
    set_a4(document, margins_cm=1.2)
    people = list(workshop.roster.people)
    name_tags(document, people, workshop, locale)
    tents = [p for p in people if p.role in TENT_ROLES]
    if tents:
        section = document.add_section()
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        section.top_margin, section.bottom_margin = Cm(TENT_MARGIN_CM), Cm(0.3)
        section.left_margin = section.right_margin = Cm(1.0)
        section.header_distance = section.footer_distance = Cm(0.3)
        tent_cards(document, tents, workshop, locale)
    fix_metadata(document, locale.label("att.cards"), workshop.curriculum.organizer, workshop.curriculum.first_date)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@output_kind("attendance", "attendance/daftar-hadir-<date>.docx and attendance/name-cards.docx")
def render(ctx: BuildContext) -> None:
    """Attendance sheets for every day and the name cards, from the roster."""
    workshop = ctx.workshop
    if workshop.roster is None:
        ctx.out.note("attendance", "skipped: the curriculum names no roster")
        return
    if ctx.reuse("attendance", "attendance", people_inputs(workshop)):
        return
    for day in workshop.curriculum.days:
        ctx.progress(f"daftar hadir {day.date.isoformat()}")
        ctx.out.write_office("attendance", f"attendance/daftar-hadir-{day.date.isoformat()}.docx",
                             attendance_sheet(workshop, ctx.locale, day))
    ctx.out.write_office("attendance", "attendance/name-cards.docx", name_cards(workshop, ctx.locale))
