"""`workshop verify`: valid, tampered and unknown certificates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent / "roots" / "people"


def test_verify_command(tmp_path):
    """Exit 0 for a genuine certificate, 1 for a tampered name or hash or an unknown number, 2 without a register."""
    root = tmp_path / "people"
    shutil.copytree(ROOT, root)
    missing = run_cli(root, "verify", "800/001/Humpro/IX/2019", "--curriculum", "curriculum/sertifikat-contoh.yaml")
    assert missing.exit_code == 2 and "no certificate register" in missing.output
    built = run_cli(root, "build", "curriculum/sertifikat-contoh.yaml", "--only", "certificates")
    assert built.exit_code == 0, built.output
    entries = json.loads((root / "build" / "sertifikat-contoh" / "certificates" / "register.json").read_text())["entries"]
    entry = entries[2]
    url = f"https://humas.example.go.id/verifikasi?no={entry['number'].replace('/', '%2F')}&h={entry['hash']}"
    args = ("--curriculum", "curriculum/sertifikat-contoh.yaml")
    ok = run_cli(root, "verify", url, *args)
    assert ok.exit_code == 0 and ok.output.startswith("SAH: ") and "VALID" not in ok.output and "Ma'ruf O'Neil, S.H." in ok.output
    assert run_cli(root, "verify", entry["number"], "--name", "Ma'ruf O'Neil, S.H.", *args).exit_code == 0
    tampered = run_cli(root, "verify", entry["number"], "--name", "Maruf ONeil", *args)
    assert tampered.exit_code == 1 and tampered.output.startswith("TIDAK SAH: nama")
    assert run_cli(root, "verify", url.replace(entry["hash"], "f" * 16), *args).exit_code == 1
    unknown = run_cli(root, "verify", "800/404/Humpro/IX/2019", *args)
    assert unknown.exit_code == 1 and "tidak terdaftar" in unknown.output
