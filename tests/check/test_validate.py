"""Bad input is reported as ``file:line:col: error: path: message [code]``; each case pins its exact message."""

from __future__ import annotations

import pytest

from tests.helpers import make_project, run_cli

MODULE = """\
id: mini
title: Modul Mini
summary: Modul kecil untuk pengujian.
duration: 90
objectives:
  - id: o1
    text: Menjelaskan pokok bahasan.
sections:
  - id: satu
    title: Bagian satu
    points: [Poin A, Poin B, Poin C]
    body: Isi handout.
quiz:
  - id: q1
    type: single
    objective: o1
    question: Pertanyaan?
    options: [Satu, Dua, Tiga, Empat]
    answer: B
    explanation: Karena dua.
"""

CURRICULUM = """\
id: mini-ws
title: Lokakarya Mini
organizer: Bagian Humas
venue: Aula
city: Sungai Raya
province: Kalimantan Barat
days:
  - date: 2019-09-24
    items:
      - {start: 08.00, end: 09.30, kind: session, module: mini}
      - {start: 09.30, end: 10.00, kind: break, title: Rehat}
"""


def module_with(old: str, new: str) -> str:
    """The mini module with one replacement (which must apply)."""
    assert old in MODULE
    return MODULE.replace(old, new)


def curriculum_with(old: str, new: str) -> str:
    """The mini curriculum with one replacement (which must apply)."""
    assert old in CURRICULUM
    return CURRICULUM.replace(old, new)


