"""The deck of one module: cover, objectives, agenda, sections, exercises, check questions, closing.

:class:`ModuleDeck` lays the slides out on a :class:`~builder.render.pptx.layout.Deck`; every text
is fitted there with :mod:`builder.render.pptx.fit`. Long sections continue on "(lanjutan)"
slides, long titles get a smaller font, and an item that cannot fit even alone is a
:class:`~builder.check.diagnostics.UserError` located at its line in the module's YAML file (the
positions travel with the model: :meth:`builder.model.module.Module.where`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from builder.check.diagnostics import UserError, display_path
from builder.i18n import Locale
from builder.model.curriculum import AgendaItem, Day
from builder.model.module import Module, Section
from builder.model.workshop import Workshop
from builder.render.decks.quiz import answer_notes, answer_parts, pick_questions, question_paras
from builder.render.pptx.fit import NoRoom, first_fitting, group_paras, paired_pages, split
from builder.render.pptx.layout import (BULLET_SIZES, CONTINUED_NOTE_CHARS, COVER_SIZES, MAX_BULLETS, Deck,
                                        DeckPlan)
from builder.render.pptx.shapes import Picture, head_table
from builder.render.pptx.tables import table_slides
from builder.render.pptx.template import Template
from builder.render.pptx.text import Para, inline_plain, rich_paras
from builder.render.richtext import plain_text
from builder.model.located import format_path


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
    """Lays out the deck of one module (a :class:`~builder.render.pptx.layout.DeckPlan`)."""

    def __init__(self, workshop: Workshop, module: Module, locale: Locale, template: Template,
                 logo: Path | None) -> None:
        self.workshop, self.module, self.locale = workshop, module, locale
        self.cur = workshop.curriculum
        self.slots = where_taught(workshop, module.id)
        first = self.slots[0][0].date if self.slots else self.cur.first_date
        self.date = first
        footer = f"{self.cur.short_title or self.cur.title} · {locale.date(first, weekday=False)}"
        self.deck = Deck(template, footer, logo, locale.language)
        self.facilitators = list(dict.fromkeys(i.facilitator for _d, items in self.slots for i in items if i.facilitator))

    # -- errors pointing at the module file

    def error(self, path: tuple, message: str, hint: str) -> UserError:
        """A UserError located at ``path`` in the module's YAML file (positions kept in the model)."""
        return UserError(f"{self.where(path)}: {format_path(path)}: {message}", hint)

    def where(self, path: tuple) -> str:
        """``file:line:col`` of ``path`` in the module's source (the file alone, or the id, when unknown)."""
        file = self.workshop.module_files.get(self.module.id)
        found = self.module.where(path)
        if found is None:
            return display_path(file) if file is not None else f"module {self.module.id}"
        source, line, column = found
        return f"{display_path(file if file is not None else source)}:{line}:{column}"

    def label(self, key: str, **values) -> str:
        """A label of the deck's language."""
        return self.locale.label(key, **values)

    # -- slides

    def build(self) -> DeckPlan:
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
            at = self.locale.label("time.at", time=f"{ranges} {zone}")
            details.append(Para(f"{self.locale.date(day.date)}, {at}", 18, space_before=4,
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
        table_slides(self.deck, title, columns, rows, notes, self.label("continued"),
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
        slide.shapes.append(Picture(1, source, image.alt or image.caption))
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
        paras = rich_paras(exercise.instructions, 20)
        if exercise.context.strip():
            paras.append(Para(self.label("slides.context"), 20, bold=True, space_before=12, markup=False,
                              keep_with_next=True))
            paras += rich_paras(exercise.context, 20)
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
        slide.shapes.append(head_table(self.deck.box("Judul dan Isi", 1), seats,
                                       [officials[str(exercise.solution[seat])] for seat in seats], self.label,
                                       self.cur.branding.accent.lstrip("#")))

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
