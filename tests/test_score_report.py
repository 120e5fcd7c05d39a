"""The scoring report: workbook sheets and the one-page summary with charts."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from bench_scoring import synthetic_workshop, write_responses  # noqa: E402

from builder.render.score_report import report_workbook, summary_docx  # noqa: E402
from builder.domain.scoring import score_files  # noqa: E402


def scored(tmp_path, people=40, items=20):
    workshop = synthetic_workshop(items)
    return score_files(workshop, write_responses(workshop, tmp_path, people))


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
