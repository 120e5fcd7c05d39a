"""`--lang en`: every word the toolkit adds is English, read back with the real readers; content stays Indonesian."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation

from builder.i18n import Locale
from tests.helpers import ROOTS, run_cli

ID, EN = Locale("id"), Locale("en")


def docx_text(path: Path) -> str:
    """Every paragraph, table cell, header and footer of a .docx."""
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for part in (section.header, section.footer) for p in part.paragraphs]
    return "\n".join(parts)


def pptx_text(path: Path) -> str:
    """Every text frame, table cell and speaker note of a .pptx."""
    parts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def assert_english(text: str, *keys: str) -> None:
    """Each label is there in English and, where the languages differ, not in Indonesian."""
    for key in keys:
        assert EN.label(key) in text, key
        if ID.label(key) != EN.label(key):
            assert ID.label(key) not in text, key


@pytest.fixture(scope="module")
def english(tmp_path_factory) -> Path:
    """The `people` sample (roster, attendance, certificates, site) built with --lang en; its output folder."""
    root = tmp_path_factory.mktemp("en") / "people"
    shutil.copytree(ROOTS / "people", root)
    result = run_cli(root, "build", "curriculum/sertifikat-contoh.yaml", "--lang", "en")
    assert result.exit_code == 0, result.output
    return root / "build" / "sertifikat-contoh"


def test_agenda_is_english_and_content_is_not_translated(english):
    """Agenda labels, weekday and month are English; the activity titles stay as written."""
    text = docx_text(english / "agenda.docx")
    assert_english(text, "agenda_title", "time", "activity", "facilitator", "jp_day_total", "jp_note", "minutes_unit")
    assert "Tuesday, 24 September 2019" in text and "Selasa" not in text
    assert "Rehat kopi" in text  # the curriculum's own words


def test_handout_and_handbook_are_english(english):
    """The participant handout and the handbook carry English headings."""
    assert_english(docx_text(english / "handouts" / "contoh.docx"),
                   "handout.kicker", "handout.about", "handout.audience", "handout.duration", "objectives")
    assert_english(docx_text(english / "handbook.docx"), "handout.handbook_kicker", "handout.toc")


def test_slides_are_english(english):
    """Module and workshop decks: session agenda, thanks, welcome."""
    assert_english(pptx_text(english / "slides" / "contoh.pptx"), "slides.session_agenda", "slides.thanks")
    assert_english(pptx_text(english / "slides" / "workshop.pptx"), "slides.welcome", "slides.theme")


def test_quiz_sheets_keys_and_response_template_are_english(english):
    """Question sheet, answer key, and the response template's sheet, instructions and column headers."""
    labels = EN.labels("quiz.")
    sheet = docx_text(english / "quizzes" / "contoh-pre-A.docx")
    assert labels["pre"] in sheet and labels["answer_sheet"] in sheet and labels["instr"] in sheet
    assert ID.label("quiz.answer_sheet") not in sheet and ID.label("quiz.instr") not in sheet
    key = docx_text(english / "quizzes" / "contoh-pre-kunci.docx")
    assert labels["key"] in key and ID.label("quiz.key") not in key
    workbook = load_workbook(english / "quizzes" / "responses-template.xlsx")
    assert workbook.sheetnames[0] == "Instructions"
    guide = "\n".join(str(row[0].value or "") for row in workbook["Instructions"].iter_rows())
    assert "One row per participant" in guide and "Satu baris" not in guide
    assert [c.value for c in workbook[workbook.sheetnames[1]][1]][:5] == ["No", "Name", "NIP", "Agency", "Variant"]


def test_attendance_and_name_cards_are_english(english):
    """Sign-in sheets and the roles on them."""
    text = docx_text(english / "attendance" / "daftar-hadir-2019-09-24.docx")
    assert_english(text, "att.title", "att.participants", "att.day", "att.name", "att.agency", "att.signature")
    assert_english(docx_text(english / "attendance" / "name-cards.docx"), "role.narasumber")


