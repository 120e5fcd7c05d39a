"""Rebuild only what changed: each kind of input changes exactly the outputs made from it, never a stale file."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from builder.write import cache
from tests.helpers import make_project, run_cli

WID = "sertifikat-contoh"
NOTEBOOK_ROOT = Path(__file__).resolve().parent.parent / "roots" / "notebooks"

MODULE_FILES = {"handouts/contoh.docx", "slides/contoh.pptx", "trainer/contoh-guide.docx"}
OTHER_MODULE_FILES = {"handouts/latihan-notebook.docx", "slides/latihan-notebook.pptx",
                      "trainer/latihan-notebook-guide.docx", "notebooks/latihan-notebook.ipynb",
                      "trainer/notebooks/latihan-notebook.ipynb"}
WORKSHOP_FILES = {"handbook.docx", "slides/workshop.pptx"}
QUIZ_CONTOH = {"quizzes/contoh-pre-A.docx", "quizzes/contoh-pre-B.docx", "quizzes/contoh-pre-kunci.docx",
               "quizzes/contoh-post-A.docx", "quizzes/contoh-post-B.docx", "quizzes/contoh-post-kunci.docx"}
LMS = {"quizzes/moodle.xml", "quizzes/gift.txt"}
PERSON_3 = {"certificates/per-orang/0003-maruf-oneil-s-h.docx", "certificates/per-orang/0003-maruf-oneil-s-h.json"}
ATTENDANCE = {"attendance/daftar-hadir-2019-09-24.docx", "attendance/daftar-hadir-2019-09-25.docx",
              "attendance/name-cards.docx"}
CERTIFICATES_COMBINED = {"certificates/all.docx", "certificates/register.csv", "certificates/register.json"}
NEW_ROW = "9;Wati Baru;;S.E.;199105052019032003;Penata Muda (III/a);Staf;Kecamatan Sungai Contoh;panitia\n"


def png(colour: tuple[int, int, int]) -> bytes:
    """A small PNG of one colour."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """The ``people`` root with a second module (notebook exercises) on day 2 and an image in ``contoh``."""
    monkeypatch.setenv("WORKSHOP_NO_PDF", "1")
    root = make_project(tmp_path, base="people")
    shutil.copy(NOTEBOOK_ROOT / "modules" / "latihan-notebook.yaml", root / "modules")
    (root / "modules" / "assets").mkdir()
    (root / "modules" / "assets" / "gambar.png").write_bytes(png((200, 30, 30)))
    module = root / "modules" / "contoh.yaml"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("    minutes: 30 ", "    image: {path: assets/gambar.png, caption: Gambar contoh, "
                                   "alt: Kotak merah}\n    minutes: 30 ", 1), encoding="utf-8")
    curriculum = root / "curriculum" / f"{WID}.yaml"
    text = curriculum.read_text(encoding="utf-8")
    curriculum.write_text(text.replace("kind: discussion, title: Diskusi pleno}",
                                       "kind: session, module: latihan-notebook}", 1), encoding="utf-8")
    return root


def build(root: Path, *args: str):
    """``workshop build ARGS`` in ``root``; fails the test on a non-zero exit."""
    result = run_cli(root, "build", *args)
    assert result.exit_code == 0, result.output
    return result


def state(root: Path) -> dict[str, tuple[str, int, int]]:
    """Relative path -> (sha256, mtime_ns, inode) of every output file."""
    out = root / "build" / WID
    found = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            info = path.stat()
            found[str(path.relative_to(out))] = (hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mtime_ns,
                                                 info.st_ino)
    return found


def changed(before: dict, after: dict) -> set[str]:
    """Files added, removed, or with other bytes, mtime or inode."""
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def same_as_clean_build(root: Path, tmp_path: Path) -> None:
    """The output equals a ``--force`` build of the same sources into another folder, byte for byte."""
    build(root, "--force", "--out", str(tmp_path / "clean"))
    clean = tmp_path / "clean" / WID
    expected = {str(p.relative_to(clean)): p.read_bytes() for p in clean.rglob("*") if p.is_file()}
    out = root / "build" / WID
    actual = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert sorted(actual) == sorted(expected)
    assert [name for name in expected if expected[name] != actual[name]] == []


@pytest.fixture
def built(project: Path) -> Path:
    """The project, built once."""
    build(project)
    return project


def test_no_op_rebuild_writes_nothing_and_says_up_to_date(built: Path):
    before = state(built)
    manifest = cache.manifest_path(built / "build" / WID).read_bytes()
    result = build(built)
    assert "up to date" in result.output and f"{len(before)} file(s)" in result.output
    assert state(built) == before
    assert cache.manifest_path(built / "build" / WID).read_bytes() == manifest
    assert not any(name.startswith(f".{WID}.staging") for name in os.listdir(built / "build"))


def test_no_op_repeats_the_warnings_of_the_last_build(built: Path):
    first = run_cli(built, "build", "--force")
    again = run_cli(built, "build")
    assert "up to date" in again.output
    assert "[plan.minutes]" in first.output and "[plan.minutes]" in again.output
    assert "tidak mendapat sertifikat: Budi Absen" in again.output


def test_force_rewrites_every_file(built: Path):
    before = state(built)
    build(built, "--force")
    after = state(built)
    assert set(after) == set(before)
    assert all(after[name][0] == before[name][0] for name in after)  # same bytes (deterministic) ...
    # ... yet nothing was kept from the last build: a file holding the same bytes is left in place, so
    # --force shows in the units rendered again (every one), not in mtimes.
    manifest = json.loads(cache.manifest_path(built / "build" / WID).read_text())
    assert "slides:contoh" in manifest["units"] and "certificates:all" in manifest["units"]


def test_force_renders_every_unit_again(built: Path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_JOBS", "1")  # the spy below counts the units rendered in this process
    rendered = []
    original = cache.UnitCache.reuse

    def spy(self, kind, name, data, out):
        kept = original(self, kind, name, data, out)
        rendered.append((f"{kind}:{name}", kept))
        return kept

    monkeypatch.setattr(cache.UnitCache, "reuse", spy)
    build(built, "--force")
    assert rendered and not any(kept for _name, kept in rendered)
    rendered.clear()
    (built / "modules" / "contoh.yaml").write_text(
        (built / "modules" / "contoh.yaml").read_text(encoding="utf-8").replace("Paragraf pertama handout.",
                                                                                  "Paragraf pertama yang baru."),
        encoding="utf-8")
    build(built)
    again = {name for name, kept in rendered if not kept}
    assert again == {"slides:contoh", "slides:workshop", "handouts:contoh", "guides:contoh", "handbook:handbook",
                     "quizzes:exports", "quizzes:contoh-pre", "quizzes:contoh-post"}


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur) by ``new`` in a text file."""
    text = path.read_text(encoding="utf-8-sig")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_editing_one_module_rebuilds_its_files_and_the_combined_ones(built: Path, tmp_path: Path):
    before = state(built)
    edit(built / "modules" / "contoh.yaml", "Paragraf pertama handout.", "Paragraf pertama handout yang baru.")
    edit(built / "modules" / "contoh.yaml", "- Poin pertama untuk slide", "- Poin pertama yang diubah")
    build(built)
    # the workshop deck was rendered again (it is made from every module) but shows no section: same bytes
    assert changed(before, state(built)) == {"handouts/contoh.docx", "slides/contoh.pptx", "trainer/contoh-guide.docx",
                                             "handbook.docx"}
    same_as_clean_build(built, tmp_path)


