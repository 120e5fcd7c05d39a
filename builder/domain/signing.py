"""The certificate signing key (Ed25519) and the compact signed token printed in each QR code.

The private key lives with the project, outside the build folder (by default
``registers/keys/signing-key.pem``, owner-only permissions, git-ignored); its location can be set
with ``certificate.signing_key`` in the curriculum or the ``WORKSHOP_SIGNING_KEY`` environment
variable. The public key is recorded in the register and published with the verification page.

A token is ``base64url(payload) "." base64url(signature)``; the payload is the printed fields
joined by ``|``: format, number, name, role, event id, first day, last day, JP, version.
"""

from __future__ import annotations

import base64
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from builder.check.diagnostics import UserError

if TYPE_CHECKING:  # cryptography is imported where it is used: commands that sign nothing stay fast
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_ENV = "WORKSHOP_SIGNING_KEY"
DEFAULT_KEY = Path("registers") / "keys" / "signing-key.pem"
TOKEN_FORMAT = "1"
SEPARATOR = "|"


def b64url(data: bytes) -> str:
    """Base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    """Decode base64url with or without padding (ValueError on bad input)."""
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as error:
        raise ValueError(f"not base64url: {error}") from None


def raw_public(key: Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of a public key."""
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public: bytes) -> str:
    """A short id of a public key: base64url of the first 9 bytes of its SHA-256."""
    return b64url(hashlib.sha256(public).digest()[:9])


def key_path(root: Path, configured: str | None) -> tuple[Path, str]:
    """Where the private key is, and what chose that place (``WORKSHOP_SIGNING_KEY``,
    ``certificate.signing_key``, or ``""`` for the default place)."""
    from_env = os.environ.get(KEY_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser(), KEY_ENV
    if configured:
        path = Path(configured).expanduser()
        return (path if path.is_absolute() else root / path), "certificate.signing_key"
    return root / DEFAULT_KEY, ""


@dataclass(frozen=True)
class SigningKey:
    """A loaded private key with its public half."""

    private: Ed25519PrivateKey
    path: Path

    @property
    def public(self) -> bytes:
        """The raw public key."""
        return raw_public(self.private.public_key())

    @property
    def kid(self) -> str:
        """The key id."""
        return key_id(self.public)

    def sign(self, data: bytes) -> bytes:
        """An Ed25519 signature of ``data``."""
        return self.private.sign(data)


def create_key(path: Path) -> SigningKey:
    """Create a new key pair at ``path`` (folder 0700, file 0600) and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(path.parent, 0o700)
    except OSError:
        pass
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return SigningKey(private, path)


def load_key(path: Path) -> SigningKey:
    """Read an Ed25519 private key in PEM; a clear UserError when it cannot be used."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        data = path.read_bytes()
    except PermissionError:
        raise UserError(f"{path}: the certificate signing key cannot be read (permission denied)",
                        f"run the build as the key's owner, or fix its permissions: chmod 600 {path}") from None
    except OSError as error:
        raise UserError(f"{path}: the certificate signing key cannot be read ({error.strerror})",
                        f"restore the key from your backup, or point {KEY_ENV} at it") from None
    try:
        private = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as error:
        raise UserError(f"{path}: not a usable signing key ({error})",
                        "restore the key from your backup; it must be an unencrypted Ed25519 PEM key") from None
    if not isinstance(private, Ed25519PrivateKey):
        raise UserError(f"{path}: the signing key is not an Ed25519 key",
                        "restore the Ed25519 key made by the toolkit from your backup")
    return SigningKey(private, path)


def loose_permissions(path: Path) -> bool:
    """True when group or others may read the key file."""
    return bool(path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO))


@dataclass(frozen=True)
class Claims:
    """What a token says: the printed fields it binds."""

    number: str
    name: str
    role: str
    event: str
    first_day: str
    last_day: str
    jp: str
    version: int

    def payload(self) -> bytes:
        """The signed bytes."""
        fields = (TOKEN_FORMAT, self.number, self.name, self.role, self.event, self.first_day, self.last_day,
                  self.jp, str(self.version))
        return SEPARATOR.join(f.replace(SEPARATOR, "/") for f in fields).encode("utf-8")

    @classmethod
    def parse(cls, payload: bytes) -> "Claims":
        """Read a payload made by :meth:`payload` (ValueError when it is not one)."""
        parts = payload.decode("utf-8").split(SEPARATOR)
        if len(parts) != 9 or parts[0] != TOKEN_FORMAT:
            raise ValueError("not a certificate token")
        return cls(parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7], int(parts[8]))


def make_token(key: SigningKey, claims: Claims) -> str:
    """The compact signed token of ``claims``."""
    payload = claims.payload()
    return f"{b64url(payload)}.{b64url(key.sign(payload))}"


def split_token(token: str) -> tuple[bytes, bytes]:
    """(payload, signature) of a token (ValueError when malformed)."""
    payload, dot, signature = token.strip().partition(".")
    if not dot:
        raise ValueError("a token has two parts separated by '.'")
    payload_bytes, signature_bytes = unb64url(payload), unb64url(signature)
    if len(signature_bytes) != 64:
        raise ValueError("the signature is not 64 bytes")
    return payload_bytes, signature_bytes


def check_token(token: str, public_keys: list[bytes]) -> Claims | None:
    """The claims of ``token`` when one of ``public_keys`` signed it, else None (also for malformed tokens)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        payload, signature = split_token(token)
    except ValueError:
        return None
    for public in public_keys:
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(signature, payload)
        except (InvalidSignature, ValueError):
            continue
        try:
            return Claims.parse(payload)
        except (ValueError, UnicodeDecodeError):
            return None
    return None


def signature_of(token: str) -> bytes:
    """The signature bytes of a token (for status-list ids)."""
    return split_token(token)[1]
