"""EYD V spelling: the common mistakes found with their correct forms, and required forms checked exactly."""

from builder.checkers import grade as check
from builder.checkers import speaking
from builder.checkers.pemeriksa.spelling import spelling_mistakes


def test_eyd_v_common_mistakes_are_flagged_with_the_correct_form():
    found = {(f.wrong, f.right) for f in spelling_mistakes(
        "Silahkan hadir hari Jum'at pukul 09:00 diaula. Naskah di tulis panitia dan dipersilahkan dibaca.")}
    assert found == {("Silahkan", "Silakan"), ("Jum'at", "Jumat"), ("pukul 09:00", "pukul 09.00"),
                     ("diaula", "di aula"), ("di tulis", "ditulis"), ("dipersilahkan", "dipersilakan")}


def test_eyd_v_correct_text_has_no_findings():
    assert spelling_mistakes("Silakan hadir di aula pada hari Jumat pukul 09.00 WIB; naskah ditulis panitia, "
                             "lalu peserta keluar ke depan.") == []


def test_eyd_checker_requires_the_corrected_forms_exactly():
    params = {"must_contain": [{"form": "silakan", "rule": "kata baku silakan"}, "Jumat",
                               {"form": "pukul 09.00 WIB", "rule": "penulisan waktu"}]}
    result = check("eyd", "Mohon hadir pada hari Jumat pukul 09.00 WIB.", params)
    assert not result.passed and abs(result.score - 3 / 4) < 0.001
    assert "Belum diperbaiki: kata baku silakan." in result.text and "Sudah benar: “Jumat”" in result.text
    lower = check("eyd", "Silakan hadir hari Jumat, pukul 09.00 wib.", params)
    assert "Belum diperbaiki: penulisan waktu" in lower.text and "“wib” → “WIB”" in lower.text
    assert "Belum diperbaiki: kata baku silakan" in lower.text  # "Silakan" is not "silakan": case counts


def test_clock_time_with_jam_is_rewritten_as_pukul_eyd_v():
    """EYD V: clock times take a period (pukul 08.00); 'jam' names a duration, so a time 'jam 08:00' becomes 'pukul 08.00'."""
    found = {f.wrong: f.right for f in spelling_mistakes("Acara dimulai jam 08:00 WIB, lalu Pukul 09:30 rehat.")}
    assert found == {"jam 08:00": "pukul 08.00", "Pukul 09:30": "Pukul 09.30"}



def test_why_a_form_is_wrong_is_said_in_the_feedback_language():
    with speaking("en"):
        found = spelling_mistakes("Para Camat hadir pukul 09:00 wib.")
    assert [f.message() for f in found] == [
        "“Para Camat” → “Para camat”: an office that does not refer to a particular person is written in lower case.",
        "“pukul 09:00” → “pukul 09.00”: hours and minutes are separated by a full stop, not a colon.",
        "“wib” → “WIB”: time zones are abbreviated WIB, Wita or WIT."]