def test_editing_a_quiz_item_changes_that_module_s_quiz_files(built: Path, tmp_path: Path):
    before = state(built)
    text = (built / "modules" / "contoh.yaml").read_text(encoding="utf-8")
    assert "explanation:" in text
    edit(built / "modules" / "contoh.yaml", "explanation: ", "explanation: Penjelasan yang diubah. ")
    build(built)
    diff = changed(before, state(built))
    assert diff and diff <= MODULE_FILES | WORKSHOP_FILES | QUIZ_CONTOH | LMS
    assert "quizzes/contoh-pre-kunci.docx" in diff or "quizzes/contoh-post-kunci.docx" in diff
    assert not diff & OTHER_MODULE_FILES
    same_as_clean_build(built, tmp_path)


def test_editing_the_notebook_module_rebuilds_its_notebooks_only(built: Path, tmp_path: Path):
    before = state(built)
    edit(built / "modules" / "latihan-notebook.yaml", "title: ", "title: Diubah ")
    build(built)
    diff = changed(before, state(built))
    assert {"notebooks/latihan-notebook.ipynb", "trainer/notebooks/latihan-notebook.ipynb",
            "handouts/latihan-notebook.docx", "slides/latihan-notebook.pptx", "handbook.docx"} <= diff
    assert not diff & (MODULE_FILES | PERSON_3 | CERTIFICATES_COMBINED | ATTENDANCE)
    same_as_clean_build(built, tmp_path)


