"""Certificates built from tests/roots/people: content, one page each, durable register, drafts, credentials."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docx import Document

from builder.i18n import Locale
from builder.render.certificates import build_certificates
from builder.write.pdf import find_soffice, page_count
from builder.sources.project import load_workshop
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent / "roots" / "people"
ELIGIBLE = ["PT A & B <Tbk>",
            "Prof. Dr. Hj. Raden Roro Siti Nurhayati Kusumaningrum Wahyuningtyas Hadiningrat, S.Sos., M.Si., M.Kom.",
            "Ma'ruf O'Neil, S.H.", "Đặng Thị Ánh Nguyệt", "Dra. Sari Contoh, M.Si.", "Rina Panitia"]


@pytest.fixture(autouse=True)
def no_key_from_environment(monkeypatch):
    """Tests use the project's default key place, whatever the developer's environment says."""
    monkeypatch.delenv("WORKSHOP_SIGNING_KEY", raising=False)


@pytest.fixture
def people_root(tmp_path) -> Path:
    """A writable copy of the people fixture."""
    target = tmp_path / "people"
    shutil.copytree(ROOT, target)
    return target


def build(root: Path, with_pdf: bool, notes: list[str] | None = None) -> Path:
    """Build certificates of the fixture into root/build and return the certificates folder."""
    workshop, report = load_workshop(root / "curriculum" / "sertifikat-contoh.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    from builder.render.certificates import eligibility

    people = [d.person for d in eligibility(workshop.roster, workshop.attendance, 0.8) if d.eligible]
    out = root / "build" / workshop.id

    def write(relative: str, data: bytes) -> None:
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        (out / relative).write_bytes(data)

    build_certificates(workshop, people, Locale("id"), out, write, with_pdf=with_pdf,
                       note=(notes.append if notes is not None else lambda message: None))
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
    assert [e["name"] for e in register["certificates"]] == ELIGIBLE
    combined = docx_text(folder / "all.docx")
    for entry in register["certificates"]:
        assert entry["name"] in combined and entry["number"] in combined
    single = docx_text(next((folder / "per-orang").glob("0003-*.docx")))
    assert "Ma'ruf O'Neil, S.H." in single and "800/003/Humpro/IX/2019" in single
    assert "NIP 19790817 200501 1 003" in single
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


def numbers_of(folder: Path) -> dict[str, tuple[str, bool]]:
    """Name -> (number, listed) from the register export."""
    data = json.loads((folder / "register.json").read_text(encoding="utf-8"))
    return {e["name"]: (e["number"], e["listed"]) for e in data["certificates"]}


def test_removing_a_person_keeps_the_others_numbers(people_root):
    """Deleting a roster row and rebuilding leaves every other number as it was."""
    before = numbers_of(build(people_root, with_pdf=False))
    roster = people_root / "rosters" / "peserta.csv"
    lines = roster.read_text(encoding="utf-8-sig").splitlines()
    roster.write_text("\n".join(line for line in lines if "Ma'ruf" not in line) + "\n", encoding="utf-8-sig")
    after = numbers_of(build(people_root, with_pdf=False))
    assert {name: number for name, (number, _) in after.items()} == {n: number for n, (number, _) in before.items()}
    assert after["Ma'ruf O'Neil, S.H."][1] is False


def test_deleting_the_build_folder_and_reordering_keeps_every_number(people_root):
    """`rm -rf build` plus a shuffled roster: every number stays with its person; the register is outside build/."""
    before = numbers_of(build(people_root, with_pdf=False))
    assert (people_root / "registers" / "sertifikat-contoh.sqlite3").is_file()
    shutil.rmtree(people_root / "build")
    roster = people_root / "rosters" / "peserta.csv"
    header, *rows = roster.read_text(encoding="utf-8-sig").splitlines()
    roster.write_text("\n".join([header, *reversed(rows)]) + "\n", encoding="utf-8-sig")
    assert numbers_of(build(people_root, with_pdf=False)) == before


def test_rebuild_after_deleting_the_build_folder_is_byte_identical(people_root):
    """Same register, same key: the same certificate and credential bytes."""
    folder = build(people_root, with_pdf=False)
    first = {p.name: p.read_bytes() for p in (folder / "per-orang").iterdir()} | {"all": (folder / "all.docx").read_bytes()}
    shutil.rmtree(people_root / "build")
    folder = build(people_root, with_pdf=False)
    second = {p.name: p.read_bytes() for p in (folder / "per-orang").iterdir()} | {"all": (folder / "all.docx").read_bytes()}
    assert first == second


def test_renamed_person_gets_a_warning_and_keeps_the_issued_name(people_root):
    """A roster that renames someone already issued: a warning with the correct command; the issued name stays."""
    build(people_root, with_pdf=False)
    roster = people_root / "rosters" / "peserta.csv"
    roster.write_text(roster.read_text(encoding="utf-8-sig").replace("Ma'ruf O'Neil", "Ma'ruf O'Neill"),
                      encoding="utf-8-sig")
    notes: list[str] = []
    folder = build(people_root, with_pdf=False, notes=notes)
    assert any("workshop certificates correct \"800/003/Humpro/IX/2019\"" in n for n in notes), notes
    assert "Ma'ruf O'Neil, S.H." in docx_text(next((folder / "per-orang").glob("0003-*.docx")))


def test_each_certificate_has_a_signed_credential_and_a_qr_token(people_root):
    """per-orang/<name>.json is an enveloped VC-JWT; the key was created owner-only outside build/."""
    folder = build(people_root, with_pdf=False)
    credentials = sorted((folder / "per-orang").glob("*.json"))
    assert len(credentials) == len(ELIGIBLE)
    document = json.loads(credentials[0].read_text(encoding="utf-8"))
    assert document["id"].startswith("data:application/vc+jwt,ey")
    key = people_root / "registers" / "keys" / "signing-key.pem"
    assert key.is_file() and oct(key.stat().st_mode & 0o777) == "0o600"
    assert (key.parent / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")


def test_an_old_register_json_in_build_is_imported(people_root):
    """Numbers from an earlier build's register.json (before the SQLite register) are taken over once."""
    old = people_root / "build" / "sertifikat-contoh" / "certificates" / "register.json"
    old.parent.mkdir(parents=True)
    old.write_text(json.dumps({"workshop": "sertifikat-contoh", "title": "x", "entries": [
        {"seq": 41, "number": "800/041/Humpro/IX/2019", "key": "nip:197908172005011003", "name": "Ma'ruf O'Neil, S.H.",
         "role": "peserta", "nip": "197908172005011003", "agency": "Bagian Humas", "hash": "0", "active": True}]}),
        encoding="utf-8")
    numbers = numbers_of(build(people_root, with_pdf=False))
    assert numbers["Ma'ruf O'Neil, S.H."][0] == "800/041/Humpro/IX/2019"
    assert numbers["PT A & B <Tbk>"][0] == "800/042/Humpro/IX/2019"