CASES = {
    "duplicate-key": (
        {"mini.yaml": module_with("summary: Modul kecil untuk pengujian.\n", "summary: a\nsummary: b\n")}, {},
        "modules/mini.yaml:4:1: error: duplicate key 'summary' [yaml.duplicate-key]",
    ),
    "wrong-type-duration": (
        {"mini.yaml": module_with("duration: 90", "duration: forty")}, {},
        "modules/mini.yaml:4:11: error: duration: 'forty' is not a duration: write minutes (e.g. 180) or lesson hours (e.g. '4 JP') [duration]",
    ),
    "missing-required": (
        {"mini.yaml": module_with("title: Modul Mini\n", "")}, {},
        "modules/mini.yaml:1:1: error: title: required field 'title' is missing [missing]",
    ),
    "answer-not-an-option": (
        {"mini.yaml": module_with("answer: B", "answer: E")}, {},
        "modules/mini.yaml:19:13: error: quiz[0].answer: 'E' is not one of the options A-D [quiz.answer]",
    ),
    "unknown-question-type": (
        {"mini.yaml": module_with("type: single", "type: essay")}, {},
        "modules/mini.yaml:14:5: error: quiz[0]: unknown question type 'essay' [quiz.type]",
    ),
    "duplicate-option": (
        {"mini.yaml": module_with("[Satu, Dua, Tiga, Empat]", "[Satu, Dua, satu, Empat]")}, {},
        "modules/mini.yaml:18:14: error: quiz[0].options: option C repeats option A ('satu') [quiz.duplicate-option]",
    ),
    "objective-unknown": (
        {"mini.yaml": module_with("objective: o1", "objective: o9")}, {},
        "modules/mini.yaml:16:16: error: quiz[0].objective: 'o9' is not an objective of this module (o1) [quiz.objective]",
    ),
    "bad-id": (
        {"mini.yaml": module_with("  - id: satu", "  - id: ../satu")}, {},
        "modules/mini.yaml:9:9: error: sections[0].id: '../satu' is not a valid id: use lower-case letters, digits and single hyphens only [id.format]",
    ),
    "module-with-errors": (
        {"mini.yaml": module_with("answer: B", "answer: E")}, {"mini-ws.yaml": CURRICULUM},
        "curriculum/mini-ws.yaml:10:59: error: days[0].items[0].module: module 'mini' has errors (see its file) [agenda.module-invalid]",
    ),
    "not-yaml": (
        {"mini.yaml": "id: mini\ntitle: [unclosed\n"}, {},
        "modules/mini.yaml:3:1: error: not valid YAML: expected ',' or ']', but got '<stream end>' [yaml.syntax]",
    ),
    "empty-file": (
        {"mini.yaml": "# nothing yet\n\n"}, {},
        "modules/mini.yaml:1:1: error: the file is empty [yaml.empty]",
    ),
    "top-level-list": (
        {"mini.yaml": "- id: mini\n"}, {},
        "modules/mini.yaml:1:1: error: the top level is not a mapping of keys [yaml.not-mapping]",
    ),
    "unknown-module": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("module: mini}", "module: mimi}")},
        "curriculum/mini-ws.yaml:10:59: error: days[0].items[0].module: unknown module 'mimi' [agenda.unknown-module]",
    ),
    "overlap": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("start: 09.30, end: 10.00", "start: 09.00, end: 10.00")},
        "curriculum/mini-ws.yaml:11:17: error: days[0].items[1].start: starts at 09.00, before items[0] ends at 09.30 [agenda.overlap]",
    ),
    "ends-before-start": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("start: 09.30, end: 10.00", "start: 09.30, end: 09.15")},
        "curriculum/mini-ws.yaml:11:29: error: days[0].items[1].end: ends at 09.15, not after it starts at 09.30 [agenda.time-order]",
    ),
    "days-out-of-order": (
        {"mini.yaml": MODULE},
        {"mini-ws.yaml": CURRICULUM + "  - date: 2019-09-23\n    items:\n      - {start: 08.00, end: 09.00, kind: discussion}\n"},
        "curriculum/mini-ws.yaml:12:11: error: days[1].date: 2019-09-23 comes before the previous day 2019-09-24 [days.order]",
    ),
    "day-repeated": (
        {"mini.yaml": MODULE},
        {"mini-ws.yaml": CURRICULUM + "  - date: 2019-09-24\n    items:\n      - {start: 08.00, end: 09.00, kind: discussion}\n"},
        "curriculum/mini-ws.yaml:12:11: error: days[1].date: 2019-09-24 is listed twice (also days[0]) [days.duplicate]",
    ),
    "missing-roster": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("days:\n", "roster: peserta.xlsx\ndays:\n")},
        "curriculum/mini-ws.yaml:7:9: error: roster: roster file 'peserta.xlsx' not found [asset.missing]",
    ),
    "bad-time": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("end: 10.00", "end: 25.00")},
        "curriculum/mini-ws.yaml:11:29: error: days[0].items[1].end: '25.00' is not a real clock time [time.format]",
    ),
    "bad-timezone": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("days:\n", "timezone: GMT+7\ndays:\n")},
        "curriculum/mini-ws.yaml:7:11: error: timezone: 'GMT+7' is not an Indonesian time zone: use WIB, Wita or WIT (or Asia/Jakarta, Asia/Makassar, Asia/Jayapura) [timezone]",
    ),
    "bad-kind": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("kind: break", "kind: lunch")},
        "curriculum/mini-ws.yaml:11:42: error: days[0].items[1].kind: 'lunch' is not one of: session, ceremony, break, registration, discussion or other [choice]",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_with_exact_message(tmp_path, case):
    """Each bad input gives its pinned message on stderr and exit status 2."""
    modules, curricula, expected = CASES[case]
    root = make_project(tmp_path, modules={"contoh.yaml": MODULE.replace("id: mini", "id: contoh")} | modules,
                        curricula={"bimtek-contoh.yaml": CURRICULUM.replace("mini-ws", "bimtek-contoh")} | curricula)
    if curricula:
        (root / "curriculum" / "bimtek-contoh.yaml").unlink()
    result = run_cli(root, "validate")
    assert result.exit_code == 2, result.output
    assert expected in result.output.splitlines(), result.output
    assert "Traceback" not in result.output


def test_binary_file_is_refused(tmp_path):
    """A spreadsheet saved under a .yaml name is reported, not parsed."""
    root = make_project(tmp_path)
    (root / "modules" / "mini.yaml").write_bytes(b"PK\x03\x04\x00\x00binary")
    result = run_cli(root, "validate", "modules/mini.yaml")
    assert result.exit_code == 2
    assert "modules/mini.yaml:1:1: error: is a binary file, not YAML text [yaml.binary]" in result.output.splitlines()


