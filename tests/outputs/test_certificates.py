"""Certificates built from tests/roots/people: content, one page each, register, stable numbers."""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
import unicodedata
from pathlib import Path

import pytest
from docx import Document

from builder.i18n import Locale
from builder.outputs.certificates import build_certificates
from builder.pdf import find_soffice, page_count
from builder.project import load_workshop
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent / "roots" / "people"
ELIGIBLE = ["PT A & B <Tbk>",
            "Prof. Dr. Hj. Raden Roro Siti Nurhayati Kusumaningrum Wahyuningtyas Hadiningrat, S.Sos., M.Si., M.Kom.",
            "Ma'ruf O'Neil, S.H.", "Đặng Thị Ánh Nguyệt", "Dra. Sari Contoh, M.Si.", "Rina Panitia"]


@pytest.fixture
def people_root(tmp_path) -> Path:
    """A writable copy of the people fixture."""
    target = tmp_path / "people"
    shutil.copytree(ROOT, target)
    return target


def build(root: Path, with_pdf: bool) -> Path:
    """Build certificates of the fixture into root/build and return the certificates folder."""
    workshop, report = load_workshop(root / "curriculum" / "sertifikat-contoh.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    from builder.outputs.certificates import eligibility

    people = [d.person for d in eligibility(workshop.roster, workshop.attendance, 0.8) if d.eligible]
    out = root / "build" / workshop.id

    def write(relative: str, data: bytes) -> None:
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        (out / relative).write_bytes(data)

    build_certificates(workshop, people, Locale("id"), out, write, with_pdf=with_pdf)
    return out / "certificates"


def docx_text(path: Path) -> str:
    """All paragraph text of a document, tables included (no-break spaces read as spaces)."""
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts).replace("\u00a0", " ")


def test_every_eligible_person_gets_a_certificate_with_their_details(people_root):
    """all.docx and the per-person files carry name, number, NIP, role and the computed JP, escaped literally."""
    folder = build(people_root, with_pdf=False)
    register = json.loads((folder / "register.json").read_text(encoding="utf-8"))
    assert [e["name"] for e in register["entries"]] == ELIGIBLE
    combined = docx_text(folder / "all.docx")
    for entry in register["entries"]:
        assert entry["name"] in combined and entry["number"] in combined
    single = docx_text(next((folder / "per-orang").glob("0003-*.docx")))
    assert "Ma'ruf O'Neil, S.H." in single and "800/003/Humpro/IX/2019" in single
    assert "NIP. 19790817 200501 1 003" in single
    assert "sebagai PESERTA" in single and "8 (delapan) jam pelajaran" in single
    assert "Budi Absen" not in combined  # not eligible
    assert "sebagai NARASUMBER" in docx_text(next((folder / "per-orang").glob("0005-*.docx")))
    assert "PT A & B <Tbk>" in docx_text(next((folder / "per-orang").glob("0001-*.docx")))
    rows = list(csv.DictReader((folder / "register.csv").open(encoding="utf-8")))
    assert rows[0]["nomor"] == "800/001/Humpro/IX/2019" and rows[0]["nama"] == "PT A & B <Tbk>"


def test_rebuild_is_byte_identical(people_root):
    """The same inputs give the same certificate files."""
    first = (build(people_root, with_pdf=False) / "all.docx").read_bytes()
    second = (build(people_root, with_pdf=False) / "all.docx").read_bytes()
    assert first == second


def test_removing_a_person_keeps_the_others_numbers(people_root):
    """Deleting a roster row and rebuilding leaves every other number as it was."""
    before = json.loads((build(people_root, with_pdf=False) / "register.json").read_text(encoding="utf-8"))
    roster = people_root / "rosters" / "peserta.csv"
    lines = roster.read_text(encoding="utf-8-sig").splitlines()
    roster.write_text("\n".join(line for line in lines if "Ma'ruf" not in line) + "\n", encoding="utf-8-sig")
    after = json.loads((build(people_root, with_pdf=False) / "register.json").read_text(encoding="utf-8"))
    numbers = {e["name"]: (e["number"], e["active"]) for e in after["entries"]}
    for entry in before["entries"]:
        assert numbers[entry["name"]][0] == entry["number"]
    assert numbers["Ma'ruf O'Neil, S.H."][1] is False


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_has_one_page_per_certificate_with_the_right_name(people_root):
    """One LibreOffice conversion; each page carries its person's name and number; the split files match."""
    from pypdf import PdfReader

    folder = build(people_root, with_pdf=True)
    register = json.loads((folder / "register.json").read_text(encoding="utf-8"))["entries"]
    reader = PdfReader(str(folder / "all.pdf"))
    assert len(reader.pages) == len(register)
    for page, entry in zip(reader.pages, register):
        text = unicodedata.normalize("NFC", " ".join(page.extract_text().split()))
        assert entry["number"] in text
        # pypdf may split runs where LibreOffice falls back to another font (Vietnamese letters in
        # Caladea), so compare the letters of the name rather than the string.
        letters = Counter(unicodedata.normalize("NFC", entry["name"]).replace(" ", ""))
        assert not letters - Counter(text.replace(" ", "")), entry["name"]
        assert text.count(entry["number"]) == 1
    singles = sorted((folder / "per-orang").glob("*.pdf"))
    assert len(singles) == len(register) and all(page_count(p) == 1 for p in singles)