def test_editing_one_roster_row_changes_the_attendance_files_not_the_issued_certificate(built: Path, tmp_path: Path):
    """The register keeps what was issued (a warning says how to correct it): only the sheets change."""
    before = state(built)
    edit(built / "rosters" / "peserta.csv", "Kepala Subbagian Protokol", "Kepala Bagian Protokol")
    result = build(built)
    assert "the certificate keeps the issued details" in " ".join(result.output.split())
    assert changed(before, state(built)) == ATTENDANCE
    again = run_cli(built, "build")
    assert "up to date" in again.output and "the certificate keeps" in " ".join(again.output.split())
    same_as_clean_build(built, tmp_path)


def test_adding_one_roster_row_adds_that_certificate_and_changes_only_the_combined_files(built: Path, tmp_path: Path):
    before = state(built)
    with open(built / "rosters" / "peserta.csv", "a", encoding="utf-8") as handle:
        handle.write(NEW_ROW)
    build(built)
    assert changed(before, state(built)) == ATTENDANCE | CERTIFICATES_COMBINED | {
        "certificates/kelayakan.csv", "certificates/per-orang/0007-wati-baru-s-e.docx",
        "certificates/per-orang/0007-wati-baru-s-e.json", "site/data.js", "site/index.html", "site/status.json"}
    same_as_clean_build(built, tmp_path)


def test_a_new_roster_row_renders_only_that_person_s_certificate(built: Path, monkeypatch):
    import builder.render.certificates as certificates

    rendered = []
    original = certificates.single_docx

    def spy(prepared, values, *rest):
        rendered.append(values["name"])
        return original(prepared, values, *rest)

    monkeypatch.setattr(certificates, "single_docx", spy)
    with open(built / "rosters" / "peserta.csv", "a", encoding="utf-8") as handle:
        handle.write(NEW_ROW)
    build(built)
    assert rendered == ["Wati Baru,\xa0S.E."]  # the degree kept with the name


def test_a_corrected_certificate_in_the_register_is_rendered_again(built: Path, tmp_path: Path):
    before = state(built)
    result = run_cli(built, "certificates", "correct", "800/003/Humpro/IX/2019", "--position", "Kepala Bagian Protokol")
    assert result.exit_code == 0, result.output
    build(built)
    diff = changed(before, state(built))
    assert PERSON_3 | CERTIFICATES_COMBINED <= diff
    assert not diff & ATTENDANCE and not diff & {"certificates/per-orang/0001-pt-a-b-tbk.docx", "handbook.docx"}
    same_as_clean_build(built, tmp_path)


def test_editing_the_curriculum_rebuilds_what_shows_it(built: Path, tmp_path: Path):
    before = state(built)
    edit(built / "curriculum" / f"{WID}.yaml", "Rehat kopi", "Rehat kopi dan kudapan")
    build(built)
    diff = changed(before, state(built))
    assert {"agenda.docx", "handbook.docx"} <= diff
    assert not diff & PERSON_3  # the break's title is on no certificate
    same_as_clean_build(built, tmp_path)


