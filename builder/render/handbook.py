"""The participant handbook's content: table of contents, welcome, agenda and every handout.

The document around it (template, cover, output kind ``handbook``) is in :mod:`builder.render.handouts`.
"""

from __future__ import annotations

from docx.shared import Cm, Pt

from builder.i18n import Locale
from builder.model.curriculum import AgendaItem
from builder.model.workshop import Workshop
from builder.render.docx.blocks import add_literal, add_text_run, add_toc, data_table, heading, page_break, spacer, tight
from builder.render.docx.content import Page, add_notes_page, bullet_list, facts_table, handout_content, module_facts
from builder.render.docx.util import keep_table_whole


def welcome_text(workshop: Workshop, locale: Locale) -> list[str]:
    """The welcome (kata pengantar) paragraphs, written from the curriculum."""
    cur = workshop.curriculum
    titles = [m.title for m in workshop.modules.values()]
    dates = locale.date_range(cur.first_date, cur.last_date)
    days = len(cur.days)
    joined = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + f" {locale.label('and')} " + titles[-1]
    place = {"title": cur.title, "organizer": cur.organizer, "venue": cur.venue, "city": cur.city, "dates": dates}
    first = (locale.label("handout.welcome_first_theme", theme=cur.theme, **place) if cur.theme
             else locale.label("handout.welcome_first", **place))
    second = locale.label("handout.welcome_second", days=days, sessions=len(titles), titles=joined, jp=cur.jp)
    third = locale.label("handout.welcome_third")
    return [first, second, third]


def add_welcome(page: Page, bookmark: tuple[str, int] | None = None) -> None:
    """The welcome page, closed by the organizer."""
    heading(page.doc, page.label("welcome"), 1, bookmark=bookmark)
    for text in welcome_text(page.workshop, page.locale):
        add_literal(page.doc, text)
    closing = page.doc.add_paragraph()
    closing.alignment = 2
    closing.paragraph_format.space_before = Pt(18)
    add_text_run(closing, page.workshop.curriculum.organizer, bold=True)
    rules = page.workshop.curriculum.house_rules
    if rules:
        heading(page.doc, page.label("house_rules"), 2)
        bullet_list(page, list(rules), style="List Number")


def agenda_activity(workshop: Workshop, item: AgendaItem, locale: Locale) -> str:
    """The activity text of an agenda row (title, module title, ceremony programme)."""
    title = item.title
    if item.kind == "session" and item.module:
        module_title = workshop.modules[item.module].title
        title = f"{title}: {module_title}" if title and title != module_title else module_title
    lines = [title or locale.label(f"kind.{item.kind}")]
    lines += [f"{n}. {step}" for n, step in enumerate(item.program, start=1)]
    return "\n".join(lines)


def add_agenda(page: Page, bookmark: tuple[str, int] | None = None) -> None:
    """The agenda of every day as tables."""
    heading(page.doc, page.locale.label("agenda"), 1, bookmark=bookmark)
    zone = page.workshop.curriculum.zone_abbreviation
    for number, day in enumerate(page.workshop.curriculum.days, start=1):
        title = page.label("agenda_day", n=number, date=page.locale.date(day.date))
        heading(page.doc, f"{title}: {day.title}" if day.title else title, 2)
        rows = []
        for item in day.items:
            people = " / ".join(p for p in (item.facilitator, item.moderator) if p)
            rows.append([page.locale.time_range(item.start, item.end), agenda_activity(page.workshop, item, page.locale),
                         people])
        columns = [f"{page.locale.label('time')} ({zone})", page.locale.label("activity"), page.label("agenda_speaker")]
        table = data_table(page.doc, columns, rows, page.accent, widths=[2.6, 9.0, 5.4])
        _split_lines_in_cells(table)
        keep_table_whole(table)  # one day of the agenda on one page
        spacer(page.doc)


def _split_lines_in_cells(table) -> None:
    """Bold the first line of each activity cell (the rest is the ceremony programme)."""
    for row in table.rows[1:]:
        cell = row.cells[1]
        runs = cell.paragraphs[0].runs
        if runs and "\n" in runs[0].text:
            first, rest = runs[0].text.split("\n", 1)
            runs[0].text = first
            runs[0].bold = True
            for line in rest.split("\n"):
                paragraph = cell.add_paragraph()
                tight(paragraph, after=0)
                paragraph.paragraph_format.left_indent = Cm(0.3)
                add_text_run(paragraph, line, size=9)


def handbook_content(page: Page) -> None:
    """Table of contents, welcome, agenda and all participant handouts in agenda order."""
    toc_title = page.doc.add_paragraph(style="TOC Heading")
    add_text_run(toc_title, page.label("toc"))
    titles = [page.label("welcome"), page.locale.label("agenda")]
    titles += [module.title for module in page.workshop.modules.values()]
    marks = [(f"_Toc{1000 + n}", 1000 + n) for n in range(len(titles))]
    add_toc(page.doc, [(1, title, mark[0]) for title, mark in zip(titles, marks)], wrap=False)
    page_break(page.doc)
    add_welcome(page, marks[0])
    page_break(page.doc)
    add_agenda(page, marks[1])
    for module, mark in zip(page.workshop.modules.values(), marks[2:]):
        page_break(page.doc)
        heading(page.doc, module.title, 1, bookmark=mark)
        facts_table(page, module_facts(page, module)[:-2])
        handout_content(page, module, level=2, notes=False)
    add_notes_page(page, 1)
