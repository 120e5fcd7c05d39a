"""The scoring report: workbook sheets and the one-page summary with charts."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from bench_scoring import synthetic_workshop, write_responses  # noqa: E402

from builder.render.score_report import report_workbook, summary_docx  # noqa: E402
from builder.domain.scoring import score_responses  # noqa: E402
from builder.sources.responses import read_response_files  # noqa: E402


def scored(tmp_path, people=40, items=20):
    workshop = synthetic_workshop(items)
    return score_responses(workshop, read_response_files(write_responses(workshop, tmp_path, people)))


def test_workbook_has_every_sheet(tmp_path):
    """Summary, participants, modules, objectives, item analysis and problems."""
    workbook = load_workbook(io.BytesIO(report_workbook(scored(tmp_path))))
    assert workbook.sheetnames == ["Ringkasan", "Peserta", "Per modul", "Per tujuan", "Analisis butir", "Masalah"]
    assert workbook["Peserta"].max_row == 41
    assert workbook["Analisis butir"].max_row == 1 + 2 * 20
    assert workbook["Ringkasan"]["B2"].value == 40


def test_summary_has_three_charts_on_one_page(tmp_path, to_pdf):
    """Three embedded PNG charts; LibreOffice lays the summary out on a single page."""
    data = summary_docx(scored(tmp_path))
    document = Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 3
    path = tmp_path / "ringkasan.docx"
    path.write_bytes(data)
    from builder.write.pdf import page_count

    (pdf,) = to_pdf(path)
    assert page_count(pdf) == 1


def test_summary_is_the_result_a_panitia_hands_on(tmp_path):
    """Participants, mean pre/post, gain bands, weakest objectives and items to review, read back from the .docx."""
    scores = scored(tmp_path)
    document = Document(io.BytesIO(summary_docx(scores)))
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    figures = next(t for t in tables if t[0][0] == "Peserta dinilai")
    assert figures[1][0].startswith("40 (pre 40, post 40)") and figures[1][1].endswith("%")
    bands = next(t for t in tables if t[0][0] == "Kategori gain (Hake)")
    assert [row[0].split(" ")[0] for row in bands[1:]] == ["Tinggi", "Sedang", "Rendah"]
    from builder.domain.scoring import person_results

    assert sum(int(row[1]) for row in bands[1:]) == sum(1 for p in person_results(scores) if p.gain is not None)
    weak = next(t for t in tables if t[0] == ["Modul", "Tujuan", "Benar"])
    values = [float(row[2].rstrip(" %").replace(",", ".")) for row in weak[1:]]
    assert values == sorted(values) and len(values) >= 1
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Butir soal yang perlu ditinjau" in text and "Tujuan pembelajaran yang paling lemah" in text
