"""`workshop certificates correct|revoke|reissue|history` and their bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent / "roots" / "people"
ARGS = ("--curriculum", "curriculum/sertifikat-contoh.yaml")
NUMBER = "800/003/Humpro/IX/2019"


@pytest.fixture
def built(tmp_path, monkeypatch) -> Path:
    """The people fixture with certificates issued."""
    monkeypatch.delenv("WORKSHOP_SIGNING_KEY", raising=False)
    root = tmp_path / "people"
    shutil.copytree(ROOT, root)
    assert run_cli(root, "build", "curriculum/sertifikat-contoh.yaml", "--only", "certificates").exit_code == 0
    return root


def test_correct_revoke_reissue_and_history(built):
    """Each change is one history line naming who did what; the rebuilt certificate prints version 2."""
    assert run_cli(built, "certificates", "correct", NUMBER, "--position", "Kepala Bagian Protokol", *ARGS).exit_code == 0
    assert run_cli(built, "certificates", "revoke", NUMBER, "--reason", "salah cetak", *ARGS).exit_code == 0
    again = run_cli(built, "certificates", "revoke", NUMBER, "--reason", "lagi", *ARGS)
    assert again.exit_code == 2 and "already revoked" in again.output
    reissued = run_cli(built, "certificates", "reissue", NUMBER, *ARGS)
    assert reissued.exit_code == 0 and "version 3" in reissued.output
    history = run_cli(built, "certificates", "history", NUMBER, *ARGS).output.splitlines()
    assert [line.split()[2] for line in history] == ["issued", "corrected", "revoked", "reissued"]
    assert "salah cetak" in history[2] and "Kepala Bagian Protokol" in history[1]


def test_bad_input_is_a_clear_error(built):
    """Unknown number, nothing to change, a bad NIP, a missing key: exit 2 with a hint, no traceback."""
    unknown = run_cli(built, "certificates", "correct", "800/999/Humpro/IX/2019", "--name", "X", *ARGS)
    assert unknown.exit_code == 2 and "not in" in unknown.output
    nothing = run_cli(built, "certificates", "correct", NUMBER, *ARGS)
    assert nothing.exit_code == 2 and "nothing to correct" in nothing.output
    bad_nip = run_cli(built, "certificates", "correct", NUMBER, "--nip", "123", *ARGS)
    assert bad_nip.exit_code == 2 and "18 digits" in bad_nip.output
    (built / "registers" / "keys" / "signing-key.pem").rename(built / "elsewhere.pem")
    no_key = run_cli(built, "certificates", "correct", NUMBER, "--name", "X", *ARGS)
    assert no_key.exit_code == 2 and "signing key is missing" in no_key.output and "Traceback" not in no_key.output


def test_key_from_environment(built, monkeypatch):
    """WORKSHOP_SIGNING_KEY points at a key kept elsewhere (e.g. a USB stick)."""
    moved = built / "usb" / "signing-key.pem"
    moved.parent.mkdir()
    (built / "registers" / "keys" / "signing-key.pem").rename(moved)
    monkeypatch.setenv("WORKSHOP_SIGNING_KEY", str(moved))
    result = run_cli(built, "certificates", "correct", NUMBER, "--name", "Ma'ruf O'Neill, S.H.", *ARGS)
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("WORKSHOP_SIGNING_KEY", str(built / "usb" / "missing.pem"))
    missing = run_cli(built, "build", "curriculum/sertifikat-contoh.yaml", "--only", "certificates")
    assert missing.exit_code == 2 and "missing (set by WORKSHOP_SIGNING_KEY)" in " ".join(missing.output.split())
