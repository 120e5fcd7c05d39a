"""The agenda (jadwal acara): every day's items with times, speakers and JP, as ``agenda.docx``."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from builder.i18n import Locale
from builder.model.curriculum import AgendaItem, Day
from builder.render import BuildContext, output_kind
from builder.render.inputs import outline
from builder.model.workshop import Workshop
from builder.resources import template_path

if TYPE_CHECKING:  # docxtpl is imported where it is used: commands that render nothing stay fast
    from docxtpl import RichText

TEMPLATE = template_path("agenda.docx")


class _CompilingOnce(SandboxedEnvironment):
    """A sandboxed environment that compiles each template source once per process.

    docxtpl compiles the body, header, footer and property texts of a template on every render;
    they are the same strings for every document made from one template.
    """

    _compiled: dict = {}

    def from_string(self, source, globals=None, template_class=None):
        """The compiled template of ``source`` (a cached one for plain string sources)."""
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        key = (source, self.autoescape)
        if key not in self._compiled:
            self._compiled[key] = super().from_string(source)
        return self._compiled[key]


def jinja_env() -> SandboxedEnvironment:
    """A Jinja environment that escapes every value and fails on undefined names."""
    return _CompilingOnce(autoescape=True, undefined=StrictUndefined)


def item_activity(workshop: Workshop, item: AgendaItem, locale: Locale) -> RichText:
    """The 'activity' cell: title (or module title), then a ceremony's numbered susunan acara."""
    from docxtpl import RichText

    text = RichText()
    title = item.title
    if item.kind == "session" and item.module:
        title = title or workshop.modules[item.module].title
    text.add(title or locale.label(f"kind.{item.kind}"), bold=item.kind in ("session", "ceremony"))
    if item.kind == "session" and item.module and item.title and item.title != workshop.modules[item.module].title:
        text.add("\n" + workshop.modules[item.module].title, italic=True, size=18)
    for number, step in enumerate(item.program, start=1):
        text.add(f"\n{number}. {step}", size=18)
    if item.location:
        text.add(f"\n{item.location}", italic=True, size=18)
    return text


def day_context(workshop: Workshop, index: int, day: Day, locale: Locale) -> dict:
    """Rows and totals of one day for the template."""
    rows = []
    for item in day.items:
        jp = item.minutes / 45 if item.counts_for_jp else 0
        rows.append({
            "time": locale.time_range(item.start, item.end),
            "activity": item_activity(workshop, item, locale),
            "facilitator": item.facilitator,
            "moderator": item.moderator,
            "jp": f"{jp:g}" if jp else "–",
        })
    jp_day = day.learning_minutes / 45
    heading = f"{locale.label('day', n=index + 1)} — {locale.date(day.date)}"
    if day.title:
        heading += f": {day.title}"
    return {"heading": heading, "rows": rows, "jp": f"{jp_day:g}"}


def agenda_context(workshop: Workshop, locale: Locale) -> dict:
    """Everything the agenda template shows."""
    from builder.render.docx.util import lighten  # python-docx stays off commands that render nothing

    cur = workshop.curriculum
    zone = cur.zone_abbreviation
    minutes = cur.learning_minutes
    return {
        "labels": locale.labels(),
        "organizer_upper": cur.organizer.upper(),
        "header_line": " · ".join(cur.branding.organizer_lines) or f"{cur.city}, {cur.province}",
        "footer_text": cur.short_title or cur.title,
        "title": cur.title,
        "theme": cur.theme,
        "venue_line": f"{cur.venue}, {cur.city}, {cur.province}",
        "dates_line": f"{locale.date_range(cur.first_date, cur.last_date)} · {locale.label('time')} {zone}",
        "days": [day_context(workshop, i, d, locale) for i, d in enumerate(cur.days)],
        "total_line": f"{locale.label('jp_total')}: {minutes / 45:g} {locale.label('jp')} ({minutes} {locale.label('minutes_unit')})",
        "accent": cur.branding.accent.lstrip("#"),
        "accent_light": lighten(cur.branding.accent),
    }


def render_agenda(workshop: Workshop, locale: Locale, template: Path = TEMPLATE) -> bytes:
    """Render ``agenda.docx`` and return its bytes."""
    from builder.render.docx.template import WorkshopTemplate
    from builder.render.docx.util import fix_metadata, hold_together

    document = WorkshopTemplate(str(template))
    document.render(agenda_context(workshop, locale), jinja_env=jinja_env(), autoescape=True)
    hold_together(document.docx, whole_tables=True)  # one day stays on one page
    fix_metadata(document.docx, f"{locale.label('agenda')} — {workshop.curriculum.title}",
                 workshop.curriculum.organizer, workshop.curriculum.first_date)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@output_kind("agenda", "agenda.docx")
def build_agenda(ctx: BuildContext) -> None:
    """Write the workshop agenda."""
    if ctx.reuse("agenda", "agenda", outline(ctx.workshop)):
        return
    ctx.out.write_office("agenda", "agenda.docx", render_agenda(ctx.workshop, ctx.locale))
