"""`workshop verify`: valid, forged, unknown, replaced and revoked certificates, with their exit codes."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent / "roots" / "people"
ARGS = ("--curriculum", "curriculum/sertifikat-contoh.yaml")


@pytest.fixture
def built(tmp_path, monkeypatch) -> Path:
    """The people fixture with certificates issued."""
    monkeypatch.delenv("WORKSHOP_SIGNING_KEY", raising=False)
    root = tmp_path / "people"
    shutil.copytree(ROOT, root)
    missing = run_cli(root, "verify", "800/001/Humpro/IX/2019", *ARGS)
    assert missing.exit_code == 2 and "no certificate register" in missing.output
    result = run_cli(root, "build", "curriculum/sertifikat-contoh.yaml", "--only", "certificates")
    assert result.exit_code == 0, result.output
    return root


def entries(root: Path) -> list[dict]:
    """The certificates of the register export."""
    return json.loads((root / "build" / "sertifikat-contoh" / "certificates" / "register.json").read_text())["certificates"]


def qr_url(token: str) -> str:
    """The URL printed in the QR."""
    return f"https://humas.example.go.id/sertifikat-contoh/verify.html?t={token}"


def forge(token: str, old: bytes, new: bytes) -> str:
    """The token with one piece of its payload changed, signature kept."""
    payload, signature = token.split(".")
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).replace(old, new)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode() + "." + signature


def test_genuine_forged_and_unknown(built):
    """Exit 0 for a genuine QR and number, 1 for a changed letter, a wrong name or an unknown number."""
    entry = entries(built)[2]
    ok = run_cli(built, "verify", qr_url(entry["token"]), *ARGS)
    assert ok.exit_code == 0 and ok.output.startswith("SAH: ") and "VALID" not in ok.output and "Ma'ruf O'Neil, S.H." in ok.output
    assert run_cli(built, "verify", entry["number"], "--name", "Ma'ruf O'Neil, S.H.", *ARGS).exit_code == 0
    forged = run_cli(built, "verify", qr_url(forge(entry["token"], b"O'Neil", b"O'Neal")), *ARGS)
    assert forged.exit_code == 1 and "TIDAK SAH" in forged.output and "tanda tangan" in forged.output
    tampered = run_cli(built, "verify", entry["number"], "--name", "Maruf ONeil", *ARGS)
    assert tampered.exit_code == 1 and "TIDAK SAH" in tampered.output
    unknown = run_cli(built, "verify", "800/404/Humpro/IX/2019", *ARGS)
    assert unknown.exit_code == 1 and "tidak terdaftar" in unknown.output


def test_replaced_and_revoked(built):
    """After `certificates correct` the old QR says DIGANTI (exit 3, current version shown); revoked exits 4."""
    first, second = entries(built)[2], entries(built)[3]
    corrected = run_cli(built, "certificates", "correct", first["number"], "--name", "Ma'ruf O'Neill, S.H.", *ARGS)
    assert corrected.exit_code == 0, corrected.output
    old = run_cli(built, "verify", qr_url(first["token"]), *ARGS)
    assert old.exit_code == 3 and old.output.startswith("DIGANTI") and "versi 2" in old.output
    current = entries(built)  # the export is not rewritten until the next build
    assert current[2]["version"] == 1
    rebuilt = run_cli(built, "build", "curriculum/sertifikat-contoh.yaml", "--only", "certificates")
    assert rebuilt.exit_code == 0 and entries(built)[2]["version"] == 2
    new = run_cli(built, "verify", qr_url(entries(built)[2]["token"]), *ARGS)
    assert new.exit_code == 0 and "Ma'ruf O'Neill, S.H." in new.output
    revoked = run_cli(built, "certificates", "revoke", second["number"], "--reason", "tidak hadir", *ARGS)
    assert revoked.exit_code == 0, revoked.output
    result = run_cli(built, "verify", qr_url(second["token"]), *ARGS)
    assert result.exit_code == 4 and result.output.startswith("DICABUT")
