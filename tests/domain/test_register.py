"""The durable certificate register (builder/register.py): numbers kept, history, bad files, concurrency, kills."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from builder.check.diagnostics import UserError
from builder.domain.register import Event, Issue, Register, export_csv, legacy_entries
from builder.domain.signing import create_key, load_key

EVENT = Event("rakor-2019", "2019-09-24", "2019-09-25", "8")
REPO = Path(__file__).resolve().parents[2]


def number_of(seq: int) -> str:
    """A simple number pattern."""
    return f"800/{seq:03d}/Humpro/IX/2019"


def person(name: str, nip: str = "", role: str = "peserta") -> Issue:
    """One person keyed by NIP or name."""
    return Issue(f"nip:{nip}" if nip else f"name:{name.lower()}", name, nip, "Pranata Humas", "Diskominfo", role)


def issue(path: Path, people: list[Issue], key_path: Path, legacy=None):
    """Issue ``people`` into the register at ``path``."""
    register = Register.open(path, create=True)
    try:
        return register.issue(people, EVENT, load_key(key_path), number_of, legacy)
    finally:
        register.close()


@pytest.fixture
def key_file(tmp_path) -> Path:
    """A fresh signing key."""
    return create_key(tmp_path / "keys" / "signing-key.pem").path


def numbers(result) -> dict[str, str]:
    """Person name -> number."""
    return {r.current.name: r.number for r in result.records.values()}


def test_add_remove_reorder_keep_every_number(tmp_path, key_file):
    """Numbers follow people, never positions; a removed person's number is never reused."""
    path = tmp_path / "registers" / "w.sqlite3"
    first = numbers(issue(path, [person("Ani"), person("Budi"), person("Citra")], key_file))
    assert first == {"Ani": number_of(1), "Budi": number_of(2), "Citra": number_of(3)}
    second = issue(path, [person("Citra"), person("Dedi"), person("Ani")], key_file)  # Budi removed, reordered
    assert numbers(second) == {"Citra": number_of(3), "Dedi": number_of(4), "Ani": number_of(1)}
    assert second.new == 1
    register = Register.open(path)
    budi = next(r for r in register.records() if r.current.name == "Budi")
    assert budi.number == number_of(2) and budi.listed is False and budi.status == "valid"
    register.close()
    third = issue(path, [person("Budi"), person("Eka")], key_file)
    assert numbers(third) == {"Budi": number_of(2), "Eka": number_of(5)}


def test_rename_of_an_issued_person_warns_and_keeps_the_issued_version(tmp_path, key_file):
    """A roster that renames someone already issued gets a warning naming the fix; nothing is overwritten."""
    path = tmp_path / "w.sqlite3"
    issue(path, [person("Ani Lestari", "198711042010012009")], key_file)
    result = issue(path, [person("Ani Lestari, S.Sos.", "198711042010012009")], key_file)
    record = next(iter(result.records.values()))
    assert record.number == number_of(1) and record.version == 1 and record.current.name == "Ani Lestari"
    assert len(result.warnings) == 1
    assert 'workshop certificates correct "800/001/Humpro/IX/2019" --name "Ani Lestari, S.Sos."' in result.warnings[0]


def test_corrections_revocations_and_history_are_append_only(tmp_path, key_file):
    """correct -> version 2, v1 replaced; revoke; reissue; history records who/what; old rows cannot change."""
    path = tmp_path / "w.sqlite3"
    issue(path, [person("Ani"), person("Budi")], key_file)
    register = Register.open(path)
    key = load_key(key_file)
    record = register.correct(number_of(1), {"name": "Ani Lestari"}, key)
    assert record.version == 2 and record.status_of(1) == "replaced" and record.status_of(2) == "valid"
    assert [v.name for v in record.versions] == ["Ani", "Ani Lestari"]
    assert register.revoke(number_of(2), "salah orang").status_of(1) == "revoked"
    assert register.reissue(number_of(2), key).status_of(2) == "valid"
    actions = [(e["action"], e["seq"], e["version"]) for e in register.history()]
    assert actions[-3:] == [("corrected", 1, 2), ("revoked", 2, 1), ("reissued", 2, 2)]
    corrected = register.history(1)[-1]
    assert corrected["details"]["changes"] == {"name": ["Ani", "Ani Lestari"]} and "@" in corrected["actor"]
    for statement in ("DELETE FROM history", "UPDATE versions SET name = 'X'", "DELETE FROM certificates"):
        with pytest.raises(sqlite3.DatabaseError):
            register.db.execute(statement)
    with pytest.raises(UserError, match="already says that"):
        register.correct(number_of(1), {"name": "Ani Lestari"}, key)
    assert "800/001/Humpro/IX/2019,2,valid,Ani Lestari" in export_csv(register)
    register.close()