def test_unknown_key_is_a_warning_with_a_suggestion(tmp_path):
    """A misspelt key warns (with the closest allowed key) and the rest still validates."""
    root = make_project(tmp_path, modules={"mini.yaml": module_with("summary:", "sumary:")})
    result = run_cli(root, "validate", "modules/mini.yaml")
    lines = result.output.splitlines()
    assert "modules/mini.yaml:3:1: warning: sumary: unknown key 'sumary' [unknown-key]" in lines
    assert any("did you mean 'summary'?" in line for line in lines)
    # the missing 'summary' is still found in the same run
    assert "modules/mini.yaml:1:1: error: summary: required field 'summary' is missing [missing]" in lines


def test_validating_leaves_the_loaded_data_as_it_was(tmp_path):
    """The schema check reads the loaded data without copying it, and removes unknown keys only from a copy."""
    import copy

    from builder.check.schema import validate
    from builder.model.module import Module
    from builder.sources.yamlfile import load

    path = tmp_path / "mini.yaml"
    path.write_text(module_with("duration: 90", "duration: 90\nlevel2: x"), encoding="utf-8")
    located = load(path)
    before = copy.deepcopy(located.data)
    module, diagnostics = validate(Module, located)
    assert module is not None and [d.code for d in diagnostics] == ["unknown-key"]
    assert located.data == before and "level2" in located.data


def test_strict_turns_unknown_key_warning_into_error(tmp_path):
    """With --strict an unknown key fails validation."""
    root = make_project(tmp_path, modules={"mini.yaml": module_with("duration: 90", "duration: 90\nlevel2: x")})
    relaxed = run_cli(root, "validate", "modules/mini.yaml")
    assert relaxed.exit_code == 0, relaxed.output
    strict = run_cli(root, "validate", "--strict", "modules/mini.yaml")
    assert strict.exit_code == 2
    assert "modules/mini.yaml:5:1: error: level2: unknown key 'level2' [unknown-key]" in strict.output.splitlines()


def test_all_errors_of_a_file_are_reported_together(tmp_path):
    """Several independent mistakes are all listed in one run."""
    text = module_with("duration: 90", "duration: forty").replace("answer: B", "answer: E")
    root = make_project(tmp_path, modules={"mini.yaml": text})
    result = run_cli(root, "validate", "modules/mini.yaml")
    assert "[duration]" in result.output and "[quiz.answer]" in result.output
    assert "2 error(s), 0 warning(s)" in result.output


def test_matching_item_with_unequal_sides(tmp_path):
    """A matching item needs as many right-hand as left-hand entries."""
    item = ("  - id: q2\n    type: matching\n    objective: o1\n    question: Pasangkan.\n"
            "    left: [A, B, C]\n    right: [x, y]\n    explanation: Karena.\n")
    root = make_project(tmp_path, modules={"mini.yaml": MODULE + item})
    result = run_cli(root, "validate", "modules/mini.yaml")
    assert ("modules/mini.yaml:26:12: error: quiz[1].right: the matching item has 3 items on the left but 2 on the right "
            "[quiz.matching-sides]") in result.output.splitlines()


