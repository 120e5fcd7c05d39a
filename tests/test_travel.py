"""The same four modules set in three workshops: nothing of one workshop leaks into another's materials.

The third sample workshop (Kabupaten Maluku Tengah, WIT, 2025) is built in full and every docx,
pptx, ipynb, xml and txt it produces is read back; the reference workshops' materials are checked
against their own agendas (opening time, who opens, zone).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import nbformat
import pytest
from docx import Document
from pptx import Presentation

from builder.model.context import build_context
from builder.sources.project import load_workshop
from builder.sources.yamlfile import load
from tests.helpers import run_cli

REPO = Path(__file__).resolve().parent.parent
THIRD = REPO / "curriculum" / "bimtek-maluku-tengah-2025.yaml"
REFERENCES = [REPO / "curriculum" / "rakor-kubu-raya-2019.yaml", REPO / "curriculum" / "raker-humas-ntt-2019.yaml"]
READ = (".docx", ".pptx", ".ipynb", ".xml", ".txt")
PLACEHOLDER = re.compile(r"\{\{\s*[A-Za-z_][\w.]*\s*(\|[^{}]*)?\}\}")  # a context placeholder left unrendered
TIMED_ZONE = re.compile(r"\b\d{1,2}[.:]\d{2}(?:[–-]\d{1,2}[.:]\d{2})?\s+(WIB|WITA|Wita|WIT)\b")


def docx_text(path: Path) -> str:
    """All text of a Word file: body paragraphs, tables, headers and footers."""
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    with zipfile.ZipFile(path) as archive:  # text boxes and nested tables as well
        xml = archive.read("word/document.xml").decode("utf-8")
    parts.append(" ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)))
    return "\n".join(parts)


def pptx_text(path: Path) -> str:
    """All text of a deck: shapes, tables and speaker notes."""
    parts = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def notebook_text(path: Path) -> str:
    """All cell sources of a notebook."""
    return "\n".join(cell.source for cell in nbformat.read(str(path), as_version=4).cells)


def read_back(path: Path) -> str:
    """The text of one output file, read with the real reader for its format."""
    if path.suffix == ".docx":
        return docx_text(path)
    if path.suffix == ".pptx":
        return pptx_text(path)
    if path.suffix == ".ipynb":
        return notebook_text(path)
    return path.read_text(encoding="utf-8")


def identity_terms(curriculum: Path) -> set[str]:
    """Places, officials, people and media that identify a workshop (from its curriculum)."""
    data = load(curriculum).data
    context = data["context"]
    region = context["region"]
    terms = {region["short"], region["seat"], region["province_capital"], data["province"], context["media"],
             data["city"], data["certificate"]["signer"]["name"].split(",")[0].split(". ", 1)[-1]}
    terms |= {district.replace("Kecamatan ", "") for district in region["districts"]}
    words = data["province"].split()
    if len(words) >= 3:  # Nusa Tenggara Timur -> NTT
        terms.add("".join(word[0] for word in words))
    terms |= {official["name"] for official in context["officials"].values() if official.get("name")}
    for day in data["days"]:
        for item in day["items"]:
            for key in ("facilitator", "moderator"):
                if item.get(key):
                    name = re.sub(r"\s*\(.*?\)", "", item[key]).split(",")[0]
                    terms.add(re.sub(r"^(Sdr\.|Sdri\.|Drs?\.)\s*", "", name).strip())
    return {t for t in terms if t}


@pytest.fixture(scope="module")
def third_build(tmp_path_factory) -> Path:
    """A full build of the third sample workshop."""
    out = tmp_path_factory.mktemp("third")
    result = run_cli(REPO, "build", str(THIRD), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out / "bimtek-maluku-tengah-2025"


@pytest.fixture(scope="module")
def third_texts(third_build) -> dict[str, str]:
    """Every readable output of the third workshop, by relative path."""
    files = sorted(p for p in third_build.rglob("*") if p.suffix in READ)
    assert len(files) >= 40
    return {str(p.relative_to(third_build)): read_back(p) for p in files}


def test_third_workshop_names_nothing_of_the_reference_workshops(third_texts):
    """No place, official, person, medium or time zone of the reference workshops in any output."""
    terms = set().union(*(identity_terms(c) for c in REFERENCES)) - identity_terms(THIRD)
    assert {"Kubu Raya", "Sungai Raya", "Rote Ndao", "Nusa Tenggara Timur", "Pontianak", "Kupang"} <= terms
    leaks = [(name, term) for name, text in third_texts.items() for term in sorted(terms)
             if re.search(rf"\b{re.escape(term)}\b", text, re.IGNORECASE)]
    assert not leaks, leaks[:20]
    zones = [(name, m.group(0)) for name, text in third_texts.items() for m in TIMED_ZONE.finditer(text)
             if m.group(1) != "WIT"]
    assert not zones, zones[:20]
    unrendered = [name for name, text in third_texts.items() if PLACEHOLDER.search(text)]
    assert not unrendered, unrendered


def test_third_workshop_is_set_in_its_own_region(third_texts):
    """Its own places, officials, zone and computed dates appear where the modules need them."""
    slides = third_texts["slides/keprotokolan.pptx"]
    assert "Selasa, 14 Oktober 2025, pukul 08.30 WIT, Aula Kantor Bupati Maluku Tengah" in slides
    assert "Sambutan sekaligus pembukaan secara resmi oleh Sekretaris Daerah Kabupaten Maluku Tengah" in slides
    news = third_texts["handouts/menulis-berita.docx"]
    assert "Masohi, 14 Oktober 2025 —" in news
    assert "dibuka oleh Sekretaris Daerah Kabupaten Maluku Tengah, Yakobus Latumahina" in news
    assert "Selamat pagi" in third_texts["handouts/pembawa-acara.docx"]


def test_third_workshop_kip_key_slide_and_checker_agree(third_texts, third_build):
    """The KIP exercise key, the handout's worked example and the notebook checker use one calendar."""
    workshop, _report = load_workshop(THIRD)
    kip = build_context(workshop.curriculum)["kip"]
    from builder.checkers import pemeriksa
    from builder.render.notebooks import holiday_table

    received = __import__("datetime").date.fromisoformat(kip["exercise"]["request"]["iso"])
    table = holiday_table()
    assert pemeriksa.working_day_deadline(received, 10, table).isoformat() == kip["exercise"]["deadline"]["iso"]
    assert pemeriksa.working_day_deadline(received, 17, table).isoformat() == kip["exercise"]["extended"]["iso"]
    solution = third_texts["trainer/notebooks/keterbukaan-informasi.ipynb"]
    assert kip["exercise"]["deadline"]["iso"] in solution and kip["exercise"]["extended"]["iso"] in solution
    handout = third_texts["handouts/keterbukaan-informasi.docx"]
    assert kip["example"]["deadline"]["date"] in handout and "2025" in kip["example"]["request"]["iso"]