def test_without_a_key_drafts_are_marked_and_the_register_is_untouched(people_root):
    """certificate.draft: true prints "DRAF" (no QR that verifies), writes no register and no credentials."""
    curriculum = people_root / "curriculum" / "sertifikat-contoh.yaml"
    curriculum.write_text(curriculum.read_text(encoding="utf-8").replace("  place: Sungai Contoh\n",
                                                                         "  place: Sungai Contoh\n  draft: true\n"),
                          encoding="utf-8")
    folder = build(people_root, with_pdf=False)
    text = docx_text(next((folder / "per-orang").glob("0003-*.docx")))
    assert "Nomor: DRAF" in text and "DRAF – TIDAK SAH" in text
    from PIL import Image

    from builder.domain.certificates import draft_stamp_png

    with zipfile.ZipFile(folder / "all.docx") as archive:
        images = [n for n in archive.namelist() if n.startswith("word/media/qr")]
        assert images and all(archive.read(n) == draft_stamp_png("DRAF") for n in images)
    assert Image.open(io.BytesIO(draft_stamp_png("DRAF"))).getpixel((80, 8)) == (192, 0, 0)
    assert not (people_root / "registers").exists()
    assert not list((folder / "per-orang").glob("*.json"))
    assert not (folder / "register.json").exists()