def test_certificates_and_their_csv_exports_are_english(english):
    """Certificate wording and role; eligibility and register CSV headers and yes/no values."""
    certificate = next((english / "certificates" / "per-orang").glob("0003-*.docx"))
    text = docx_text(certificate)
    assert_english(text, "certificate", "cert.given_to", "cert.verify", "role.peserta")
    assert "lesson hours" in text and "jam pelajaran" not in text
    rows = list(csv.reader(io.StringIO((english / "certificates" / "kelayakan.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["row", "name", "role", "attended", "sessions", "eligible", "reason"]
    assert {r[5] for r in rows[1:]} == {"yes", "no"}
    refused = [r[6] for r in rows[1:] if r[5] == "no"]
    assert refused and all(r.startswith(("attended ", "not in the attendance list")) for r in refused)
    register = (english / "certificates" / "register.csv").read_text(encoding="utf-8").splitlines()
    assert register[0] == "number,version,status,name,nip,position,agency,role,issued,listed"
    assert register[1].endswith(",yes")


def test_site_is_english(english):
    """Index page and the verification page's published labels, months and roles."""
    index = (english / "site" / "index.html").read_text(encoding="utf-8")
    assert_english(index, "site.dates", "site.venue", "site.agenda", "site.time", "site.session", "site.how",
                   "site.verify_link")
    assert_english((english / "site" / "verify.html").read_text(encoding="utf-8"), "site.title")
    data = json.loads((english / "site" / "data.js").read_text(encoding="utf-8").split("=", 1)[1].rstrip().rstrip(";"))
    assert data["labels"]["valid"] == "Valid" and data["months"][0] == "January"
    assert data["roles"]["peserta"] == "PARTICIPANT"


def test_score_report_is_english(english, tmp_path):
    """`workshop quiz score --lang en`: sheet names, headers, summary and charts' document in English."""
    root = english.parent.parent
    workbook = load_workbook(english / "quizzes" / "responses-template.xlsx")
    sheet = workbook["contoh-pre"]
    sheet.append([1, "Budi Santoso", "", "Dinas Kominfo", "-", *["A"] * (sheet.max_column - 5)])
    filled = tmp_path / "filled.xlsx"
    workbook.save(filled)
    report = tmp_path / "score.xlsx"
    result = run_cli(root, "quiz", "score", str(filled), "--no-roster", "--lang", "en", "--out", str(report))
    assert result.exit_code == 0, result.output
    book = load_workbook(report)
    assert book.sheetnames == ["Summary", "Participants", "By module", "By objective", "Item analysis", "Problems"]
    assert [c.value for c in book["Participants"][1]][:4] == ["Rank", "Name", "NIP", "Agency"]
    summary = "\n".join(str(row[0].value) for row in book["Summary"].iter_rows())
    assert "Participants scored" in summary and "Peserta dinilai" not in summary
    text = docx_text(report.with_suffix(".docx"))
    assert_english(text, "score.title", "score.key_figures", "score.band_table", "score.details")


@pytest.mark.kernel
def test_notebooks_are_english_around_indonesian_exercises(tmp_path):
    """Headings, instructions and cell comments the toolkit adds are English; the exercise text is the module's."""
    import nbformat

    root = tmp_path / "notebooks"
    shutil.copytree(ROOTS / "notebooks", root)
    result = run_cli(root, "build", "--only", "notebooks", "--lang", "en")
    assert result.exit_code == 0, result.output
    for folder in ("notebooks", "trainer/notebooks"):
        notebook = nbformat.read(root / "build" / "uji-notebook" / folder / "latihan-notebook.ipynb", as_version=4)
        text = "\n".join(cell.source for cell in notebook.cells)
        assert_english(text, "nb.workbook", "nb.how_heading", "nb.how", "nb.setup_heading", "nb.name_here",
                       "nb.answer_here", "nb.check_cell", "nb.done_heading", "nb.how_to_answer", "nb.hint.text")
        assert "Exercise 1. " in text and "Latihan 1. " not in text
        assert "Estimated time:" in text and "Perkiraan waktu" not in text
    assert_english(text, "nb.model_answer")