def test_a_template_file_changes_every_output_made_from_it(built: Path, tmp_path: Path, monkeypatch):
    """A user slide master named by the curriculum: every deck changes, nothing else."""
    before = state(built)
    shutil.copy(Path(cache.PACKAGE) / "templates" / "slides.pptx", built / "master.pptx")
    edit(built / "curriculum" / f"{WID}.yaml", "days:", "branding:\n  slides_template: master.pptx\ndays:")
    build(built)
    build(built)
    assert "up to date" in run_cli(built, "build").output
    from pptx import Presentation

    prs = Presentation(str(built / "master.pptx"))
    prs.core_properties.subject = "Master yang diubah"
    prs.slide_layouts[0].name = prs.slide_layouts[0].name  # unchanged layouts; only the package bytes differ
    prs.slide_masters[0].shapes[0].name = "Judul master diubah"
    prs.save(str(built / "master.pptx"))
    middle = state(built)
    build(built)
    diff = changed(middle, state(built))
    assert {"slides/contoh.pptx", "slides/latihan-notebook.pptx", "slides/workshop.pptx"} <= diff
    assert not diff & (PERSON_3 | {"handbook.docx", "agenda.docx"})
    del before
    same_as_clean_build(built, tmp_path)


def test_changing_an_image_rebuilds_the_module_that_shows_it(built: Path, tmp_path: Path):
    before = state(built)
    (built / "modules" / "assets" / "gambar.png").write_bytes(png((30, 30, 200)))
    build(built)
    assert changed(before, state(built)) == {"handouts/contoh.docx", "slides/contoh.pptx", "handbook.docx"}
    same_as_clean_build(built, tmp_path)


def test_the_language_option_rebuilds_and_switching_back_restores(built: Path, tmp_path: Path):
    before = state(built)
    build(built, "--lang", "en")
    english = state(built)
    assert {"agenda.docx", "handbook.docx", "slides/contoh.pptx"} <= changed(before, english)
    build(built, "--lang", "en")
    assert state(built) == english
    build(built)
    assert {name: v[0] for name, v in state(built).items()} == {name: v[0] for name, v in before.items()}
    same_as_clean_build(built, tmp_path)


def test_only_builds_keep_the_other_kinds_and_stay_exact(built: Path, tmp_path: Path):
    before = state(built)
    result = build(built, "--only", "agenda")
    assert "up to date" in result.output  # nothing changed: even a partial build is a no-op
    edit(built / "curriculum" / f"{WID}.yaml", "Rehat kopi", "Rehat siang")
    build(built, "--only", "agenda")
    assert changed(before, state(built)) == {"agenda.docx"}
    result = build(built)
    assert "up to date" not in result.output  # the other kinds were not brought up to date yet
    assert "handbook.docx" in changed(before, state(built))
    same_as_clean_build(built, tmp_path)


def test_new_toolkit_code_rebuilds_every_unit(built: Path, monkeypatch):
    before = state(built)
    monkeypatch.setattr(cache, "code_hash", lambda: "another version")
    result = build(built)
    assert "up to date" not in result.output
    manifest = json.loads(cache.manifest_path(built / "build" / WID).read_text())
    assert manifest["code"] == "another version"
    assert state(built).keys() == before.keys()
    assert "up to date" in build(built).output


def test_a_deleted_output_is_written_again_and_only_it(built: Path, tmp_path: Path):
    before = state(built)
    (built / "build" / WID / "slides" / "contoh.pptx").unlink()
    (built / "build" / WID / "certificates" / "per-orang" / "0003-maruf-oneil-s-h.json").unlink()
    build(built)
    assert changed(before, state(built)) == {"slides/contoh.pptx", "certificates/per-orang/0003-maruf-oneil-s-h.json"}
    same_as_clean_build(built, tmp_path)


def test_an_output_edited_by_hand_is_restored_and_only_it(built: Path, tmp_path: Path):
    before = state(built)
    target = built / "build" / WID / "quizzes" / "gift.txt"
    stat = target.stat()
    with open(target, "ab") as handle:  # in place, as an editor that keeps the inode would
        handle.write(b"// catatan tangan\n")
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old mtime
    build(built)
    after = state(built)
    assert changed(before, after) == {"quizzes/gift.txt"}
    assert after["quizzes/gift.txt"][0] == before["quizzes/gift.txt"][0]
    same_as_clean_build(built, tmp_path)


def test_a_stray_file_in_the_output_is_pruned(built: Path):
    before = state(built)
    (built / "build" / WID / "slides" / "lama.pptx").write_bytes(b"old deck")
    result = build(built)
    assert "up to date" not in result.output
    assert state(built) == before