def test_a_different_key_is_recorded_and_warned_about(tmp_path, key_file):
    """Issuing with another key adds it to the register (old tokens still verify) and says so."""
    path = tmp_path / "w.sqlite3"
    issue(path, [person("Ani")], key_file)
    other = create_key(tmp_path / "other.pem").path
    result = issue(path, [person("Ani"), person("Budi")], other)
    assert any("signing with a new key" in w for w in result.warnings)
    register = Register.open(path)
    assert len(register.public_keys()) == 2
    register.close()


def test_old_register_json_is_imported_once(tmp_path, key_file):
    """Numbers of a build/<id>/certificates/register.json from before the SQLite register are kept."""
    old = tmp_path / "register.json"
    old.write_text('{"workshop": "w", "title": "T", "entries": ['
                   '{"seq": 4, "number": "OLD/4", "key": "name:budi", "name": "Budi", "role": "peserta", "nip": "",'
                   ' "agency": "Diskominfo", "hash": "abc", "active": true}]}', encoding="utf-8")
    path = tmp_path / "w.sqlite3"
    result = issue(path, [person("Ani"), person("Budi")], key_file, legacy_entries(old))
    assert numbers(result) == {"Budi": "OLD/4", "Ani": number_of(5)}
    again = issue(path, [person("Ani"), person("Budi")], key_file, legacy_entries(old))
    assert numbers(again) == numbers(result)
    register = Register.open(path)
    assert [e["action"] for e in register.history()].count("imported") == 1
    register.close()
    assert legacy_entries(tmp_path / "missing.json") is None


