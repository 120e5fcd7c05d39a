"""Test sheets, keys and exports read back with python-docx, lxml and openpyxl."""

from __future__ import annotations

import hashlib
import re

import pytest
from docx import Document
from lxml import etree
from openpyxl import load_workbook

from builder.build import build_workshop
from builder.i18n import Locale
from builder.render.lms import gift_escape
from builder.sources.project import load_workshop
from builder.domain.quizbank import key_text, printed_tests, variants_of
from tests.helpers import ROOTS


@pytest.fixture
def workshop():
    workshop, report = load_workshop(ROOTS / "quiz" / "curriculum" / "uji-kuis.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    return workshop


@pytest.fixture
def built(workshop, tmp_path):
    return build_workshop(workshop, tmp_path, ["quizzes"], Locale("id")).root / "quizzes"


def doc_text(path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def test_every_pool_item_is_on_each_variant_sheet(workshop, built):
    """Each pre-test variant shows all six pre items, numbered 1-6, with identity fields."""
    for letter in "AB":
        text = doc_text(built / f"kuis-pre-{letter}.docx")
        assert f"PRE-TEST — Varian {letter}" in text
        for question in ("Manakah yang termasuk informasi serta-merta?", "Urutkan acara resmi bukan upacara bendera.",
                         'Siapa yang menunjuk PPID di "PT A & B <Tbk>"?'):
            assert question in text
        assert "Jangka waktu tanggapan" not in text  # q3 is post-only
        assert re.search(r"^6\. ", text, re.M) and not re.search(r"^7\. ", text, re.M)
        assert "Nama" in text and "Instansi/Unit Kerja" in text


def test_variants_differ_but_are_seeded(workshop):
    """Variant A and B order differently; the same seed gives the same variants."""
    test = next(t for t in printed_tests(workshop) if t.name == "kuis-pre")
    a1, b1 = variants_of(test, 2, 7)
    a2, _b2 = variants_of(test, 2, 7)
    order = lambda v: [i.item.key for i in v.items]  # noqa: E731
    assert order(a1) == order(a2) and [i.options for i in a1.items] == [i.options for i in a2.items]
    assert order(a1) != order(b1) or [i.options for i in a1.items] != [i.options for i in b1.items]


def test_key_matches_the_shuffled_sheet(workshop, built):
    """Each variant's key table has one row per item, and for each number names the letters (or numbers)
    under which the right options are printed on that variant's sheet."""
    test = next(t for t in printed_tests(workshop) if t.name == "kuis-pre")
    key_doc = Document(str(built / "kuis-pre-kunci.docx"))
    assert len(key_doc.tables) == 2
    checked = set()
    for variant, table in zip(variants_of(test, 2, 7), key_doc.tables):
        rows = [[c.text for c in row.cells] for row in table.rows]
        assert rows[0] == ["No.", "Jawaban", "Tujuan", "Pembahasan"]
        assert len(rows) - 1 == len(variant.items) == 6
        sheet = doc_text(built / f"kuis-pre-{variant.letter}.docx").splitlines()
        for vitem, row in zip(variant.items, rows[1:]):
            q = vitem.question
            assert row[0] == str(vitem.number) and row[1] == key_text(vitem)
            if q.type in ("single", "multiple"):  # the printed option under each key letter is a right one
                right = {q.options["ABCDEF".index(a)] for a in q.answer}
                printed = {line[3:] for line in sheet for letter in row[1].split(", ") if line.startswith(f"{letter}. ")
                           and line[3:] in q.options}
                assert printed == right, (variant.letter, row)
            if q.type == "ordering":  # the printed items taken in key order are the right order
                lines = {line[:2]: line[3:] for line in sheet if line[3:] in q.items}
                assert [lines[f"{n}."] for n in row[1].split("–")] == list(q.items)
            checked.add(q.type)
    assert {"single", "multiple", "ordering"} <= checked


def test_sheets_are_reproducible(workshop, tmp_path):
    """Two builds give byte-identical files."""
    outs = [build_workshop(workshop, tmp_path / n, ["quizzes"], Locale("id")).root / "quizzes" for n in "ab"]
    for name in ("kuis-pre-A.docx", "kuis-post-kunci.docx", "moodle.xml", "responses-template.xlsx"):
        digests = {hashlib.sha256((o / name).read_bytes()).hexdigest() for o in outs}
        assert len(digests) == 1, name


def test_moodle_xml_structure_and_escaping(built):
    """Every type maps to a Moodle type; '&' and '<' survive as escaped HTML inside CDATA."""
    tree = etree.parse(str(built / "moodle.xml"))
    questions = tree.findall("question")
    types = [q.get("type") for q in questions]
    assert types[0] == "category"
    assert types[1:] == ["multichoice", "multichoice", "truefalse", "matching", "matching", "shortanswer", "numerical"]
    q1 = questions[1]
    assert q1.findtext("questiontext/text") == '<p>Siapa yang menunjuk PPID di "PT A &amp; B &lt;Tbk&gt;"?</p>'
    assert q1.findtext("single") == "true"
    fractions = {a.findtext("text"): a.get("fraction") for a in q1.findall("answer")}
    assert sorted(fractions.values()) == ["0", "0", "0", "100"]
    assert fractions["<p>Badan publik</p>"] == "100"
    multi = questions[2]
    assert sorted(a.get("fraction") for a in multi.findall("answer")) == ["-50", "-50", "50", "50"]
    ordering = questions[5]
    assert [s.findtext("answer/text") for s in ordering.findall("subquestion")] == ["1", "2", "3", "4"]
    numeric = questions[7]
    assert numeric.findtext("answer/text") == "10" and numeric.findtext("answer/tolerance") == "0"
    assert {t.findtext("text") for t in questions[3].findall("tags/tag")} >= {"posttest", "objective-o1"}
    assert "Pasal 13 UU 14/2008" in q1.findtext("generalfeedback/text")


def test_gift_escapes_control_characters(built):
    """GIFT escapes = ~ # { } : and keeps HTML entities for & and <."""
    gift = (built / "gift.txt").read_text(encoding="utf-8")
    assert gift_escape("a=b {c} ~d #e :f") == r"a\=b \{c\} \~d \#e \:f"
    assert "::kuis/q1::[html]Siapa yang menunjuk PPID di \"PT A &amp; B &lt;Tbk&gt;\"?" in gift
    assert "{#10:0 ####Pasal 22 UU 14/2008.}" in gift
    assert "$CATEGORY: $course$/top/uji-kuis/Modul Uji Kuis" in gift


def test_response_template_columns_match_the_sheets(built):
    """One sheet per test; columns No, Nama, NIP, Instansi, Varian, then 1..N."""
    workbook = load_workbook(built / "responses-template.xlsx")
    assert workbook.sheetnames == ["Petunjuk", "kuis-pre", "kuis-post"]
    header = [c.value for c in workbook["kuis-pre"][1]]
    assert header == ["No", "Nama", "NIP", "Instansi", "Varian", "1", "2", "3", "4", "5", "6"]


def test_quiz_sheet_converts_to_pdf(built, to_pdf):
    """LibreOffice opens a sheet; questions fit on one page and the answer sheet on the next."""
    from pypdf import PdfReader

    (pdf,) = to_pdf(built / "kuis-pre-A.docx")
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 2
    assert "Lembar Jawaban" in reader.pages[1].extract_text()


def test_response_template_header_cells_are_all_bold_shaded_and_centred(built):
    """Every header cell carries the first cell's style (bold, the blue fill, centred), the item columns too."""
    workbook = load_workbook(built / "responses-template.xlsx")
    for name in ("kuis-pre", "kuis-post"):
        for cell in workbook[name][1]:
            assert cell.font.bold and cell.alignment.horizontal == "center"
            assert cell.fill.fgColor.rgb.endswith("D9E2F3")
        assert not workbook[name]["A2"].font.bold


def test_quiz_labels_are_a_fresh_copy_of_the_catalogue_s():
    from builder.i18n import Locale
    from builder.render.quizzes import _labels

    locale = Locale("id")
    labels = _labels(locale)
    assert labels == locale.labels("quiz.")
    labels["key"] = "diubah"
    assert _labels(locale)["key"] == locale.labels("quiz.")["key"] != "diubah"
    assert _labels(Locale("en")) == Locale("en").labels("quiz.") != labels
