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


def summary_docx(scores: Scores) -> bytes:
    """A one-page summary document with the three charts."""
    from docx import Document
    from docx.shared import Cm, Pt

    from builder.render.docx.util import fix_metadata, set_a4, set_base_font

    charts = charts_png(scores)
    people = person_results(scores)
    document = Document()
    set_a4(document, margins_cm=1.6)
    set_base_font(document, 10)
    title = document.add_paragraph()
    run = title.add_run("Ringkasan Hasil Pre-test dan Post-test")
    run.bold = True
    run.font.size = Pt(14)
    document.add_paragraph(scores.workshop.curriculum.title)
    gains = [p.gain for p in people if p.gain is not None]
    document.add_paragraph(
        f"Peserta dinilai: {len(people)}. Rata-rata gain ternormalisasi: "
        + (f"{sum(gains) / len(gains):.2f}".replace(".", ",") if gains else "–")
        + f". Butir yang perlu ditinjau: {sum(1 for s in item_analysis(scores) if s.flags)}.")
    for key in ("distribution", "gain", "items"):
        document.add_picture(io.BytesIO(charts[key]), width=Cm(14.5))
    fix_metadata(document, "Ringkasan hasil tes", scores.workshop.curriculum.organizer, scores.workshop.curriculum.first_date)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
