"""Scoring worked out by hand: a Google Forms export of the tests/roots/quiz module (7 items).

Pre pool: q1 q2 q4 q5 q6 q7 (6 items); post pool: q1 q3 q4 q5 q6 q7 (6 items); one point each.
"""

from __future__ import annotations

import csv

import pytest

from builder.sources.project import load_workshop
from builder.domain.scoring import hake_band, item_analysis, normalized_gain, person_results, score_responses
from builder.sources.responses import read_response_files
from tests.helpers import ROOTS

Q1 = 'Siapa yang menunjuk PPID di "PT A & B <Tbk>"?'
Q2 = "Manakah yang termasuk informasi serta-merta?"
Q3 = "Jangka waktu tanggapan permohonan informasi dihitung dalam hari kerja."
Q4 = "Pasangkan kategori informasi dengan pasalnya."
Q5 = "Urutkan acara resmi bukan upacara bendera."
Q6 = "Lagu apa yang dinyanyikan sebelum pembukaan acara resmi?"
Q7 = "Berapa hari kerja paling lama badan publik menanggapi permohonan informasi tertulis?"

PRE = [
    ["Timestamp", "Nama", "NIP", "Instansi", Q1, Q2, Q4, Q5, Q6, Q7, "Kesan Anda"],
    ["2019/09/24 08:00", "Ani Lestari", "", "Dinas Kominfo", "Badan publik", "Bencana alam, Wabah penyakit", "1A 2B 3C", "1234", "indonesia raya", "10", "baik"],
    ["2019/09/24 08:01", "Budi Santoso", "", "Bappeda", "Wartawan", "Bencana alam", "1A 2B 3C", "2134", "Indonesia  Raya.", "7", ""],
    ["2019/09/24 08:02", "Citra Dewi", "", "Kecamatan Rasau Jaya", "Badan publik", "", "", "", "", "", ""],
    ["2019/09/24 08:03", "budi santoso", "", "Bappeda", "Badan publik", "", "", "", "", "", ""],
]
POST = [
    ["Timestamp", "Nama", "NIP", "Instansi", Q1, Q3, Q4, Q5, Q6, Q7],
    ["2019/09/25 15:00", "Ani Lestari", "", "Dinas Kominfo", "Badan publik", "Salah", "1A 2B 3C", "1234", "Indonesia Raya", "10"],
    ["2019/09/25 15:01", "Budi Santoso", "", "Bappeda", "Badan publik", "Benar", "A B C", "1-2-3-4", "Pancasila", "10"],
    ["2019/09/25 15:02", "Citra Dewi", "", "Kecamatan Rasau Jaya", "Badan publik", "B", "", "", "", ""],
    ["2019/09/25 15:03", "Dedi Kurniawan", "", "Tim Penggerak PKK", "Badan publik", "benar", "1A 2B 3C", "1234", "lagu Indonesia Raya", "12"],
    ["2019/09/25 15:04", "", "", "", "Badan publik", "", "", "", "", ""],
]


@pytest.fixture
def scores(tmp_path):
    workshop, report = load_workshop(ROOTS / "quiz" / "curriculum" / "uji-kuis.yaml")
    assert workshop is not None, [d.format() for d in report.items]
    files = []
    for name, rows, pool in (("pre.csv", PRE, "pre"), ("post.csv", POST, "post")):
        path = tmp_path / name
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, delimiter=";").writerows(rows)
        files.append((path, pool))
    return score_responses(workshop, read_response_files(files))


def by_name(scores):
    return {r.name.casefold(): r for r in person_results(scores)}


def test_percentages_per_participant(scores):
    """Ani 6/6 pre, 5/6 post; Budi 2/6 then 5/6; Citra 1/6 then 2/6; Dedi post only 5/6."""
    people = by_name(scores)
    assert people["ani lestari"].pre == pytest.approx(100)
    assert people["ani lestari"].post == pytest.approx(500 / 6)
    assert people["budi santoso"].pre == pytest.approx(200 / 6)
    assert people["budi santoso"].post == pytest.approx(500 / 6)
    assert people["citra dewi"].pre == pytest.approx(100 / 6)
    assert people["citra dewi"].post == pytest.approx(200 / 6)
    assert people["dedi kurniawan"].pre is None
    assert people["dedi kurniawan"].post == pytest.approx(500 / 6)


def test_normalised_gain_and_hake_bands(scores):
    """g = (post - pre) / (100 - pre): Budi 0.75 (tinggi), Citra 0.2 (rendah); undefined for Ani and Dedi."""
    people = by_name(scores)
    assert people["budi santoso"].gain == pytest.approx(0.75)
    assert people["budi santoso"].band == "tinggi"
    assert people["citra dewi"].gain == pytest.approx(0.2)
    assert people["citra dewi"].band == "rendah"
    assert people["ani lestari"].gain is None  # perfect pre-test
    assert people["dedi kurniawan"].gain is None  # no pre-test
    assert hake_band(0.3) == "sedang" and hake_band(0.7) == "tinggi" and hake_band(0.29) == "rendah"
    assert normalized_gain(50, 75) == pytest.approx(0.5)


def test_ties_share_a_rank(scores):
    """Three participants with 5/6 on the post-test share rank 1; the next is rank 4."""
    ranks = {name: r.rank for name, r in by_name(scores).items()}
    assert ranks == {"ani lestari": 1, "budi santoso": 1, "dedi kurniawan": 1, "citra dewi": 4}


def test_bad_rows_are_reported_and_the_rest_scored(scores):
    """The duplicate (row 5 of pre.csv), the nameless row (row 6 of post.csv) and the extra column are reported."""
    messages = {(d.file, d.line, d.column, d.code) for d in scores.problems}
    assert ("pre.csv", 5, 2, "score.duplicate") in messages
    assert ("post.csv", 6, 2, "score.row") in messages
    assert ("pre.csv", 1, 11, "score.column") in messages
    assert len(scores.submissions) == 3 + 4


def test_item_analysis_difficulty_and_discrimination(scores):
    """Pre q1: right for Ani and Citra (p = 2/3); upper group Ani, lower Citra -> D = 0. Pre q6: D = 1."""
    stats = {(s.test, s.key): s for s in item_analysis(scores)}
    q1 = stats[("kuis-pre", "kuis/q1")]
    assert q1.p == pytest.approx(2 / 3) and q1.d == pytest.approx(0)
    shown = next(i.question for t in scores.tests for i in t.items if i.key == "kuis/q1")
    letter = {option: chr(65 + n) for n, option in enumerate(shown.options)}  # the seeded order shown
    assert q1.distractors == dict(sorted({letter["Badan publik"]: 2, letter["Wartawan"]: 1}.items()))
    q6 = stats[("kuis-pre", "kuis/q6")]
    assert q6.p == pytest.approx(2 / 3) and q6.d == pytest.approx(1)
    assert "low_d" in q1.flags
