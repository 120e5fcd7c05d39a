"""Write the scoring report: an .xlsx workbook and a one-page .docx summary with charts."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from builder.i18n import Locale
from builder.write.cells import safe_row
from builder.domain.scoring import Scores, item_analysis, module_results, objective_results, person_results

HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list], widths: list[int] | None = None):
    """Add a sheet with a bold header row, frozen below the header."""
    sheet = workbook.create_sheet(title)
    sheet.append(safe_row(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for row in rows:
        sheet.append(safe_row(row))
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _pct(value: float | None):
    return None if value is None else round(value, 1)


def _locale(scores: Scores, locale: Locale | None) -> Locale:
    """``locale``, or the curriculum's language."""
    return locale or Locale(scores.workshop.curriculum.language)


def report_workbook(scores: Scores, locale: Locale | None = None) -> bytes:
    """The scoring workbook: summary, participants, modules, objectives, items, problems."""
    label = _locale(scores, locale).label
    people = person_results(scores)
    workbook = Workbook()
    summary = workbook.active
    summary.title = label("score.sheet.summary")
    with_pre = [p.pre for p in people if p.pre is not None]
    with_post = [p.post for p in people if p.post is not None]
    gains = [p.gain for p in people if p.gain is not None]
    lines = [
        (label("score.event"), scores.workshop.curriculum.title),
        (label("score.assessed"), len(people)),
        (label("score.took_pre"), len(with_pre)),
        (label("score.took_post"), len(with_post)),
        (label("score.mean_pre_pct"), _pct(sum(with_pre) / len(with_pre)) if with_pre else None),
        (label("score.mean_post_pct"), _pct(sum(with_post) / len(with_post)) if with_post else None),
        (label("score.mean_gain_long"), round(sum(gains) / len(gains), 3) if gains else None),
        (label("score.gain_high"), sum(1 for p in people if p.band == "tinggi")),
        (label("score.gain_medium"), sum(1 for p in people if p.band == "sedang")),
        (label("score.gain_low"), sum(1 for p in people if p.band == "rendah")),
        (label("score.problem_rows"), len(scores.problems)),
    ]
    for text, value in lines:
        summary.append(safe_row([text, value]))
    summary.column_dimensions["A"].width = 36
    summary.column_dimensions["B"].width = 60
    _sheet(workbook, label("score.sheet.people"), _columns(label, "rank name nip agency pre post gain band"),
           [[p.rank, p.name, p.nip, p.agency, _pct(p.pre), _pct(p.post), None if p.gain is None else round(p.gain, 3),
             _band(label, p.band)]
            for p in people], [10, 34, 21, 32, 13, 13, 10, 14])
    names = {p.person: p.name for p in people}
    _sheet(workbook, label("score.sheet.modules"), _columns(label, "name module test score"),
           [[names.get(person, person), module, pool, _pct(value)] for person, module, pool, value in module_results(scores)],
           [34, 26, 8, 10])
    _sheet(workbook, label("score.sheet.objectives"), _columns(label, "module objective test right_pct answers"),
           [[m, o, p, _pct(v), n] for m, o, p, v, n in objective_results(scores)], [26, 10, 8, 12, 16])
    _sheet(workbook, label("score.sheet.items"),
           _columns(label, "test item objective question answered p d spread review"),
           [[s.test, s.key, s.objective, s.question, s.answered, round(s.p, 3), None if s.d is None else round(s.d, 3),
             "; ".join(f"{k}: {v}" for k, v in s.distractors.items()), _flags(label, s.flags)] for s in item_analysis(scores)],
           [22, 26, 8, 60, 10, 12, 12, 30, 30])
    _sheet(workbook, label("score.sheet.problems"), _columns(label, "file line column severity message code"),
           [[d.file, d.line, d.column, d.severity, d.message, d.code] for d in scores.problems], [30, 8, 8, 10, 80, 24])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _columns(label, names: str) -> list[str]:
    """The header labels ``score.col.<name>`` of the space-separated ``names``."""
    return [label(f"score.col.{name}") for name in names.split()]


def _band(label, band: str) -> str:
    """A gain band (``tinggi``, ``sedang``, ``rendah`` or "") in the report's language."""
    return label(f"score.band.{band}") if band else band


