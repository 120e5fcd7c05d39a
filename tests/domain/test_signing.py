"""Signing keys and QR tokens (builder/signing.py)."""

from __future__ import annotations

import base64
import hashlib
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from builder.check.diagnostics import UserError
from builder.domain.signing import (
    Claims, SigningKey, check_token, create_key, key_path, load_key, loose_permissions, make_token, raw_public,
)

CLAIMS = Claims("800/003/Humpro/IX/2019", "Ma'ruf O'Neil, S.H.", "peserta", "rakor-2019", "2019-09-24",
                "2019-09-25", "8", 1)


def test_token_round_trip_and_any_change_fails(tmp_path):
    """A genuine token gives back its claims; one changed letter, another key or a truncated token give None."""
    key = create_key(tmp_path / "k.pem")
    token = make_token(key, CLAIMS)
    assert check_token(token, [key.public]) == CLAIMS
    payload, signature = token.split(".")
    raw = base64.urlsafe_b64decode(payload + "==")
    forged = base64.urlsafe_b64encode(raw.replace(b"O'Neil", b"O'Neal")).rstrip(b"=").decode() + "." + signature
    assert check_token(forged, [key.public]) is None
    other = create_key(tmp_path / "other.pem")
    assert check_token(make_token(other, CLAIMS), [key.public]) is None
    assert check_token(token[:-3], [key.public]) is None and check_token("nonsense", [key.public]) is None
    assert check_token(make_token(other, CLAIMS), [key.public, other.public]) == CLAIMS


def test_no_key_derivable_from_public_data_verifies(tmp_path):
    """A key seeded from the workshop id (the old default secret) cannot forge a token."""
    key = create_key(tmp_path / "k.pem")
    derived = SigningKey(Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"humas-workshop:rakor-2019").digest()),
                         tmp_path / "x")
    assert check_token(make_token(derived, CLAIMS), [key.public]) is None


def test_token_is_short_enough_for_a_printed_qr(tmp_path):
    """With a 100-character name the QR URL stays within QR version 13 (≥ 0.35 mm modules at 27 mm)."""
    import segno

    key = create_key(tmp_path / "k.pem")
    long_name = ("Prof. Dr. Hj. Raden Roro Siti Nurhayati Kusumaningrum Wahyuningtyas Hadiningrat, "
                 "S.Sos., M.Si., M.Kom.")
    token = make_token(key, Claims("800/002/Humpro/IX/2019", long_name, "peserta", "raker-humas-ntt-2019",
                                   "2019-09-24", "2019-09-26", "24", 1))
    url = f"https://sertifikat.example.go.id/raker-humas-ntt-2019/verify.html?t={token}"
    version = segno.make(url, error="l", micro=False, boost_error=True).version
    assert version <= 13, (len(url), version)
    assert 27 / (version * 4 + 17 + 4) >= 0.35


def test_new_key_is_owner_only_and_loads(tmp_path):
    """The key file is created 0600 in a 0700 folder; loading gives the same public key."""
    key = create_key(tmp_path / "keys" / "k.pem")
    assert stat.S_IMODE(key.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.path.parent.stat().st_mode) == 0o700
    assert not loose_permissions(key.path)
    assert raw_public(load_key(key.path).private.public_key()) == key.public
    with pytest.raises(FileExistsError):
        create_key(key.path)


def test_key_location_env_wins_over_curriculum_over_default(tmp_path, monkeypatch):
    """WORKSHOP_SIGNING_KEY, then certificate.signing_key (relative to the project), then registers/keys/."""
    monkeypatch.delenv("WORKSHOP_SIGNING_KEY", raising=False)
    assert key_path(tmp_path, "") == (tmp_path / "registers" / "keys" / "signing-key.pem", "")
    assert key_path(tmp_path, "secrets/k.pem") == (tmp_path / "secrets" / "k.pem", "certificate.signing_key")
    monkeypatch.setenv("WORKSHOP_SIGNING_KEY", "/media/usb/k.pem")
    assert key_path(tmp_path, "secrets/k.pem") == (Path("/media/usb/k.pem"), "WORKSHOP_SIGNING_KEY")


def test_unusable_keys_are_clear_errors(tmp_path):
    """Missing, not a key, not Ed25519, unreadable: each a UserError with a fix."""
    with pytest.raises(UserError, match="cannot be read"):
        load_key(tmp_path / "missing.pem")
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("not a key", encoding="utf-8")
    with pytest.raises(UserError, match="not a usable signing key"):
        load_key(garbage)
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    other = tmp_path / "ec.pem"
    other.write_bytes(ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    with pytest.raises(UserError, match="not an Ed25519 key"):
        load_key(other)
    if os.geteuid() != 0:  # root reads every file
        locked = create_key(tmp_path / "locked.pem").path
        locked.chmod(0)
        with pytest.raises(UserError, match="permission denied"):
            load_key(locked)
