"""Open Badges 3.0 credentials: one signed AchievementCredential (a VC-JWT, EdDSA) per certificate.

Each credential is written as a JSON ``EnvelopedVerifiableCredential`` whose ``id`` is
``data:application/vc+jwt,<compact JWS>``; the JWS payload is the OpenBadgeCredential itself
(plus the JWT claims ``iss``, ``jti`` and ``nbf``). A wallet or e-portfolio that imports
VC-JWTs takes the part after the comma; anyone can check it with the published public key.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass

from builder.domain.register import Record, Version
from builder.domain.signing import SigningKey, b64url

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
NAMESPACE = uuid.UUID("6c1f3c52-3b7e-5a34-9c55-7e0d6c2f4b10")


@dataclass(frozen=True)
class Achievement:
    """Workshop-level facts of the credential: who issues, what was achieved, where it is published."""

    event: str
    title: str
    organizer: str
    statement: str
    criteria: str
    site_url: str
    language: str


def _urn(*parts: str) -> str:
    """A stable ``urn:uuid:`` from ``parts``."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, '|'.join(parts))}"


def _datetime(day: str, end: bool = False) -> str:
    """An ISO date as a date-time at the start (or end) of that day, UTC."""
    return f"{day}T{'23:59:59' if end else '00:00:00'}Z"


def issuer_profile(achievement: Achievement) -> dict:
    """The issuer as an Open Badges Profile."""
    issuer_id = achievement.site_url or _urn("issuer", achievement.organizer)
    profile = {"id": issuer_id, "type": ["Profile"], "name": achievement.organizer}
    if achievement.site_url:
        profile["url"] = achievement.site_url
    return profile


def credential(achievement: Achievement, record: Record, version: Version, role_word: str) -> dict:
    """The OpenBadgeCredential (AchievementCredential) of one certificate version."""
    base = achievement.site_url.rstrip("/")
    achievement_id = f"{base}/#sertifikat" if base else _urn("achievement", achievement.event)
    salt = hashlib.sha256(version.token.encode("ascii")).hexdigest()[:16]
    identifiers = [{"type": "IdentityObject", "identityHash": version.name, "identityType": "name", "hashed": False}]
    if version.nip:
        identifiers.append({"type": "IdentityObject", "hashed": True, "salt": salt,
                            "identityHash": "sha256$" + hashlib.sha256((version.nip + salt).encode()).hexdigest(),
                            "identityType": "nationalIdentityNumber"})
    jp = float(version.jp.replace(",", "."))
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": _urn("credential", achievement.event, record.number, str(version.version)),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_profile(achievement),
        "validFrom": version.issued_at,
        "name": f"{achievement.title} – {role_word.title()}",
        "description": f"{record.number} (versi {version.version})",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": identifiers,
            "role": role_word,
            "creditsEarned": jp,
            "activityStartDate": _datetime(version.first_day),
            "activityEndDate": _datetime(version.last_day, end=True),
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": achievement.title,
                "description": achievement.statement,
                "criteria": {"narrative": achievement.criteria},
                "creditsAvailable": jp,
                "humanCode": achievement.event,
                "inLanguage": achievement.language,
            },
        },
    }


def _epoch(timestamp: str) -> int:
    """Seconds since 1970 of an ISO UTC time stamp."""
    moment = dt.datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    return calendar.timegm(moment.utctimetuple())


def vc_jwt(key: SigningKey, body: dict) -> str:
    """The credential signed as a compact JWS (header ``alg: EdDSA``, ``typ: vc+jwt``)."""
    header = {"alg": "EdDSA", "kid": key.kid, "typ": "vc+jwt", "cty": "vc"}
    claims = {**body, "iss": body["issuer"]["id"], "jti": body["id"], "nbf": _epoch(body["validFrom"])}
    signing_input = ".".join(b64url(json.dumps(part, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
                                    .encode("utf-8")) for part in (header, claims))
    return f"{signing_input}.{b64url(key.sign(signing_input.encode('ascii')))}"


def enveloped(jwt: str) -> bytes:
    """The JSON file written beside a certificate."""
    document = {"@context": [VC_CONTEXT], "type": "EnvelopedVerifiableCredential",
                "id": f"data:application/vc+jwt,{jwt}"}
    return (json.dumps(document, indent=2) + "\n").encode("utf-8")


def jwk(public: bytes, kid: str) -> dict:
    """A public key as a JWK (OKP, Ed25519)."""
    return {"kty": "OKP", "crv": "Ed25519", "x": b64url(public), "kid": kid, "alg": "EdDSA", "use": "sig"}