def _flags(label, flags: list[str]) -> str:
    """An item's review flags in the report's language."""
    return ", ".join(label(f"score.flag.{flag}") for flag in flags)


def charts_png(scores: Scores, locale: Locale | None = None) -> dict[str, bytes]:
    """Three PNG charts: score distribution pre vs post, gain per participant, difficulty vs discrimination."""
    label = _locale(scores, locale).label
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    people = person_results(scores)
    charts: dict[str, bytes] = {}

    def save(fig) -> bytes:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
        plt.close(fig)
        return buffer.getvalue()

    fig, ax = plt.subplots(figsize=(6.4, 2.3))
    bins = list(range(0, 101, 10))
    ax.hist([[p.pre for p in people if p.pre is not None], [p.post for p in people if p.post is not None]],
            bins=bins, label=["Pre-test", "Post-test"], color=["#9DB4D0", "#1F5F8B"])
    ax.set_xlabel(label("score.chart.score"))
    ax.set_ylabel(label("score.chart.people"))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(label("score.chart.distribution"))
    ax.legend()
    charts["distribution"] = save(fig)

    paired = sorted((p for p in people if p.gain is not None), key=lambda p: p.gain)
    fig, ax = plt.subplots(figsize=(6.4, 2.3))
    ax.bar(range(len(paired)), [p.gain for p in paired], color="#1F5F8B")
    ax.axhline(0.7, color="#2E7D32", linestyle="--", linewidth=1, label=label("score.chart.high"))
    ax.axhline(0.3, color="#C62828", linestyle="--", linewidth=1, label=label("score.chart.medium"))
    ax.set_xlabel(label("score.chart.people_sorted"))
    ax.set_ylabel(label("score.chart.gain"))
    ax.set_title(label("score.chart.gain_title"))
    ax.legend(fontsize=7)
    charts["gain"] = save(fig)

    stats = [s for s in item_analysis(scores) if s.d is not None]
    fig, ax = plt.subplots(figsize=(6.4, 2.3))
    ax.scatter([s.p for s in stats], [s.d for s in stats], color="#1F5F8B", s=14)
    ax.axhline(0.2, color="#C62828", linestyle="--", linewidth=1)
    ax.set_xlim(0, 1)
    ax.set_ylim(-1, 1)
    ax.set_xlabel(label("score.chart.p"))
    ax.set_ylabel(label("score.chart.d"))
    ax.set_title(label("score.chart.items"))
    charts["items"] = save(fig)
    return charts


def _number(value: float | None, digits: int = 1, locale: Locale | None = None) -> str:
    """A number with the language's decimal mark (Indonesian by default), or an en dash when missing."""
    return "–" if value is None else (locale or Locale("id")).number(value, digits)


def _mean(values: list[float]) -> float | None:
    """The mean, or None for no values."""
    return sum(values) / len(values) if values else None


def weakest_objectives(scores: Scores, count: int = 5) -> list[tuple[str, str, str, float, int]]:
    """(module title, objective id, objective text, post-test % right, answers) of the weakest objectives.

    Post-test results are used; when there is no post-test, the pre-test's.
    """
    rows = objective_results(scores)
    pool = "post" if any(r[2] == "post" for r in rows) else "pre"
    chosen = sorted((r for r in rows if r[2] == pool), key=lambda r: (r[3], r[0], r[1]))[:count]
    result = []
    for module_id, objective, _pool, value, answers in chosen:
        module = scores.workshop.modules.get(module_id)
        text = ""
        if module is not None:
            try:
                text = module.objective(objective).text
            except StopIteration:
                text = ""
        result.append((module.title if module else module_id, objective, text, value, answers))
    return result


def items_to_review(scores: Scores, count: int = 6):
    """Flagged items, most urgent first (negative discrimination, then the hardest or easiest)."""
    flagged = [s for s in item_analysis(scores) if s.flags]
    return sorted(flagged, key=lambda s: (s.d is None or s.d >= 0, -abs(s.p - 0.5), s.test, s.key))[:count]