def test_register_from_a_newer_version_is_refused_untouched(tmp_path, key_file):
    """A register written by a newer format is not opened, and not changed."""
    path = tmp_path / "w.sqlite3"
    issue(path, [person("Ani")], key_file)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(UserError, match="newer version") as error:
        issue(path, [person("Ani"), person("Budi")], key_file)
    assert "pip install -U humas-workshop" in error.value.hint
    assert path.read_bytes() == before


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_corrupted_register_is_reported_and_left_alone(tmp_path, key_file, damage):
    """A damaged file is a clear error pointing at the backup; the file is not rewritten."""
    path = tmp_path / "w.sqlite3"
    issue(path, [person(f"Orang {i}") for i in range(200)], key_file)
    data = path.read_bytes()
    path.write_bytes(b"this is not a database at all" * 100 if damage == "garbage" else data[: len(data) // 2])
    before = path.read_bytes()
    with pytest.raises(UserError, match="damaged") as error:
        issue(path, [person("Ani")], key_file)
    assert "backup" in error.value.hint
    assert path.read_bytes() == before


def test_locked_register_is_a_clear_error(tmp_path, key_file):
    """While another process holds the register, issuing stops with a message instead of waiting forever."""
    path = tmp_path / "w.sqlite3"
    issue(path, [person("Ani")], key_file)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(UserError, match="in use by another build"):
            register = Register.open(path, timeout=0.2)
            register.issue([person("Budi")], EVENT, load_key(key_file), number_of)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert numbers(issue(path, [person("Ani"), person("Budi")], key_file)) == {"Ani": number_of(1), "Budi": number_of(2)}


def test_waiting_for_the_write_lock_is_announced_before_the_wait(tmp_path, key_file):
    """``on_wait`` hears of the wait (with the timeout) only when another connection holds the lock; then it waits."""
    import threading

    path = tmp_path / "w.sqlite3"
    issue(path, [person("Ani")], key_file)
    told: list[float] = []
    free = Register.open(path, timeout=5, on_wait=told.append)
    free.issue([person("Budi")], EVENT, load_key(key_file), number_of)
    free.close()
    assert told == []  # the lock was free: nothing to say
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: holder.execute("ROLLBACK"))
    release.start()
    try:
        waiting = Register.open(path, timeout=5, on_wait=told.append)
        started = time.monotonic()
        result = waiting.issue([person("Citra")], EVENT, load_key(key_file), number_of)
        waiting.close()
    finally:
        release.join()
        holder.close()
    assert told == [5] and time.monotonic() - started >= 0.4
    assert result.records["name:citra"].number == number_of(3)


def _issue_in_process(args: tuple[str, str, list[str]]) -> dict[str, str]:
    """Worker: issue names into a register (runs in another process)."""
    path, key_path, names = args
    return numbers(issue(Path(path), [person(n) for n in names], Path(key_path)))


def test_two_concurrent_issuers_never_share_a_number(tmp_path, key_file):
    """Two processes issuing at once (overlapping rosters) give every person exactly one number."""
    path = tmp_path / "w.sqlite3"
    group_a = [f"A{i:03d}" for i in range(150)] + ["Bersama"]
    group_b = [f"B{i:03d}" for i in range(150)] + ["Bersama"]
    with ProcessPoolExecutor(2) as pool:
        results = list(pool.map(_issue_in_process, [(str(path), str(key_file), group_a),
                                                    (str(path), str(key_file), group_b)] * 2))
    register = Register.open(path)
    records = register.records()
    register.close()
    assert len(records) == 301 and len({r.number for r in records}) == 301
    assert sorted(r.seq for r in records) == list(range(1, 302))
    assert results[0]["Bersama"] == results[1]["Bersama"] == results[2]["Bersama"]


KILL_SCRIPT = """
import sys, time
from pathlib import Path
import builder.domain.register as reg
from builder.domain.signing import load_key
real, count = reg.make_token, 0
def slow(key, claims):
    global count
    count += 1
    if count == 40:
        Path(sys.argv[3]).write_text("mid-issue")
        time.sleep(120)
    return real(key, claims)
reg.make_token = slow
register = reg.Register.open(Path(sys.argv[1]), create=True)
people = [reg.Issue(f"name:p{i}", f"P {i}") for i in range(100)]
register.issue(people, reg.Event("rakor-2019", "2019-09-24", "2019-09-25", "8"), load_key(Path(sys.argv[2])),
               lambda seq: f"N/{seq:03d}")
"""


def test_a_build_killed_mid_issue_leaves_the_register_as_before(tmp_path, key_file):
    """SIGKILL while issuing 100 people: afterwards the register holds exactly what it held before."""
    path = tmp_path / "w.sqlite3"
    issue(path, [person("Ani"), person("Budi")], key_file)
    marker = tmp_path / "marker"
    process = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(path), str(key_file), str(marker)],
                               cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), "the issuing process never reached the middle of the transaction"
    process.send_signal(signal.SIGKILL)
    process.wait()
    register = Register.open(path)
    assert [r.number for r in register.records()] == [number_of(1), number_of(2)]
    register.close()
    result = issue(path, [person("Ani"), person("Budi"), person("Citra")], key_file)
    assert numbers(result) == {"Ani": number_of(1), "Budi": number_of(2), "Citra": number_of(3)}


def test_pending_issue_is_seen_by_its_own_connection_only_until_commit(tmp_path, key_file):
    """``issue(..., pending=True)`` plans numbers: readable here, invisible elsewhere, undone by rollback."""
    path = tmp_path / "registers" / "w.sqlite3"
    issue(path, [person("Ani")], key_file)
    register = Register.open(path, create=True)
    try:
        planned = register.issue([person("Ani"), person("Budi")], EVENT, load_key(key_file), number_of, pending=True)
        assert register.pending and numbers(planned) == {"Ani": number_of(1), "Budi": number_of(2)}
        assert [r.number for r in register.records()] == [number_of(1), number_of(2)]
        with sqlite3.connect(str(path)) as other:
            assert other.execute("SELECT COUNT(*) FROM certificates").fetchone()[0] == 1
        register.rollback()
        assert not register.pending and [r.number for r in register.records()] == [number_of(1)]
        register.issue([person("Ani"), person("Budi")], EVENT, load_key(key_file), number_of, pending=True)
        register.commit()
    finally:
        register.close()
    with sqlite3.connect(str(path)) as other:
        assert other.execute("SELECT number FROM certificates ORDER BY seq").fetchall() == [(number_of(1),), (number_of(2),)]
