"""The workshop command: help, --only, new, list, and the build summary."""

from __future__ import annotations

from tests.helpers import make_project, run_cli


def test_every_command_has_help_with_examples(tmp_path):
    """--help works for every command and shows examples."""
    root = make_project(tmp_path)
    for args in (["--help"], ["build", "--help"], ["validate", "--help"], ["list", "--help"],
                 ["new", "module", "--help"], ["new", "curriculum", "--help"]):
        result = run_cli(root, *args)
        assert result.exit_code == 0, args
        assert "Example" in result.output, args


def test_unknown_output_kind_suggests_the_closest(tmp_path):
    """--only with a misspelt kind fails with exit 2, a suggestion and the valid names."""
    root = make_project(tmp_path)
    result = run_cli(root, "build", "--only", "agnda")
    assert result.exit_code == 2
    assert "error: unknown output kind 'agnda'" in result.output
    assert "did you mean 'agenda'?" in result.output and "valid kinds: agenda" in result.output


def test_build_writes_agenda_and_prints_summary(tmp_path):
    """A default build in a project folder writes build/<id>/agenda.docx and lists it."""
    root = make_project(tmp_path)
    result = run_cli(root, "build", "--only", "agenda")
    assert result.exit_code == 0, result.output
    assert (root / "build" / "bimtek-contoh" / "agenda.docx").is_file()
    assert "agenda.docx" in result.output and "Wrote 1 file(s)" in result.output


def test_failed_build_keeps_earlier_outputs(tmp_path):
    """After a good build, a build with a broken source exits 2 and leaves the old file untouched."""
    root = make_project(tmp_path)
    assert run_cli(root, "build", "--only", "agenda").exit_code == 0
    agenda = root / "build" / "bimtek-contoh" / "agenda.docx"
    before = agenda.read_bytes()
    module = root / "modules" / "contoh.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("answer: B", "answer: Z"), encoding="utf-8")
    result = run_cli(root, "build", "--only", "agenda")
    assert result.exit_code == 2
    assert "nothing was built" in result.output
    assert agenda.read_bytes() == before
    assert not list(agenda.parent.glob(".*.tmp"))


def test_new_module_and_curriculum_validate_as_written(tmp_path):
    """The starter files written by `workshop new` pass validation without edits."""
    root = make_project(tmp_path)
    assert run_cli(root, "new", "module", "etika-humas").exit_code == 0
    assert run_cli(root, "new", "curriculum", "bimtek-2026").exit_code == 0
    result = run_cli(root, "validate", "modules/etika-humas.yaml", "curriculum/bimtek-2026.yaml", "--strict")
    assert result.exit_code == 0, result.output
    again = run_cli(root, "new", "module", "etika-humas")
    assert again.exit_code == 2 and "already exists" in again.output
    bad = run_cli(root, "new", "module", "../evil")
    assert bad.exit_code == 2 and "is not a valid id" in bad.output


def table_rows(output: str) -> list[list[str]]:
    """The cells of every body row of the rich tables in ``output`` (wrapped cells stay split)."""
    return [[cell.strip() for cell in line.strip().strip("│").split("│")]
            for line in output.splitlines() if line.startswith("│")]


def test_list_shows_modules_and_curricula(tmp_path):
    """`workshop list` shows the module's id, title, JP and counts in its own row, and the curriculum's."""
    root = make_project(tmp_path)
    result = run_cli(root, "list")
    assert result.exit_code == 0
    rows = table_rows(result.output)
    assert ["contoh", "Judul Modul", "4", "1", "1", "2"] in rows
    assert ["bimtek-contoh.yaml", "bimtek-contoh", "Bimbingan Teknis Kehumasan", "2"] in rows


def test_a_roster_column_of_bad_nips_is_summarised_in_one_line(tmp_path):
    """Forty bad NIPs: the first five are located one by one, the rest counted in one line; exit 2."""
    root = make_project(tmp_path, base="people")
    rows = "".join(f"{n};Peserta Nomor {n};;;1969030919940{n:02d};;Staf;Dinas Contoh;peserta\n" for n in range(1, 41))
    (root / "rosters" / "peserta.csv").write_text(
        "No;Nama;Gelar Depan;Gelar Belakang;NIP;Pangkat/Golongan;Jabatan;Instansi;Peran\n" + rows, encoding="utf-8")
    result = run_cli(root, "build", "--only", "certificates")
    assert result.exit_code == 2, result.output
    located = [line for line in result.output.splitlines() if line.startswith("rosters/peserta.csv:")]
    assert [line.split(": error:")[0] for line in located] == [f"rosters/peserta.csv:{n}:5" for n in range(2, 7)]
    assert all(line.endswith("[roster.nip]") for line in located)
    assert "... and 35 more [roster.nip]" in result.output.splitlines()
    assert "40 error(s)" in result.output



class _Cycle:
    """An object in a reference cycle, collectable only by the cycle collector."""

    def __init__(self) -> None:
        self.me = self


def test_validate_freezes_its_objects_and_the_next_run_frees_them(tmp_path):
    """validate turns the collector back on with its objects frozen; the next run hands them back (no pile-up)."""
    import gc
    import weakref

    root = make_project(tmp_path)
    gc.unfreeze()
    gc.collect()
    try:
        cycle = _Cycle()
        alive = weakref.ref(cycle)
        assert run_cli(root, "validate").exit_code == 0
        assert gc.isenabled() and gc.get_freeze_count() > 0
        del cycle
        gc.collect()
        assert alive() is not None  # frozen: the collector leaves it alone
        assert run_cli(root, "validate").exit_code == 0
        assert alive() is None  # the second run unfroze and collected the first run's garbage
    finally:
        gc.unfreeze()