def summary_docx(scores: Scores, locale: Locale | None = None) -> bytes:
    """The one-page result a panitia hands to the kepala bagian: figures, gain bands, weak spots, charts."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from builder.render.docx.blocks import add_text_run, data_table, tight
    from builder.render.docx.util import fix_metadata, hold_together, set_a4, set_base_font

    cur = scores.workshop.curriculum
    locale = _locale(scores, locale)
    label = locale.label

    def number(value: float | None, digits: int = 1) -> str:
        return _number(value, digits, locale)

    accent = cur.branding.accent.lstrip("#")
    charts = charts_png(scores, locale)
    people = person_results(scores)
    document = Document()
    set_a4(document, margins_cm=1.5)
    set_base_font(document, 9.5)

    def line(text: str, size: float = 9.5, bold: bool = False, after: float = 2, align=None, italic: bool = False):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(after)
        paragraph.paragraph_format.space_before = Pt(0)
        if align is not None:
            paragraph.alignment = align
        add_text_run(paragraph, text, bold=bold, italic=italic, size=size)
        return paragraph

    for kop in cur.branding.organizer_lines or [cur.organizer]:
        line(kop.upper(), 10, bold=True, after=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    line(label("score.title"), 13, bold=True, after=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    line(cur.title, 10, after=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    line(f"{cur.venue}, {cur.city}", 9, italic=True, after=6, align=WD_ALIGN_PARAGRAPH.CENTER)

    pre = [p.pre for p in people if p.pre is not None]
    post = [p.post for p in people if p.post is not None]
    gains = [p.gain for p in people if p.gain is not None]
    bands = {band: sum(1 for p in people if p.band == band) for band in ("tinggi", "sedang", "rendah")}
    paired = max(1, len(gains))
    line(label("score.key_figures"), 11, bold=True, after=2)
    data_table(document, [label(f"score.{key}") for key in ("assessed", "mean_pre", "mean_post", "mean_gain")],
               [[label("score.assessed_detail", n=len(people), pre=len(pre), post=len(post)), f"{number(_mean(pre))} %",
                 f"{number(_mean(post))} %", number(_mean(gains), 2)]], accent, widths=[4.5, 4.0, 4.0, 5.5], size=10)
    line("", 4, after=0)
    data_table(document, [label("score.band_table"), label("score.band_people"), label("score.band_share")],
               [[label(f"score.band_{key}"), str(bands[band]), f"{number(100 * bands[band] / paired, 0)} %"]
                for key, band in (("high", "tinggi"), ("medium", "sedang"), ("low", "rendah"))],
               accent, widths=[9.0, 4.0, 5.0], size=9)

    charts_table = document.add_table(rows=1, cols=2)
    for cell, key in zip(charts_table.rows[0].cells, ("distribution", "gain")):
        cell.width = Cm(9.0)
        paragraph = cell.paragraphs[0]
        tight(paragraph, 0)
        paragraph.add_run().add_picture(io.BytesIO(charts[key]), width=Cm(8.8))

    weak = weakest_objectives(scores)
    if weak:
        line(label("score.weakest"), 11, bold=True, after=2)
        data_table(document, [label("score.weak.module"), label("score.weak.objective"), label("score.weak.right")],
                   [[module, f"{objective}: {text}" if text else objective, f"{number(value, 0)} %"]
                    for module, objective, text, value, _n in weak], accent, widths=[4.5, 11.3, 2.2], size=8.5)
    review = items_to_review(scores)
    line(label("score.review", n=sum(1 for s in item_analysis(scores) if s.flags)), 11, bold=True, after=2)
    if review:
        rows = [[f"{s.test} {s.key}", _short(s.question, 90), number(s.p, 2), number(s.d, 2), _flags(label, s.flags)]
                for s in review]
        data_table(document, [label("score.review.item"), label("score.review.question"), "p", "D",
                              label("score.review.notes")], rows, accent,
                   widths=[3.2, 8.2, 1.2, 1.2, 4.2], size=8.5)
    else:
        line(label("score.no_review"), 9)
    picture = line("", 4, after=2, align=WD_ALIGN_PARAGRAPH.CENTER)
    picture.paragraph_format.space_before = Pt(6)
    picture.add_run().add_picture(io.BytesIO(charts["items"]), width=Cm(10.0))
    line(label("score.details"), 8, italic=True, after=0)
    hold_together(document)
    fix_metadata(document, label("score.doc_title"), cur.organizer, cur.first_date)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _short(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"