def test_a_new_module_file_is_noticed(built: Path):
    """An unused module file is still loaded and checked, so adding one is not a no-op."""
    shutil.copy(built / "modules" / "contoh.yaml", built / "modules" / "rusak.yaml")
    result = run_cli(built, "build")
    assert "up to date" not in result.output


def test_fingerprints_are_stable_and_refuse_what_they_cannot_see_into():
    import datetime as dt
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Row:
        name: str
        when: dt.date

    first = cache.fingerprint(Row("Sari", dt.date(2019, 9, 24)), {"b": 1, "a": {2, 1}}, b"\x00")
    assert first == cache.fingerprint(Row("Sari", dt.date(2019, 9, 24)), {"a": {1, 2}, "b": 1}, b"\x00")
    assert first != cache.fingerprint(Row("Sari", dt.date(2019, 9, 25)), {"b": 1, "a": {2, 1}}, b"\x00")
    with pytest.raises(TypeError, match="cannot fingerprint object"):
        cache.fingerprint(object())


def test_a_memo_gives_the_same_keys_and_only_remembers_frozen_records():
    import datetime as dt
    from dataclasses import dataclass

    from builder.model.common import Model

    @dataclass(frozen=True)
    class Row:
        name: str
        when: dt.date

    @dataclass
    class Loose:
        name: str

    class Entry(Model):
        title: str
        tags: list[str] = []

    row, loose, entry = Row("Sari", dt.date(2019, 9, 24)), Loose("Budi"), Entry(title="Rilis", tags=["b", "a"])
    memo: dict = {}
    parts = (row, [loose, entry], {"k": entry, 3: "x", "j": (row,)})
    assert cache.fingerprint(*parts, memo=memo) == cache.fingerprint(*parts)
    assert cache.fingerprint(*parts, memo=memo) == cache.fingerprint(*parts, memo=memo)
    assert {id(row), id(entry)} == set(memo) and id(loose) not in memo
    loose.name = "Ani"  # a record that is not frozen is read again every time
    assert cache.fingerprint(*parts, memo=memo) == cache.fingerprint(*parts)
    assert cache.fingerprint(Entry(title="Rilis", tags=["a", "b"]), memo=memo) != cache.fingerprint(entry, memo=memo)
    del row  # the memo keeps no record alive: a record's entry goes with it
    parts = None
    assert set(memo) == {id(entry)}


def test_the_recorder_keeps_project_files_read_and_folders_listed_not_outputs(tmp_path: Path):
    (tmp_path / "modules").mkdir()
    (tmp_path / "modules" / "a.yaml").write_text("id: a\n", encoding="utf-8")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "out.txt").write_text("x", encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("o", encoding="utf-8")
    with cache.InputRecorder(tmp_path, ignore=[tmp_path / "build"]) as recorder:
        (tmp_path / "modules" / "a.yaml").read_text(encoding="utf-8")
        (tmp_path / "build" / "out.txt").read_text(encoding="utf-8")
        outside.read_text(encoding="utf-8")
        sorted((tmp_path / "modules").glob("*.yaml"))
        (tmp_path / "modules" / "b.yaml").write_text("id: b\n", encoding="utf-8")
    (tmp_path / "modules" / "a.yaml").read_text(encoding="utf-8")  # after the build: not recorded
    inputs = recorder.inputs()
    assert inputs == {str(tmp_path / "modules" / "a.yaml"): hashlib.sha256(b"id: a\n").hexdigest(),
                      str(tmp_path / "modules" / "b.yaml"): hashlib.sha256(b"id: b\n").hexdigest()}
    assert recorder.listings() == {str(tmp_path / "modules"): ["a.yaml", "b.yaml"]}


def test_an_unknown_only_kind_is_still_an_error_after_a_build(built: Path):
    result = run_cli(built, "build", "--only", "slaids")
    assert result.exit_code == 2 and "unknown output kind 'slaids'" in result.output


def test_validate_checks_every_module_even_when_the_build_is_up_to_date(built: Path):
    edit(built / "modules" / "latihan-notebook.yaml", "title: ", "titel: ")
    result = run_cli(built, "validate")
    assert result.exit_code == 2
    assert "up to date" not in run_cli(built, "build").output
