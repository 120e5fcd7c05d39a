"""Organizer documents: daily attendance sheets (daftar hadir) and name cards (name tags and tent cards)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt, RGBColor

from builder.domain.certificates import ROLE_WORDS, fitted_size
from builder.render.docx.util import add_field, fix_metadata, keep_row_together, repeat_as_header, set_a4, set_base_font, shade_cell
from builder.i18n import Locale, add_labels
from builder.model.curriculum import Day
from builder.render import BuildContext, output_kind, preflight
from builder.model.workshop import Workshop
from builder.sources.roster import Person

add_labels({
    "id": {"att.title": "DAFTAR HADIR", "att.participants": "Peserta", "att.others": "Narasumber, Moderator, Panitia dan Pembawa Acara",
           "att.day": "Hari/Tanggal", "att.place": "Tempat", "att.event": "Kegiatan", "att.no": "No.",
           "att.name": "Nama / NIP", "att.agency": "Jabatan / Instansi", "att.signature": "Tanda Tangan",
           "att.role": "Peran", "att.known": "Mengetahui,", "att.committee": "Panitia Penyelenggara",
           "att.page": "Halaman", "att.cards": "Kartu Nama", "att.tags": "Tanda pengenal", "att.tents": "Papan nama meja"},
    "en": {"att.title": "ATTENDANCE LIST", "att.participants": "Participants", "att.others": "Speakers, Moderators, Committee and MC",
           "att.day": "Day/Date", "att.place": "Venue", "att.event": "Event", "att.no": "No.",
           "att.name": "Name / NIP", "att.agency": "Position / Agency", "att.signature": "Signature",
           "att.role": "Role", "att.known": "Acknowledged,", "att.committee": "Organizing Committee",
           "att.page": "Page", "att.cards": "Name Cards", "att.tags": "Name tags", "att.tents": "Table tent cards"},
})

TAGS_PER_ROW, TAG_ROWS = 2, 4
TAG_WIDTH, TAG_HEIGHT = Cm(8.9), Cm(6.3)
TENT_ROLES = ("narasumber", "moderator", "pembawa acara")


def _run(paragraph, text: str, size: float, bold: bool = False, colour: str | None = None, italic: bool = False):
    """Add a formatted run."""
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    return run


def _line(container, text: str, size: float, bold: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER,
          after: float = 0, colour: str | None = None, italic: bool = False):
    """Add a paragraph holding one run."""
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    _run(paragraph, text, size, bold, colour, italic)
    return paragraph


def _cell_text(cell, lines: list[tuple[str, float, bool]], align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    """Fill a table cell with lines of (text, size, bold)."""
    cell.paragraphs[0].text = ""
    for index, (text, size, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, text, size, bold)


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
    for number, person in enumerate(people, start=1):
        row = table.add_row()
        row.height = Cm(1.15)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        keep_row_together(row)
        cells = row.cells
        _cell_text(cells[0], [(f"{number}.", 10, False)], WD_ALIGN_PARAGRAPH.CENTER)
        name_lines = [(person.display_name, 10, True)] + ([(f"NIP {person.nip_display}", 8.5, False)] if person.nip else [])
        _cell_text(cells[1], name_lines)
        _cell_text(cells[2], [(person.position, 8.5, False), (person.agency, 8.5, False)] if person.position
                   else [(person.agency, 8.5, False)])
        side = cells[3] if number % 2 else cells[4]
        _cell_text(side, [(f"{number}.", 8, False)])
        for cell in cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


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


def attendance_sheet(workshop: Workshop, locale: Locale, day: Day) -> bytes:
    """The daftar hadir of one day: participants, then speakers, moderators, committee and MC."""
    document = Document()
    set_a4(document, margins_cm=1.8)
    set_base_font(document, size_pt=10)
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
    fix_metadata(document, f"{locale.label('att.title').title()} {locale.date(day.date)}", workshop.curriculum.organizer,
                 day.date)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _tag(cell, person: Person, workshop: Workshop, locale: Locale, accent: str) -> None:
    """One name tag: role band, name, position and agency, event."""
    role = ROLE_WORDS[locale.language][person.role]
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    band = cell.paragraphs[0]
    band.alignment = WD_ALIGN_PARAGRAPH.CENTER
    band.paragraph_format.space_after = Pt(10)
    _run(band, workshop.curriculum.short_title or workshop.curriculum.title, 8, colour="555555")
    inner = cell.add_table(rows=1, cols=1)
    inner.alignment = WD_TABLE_ALIGNMENT.CENTER
    shade_cell(inner.rows[0].cells[0], accent)
    _cell_text(inner.rows[0].cells[0], [(role, 11, True)], WD_ALIGN_PARAGRAPH.CENTER)
    inner.rows[0].cells[0].paragraphs[0].runs[0].font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    size = fitted_size(person.display_name, 18, 10, 215, em=0.55)
    name = _line(cell, person.display_name, size, bold=True, after=4)
    name.paragraph_format.space_before = Pt(12)
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


def upside_down_png(lines: list[tuple[str, float, bool]], width_cm: float, height_cm: float) -> bytes:
    """A picture of ``lines`` (text, pt, bold) turned 180 degrees: the far side of a folded tent card.

    Word and LibreOffice disagree on rotated text boxes (LibreOffice draws them upright), so the
    far side is a picture; the near side stays editable text.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    figure = plt.figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=200)
    total = sum(size for _t, size, _b in lines) * 1.35
    y = 0.5 - total / 2 / (height_cm / 2.54 * 72)
    for text, size, bold in lines:
        step = size * 1.35 / (height_cm / 2.54 * 72)
        figure.text(0.5, y + step / 2, text, ha="center", va="center", rotation=180, fontsize=size,
                    fontweight="bold" if bold else "normal", family=["Carlito", "Calibri", "DejaVu Sans"])
        y += step
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", transparent=True, metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def tent_cards(document, people: list[Person], workshop: Workshop, locale: Locale) -> None:
    """Folded table cards, one per A4 landscape page: upper half upside down, lower half upright."""
    for index, person in enumerate(people):
        if index:  # the section break already starts the first card on a new page
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        size = fitted_size(person.display_name, 40, 20, 700, em=0.58)
        role = ROLE_WORDS[locale.language][person.role]
        upper = document.add_paragraph()
        upper.alignment = WD_ALIGN_PARAGRAPH.CENTER
        upper.paragraph_format.space_after = Pt(0)
        picture = upside_down_png([(person.agency, 12, False), (person.display_name, size, True), (role, 14, True)],
                                  25.0, 6.5)
        upper.add_run().add_picture(io.BytesIO(picture), width=Cm(25.0))
        fold = _line(document, "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -", 8,
                     colour="999999")
        fold.paragraph_format.space_before = Pt(18)
        fold.paragraph_format.space_after = Pt(40)
        _line(document, role, 14, bold=True, colour=workshop.curriculum.branding.accent.lstrip("#"), after=10)
        _line(document, person.display_name, size, bold=True, after=6)
        _line(document, person.agency, 12, italic=True)


def name_cards(workshop: Workshop, locale: Locale) -> bytes:
    """``name-cards.docx``: name tags for everyone, then tent cards for speakers, moderators and the MC."""
    document = Document()
    set_a4(document, margins_cm=1.2)
    set_base_font(document, size_pt=10)
    people = list(workshop.roster.people)
    name_tags(document, people, workshop, locale)
    tents = [p for p in people if p.role in TENT_ROLES]
    if tents:
        section = document.add_section()
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        section.top_margin = section.bottom_margin = Cm(1.5)
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
    for day in workshop.curriculum.days:
        ctx.progress(f"daftar hadir {day.date.isoformat()}")
        ctx.out.write_office("attendance", f"attendance/daftar-hadir-{day.date.isoformat()}.docx",
                             attendance_sheet(workshop, ctx.locale, day))
    ctx.out.write_office("attendance", "attendance/name-cards.docx", name_cards(workshop, ctx.locale))


@preflight("attendance")
def check_name_fonts(ctx: BuildContext) -> list:
    """Warn about names and agencies with letters that no installed font prints."""
    from builder.check.fonts import coverage_diagnostics

    roster = ctx.workshop.roster
    return coverage_diagnostics(roster.people, roster.path) if roster is not None else []