def test_check_question_answers_are_not_all_one_letter(third_build):
    """The deck check questions' keys (speaker notes) use more than one option letter."""
    letters = []
    for deck in sorted((third_build / "slides").glob("*.pptx")):
        for slide in Presentation(str(deck)).slides:
            notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
            letters += re.findall(r"^Jawaban: ([A-F])\. ", notes, re.MULTILINE)
    assert len(letters) >= 8
    assert len(set(letters)) >= 3, letters


@pytest.mark.parametrize("curriculum", REFERENCES, ids=lambda p: p.stem)
def test_reference_materials_agree_with_their_agenda(curriculum, tmp_path):
    """Opening time, opener and zone in the decks and handouts are those of the workshop's own agenda."""
    workshop, report = load_workshop(curriculum)
    assert workshop is not None, [d.format() for d in report.items]
    cur = workshop.curriculum
    opening = build_context(cur)["opening"]
    ceremony = next(item for day in cur.days for item in day.items if item.kind == "ceremony")
    result = run_cli(REPO, "build", str(curriculum), "--out", str(tmp_path), "--only", "slides,handouts")
    assert result.exit_code == 0, result.output
    out = tmp_path / cur.id
    deck = pptx_text(out / "slides" / "keprotokolan.pptx")
    handout = docx_text(out / "handouts" / "keprotokolan.docx")
    zone = cur.zone_abbreviation
    assert f"{opening['date']}, pukul {ceremony.start.hour:02d}.{ceremony.start.minute:02d} {zone}" in deck
    for line in ceremony.program:
        assert line in deck and line in handout, line
    opener = opening["opener"]
    assert opener["short"] in " ".join(ceremony.program) or opener["title"] in " ".join(ceremony.program)
    news = docx_text(out / "handouts" / "menulis-berita.docx")
    assert f"dibuka oleh {opener['title']}" in news
    mc = docx_text(out / "handouts" / "pembawa-acara.docx")
    assert f"Selamat {opening['greeting']}" in mc
    texts = [deck, handout, news, mc] + [docx_text(p) for p in (out / "handouts").glob("*.docx")]
    wrong = {m.group(1) for text in texts for m in TIMED_ZONE.finditer(text)} - {zone}
    assert not wrong, wrong


def test_reference_workshops_do_not_name_each_other(tmp_path):
    """The NTT materials name nothing of Kubu Raya, and the other way round (slides and handouts)."""
    kubu, ntt = REFERENCES
    for this, other in ((kubu, ntt), (ntt, kubu)):
        out = tmp_path / this.stem
        result = run_cli(REPO, "build", str(this), "--out", str(out), "--only", "slides,handouts")
        assert result.exit_code == 0, result.output
        terms = identity_terms(other) - identity_terms(this)
        for path in sorted(out.rglob("*")):
            if path.suffix in (".docx", ".pptx"):
                text = read_back(path)
                found = [t for t in terms if re.search(rf"\b{re.escape(t)}\b", text, re.IGNORECASE)]
                assert not found, (path.name, found)