def test_missing_key_after_issuing_is_an_error_not_a_new_key(people_root):
    """Once a register is signed, a lost key is reported with the fix instead of silently replaced."""
    from builder.check.diagnostics import UserError

    build(people_root, with_pdf=False)
    key = people_root / "registers" / "keys" / "signing-key.pem"
    key.unlink()
    with pytest.raises(UserError, match="signing key is missing") as error:
        build(people_root, with_pdf=False)
    assert "restore the key from your backup" in error.value.hint and "WORKSHOP_SIGNING_KEY" in error.value.hint
    assert not key.exists()


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_has_one_page_per_certificate_with_the_right_name(people_root):
    """One LibreOffice conversion; each page carries its person's name and number; the split files match."""
    from pypdf import PdfReader

    folder = build(people_root, with_pdf=True)
    register = json.loads((folder / "register.json").read_text(encoding="utf-8"))["certificates"]
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


def test_bad_register_files_stop_the_build_cleanly(people_root):
    """Corrupted, newer-format and locked registers: exit 2, a message with the fix, no traceback, file unchanged."""
    import sqlite3

    args = ("build", "curriculum/sertifikat-contoh.yaml", "--only", "certificates")
    assert run_cli(people_root, *args).exit_code == 0
    path = people_root / "registers" / "sertifikat-contoh.sqlite3"
    good = path.read_bytes()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    connection.commit()
    connection.close()
    newer = run_cli(people_root, *args)
    assert newer.exit_code == 2 and "written by a newer version" in newer.output and "Traceback" not in newer.output
    path.write_bytes(good[:4096] + b"\0" * (len(good) - 4096))
    damaged = path.read_bytes()
    broken = run_cli(people_root, *args)
    assert broken.exit_code == 2 and "damaged" in broken.output and "backup" in broken.output
    assert path.read_bytes() == damaged
    path.write_bytes(good)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        import builder.domain.register as register_module
        import builder.render.certificates as certificates_module

        original, register_module.LOCK_TIMEOUT = register_module.LOCK_TIMEOUT, 0.2
        waited, certificates_module.BUILD_LOCK_TIMEOUT = certificates_module.BUILD_LOCK_TIMEOUT, 0.2
        try:
            locked = run_cli(people_root, *args, "--force")  # an up-to-date build does not open it
        finally:
            register_module.LOCK_TIMEOUT = original
            certificates_module.BUILD_LOCK_TIMEOUT = waited
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert locked.exit_code == 2 and "in use by another build" in locked.output and "Traceback" not in locked.output
    assert path.read_bytes() == good


def test_key_readable_by_others_is_warned_about(people_root):
    """A key file with group/other permissions gets a warning with the chmod fix."""
    build(people_root, with_pdf=False)
    key = people_root / "registers" / "keys" / "signing-key.pem"
    key.chmod(0o644)
    notes: list[str] = []
    build(people_root, with_pdf=False, notes=notes)
    assert any("chmod 600" in n for n in notes), notes


