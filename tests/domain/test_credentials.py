"""Open Badges 3.0 credentials (builder/credentials.py), checked with jsonschema and PyJWT, not our own code."""

from __future__ import annotations

import json

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from builder.domain.credentials import Achievement, credential, enveloped, jwk, vc_jwt
from builder.domain.register import Event, Issue, Register
from builder.domain.signing import create_key

# The required properties of the Open Badges 3.0 AchievementCredential JSON schema
# (1EdTech/openbadges-specification, docs/schema/achievementcredential.json), with the types the
# schema gives them. The stored revision read for this test (commit 022a0a23) still names the VC 1.1
# ``issuanceDate``; the OB 3.0 release built on VC 2.0 requires ``validFrom`` instead, which is what we emit.
STRING_OR_ARRAY = {"oneOf": [{"type": "string"}, {"type": "array", "minItems": 1, "items": {"type": "string"}}]}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2019-09/schema#",
    "type": "object",
    "required": ["@context", "id", "type", "name", "credentialSubject", "issuer", "validFrom"],
    "properties": {
        "@context": {"type": "array", "minItems": 1, "items": {"anyOf": [{"type": "object"}, {"type": "string"}]}},
        "id": {"type": "string"}, "type": STRING_OR_ARRAY, "name": {"type": "string"},
        "validFrom": {"type": "string", "format": "date-time"},
        "issuer": {"type": "object", "required": ["id", "type"],
                   "properties": {"id": {"type": "string"}, "type": STRING_OR_ARRAY}},
        "credentialSubject": {
            "type": "object", "required": ["type", "achievement"], "additionalProperties": False,
            "properties": {
                "id": {"type": "string"}, "type": STRING_OR_ARRAY, "activityEndDate": {"type": "string"},
                "activityStartDate": {"type": "string"}, "creditsEarned": {"type": "number"},
                "identifier": {"type": "array", "items": {
                    "type": "object", "required": ["type", "hashed", "identityHash", "identityType"],
                    "additionalProperties": False,
                    "properties": {"type": {"type": "string"}, "hashed": {"type": "boolean"},
                                   "identityHash": {"type": "string"}, "identityType": {"type": "string"},
                                   "salt": {"type": "string"}}}},
                "image": {"type": "object"}, "licenseNumber": {"type": "string"}, "narrative": {"type": "string"},
                "result": {"type": "array"}, "role": {"type": "string"}, "source": {"type": "object"},
                "term": {"type": "string"},
                "achievement": {
                    "type": "object", "required": ["id", "type", "criteria", "description", "name"],
                    "properties": {"id": {"type": "string"}, "type": STRING_OR_ARRAY, "criteria": {"type": "object"},
                                   "description": {"type": "string"}, "name": {"type": "string"},
                                   "creditsAvailable": {"type": "number"}}},
            },
        },
    },
}


@pytest.fixture
def issued(tmp_path):
    """A key and one issued certificate record."""
    key = create_key(tmp_path / "k.pem")
    register = Register.open(tmp_path / "w.sqlite3", create=True)
    result = register.issue([Issue("nip:198711042010012009", "Ani Lestari, S.Sos.", "198711042010012009",
                                   "Pranata Humas", "Diskominfo")],
                            Event("rakor-2019", "2019-09-24", "2019-09-25", "8"), key, lambda s: f"800/{s:03d}/2019")
    register.close()
    return key, next(iter(result.records.values()))


ACHIEVEMENT = Achievement("rakor-2019", "Rakor Kehumasan 2019", "Bagian Humas dan Protokol", "pada Rakor ...",
                          "Hadir minimal 80% sesi.", "https://sertifikat.example.go.id/rakor-2019/", "id")


def test_credential_has_every_required_property_and_verifies_with_pyjwt(issued):
    """The enveloped VC-JWT decodes with PyJWT and the public JWK; its payload validates against the schema."""
    import jsonschema

    key, record = issued
    body = credential(ACHIEVEMENT, record, record.current, "PESERTA")
    document = json.loads(enveloped(vc_jwt(key, body)))
    assert document["type"] == "EnvelopedVerifiableCredential"
    token = document["id"].removeprefix("data:application/vc+jwt,")
    public = jwt.PyJWK(jwk(key.public, key.kid)).key
    assert isinstance(public, Ed25519PublicKey)
    claims = jwt.decode(token, public, algorithms=["EdDSA"])
    assert jwt.get_unverified_header(token)["kid"] == key.kid
    jsonschema.Draft201909Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(claims)
    assert "OpenBadgeCredential" in claims["type"] and "VerifiableCredential" in claims["type"]
    assert claims["iss"] == claims["issuer"]["id"] and claims["jti"] == claims["id"]
    subject = claims["credentialSubject"]
    assert subject["identifier"][0]["identityHash"] == "Ani Lestari, S.Sos."
    assert "198711042010012009" not in json.dumps(claims)  # the NIP is only there hashed
    assert subject["creditsEarned"] == 8 and subject["achievement"]["name"] == "Rakor Kehumasan 2019"


def test_a_changed_credential_fails_pyjwt(issued):
    """Editing the payload of the JWT breaks the signature for an independent verifier."""
    import base64

    key, record = issued
    token = vc_jwt(key, credential(ACHIEVEMENT, record, record.current, "PESERTA"))
    head, payload, signature = token.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=="))
    data["credentialSubject"]["creditsEarned"] = 80
    forged_payload = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(f"{head}.{forged_payload}.{signature}", jwt.PyJWK(jwk(key.public, key.kid)).key, algorithms=["EdDSA"])


def test_credentials_are_deterministic(issued):
    """The same record gives the same bytes (Ed25519 signatures are deterministic)."""
    key, record = issued
    body = credential(ACHIEVEMENT, record, record.current, "PESERTA")
    assert vc_jwt(key, body) == vc_jwt(key, credential(ACHIEVEMENT, record, record.current, "PESERTA"))
