"""Write the scoring report: an .xlsx workbook and a one-page .docx summary with charts."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

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


def report_workbook(scores: Scores) -> bytes:
    """The scoring workbook: summary, participants, modules, objectives, items, problems."""
    people = person_results(scores)
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Ringkasan"
    with_pre = [p.pre for p in people if p.pre is not None]
    with_post = [p.post for p in people if p.post is not None]
    gains = [p.gain for p in people if p.gain is not None]
    lines = [
        ("Kegiatan", scores.workshop.curriculum.title),
        ("Peserta dinilai", len(people)),
        ("Mengikuti pre-test", len(with_pre)),
        ("Mengikuti post-test", len(with_post)),
        ("Rata-rata pre-test (%)", _pct(sum(with_pre) / len(with_pre)) if with_pre else None),
        ("Rata-rata post-test (%)", _pct(sum(with_post) / len(with_post)) if with_post else None),
        ("Rata-rata gain ternormalisasi (g)", round(sum(gains) / len(gains), 3) if gains else None),
        ("Gain tinggi (g ≥ 0,7)", sum(1 for p in people if p.band == "tinggi")),
        ("Gain sedang (0,3 ≤ g < 0,7)", sum(1 for p in people if p.band == "sedang")),
        ("Gain rendah (g < 0,3)", sum(1 for p in people if p.band == "rendah")),
        ("Baris bermasalah", len(scores.problems)),
    ]
    for label, value in lines:
        summary.append(safe_row([label, value]))
    summary.column_dimensions["A"].width = 36
    summary.column_dimensions["B"].width = 60
    _sheet(workbook, "Peserta", ["Peringkat", "Nama", "NIP", "Instansi", "Pre-test (%)", "Post-test (%)", "Gain (g)", "Kategori gain"],
           [[p.rank, p.name, p.nip, p.agency, _pct(p.pre), _pct(p.post), None if p.gain is None else round(p.gain, 3), p.band]
            for p in people], [10, 34, 21, 32, 13, 13, 10, 14])
    names = {p.person: p.name for p in people}
    _sheet(workbook, "Per modul", ["Nama", "Modul", "Tes", "Nilai (%)"],
           [[names.get(person, person), module, pool, _pct(value)] for person, module, pool, value in module_results(scores)],
           [34, 26, 8, 10])
    _sheet(workbook, "Per tujuan", ["Modul", "Tujuan", "Tes", "Benar (%)", "Jumlah jawaban"],
           [[m, o, p, _pct(v), n] for m, o, p, v, n in objective_results(scores)], [26, 10, 8, 12, 16])
    _sheet(workbook, "Analisis butir", ["Tes", "Butir", "Tujuan", "Soal", "Menjawab", "Tingkat kesukaran (p)",
                                         "Daya beda (D)", "Sebaran jawaban", "Perlu ditinjau"],
           [[s.test, s.key, s.objective, s.question, s.answered, round(s.p, 3), None if s.d is None else round(s.d, 3),
             "; ".join(f"{k}: {v}" for k, v in s.distractors.items()), ", ".join(s.flags)] for s in item_analysis(scores)],
           [22, 26, 8, 60, 10, 12, 12, 30, 30])
    _sheet(workbook, "Masalah", ["Berkas", "Baris", "Kolom", "Tingkat", "Pesan", "Kode"],
           [[d.file, d.line, d.column, d.severity, d.message, d.code] for d in scores.problems], [30, 8, 8, 10, 80, 24])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def charts_png(scores: Scores) -> dict[str, bytes]:
    """Three PNG charts: score distribution pre vs post, gain per participant, difficulty vs discrimination."""
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
    ax.set_xlabel("Nilai (%)")
    ax.set_ylabel("Peserta")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Sebaran nilai pre-test dan post-test")
    ax.legend()
    charts["distribution"] = save(fig)

    paired = sorted((p for p in people if p.gain is not None), key=lambda p: p.gain)
    fig, ax = plt.subplots(figsize=(6.4, 2.3))
    ax.bar(range(len(paired)), [p.gain for p in paired], color="#1F5F8B")
    ax.axhline(0.7, color="#2E7D32", linestyle="--", linewidth=1, label="tinggi (0,7)")
    ax.axhline(0.3, color="#C62828", linestyle="--", linewidth=1, label="sedang (0,3)")
    ax.set_xlabel("Peserta (diurutkan)")
    ax.set_ylabel("Gain g")
    ax.set_title("Gain ternormalisasi per peserta")
    ax.legend(fontsize=7)
    charts["gain"] = save(fig)

    stats = [s for s in item_analysis(scores) if s.d is not None]
    fig, ax = plt.subplots(figsize=(6.4, 2.3))
    ax.scatter([s.p for s in stats], [s.d for s in stats], color="#1F5F8B", s=14)
    ax.axhline(0.2, color="#C62828", linestyle="--", linewidth=1)
    ax.set_xlim(0, 1)
    ax.set_ylim(-1, 1)
    ax.set_xlabel("Tingkat kesukaran p")
    ax.set_ylabel("Daya beda D")
    ax.set_title("Analisis butir soal")
    charts["items"] = save(fig)
    return charts


def _number(value: float | None, digits: int = 1) -> str:
    """A number the Indonesian way (decimal comma), or an en dash when missing."""
    return "–" if value is None else f"{value:.{digits}f}".replace(".", ",")


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


def summary_docx(scores: Scores) -> bytes:
    """The one-page result a panitia hands to the kepala bagian: figures, gain bands, weak spots, charts."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from builder.render.docx.blocks import add_text_run, data_table, tight
    from builder.render.docx.util import fix_metadata, hold_together, set_a4, set_base_font

    cur = scores.workshop.curriculum
    accent = cur.branding.accent.lstrip("#")
    charts = charts_png(scores)
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
    line("RINGKASAN HASIL PRE-TEST DAN POST-TEST", 13, bold=True, after=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    line(cur.title, 10, after=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    line(f"{cur.venue}, {cur.city}", 9, italic=True, after=6, align=WD_ALIGN_PARAGRAPH.CENTER)

    pre = [p.pre for p in people if p.pre is not None]
    post = [p.post for p in people if p.post is not None]
    gains = [p.gain for p in people if p.gain is not None]
    bands = {band: sum(1 for p in people if p.band == band) for band in ("tinggi", "sedang", "rendah")}
    paired = max(1, len(gains))
    line("Angka utama", 11, bold=True, after=2)
    data_table(document, ["Peserta dinilai", "Rata-rata pre-test", "Rata-rata post-test", "Rata-rata gain (g)"],
               [[f"{len(people)} (pre {len(pre)}, post {len(post)})", f"{_number(_mean(pre))} %",
                 f"{_number(_mean(post))} %", _number(_mean(gains), 2)]], accent, widths=[4.5, 4.0, 4.0, 5.5], size=10)
    line("", 4, after=0)
    data_table(document, ["Kategori gain (Hake)", "Peserta", "Bagian"],
               [["Tinggi (g ≥ 0,7)", str(bands["tinggi"]), f"{_number(100 * bands['tinggi'] / paired, 0)} %"],
                ["Sedang (0,3 ≤ g < 0,7)", str(bands["sedang"]), f"{_number(100 * bands['sedang'] / paired, 0)} %"],
                ["Rendah (g < 0,3)", str(bands["rendah"]), f"{_number(100 * bands['rendah'] / paired, 0)} %"]],
               accent, widths=[9.0, 4.0, 5.0], size=9)

    charts_table = document.add_table(rows=1, cols=2)
    for cell, key in zip(charts_table.rows[0].cells, ("distribution", "gain")):
        cell.width = Cm(9.0)
        paragraph = cell.paragraphs[0]
        tight(paragraph, 0)
        paragraph.add_run().add_picture(io.BytesIO(charts[key]), width=Cm(8.8))

    weak = weakest_objectives(scores)
    if weak:
        line("Tujuan pembelajaran yang paling lemah (post-test)", 11, bold=True, after=2)
        data_table(document, ["Modul", "Tujuan", "Benar"],
                   [[module, f"{objective}: {text}" if text else objective, f"{_number(value, 0)} %"]
                    for module, objective, text, value, _n in weak], accent, widths=[4.5, 11.3, 2.2], size=8.5)
    review = items_to_review(scores)
    line(f"Butir soal yang perlu ditinjau ({sum(1 for s in item_analysis(scores) if s.flags)} butir; "
         "p = tingkat kesukaran, D = daya beda)", 11, bold=True, after=2)
    if review:
        rows = [[f"{s.test} {s.key}", _short(s.question, 90), _number(s.p, 2), _number(s.d, 2), ", ".join(s.flags)]
                for s in review]
        data_table(document, ["Butir", "Soal", "p", "D", "Catatan"], rows, accent,
                   widths=[3.2, 8.2, 1.2, 1.2, 4.2], size=8.5)
    else:
        line("Tidak ada butir yang ditandai.", 9)
    picture = line("", 4, after=2, align=WD_ALIGN_PARAGRAPH.CENTER)
    picture.paragraph_format.space_before = Pt(6)
    picture.add_run().add_picture(io.BytesIO(charts["items"]), width=Cm(10.0))
    line("Rincian per peserta, per modul, per tujuan dan per butir ada di buku kerja .xlsx yang menyertai "
         "ringkasan ini.", 8, italic=True, after=0)
    hold_together(document)
    fix_metadata(document, "Ringkasan hasil tes", cur.organizer, cur.first_date)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _short(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"