def test_two_concurrent_builds_give_everyone_one_number(people_root):
    """Two `workshop build --only certificates` processes at once: one register, six numbers, no duplicates."""
    import os
    import subprocess
    import sys

    repo = Path(__file__).resolve().parent.parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo)}
    env.pop("WORKSHOP_SIGNING_KEY", None)
    command = [sys.executable, "-m", "builder", "build", "curriculum/sertifikat-contoh.yaml", "--only", "certificates",
               "--out", "out-{}"]
    processes = [subprocess.Popen([part.format(i) for part in command], cwd=people_root, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for i in (1, 2)]
    outputs = [p.communicate(timeout=300)[0] for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    first = numbers_of(people_root / "out-1" / "sertifikat-contoh" / "certificates")
    second = numbers_of(people_root / "out-2" / "sertifikat-contoh" / "certificates")
    assert first == second and len({n for n, _ in first.values()}) == len(ELIGIBLE) == len(first)


def test_qr_in_each_certificate_links_to_its_signed_token(people_root):
    """The QR image in a certificate is the QR of site_url/verify.html?t=<that certificate's token>."""
    from builder.domain.certificates import qr_png

    folder = build(people_root, with_pdf=False)
    entry = json.loads((folder / "register.json").read_text(encoding="utf-8"))["certificates"][2]
    url = f"https://humas.example.go.id/sertifikat-contoh/verify.html?t={entry['token']}"
    with zipfile.ZipFile(next((folder / "per-orang").glob("0003-*.docx"))) as archive:
        images = [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]
    assert qr_png(url) in images


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
    from builder.write.layoutcheck import check_pdf

    folder = build(people_root, with_pdf=True)
    findings = check_pdf(folder / "all.docx", folder / "all.pdf", "certificates/all.docx")
    assert findings == [], [str(f) for f in findings]


def test_a_build_waiting_for_another_builds_register_lock_says_so(people_root, monkeypatch):
    """While another process holds the register's write lock, the build says it waits (and for how long), then builds."""
    import subprocess
    import sys

    import builder.render.certificates as certificates

    assert run_cli(people_root, "build", "curriculum/sertifikat-contoh.yaml", "--only", "certificates").exit_code == 0
    register = people_root / "registers" / "sertifikat-contoh.sqlite3"
    waited = people_root / "build-waited.txt"
    original = certificates.lock_wait_note

    def lock_wait_note(ctx):  # the holder lets go once the build has said it waits, however slow the machine
        note = original(ctx)

        def noted(seconds):
            note(seconds)
            waited.write_text("waiting", encoding="utf-8")

        return noted

    monkeypatch.setattr(certificates, "lock_wait_note", lock_wait_note)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import os, sqlite3, sys, time\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('BEGIN IMMEDIATE')\n"
        "print('held', flush=True)\n"
        "deadline = time.monotonic() + 120\n"
        "while not os.path.exists(sys.argv[2]) and time.monotonic() < deadline:\n"
        "    time.sleep(0.05)\n"
        "db.execute('ROLLBACK')\n"), str(register), str(waited)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run_cli(people_root, "build", "curriculum/sertifikat-contoh.yaml", "--only", "certificates", "--force")
    finally:
        holder.wait(timeout=150)
    assert result.exit_code == 0, result.output
    assert waited.exists()
    assert ("menunggu kunci register sertifikat yang dipegang build lain dari sertifikat-contoh (paling lama 600 detik)"
            in " ".join(result.output.split()))


@pytest.mark.parametrize("statement", [
    "sebagai narasumber “Etika & <Protokol>” di Jum'at \"pagi\", Kota Kupang",
    "dua baris\nkedua",  # docxtpl turns a line break into <w:br/>: rendered on its own
])
def test_statement_versions_fill_the_token_exactly_as_a_rendering_would(people_root, statement):
    """A statement put into the once-rendered template gives the same XML as rendering the template with it."""
    from builder.domain.certificates import prepare
    from builder.render.certificates import StatementVersions, placeholder_qr, render_template_once

    workshop, _report = load_workshop(people_root / "curriculum" / "sertifikat-contoh.yaml")
    locale = Locale("id")
    versions = StatementVersions(workshop, locale, draft=False)
    versions.get("pernyataan pertama")  # the template is rendered (with the token) once, here
    filled = versions.get(statement)
    rendered = prepare(render_template_once(workshop, locale, False, statement), placeholder_qr())
    assert versions.tokenised and versions.base is not None
    assert filled.document == rendered.document and filled.body == rendered.body
    assert filled.static_zip == rendered.static_zip and filled.qr_entry == rendered.qr_entry
    assert "ZzStatementTokenZz" not in filled.document