def test_build_lists_who_is_not_eligible(people_root):
    """`workshop build --only certificates` names the participants without a certificate and why."""
    result = run_cli(people_root, "build", "curriculum/sertifikat-contoh.yaml", "--only", "certificates")
    assert result.exit_code == 0, result.output
    assert "Budi Absen (hadir 2 dari 4 sesi (50%); syarat minimal 80%)" in " ".join(result.output.split())
    rows = list(csv.DictReader((people_root / "build" / "sertifikat-contoh" / "certificates" / "kelayakan.csv")
                               .open(encoding="utf-8")))
    assert {r["nama"]: r["layak"] for r in rows}["Yohana Ndoen, S.I.Kom."] == "tidak"


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_split_pdfs_carry_only_their_own_qr_image(people_root):
    """Each per-person PDF holds one QR image, not every image of all.pdf."""
    from pypdf import PdfReader

    folder = build(people_root, with_pdf=True)
    for single in sorted((folder / "per-orang").glob("*.pdf")):
        page = PdfReader(str(single)).pages[0]
        assert len(page["/Resources"]["/XObject"]) == 1, single.name


def _certificate_of(folder: Path, name_start: str) -> Document:
    """The per-person .docx of the first person whose file name starts with ``name_start`` (after the number)."""
    return Document(str(next(p for p in (folder / "per-orang").glob("*.docx") if p.stem[5:].startswith(name_start))))


def _text(document: Document) -> str:
    """Paragraph and table text of a certificate, no-break spaces kept."""
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_each_role_gets_its_own_wording(people_root):
    """A participant's certificate states the JP; a speaker's names the session given and no JP; panitia no JP."""
    folder = build(people_root, with_pdf=False)
    participant = _text(_certificate_of(folder, "maruf"))
    speaker = _text(_certificate_of(folder, "dra-sari-contoh"))
    committee = _text(_certificate_of(folder, "rina-panitia"))
    assert "jam pelajaran" in participant and "sebagai PESERTA" in participant
    assert "dengan materi “" in speaker and "jam pelajaran" not in speaker and "sebagai NARASUMBER" in speaker
    assert "jam pelajaran" not in committee and "sebagai PANITIA" in committee


def test_degrees_stay_with_the_name_and_the_region_with_the_signer(people_root):
    """No-break spaces tie ', M.Kom.' to the last name word and keep 'Kabupaten Contoh' in one piece."""
    folder = build(people_root, with_pdf=False)
    text = _text(_certificate_of(folder, "prof"))
    assert "Hadiningrat,\u00a0S.Sos.,\u00a0M.Si.,\u00a0M.Kom." in text
    assert "Wahyuningtyas Hadiningrat" in text  # the name itself may still wrap between words
    assert "Kabupaten\u00a0Contoh," in text


def test_certificate_look_fonts_sizes_and_colours(people_root):
    """Fonts every Word has, no text under 8 pt, and the title in the border's colour."""
    from docx.oxml.ns import qn

    folder = build(people_root, with_pdf=False)
    document = _certificate_of(folder, "maruf")
    xml = document.element.xml
    assert "Caladea" not in xml and "Carlito" not in xml and "Cambria" in xml
    sizes = [int(sz.get(qn("w:val"))) / 2 for sz in document.element.iter(qn("w:sz"))]
    texts = [r for r in document.element.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
    text_sizes = [int(r.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val"))) / 2 for r in texts
                  if r.find(f"{qn('w:rPr')}/{qn('w:sz')}") is not None]
    assert sizes and min(text_sizes) >= 8, sorted(text_sizes)[:3]
    border = document.sections[0]._sectPr.find(f"{qn('w:pgBorders')}/{qn('w:top')}").get(qn("w:color"))
    title = next(r for r in texts if "SERTIFIKAT" in "".join(t.text or "" for t in r.iter(qn("w:t"))))
    assert title.find(f"{qn('w:rPr')}/{qn('w:color')}").get(qn("w:val")) == border


@pytest.mark.libreoffice
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")
def test_certificates_pass_the_layout_check(people_root):
    """Rendered certificates: one page each, nothing under 8 pt, nothing off the page."""
    from builder.layoutcheck import check_pdf

    folder = build(people_root, with_pdf=True)
    findings = check_pdf(folder / "all.docx", folder / "all.pdf", "certificates/all.docx")
    assert findings == [], [str(f) for f in findings]
