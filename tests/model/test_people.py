"""People of a workshop: names with titles, identity keys, NIP rules, attendance shares, eligibility."""

from __future__ import annotations

from pathlib import Path

from builder.model.people import Attendance, Person, Roster, eligibility, format_nip, nip_problem


def test_nip_rules_follow_perka_bkn_22_2007():
    """NIP = birth date YYYYMMDD + TMT CPNS YYYYMM + gender digit 1/2 + 3-digit sequence (Perka BKN 22/2007)."""
    assert nip_problem("196903091994031001") is None
    assert "18 digits" in nip_problem("19690309199403100")
    assert "birth date" in nip_problem("196902301994031001")  # 30 February
    assert "TMT" in nip_problem("196903091994131001")  # month 13
    assert "gender digit 3" in nip_problem("196903091994033001")
    assert format_nip("196903091994031001") == "19690309 199403 1 001"


def test_display_name_and_key():
    """Titles go around the name as written; the key is the NIP, else the normalised name and agency."""
    person = Person(row=2, name="Ma'ruf  O'Neil", title_front="Hj.", title_back=", S.Sos., M.Si.", agency="Dinas  Kominfo")
    assert person.display_name == "Hj. Ma'ruf  O'Neil, S.Sos., M.Si."
    assert person.key == "name:ma'ruf o'neil|dinas kominfo"
    assert Person(row=3, name="A", nip="196903091994031001").key == "nip:196903091994031001"
    assert Person(row=3, name="A", nip="196903091994031001").nip_display == "19690309 199403 1 001"


def test_eligibility_needs_the_minimum_share_of_sessions_for_participants_only():
    """Participants below the share (or missing from the attendance) get no certificate; other roles always do."""
    full = Person(row=2, name="Penuh", nip="196903091994031001")
    half = Person(row=3, name="Separuh", nip="197001011995032002")
    absent = Person(row=4, name="Tidak Tercatat")
    speaker = Person(row=5, name="Narasumber", role="narasumber")
    roster = Roster(Path("r.csv"), (full, half, absent, speaker))
    attendance = Attendance(Path("a.csv"), ("s1", "s2", "s3", "s4"),
                            {full.key: frozenset({0, 1, 2, 3}), half.key: frozenset({0, 1})})
    assert attendance.share(half) == 0.5 and attendance.share(absent) is None
    decisions = {d.person.name: d for d in eligibility(roster, attendance, 0.75)}
    assert [decisions[n].eligible for n in ("Penuh", "Separuh", "Tidak Tercatat", "Narasumber")] == [
        True, False, False, True]
    assert decisions["Separuh"].reason == "hadir 2 dari 4 sesi (50%); syarat minimal 75%"
    assert all(d.eligible for d in eligibility(roster, None, 0.75))
