"""The workshop deck: welcome, theme, house rules, each day's agenda and a transition before each session."""

from __future__ import annotations

import re

from pathlib import Path
from typing import Sequence

from builder.check.diagnostics import UserError, display_path
from builder.i18n import Locale
from builder.model.curriculum import AgendaItem, Day
from builder.model.workshop import Workshop
from builder.render.pptx.fit import NoRoom, first_fitting, group_paras, split
from builder.render.pptx.layout import BULLET_SIZES, COVER_SIZES, MAX_BULLETS, Deck, DeckPlan
from builder.render.pptx.tables import table_slides
from builder.render.pptx.template import Template
from builder.render.pptx.text import Para


class WorkshopDeck:
    """The deck for the opening and each day: welcome, theme, house rules, day agendas, transitions."""

    def __init__(self, workshop: Workshop, locale: Locale, template: Template, logo: Path | None) -> None:
        self.workshop, self.locale, self.cur = workshop, locale, workshop.curriculum
        dates = locale.date_range(self.cur.first_date, self.cur.last_date)
        self.dates = dates
        self.deck = Deck(template, f"{self.cur.short_title or self.cur.title} · {dates}", logo, locale.language)

    def label(self, key: str, **values) -> str:
        """A label of the deck's language."""
        return self.locale.label(key, **values)

    def error(self, what: str, message: str) -> UserError:
        """A UserError about a curriculum field (``what``: ``days[0]``), located in the curriculum's file."""
        path = tuple(int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", what))
        found = self.cur.where(path)
        where = f"{display_path(found[0])}:{found[1]}:{found[2]}" if found else f"curriculum {self.cur.id}"
        return UserError(f"{where}: {what}: {message}", "shorten the text")

    def fill(self, slide, layout: str, idx: int, paras: list[Para], sizes: Sequence[float], what: str) -> None:
        """Fill a placeholder at the largest fitting size or fail naming the curriculum field."""
        fitted = first_fitting(paras, self.deck.box(layout, idx), sizes)
        if fitted is None:
            raise self.error(what, "too long for its box on the slide")
        self.deck.fill(slide, layout, idx, fitted)

    def build(self) -> DeckPlan:
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
        table_slides(self.deck, self.label("slides.day_agenda", day=heading), columns, rows, "\n".join(notes),
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
