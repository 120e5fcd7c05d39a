"""The static site (builder/render/site.py), checked in real headless Chromium from file:// and http://."""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import http.server
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from builder.i18n import Locale
from builder.render.certificates import build_certificates, eligibility, open_register, signing_key
from builder.sources.project import load_workshop
from builder.domain.signing import Claims, SigningKey, make_token
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent / "roots" / "people"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


def dump(url: str, profile: Path) -> tuple[str, dict[str, str], str]:
    """Open ``url`` in headless Chromium; return (status, fields shown, verdict text)."""
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", f"--user-data-dir={profile}", "--virtual-time-budget=5000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120)
    dom = result.stdout
    verdict = re.search(r'<p id="verdict" data-status="(\w+)">([^<]*)</p>', dom)
    assert verdict, dom[-2000:] + result.stderr[-2000:]
    fields = {k: html.unescape(v) for k, v in re.findall(r'<dd data-field="(\w+)">([^<]*)</dd>', dom)}
    explain = re.search(r'<p id="explain">([^<]*)</p>', dom)
    return verdict.group(1), fields, html.unescape(verdict.group(2) + " " + (explain.group(1) if explain else ""))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Certificates issued for the people fixture; 800/003 corrected to version 2, 800/004 revoked; site built."""
    import os

    os.environ.pop("WORKSHOP_SIGNING_KEY", None)
    root = tmp_path_factory.mktemp("site") / "people"
    shutil.copytree(ROOT, root)
    workshop, _ = load_workshop(root / "curriculum" / "sertifikat-contoh.yaml")
    people = [d.person for d in eligibility(workshop.roster, workshop.attendance, 0.8) if d.eligible]
    build_certificates(workshop, people, Locale("id"), root / "build" / workshop.id, lambda r, d: None, with_pdf=False)
    register = open_register(workshop)
    records = {r.number: r for r in register.records()}
    key = signing_key(workshop, register)
    register.correct("800/003/Humpro/IX/2019", {"name": "Ma'ruf O'Neill, S.H."}, key)
    register.revoke("800/004/Humpro/IX/2019", "uji")
    register.close()
    result = run_cli(root, "build", "curriculum/sertifikat-contoh.yaml", "--only", "site")
    assert result.exit_code == 0, result.output
    return root, root / "build" / "sertifikat-contoh" / "site", records


def forge(token: str, old: bytes, new: bytes) -> str:
    """The token with one letter of its payload changed and the signature kept."""
    payload, signature = token.split(".")
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    assert old in raw
    return base64.urlsafe_b64encode(raw.replace(old, new, 1)).rstrip(b"=").decode() + "." + signature


@needs_browser
def test_genuine_qr_shows_sah_with_every_printed_field(site, tmp_path):
    """The page verifies the signature in the browser and shows number, name, masked NIP, position, role, event."""
    _root, folder, records = site
    record = records["800/002/Humpro/IX/2019"]
    status, fields, text = dump(f"{folder.as_uri()}/verify.html?t={record.current.token}", tmp_path / "p")
    assert status == "valid" and text.startswith("Sah")
    assert fields["number"] == "800/002/Humpro/IX/2019" and fields["version"] == "1"
    assert fields["name"].startswith("Prof. Dr. Hj. Raden Roro Siti Nurhayati")
    assert fields["nip"] == "19851012 ****** 2 002"
    assert fields["position"] == "Pranata Humas Ahli Muda – Dinas Komunikasi dan Informatika Kabupaten Contoh"
    assert fields["role"] == "PESERTA" and fields["jp"] == "8"
    assert fields["event"] == "Bimbingan Teknis Kehumasan Kabupaten Contoh"
    assert fields["dates"] == "24–25 September 2019" and fields["venue"].startswith("Aula Kantor Bupati Contoh")


@needs_browser
def test_changed_letter_revoked_replaced_and_forged_key(site, tmp_path):
    """One changed letter -> Tidak sah; revoked -> Dicabut; old version -> Sudah diganti; a derived key -> Tidak sah."""
    _root, folder, records = site
    base = f"{folder.as_uri()}/verify.html?t="
    changed = forge(records["800/005/Humpro/IX/2019"].current.token, b"Sari", b"Sara")
    status, fields, text = dump(base + changed, tmp_path / "p1")
    assert (status, fields) == ("forged", {}) and text.startswith("Tidak sah")
    status, _, text = dump(base + records["800/004/Humpro/IX/2019"].current.token, tmp_path / "p2")
    assert status == "revoked" and text.startswith("Dicabut")
    status, fields, text = dump(base + records["800/003/Humpro/IX/2019"].current.token, tmp_path / "p3")
    assert status == "replaced" and "versi 1 ini telah diganti dengan versi 2" in text
    assert fields["name"] == "Ma'ruf O'Neil, S.H."
    derived = SigningKey(Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"sertifikat-contoh").digest()), Path())
    invented = make_token(derived, Claims("800/099/Humpro/IX/2019", "Nama Karangan", "peserta", "sertifikat-contoh",
                                          "2019-09-24", "2019-09-25", "8", 1))
    assert dump(base + invented, tmp_path / "p4")[0] == "forged"
    assert dump(f"{folder.as_uri()}/verify.html", tmp_path / "p5")[0] == "empty"


@needs_browser
def test_page_works_from_a_local_static_server(site, tmp_path):
    """Served over http://127.0.0.1 (a secure context) the same token verifies."""
    _root, folder, records = site
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/verify.html?t={records['800/006/Humpro/IX/2019'].current.token}"
        status, fields, _ = dump(url, tmp_path / "p")
    finally:
        server.shutdown()
        server.server_close()
    assert status == "valid" and fields["name"] == "Rina Panitia" and fields["role"] == "PANITIA"


@needs_browser
def test_english_page(site, tmp_path):
    """--lang en gives the English page."""
    root, folder, records = site
    result = run_cli(root, "build", "curriculum/sertifikat-contoh.yaml", "--only", "site", "--lang", "en")
    assert result.exit_code == 0, result.output
    try:
        status, fields, text = dump(f"{folder.as_uri()}/verify.html?t={records['800/006/Humpro/IX/2019'].current.token}",
                                    tmp_path / "p")
        assert status == "valid" and text.startswith("Valid") and fields["role"] == "COMMITTEE"
        assert fields["dates"] == "24–25 September 2019"
    finally:
        run_cli(root, "build", "curriculum/sertifikat-contoh.yaml", "--only", "site")


def test_workshop_page_and_published_data(site):
    """index.html has title, dates, venue, agenda and the count issued; data.js holds no readable personal data."""
    _root, folder, _records = site
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "Bimbingan Teknis Kehumasan Kabupaten Contoh" in index and "24–25 September 2019" in index
    assert "Aula Kantor Bupati Contoh" in index and "Diskusi pleno" in index and "08.00–09.30" in index
    assert 'data-count="5"' in index  # six issued, one revoked
    data = (folder / "data.js").read_text(encoding="utf-8")
    for private in ("Ma'ruf", "Rina Panitia", "198510122010012002", "19851012", "Pranata Humas"):
        assert private not in data
    assert len(re.findall(r'"[A-Za-z0-9_-]{22}": "', data)) == 7  # six certificates, one with two versions
