"""PDF conversion: one office run for many files, named failures, a crash survived, no LibreOffice."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from builder.check.diagnostics import UserError
from builder.write import pdf
from builder.write.pdf import INSTALL_HINT, convert_to_pdf, find_soffice
from tests.helpers import run_cli

ROOTS = Path(__file__).resolve().parent.parent / "roots"
needs_libreoffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")

FAKE_OFFICE = """\
#!{python}
# A stand-in for soffice.bin: writes a small "PDF" per file and dies like a crash on a file named crash*.
import os, pathlib, signal, sys
args = sys.argv[1:]
if "--terminate_after_init" in args:
    sys.exit(0)
out = pathlib.Path(args[args.index("--outdir") + 1])
out.mkdir(parents=True, exist_ok=True)
for name in args[args.index("--outdir") + 2:]:
    source = pathlib.Path(name)
    if source.stem.startswith("crash"):
        os.kill(os.getpid(), signal.SIGSEGV)
    if source.read_bytes().startswith(b"good"):
        (out / (source.stem + ".pdf")).write_bytes(b"%PDF-1.4 " + source.read_bytes())
"""


@pytest.fixture
def office_runs(monkeypatch) -> list[list[str]]:
    """The command of every converting office start from now on (the start itself still happens)."""
    runs: list[list[str]] = []
    real = pdf._start_office

    def counted(command: list[str]):
        if "--convert-to" in command:
            runs.append(command)
        return real(command)

    monkeypatch.setattr(pdf, "_start_office", counted)
    return runs


@pytest.fixture
def fake_office(tmp_path, monkeypatch) -> Path:
    """Put the stand-in office in place of LibreOffice."""
    script = tmp_path / "fake-office"
    script.write_text(FAKE_OFFICE.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(pdf, "find_soffice", lambda: str(script))
    return script


def letter(path: Path, text: str) -> Path:
    """A one-paragraph .docx saying ``text``."""
    document = Document()
    document.add_paragraph(text)
    document.save(path)
    return path


def test_without_libreoffice_the_error_says_how_to_get_it(tmp_path, monkeypatch):
    """WORKSHOP_NO_PDF hides LibreOffice; converting then fails with the install hint."""
    monkeypatch.setenv("WORKSHOP_NO_PDF", "1")
    assert find_soffice() is None
    with pytest.raises(UserError, match="not installed") as error:
        convert_to_pdf([letter(tmp_path / "a.docx", "Halo")], tmp_path / "pdf")
    assert error.value.hint == INSTALL_HINT and "apt-get install" in INSTALL_HINT


def test_a_crash_costs_only_the_file_it_happened_on(tmp_path, fake_office, office_runs):
    """The office dies on the second file: a new run converts the rest and the error names that file."""
    sources = []
    for name in ("a", "crash-b", "c", "d"):
        sources.append(tmp_path / f"{name}.docx")
        sources[-1].write_bytes(b"good " + name.encode())
    with pytest.raises(UserError) as error:
        convert_to_pdf(sources, tmp_path / "pdf")
    assert "crash-b.docx:1:1: LibreOffice could not convert this file to PDF" in error.value.message
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == ["a.pdf", "c.pdf", "d.pdf"]
    assert len(office_runs) == 2 and office_runs[1][-2:] == [str(sources[2]), str(sources[3])]


def test_files_that_do_not_open_are_all_named_in_one_run(tmp_path, fake_office, office_runs):
    """Without a crash every file without a PDF is reported, after one run."""
    sources = []
    for name, data in (("a", b"good"), ("b", b"bad"), ("c", b"bad"), ("d", b"good")):
        sources.append(tmp_path / f"{name}.docx")
        sources[-1].write_bytes(data)
    with pytest.raises(UserError, match=r"b\.docx:1:1: .* \(also: .*c\.docx\)"):
        convert_to_pdf(sources, tmp_path / "pdf")
    assert len(office_runs) == 1
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == ["a.pdf", "d.pdf"]


def test_clashing_stems_are_refused(tmp_path, fake_office):
    """LibreOffice names PDFs by stem, so two sources with one stem would overwrite each other."""
    (tmp_path / "x").mkdir()
    with pytest.raises(ValueError, match="distinct"):
        convert_to_pdf([tmp_path / "a.docx", tmp_path / "x" / "a.pptx"], tmp_path / "pdf")


@pytest.mark.libreoffice
@needs_libreoffice
def test_several_files_one_office_run_and_a_broken_file_is_named(tmp_path, office_runs):
    """Two letters and a broken .docx go through one LibreOffice run; the letters convert, the error names the broken one."""
    first, second = letter(tmp_path / "satu.docx", "Surat pertama"), letter(tmp_path / "dua.docx", "Surat kedua")
    broken = tmp_path / "rusak.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UserError) as error:
        convert_to_pdf([first, broken, second], tmp_path / "pdf")
    assert "rusak.docx:1:1: LibreOffice could not convert this file to PDF" in error.value.message
    assert "satu" not in error.value.message and "dua" not in error.value.message
    assert len(office_runs) == 1
    texts = {p.name: PdfReader(str(p)).pages[0].extract_text() for p in (tmp_path / "pdf").glob("*.pdf")}
    assert texts.keys() == {"satu.pdf", "dua.pdf"}
    assert "Surat pertama" in texts["satu.pdf"] and "Surat kedua" in texts["dua.pdf"]
    assert not list((tmp_path / "pdf").glob(".lo-*")), "the private profile is removed"


@pytest.mark.libreoffice
@needs_libreoffice
def test_certificates_of_a_build_use_one_office_run(tmp_path, monkeypatch, office_runs):
    """A certificate build split into several parts converts them all in one LibreOffice run."""
    from builder.render import certificates

    monkeypatch.delenv("WORKSHOP_SIGNING_KEY", raising=False)
    monkeypatch.setattr(certificates, "PART_SIZE", 2)
    root = tmp_path / "people"
    shutil.copytree(ROOTS / "people", root)
    result = run_cli(root, "build", "curriculum/sertifikat-contoh.yaml", "--only", "certificates")
    assert result.exit_code == 0, result.output
    assert len(office_runs) == 1
    assert len([a for a in office_runs[0] if a.endswith(".docx")]) >= 3, "several parts in the one run"
    folder = root / "build" / "sertifikat-contoh" / "certificates"
    singles = sorted((folder / "per-orang").glob("*.pdf"))
    combined = PdfReader(str(folder / "all.pdf"))
    assert len(combined.pages) == len(singles) >= 5
    for page, single in zip(combined.pages, singles):
        assert " ".join(page.extract_text().split()) == " ".join(PdfReader(str(single)).pages[0].extract_text().split())
    images = [image for page in combined.pages[:1] for image in page.images]
    assert images and images[0].image.size[0] >= 300, "the QR code keeps its resolution (no resampling)"