def alias_bomb(width: int = 10, depth: int = 9) -> str:
    """A 'billion laughs' YAML alias bomb appended under a key of its own."""
    lines = ['lol0: &lol0 "lol"']
    for level in range(1, depth + 1):
        lines.append(f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


# Failures the fuzzer (tests/fuzz) found, pinned with their exact messages.
HOSTILE = {
    "alias-bomb": (
        {"mini.yaml": MODULE + alias_bomb()}, {},
        "modules/mini.yaml:22:7: error: lol5[3][3][8][6]: the file expands to more than 50,000 values (an alias repeated too often?) [yaml.too-large]",
    ),
    "deep-flow-nesting": (
        {"mini.yaml": MODULE + "catatan: " + "[" * 20000 + "]" * 20000 + "\n"}, {},
        "modules/mini.yaml:21:106: error: nesting is deeper than 24 levels [yaml.too-deep]",
    ),
    "deep-block-nesting": (
        {"mini.yaml": MODULE + "catatan:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(40)) + "  x: 1\n"}, {},
        "modules/mini.yaml:46:51: error: catatan.k0.k1.k2.k3.k4.k5.k6.k7.k8.k9.k10.k11.k12.k13.k14.k15.k16.k17.k18.k19.k20.k21.k22.k23: nesting is deeper than 24 levels [yaml.too-deep]",
    ),
    "huge-string": (
        {"mini.yaml": module_with("body: Isi handout.", "body: " + "a" * 30000)}, {},
        "modules/mini.yaml:12:11: error: sections[0].body: the text has 30,000 characters; at most 20,000 are allowed [text.too-long]",
    ),
    "vertical-tab-in-text": (
        {"mini.yaml": module_with("title: Modul Mini", 'title: "Budi\\vSantoso"')}, {},
        "modules/mini.yaml:2:8: error: title: the text contains the control character U+000B, which cannot go into a document [text.control-char]",
    ),
    "nul-in-text": (
        {"mini.yaml": module_with("body: Isi handout.", 'body: "Isi\\0"')}, {},
        "modules/mini.yaml:12:11: error: sections[0].body: the text contains the control character U+0000, which cannot go into a document [text.control-char]",
    ),
    "raw-control-char": (
        {"mini.yaml": module_with("title: Modul Mini", "title: Modul\x07Mini")}, {},
        "modules/mini.yaml:2:13: error: the control character U+0007 is not allowed in YAML text [text.control-char]",
    ),
    "title-too-long": (
        {"mini.yaml": module_with("title: Modul Mini", "title: " + "Judul " * 50)}, {},
        "modules/mini.yaml:2:8: error: title: the text has 299 characters; at most 200 are allowed here [text.too-long]",
    ),
    "impossible-date": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("2019-09-24", "2019-02-30")},
        "curriculum/mini-ws.yaml:8:11: error: '2019-02-30' is not a real date (day is out of range for month) [type.date]",
    ),
    "month-13": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("2019-09-24", "2019-13-01")},
        "curriculum/mini-ws.yaml:8:11: error: '2019-13-01' is not a real date (month must be in 1..12) [type.date]",
    ),
    "date-zero": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("2019-09-24", "0")},
        "curriculum/mini-ws.yaml:8:11: error: days[0].date: 0 is not a date (YYYY-MM-DD) [type.date]",
    ),
    "date-with-time": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("2019-09-24", "2019-09-24 08:00")},
        "curriculum/mini-ws.yaml:8:11: error: days[0].date: '2019-09-24 08:00' is not a date (YYYY-MM-DD) [type.date]",
    ),
    "binary-curriculum": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": "id: x\n\x00\x01\x02"},
        "curriculum/mini-ws.yaml:2:1: error: is a binary file, not YAML text [yaml.binary]",
    ),
    "roster-absolute-path": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("days:\n", "roster: /etc/passwd\ndays:\n")},
        "curriculum/mini-ws.yaml:7:9: error: roster: '/etc/passwd' is an absolute path; write it relative to the project folder [path.outside]",
    ),
    "roster-escapes-project": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("days:\n", "roster: ../../etc/passwd\ndays:\n")},
        "curriculum/mini-ws.yaml:7:9: error: roster: '../../etc/passwd' points outside the project folder [path.outside]",
    ),
    "logo-escapes-project": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("days:\n", "branding:\n  logo: ../logo.png\ndays:\n")},
        "curriculum/mini-ws.yaml:8:9: error: branding.logo: '../logo.png' points outside the project folder [path.outside]",
    ),
    "roster-is-a-folder": (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("days:\n", "roster: modules\ndays:\n")},
        "curriculum/mini-ws.yaml:7:9: error: roster: roster 'modules' is a folder, not a file [asset.missing]",
    ),
}

