"""Benchmark one deck in-process against a bare python-pptx script writing the same slides.

Usage: python3 bench/bench_deck.py [CURRICULUM] [--module ID] [--repeat 9]

The deck is the module deck with the most slides of the workshop (or ``--module``). The bare
script gets the deck's content as plain data (layout, title, paragraphs with their runs, sizes
and bold/italic, tables, pictures, the head-table cards, footer, slide number, logo and notes)
and writes it with python-pptx's public API on the same master file (the accent applied), as a
script written without the toolkit would; it does not fit or split anything. Three figures are
timed, runs interleaved (toolkit, bare, toolkit, ...), imports and the one-time parse of the
master excluded from all of them (a warm-up run of each comes first):

- ``write``: :func:`~builder.render.pptx.writer.write_deck` of the laid-out deck;
- ``deck``: laying the deck out and writing it (:func:`~builder.render.slides.render_module_deck`);
- ``bare``: the bare python-pptx script.

Medians of CPU time (``time.process_time``, steadier than wall time on a shared machine) and of
wall time are printed with the ratios. Target (issue 18): ``deck`` at most 1.3 x ``bare``.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pptx import Presentation  # noqa: E402
from pptx.util import Inches, Pt  # noqa: E402

from builder.i18n import Locale  # noqa: E402
from builder.render.pptx.layout import Fill  # noqa: E402
from builder.render.pptx.shapes import LEFT, TOP, HeadTable, Picture, card_box  # noqa: E402
from builder.render.pptx.tables import Table  # noqa: E402
from builder.render.pptx.template import FOOTER, SLIDE_NUMBER, _kind, prepare_template  # noqa: E402
from builder.render.pptx.writer import write_deck  # noqa: E402
from builder.render.slides import lay_out_deck, logo_path  # noqa: E402
from builder.sources.project import default_curriculum, load_workshop  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


@dataclass
class BareSlide:
    """One slide as plain data: what a script without the toolkit would be given."""

    layout: str
    title: list = field(default_factory=list)  # paragraphs: (size, [(text, bold, italic)])
    fills: list = field(default_factory=list)  # (idx, paragraphs)
    tables: list = field(default_factory=list)  # (idx, header, rows, size, widths in points)
    pictures: list = field(default_factory=list)  # (idx, path)
    cards: list = field(default_factory=list)  # head table: (paragraphs, principal)
    footer: str = ""
    notes: str = ""


def paragraphs(paras) -> list:
    """Plain (size, runs) of fitted paragraphs."""
    return [(p.size, [(t, p.bold or b, p.italic or i) for t, b, i in p.pieces]) for p in paras]


def plain_slides(plan) -> list[BareSlide]:
    """The deck's content as plain data (outside the timed part)."""
    slides = []
    for slide in plan.slides:
        footer = next((f.text for f in slide.footers if f is not None), "")
        bare = BareSlide(slide.layout, paragraphs(slide.title or ()), footer=footer, notes=slide.notes)
        for shape in slide.shapes:
            if isinstance(shape, Fill):
                bare.fills.append((shape.idx, paragraphs(shape.paras)))
            elif isinstance(shape, Table):
                bare.tables.append((shape.idx, shape.columns, shape.rows, shape.size, shape.widths))
            elif isinstance(shape, Picture):
                bare.pictures.append((shape.idx, str(shape.source)))
            elif isinstance(shape, HeadTable):
                bare.cards = [(paragraphs(lines), principal) for lines, principal in shape.cards]
        slides.append(bare)
    return slides


def bare_deck(master: bytes, slides: list[BareSlide], logo: str | None) -> bytes:
    """Write ``slides`` with python-pptx's public API only (the bare script)."""
    prs = Presentation(io.BytesIO(master))
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    for number, plain in enumerate(slides, start=1):
        slide = prs.slides.add_slide(layouts[plain.layout])
        if plain.title:
            fill_text(slide.shapes.title.text_frame, plain.title)
        for idx, paras in plain.fills:
            fill_text(slide.placeholders[idx].text_frame, paras)
        for idx, header, rows, size, widths in plain.tables:
            table = slide.placeholders[idx].insert_table(len(rows) + 1, len(header)).table
            for column, width in zip(table.columns, widths):
                column.width = Pt(width)
            for r, row in enumerate((header, *rows)):
                for c, text in enumerate(row):
                    fill_text(table.cell(r, c).text_frame, [(size, [(text, r == 0, False)])])
        for idx, path in plain.pictures:
            slide.placeholders[idx].insert_picture(path)
        for index, (paras, _principal) in enumerate(plain.cards):
            box = slide.shapes.add_shape(5, Pt(LEFT + index * 180), Pt(TOP + 30), Pt(170), Pt(170))
            fill_text(box.text_frame, paras)
        for source in slide.slide_layout.placeholders:
            if _kind(source) == FOOTER and plain.footer:
                slide.shapes.clone_placeholder(source)
                fill_text(slide.shapes[-1].text_frame, [(11, [(plain.footer, False, False)])])
            elif _kind(source) == SLIDE_NUMBER:
                slide.shapes.clone_placeholder(source)
                fill_text(slide.shapes[-1].text_frame, [(11, [(str(number), False, False)])])
        if logo:
            slide.shapes.add_picture(logo, prs.slide_width - Inches(1.2), Inches(0.35), height=Inches(0.75))
        if plain.notes:
            slide.notes_slide.notes_text_frame.text = plain.notes
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def fill_text(frame, paras) -> None:
    """Put (size, runs) paragraphs into a text frame with python-pptx's text API."""
    frame.clear()
    for index, (size, runs) in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        for text, bold, italic in runs:
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(size)
            if bold:
                run.font.bold = True
            if italic:
                run.font.italic = True


def timed(work) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    """Lay out the deck, time the three figures interleaved, print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("curriculum", nargs="?", type=Path)
    parser.add_argument("--module", help="the module whose deck is timed (default: the one with most slides)")
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    workshop, report = load_workshop(args.curriculum or default_curriculum(REPO))
    if workshop is None:
        sys.exit("\n".join(d.format() for d in report.errors))
    locale = Locale(workshop.curriculum.language)
    template = prepare_template(workshop)
    plans = {m: lay_out_deck(workshop, m, locale, template) for m in workshop.modules}
    module = args.module or max(plans, key=lambda m: len(plans[m].slides))
    plan = plans[module]
    slides, logo = plain_slides(plan), logo_path(workshop)
    logo = str(logo) if logo else None
    work = {
        "write": lambda: write_deck(plan, template),
        "deck": lambda: write_deck(lay_out_deck(workshop, module, locale, template), template),
        "bare": lambda: bare_deck(template.data, slides, logo),
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in work}
    for name, run in work.items():
        run()  # warm-up: imports, the master parsed once, prototypes made
    for _ in range(args.repeat):
        for name, run in work.items():
            times[name].append(timed(run))
    cpu = {name: statistics.median(t[0] for t in runs) for name, runs in times.items()}
    wall = {name: statistics.median(t[1] for t in runs) for name, runs in times.items()}
    print(f"deck:   {module} ({len(plan.slides)} slides) of {workshop.id}; medians of {args.repeat} interleaved runs, "
          "imports and the master's first parse excluded")
    print(f"{'':8}{'CPU s':>8}{'wall s':>8}{'x bare':>8}")
    for name in work:
        print(f"{name:8}{cpu[name]:8.3f}{wall[name]:8.3f}{cpu[name] / cpu['bare']:8.2f}")


if __name__ == "__main__":
    main()