CERTIFICATE = "certificate:\n  place: Sungai Raya\n  signer: {name: Drs. A, title: Sekretaris Daerah}\n  number_pattern: PATTERN\ndays:\n"
PATTERNS = {
    "'SERT/{year}'": "'SERT/{year}' has no {seq}, so every certificate would get the same number",
    "'{seq}/{tahun}'": "'{seq}/{tahun}' uses the unknown field {tahun}; known fields: seq, year, month, month_roman",
    "'{seq:03d}/{year'": "'{seq:03d}/{year' cannot be filled: expected '}' before end of string",
    "'{seq.real}'": "'{seq.real}' uses the unknown field {seq.real}; known fields: seq, year, month, month_roman",
    "'{seq:03d}/{month_roman:03d}'": "'{seq:03d}/{month_roman:03d}' cannot be filled: Unknown format code 'd' for object of type 'str'",
}
for _pattern, _message in PATTERNS.items():
    HOSTILE[f"number-pattern {_pattern}"] = (
        {"mini.yaml": MODULE}, {"mini-ws.yaml": curriculum_with("days:\n", CERTIFICATE.replace("PATTERN", _pattern))},
        f"curriculum/mini-ws.yaml:10:19: error: certificate.number_pattern: {_message} [certificate.number-pattern]",
    )


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_is_a_located_error(tmp_path, case):
    """Each hostile input the fuzzer found gives exactly this located message, exit 2, no traceback."""
    modules, curricula, expected = HOSTILE[case]
    root = make_project(tmp_path, modules=modules, curricula=curricula)
    if curricula:
        (root / "curriculum" / "bimtek-contoh.yaml").unlink()
    result = run_cli(root, "validate")
    assert result.exit_code == 2, result.output
    assert expected in result.output.splitlines(), result.output
    assert "Traceback" not in result.output


def test_legal_but_odd_characters_pass_unchanged(tmp_path):
    """Zero-width joiners, right-to-left marks and emoji are legal text: they pass through as written."""
    from builder.sources.yamlfile import load

    root = make_project(tmp_path, modules={"mini.yaml": module_with("title: Modul Mini", 'title: "Modul\u200dMini\u200f 😀"')})
    assert load(root / "modules" / "mini.yaml").data["title"] == "Modul\u200dMini\u200f 😀"
    assert run_cli(root, "validate", "modules/mini.yaml").exit_code == 0


def test_broken_pyproject_is_a_located_error(tmp_path):
    """A pyproject.toml that is not TOML names its line and column instead of raising TOMLDecodeError."""
    root = make_project(tmp_path)
    (root / "pyproject.toml").write_text("[tool.workshop]\ndefault = curriculum/x.yaml\n", encoding="utf-8")
    result = run_cli(root, "build", "--only", "agenda")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "error: pyproject.toml:2:11: not valid TOML: Invalid value" in result.output.splitlines()


def test_device_file_is_refused_without_reading_it(tmp_path):
    """`workshop validate /dev/zero` does not read forever: a located error."""
    root = make_project(tmp_path)
    result = run_cli(root, "validate", "/dev/zero")
    assert result.exit_code == 2
    assert "/dev/zero:1:1: error: is not a regular file (a device or pipe?) [file.missing]" in result.output.splitlines()


@pytest.mark.parametrize("data, expected", [
    (b"", "is not a readable image file"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "is not a readable image file"),
    (b"\x89PNG\r\n\x1a\n\x00\x01", "is not a readable image file"),
])
def test_logo_that_is_not_an_image_is_located(tmp_path, data, expected):
    """An empty file, a PDF or a broken PNG as logo is an error at branding.logo, not UnrecognizedImageError."""
    root = make_project(tmp_path, modules={"mini.yaml": MODULE},
                        curricula={"mini-ws.yaml": curriculum_with("days:\n", "branding:\n  logo: logo.png\ndays:\n")})
    (root / "curriculum" / "bimtek-contoh.yaml").unlink()
    (root / "logo.png").write_bytes(data)
    result = run_cli(root, "validate")
    assert result.exit_code == 2
    assert f"curriculum/mini-ws.yaml:8:9: error: branding.logo: logo 'logo.png' {expected} [asset.image]" in \
        result.output.splitlines(), result.output
