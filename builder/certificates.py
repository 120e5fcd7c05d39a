"""Certificates: numbering with a register, verification hashes, and fast per-person rendering.

The template (``templates/certificate.docx``) is rendered with docxtpl **once** per workshop,
with stand-in tokens for the per-person fields. Each certificate is then made by replacing
the tokens in the rendered XML with the person's escaped values and swapping in their QR code
image, writing the .docx zip directly. This is what makes 1,000 certificates take seconds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import re
import shutil
import tempfile
import unicodedata
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable
from urllib.parse import parse_qs, urlparse
from xml.sax.saxutils import escape

import segno

from builder.diagnostics import UserError
from builder.roster import Person
from builder.writer import FIXED_ZIP_TIME

TOKENS = {field: f"ZZP{field.upper()}ZZ" for field in ("number", "name", "nip_line", "position_line", "role")}
NAME_SIZE_TOKEN = "ZZNAMESIZEZZ"
LINE_SIZE_TOKEN = "ZZLINESIZEZZ"
ROLE_WORDS = {"id": {"peserta": "PESERTA", "narasumber": "NARASUMBER", "moderator": "MODERATOR",
                     "panitia": "PANITIA", "pembawa acara": "PEMBAWA ACARA"},
              "en": {"peserta": "PARTICIPANT", "narasumber": "SPEAKER", "moderator": "MODERATOR",
                     "panitia": "COMMITTEE", "pembawa acara": "MASTER OF CEREMONIES"}}
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


# --- register and numbers -------------------------------------------------------------------

@dataclass
class Entry:
    """One certificate in the register: its number, who it belongs to and its hash."""

    seq: int
    number: str
    key: str
    name: str
    role: str
    nip: str
    agency: str
    hash: str
    active: bool = True


@dataclass
class Register:
    """Every certificate number ever issued for a workshop (the memory that keeps numbers stable)."""

    workshop: str
    title: str
    entries: list[Entry]

    def by_key(self) -> dict[str, Entry]:
        """Entries by person key."""
        return {entry.key: entry for entry in self.entries}

    def find(self, number: str) -> Entry | None:
        """The entry with certificate ``number``."""
        return next((e for e in self.entries if e.number == number), None)

    def to_json(self) -> str:
        """The register as stable, readable JSON."""
        data = {"workshop": self.workshop, "title": self.title, "entries": [asdict(e) for e in self.entries]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Register":
        """Read a register written by :meth:`to_json`."""
        data = json.loads(text)
        return cls(data["workshop"], data.get("title", ""), [Entry(**entry) for entry in data["entries"]])


def format_number(pattern: str, seq: int, date: dt.date) -> str:
    """Fill a number pattern such as ``800/{seq:03d}/Humpro/{year}``.

    Fields: ``seq``, ``year``, ``month`` (number) and ``month_roman`` (IX), as in Indonesian letter numbers.
    """
    try:
        return pattern.format(seq=seq, year=date.year, month=date.month, month_roman=ROMAN_MONTHS[date.month - 1])
    except (KeyError, IndexError, ValueError) as error:
        raise UserError(f"certificate.number_pattern '{pattern}' cannot be filled: {error}",
                        "use the fields {seq}, {seq:03d}, {year}, {month} and {month_roman}") from None


def certificate_hash(secret: str, number: str, name: str, role: str, workshop: str) -> str:
    """The verification hash: an HMAC over number, name, role and workshop (16 hex digits)."""
    message = "|".join((number, name, role, workshop)).encode("utf-8")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()[:16]


def assign_numbers(people: list[Person], previous: Register | None, workshop: str, title: str, pattern: str,
                   date: dt.date, secret: str) -> Register:
    """Give every person a certificate number, keeping numbers already issued.

    People found in the previous register keep their sequence number; new people get numbers
    after the highest ever issued; people no longer listed stay in the register as inactive so
    their numbers are never reused.
    """
    known = previous.by_key() if previous else {}
    next_seq = max((e.seq for e in known.values()), default=0) + 1
    entries: dict[str, Entry] = {}
    for person in people:
        if person.key in known:
            seq = known[person.key].seq
        else:
            seq, next_seq = next_seq, next_seq + 1
        number = format_number(pattern, seq, date)
        name = person.display_name
        entries[person.key] = Entry(seq, number, person.key, name, person.role, person.nip, person.agency,
                                    certificate_hash(secret, number, name, person.role, workshop))
    for key, entry in known.items():
        if key not in entries:
            entries[key] = Entry(**{**asdict(entry), "active": False})
    ordered = sorted(entries.values(), key=lambda e: e.seq)
    return Register(workshop, title, ordered)


def register_csv(register: Register) -> str:
    """The register as CSV (number, name, role, NIP, agency, hash, active)."""
    import csv

    from builder.cells import safe_row

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["nomor", "nama", "peran", "nip", "instansi", "hash", "aktif"])
    for entry in register.entries:
        writer.writerow(safe_row([entry.number, entry.name, entry.role, entry.nip, entry.agency, entry.hash,
                                  "ya" if entry.active else "tidak"]))
    return buffer.getvalue()


def verify_url(pattern: str, entry: Entry) -> str:
    """The URL printed in the QR code; without a pattern, a plain text the verifier understands."""
    if not pattern:
        return f"SERTIFIKAT {entry.number} H {entry.hash}"
    from urllib.parse import quote

    return pattern.format(number=quote(entry.number, safe=""), hash=entry.hash)


def parse_claim(text: str) -> tuple[str, str]:
    """Split what a verifier typed (a number, a QR URL or the QR text) into (number, hash)."""
    text = text.strip()
    if text.startswith("SERTIFIKAT ") and " H " in text:
        number, _, digest = text[len("SERTIFIKAT "):].rpartition(" H ")
        return number, digest
    if "://" in text:
        url = urlparse(text)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        number = query.get("no") or query.get("number") or query.get("nomor") or ""
        digest = query.get("h") or query.get("hash") or ""
        if not number:
            from urllib.parse import unquote

            parts = [unquote(p) for p in url.path.split("/") if p]
            number = parts[-1] if parts else ""
        return number, digest
    return text, ""


@dataclass(frozen=True)
class Verdict:
    """The result of checking a claimed certificate against the register."""

    valid: bool
    message: str
    entry: Entry | None = None


def verify(register: Register, claim: str, secret: str, name: str | None = None) -> Verdict:
    """Check a certificate number or QR URL (and optionally the printed name) against the register."""
    number, digest = parse_claim(claim)
    entry = register.find(number)
    if entry is None:
        return Verdict(False, f"nomor {number!r} tidak terdaftar pada {register.title}")
    expected = certificate_hash(secret, entry.number, entry.name, entry.role, register.workshop)
    if not hmac.compare_digest(expected, entry.hash):
        return Verdict(False, f"data register untuk nomor {number} telah diubah (hash tidak cocok)", entry)
    if digest and not hmac.compare_digest(digest, entry.hash):
        return Verdict(False, f"kode verifikasi pada sertifikat {number} tidak cocok: sertifikat ini tidak sah", entry)
    if name is not None and unicodedata.normalize("NFC", name.strip()) != unicodedata.normalize("NFC", entry.name):
        return Verdict(False, f"nama {name!r} tidak cocok dengan nama terdaftar {entry.name!r}", entry)
    if not entry.active:
        return Verdict(False, f"sertifikat {number} telah dicabut (peserta tidak lagi tercantum)", entry)
    return Verdict(True, f"sah: {entry.number} atas nama {entry.name} sebagai {entry.role}, {register.title}", entry)


# --- fast rendering -------------------------------------------------------------------------

def fitted_size(text: str, base: float, minimum: float, width_pt: float, em: float = 0.56) -> float:
    """The largest font size (pt, in half-point steps) <= base at which ``text`` fits ``width_pt`` on one line.

    ``em`` is the average glyph width as a share of the font size; below ``minimum`` the text wraps.
    """
    if not text:
        return base
    size = width_pt / (len(text) * em)
    return max(minimum, min(base, int(size * 2) / 2))


@dataclass
class Prepared:
    """The template rendered once: zip entries, the document XML with tokens, the QR image entry."""

    entries: dict[str, bytes]
    document: str
    qr_entry: str | None
    body: str  # the <w:body> content without the final sectPr
    sect_pr: str
    static_zip: bytes = b""  # every part except document.xml and the QR image, compressed once


def _mark_size(document: str, token: str, size_token: str) -> str:
    """Replace the font size of the run holding ``token`` with ``size_token`` (adding one if missing)."""
    match = re.search(r"<w:r>(?:(?!</w:r>).)*?" + token, document, flags=re.S)
    if match is None:
        return document
    run = match.group(0)
    if "<w:sz " in run:
        new = re.sub(r'<w:sz w:val="\d+"/>', f'<w:sz w:val="{size_token}"/>', run)
        new = re.sub(r'<w:szCs w:val="\d+"/>', f'<w:szCs w:val="{size_token}"/>', new)
    elif "<w:rPr>" in run:
        new = run.replace("<w:rPr>", f'<w:rPr><w:sz w:val="{size_token}"/>', 1)
    else:
        new = run.replace("<w:r>", f'<w:r><w:rPr><w:sz w:val="{size_token}"/></w:rPr>', 1)
    return document.replace(run, new, 1)


def prepare(rendered: bytes, placeholder_png: bytes) -> Prepared:
    """Split a once-rendered certificate into the parts that change per person and those that do not."""
    archive = zipfile.ZipFile(io.BytesIO(rendered))
    entries = {name: archive.read(name) for name in archive.namelist()}
    document = entries["word/document.xml"].decode("utf-8")
    document = _mark_size(document, TOKENS["name"], NAME_SIZE_TOKEN)
    document = _mark_size(document, TOKENS["position_line"], LINE_SIZE_TOKEN)
    qr_entry = next((n for n, data in entries.items() if n.startswith("word/media/") and data == placeholder_png), None)
    start = document.index("<w:body>") + len("<w:body>")
    end = document.rindex("</w:body>")
    inner = document[start:end]
    sect_at = inner.rfind("<w:sectPr")
    static = _zip_bytes((n, d) for n, d in entries.items() if n not in ("word/document.xml", qr_entry))
    return Prepared(entries, document, qr_entry, inner[:sect_at], inner[sect_at:], static)


def qr_png(text: str, scale: int = 5, border: int = 2) -> bytes:
    """A QR code (error level M) as a 1-bit PNG.

    A fixed mask pattern skips segno's search for the best of eight masks (any mask is a valid
    code), and the PNG is packed with numpy: together about ten times faster than segno's own
    writer, which matters for thousands of certificates.
    """
    import struct
    import zlib

    import numpy as np

    code = segno.make(text, error="m", micro=False, mask=4, boost_error=False)
    matrix = np.array(code.matrix, dtype=np.uint8)
    matrix = np.pad(matrix, border)
    pixels = np.kron(matrix, np.ones((scale, scale), dtype=np.uint8))
    light = (pixels == 0).astype(np.uint8)  # 1 = white in a 1-bit grayscale PNG
    rows = np.packbits(light, axis=1)
    raw = np.hstack([np.zeros((rows.shape[0], 1), dtype=np.uint8), rows]).tobytes()
    height, width = pixels.shape

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


def fill(xml: str, values: dict[str, str], name_size: float, line_size: float) -> str:
    """Put one person's escaped values and font sizes into the tokenised XML."""
    for field, token in TOKENS.items():
        xml = xml.replace(token, escape(values[field]))
    return xml.replace(NAME_SIZE_TOKEN, str(int(name_size * 2))).replace(LINE_SIZE_TOKEN, str(int(line_size * 2)))


def person_values(entry: Entry, person: Person, role_words: dict[str, str], nip_label: str = "NIP.") -> dict[str, str]:
    """The per-person fields shown on the certificate."""
    position = " – ".join(part for part in (person.position, person.agency) if part)
    return {"number": entry.number, "name": person.display_name,
            "nip_line": f"{nip_label} {person.nip_display}" if person.nip else "",
            "position_line": position, "role": role_words[person.role]}


def _zip_bytes(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A deflated zip with fixed timestamps from (name, data) pairs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=1 if name.endswith(".png") else 6)
    return buffer.getvalue()


def single_docx(prepared: Prepared, values: dict[str, str], qr: bytes, sizes: tuple[float, float]) -> bytes:
    """One person's certificate as a complete .docx.

    The parts that never change are compressed once (:attr:`Prepared.static_zip`); each
    certificate appends only its document XML and QR image to a copy of that zip.
    """
    document = fill(prepared.document, values, *sizes).encode("utf-8")
    buffer = io.BytesIO(prepared.static_zip)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("word/document.xml", FIXED_ZIP_TIME), document, zipfile.ZIP_DEFLATED, 6)
        if prepared.qr_entry:
            archive.writestr(zipfile.ZipInfo(prepared.qr_entry, FIXED_ZIP_TIME), qr, zipfile.ZIP_STORED)
    return buffer.getvalue()


def _page_break_before(body: str) -> str:
    """Make the first paragraph of ``body`` start a new page."""
    match = re.search(r"<w:p(?: [^>]*)?>", body)
    if match is None:
        return body
    after = body[match.end():]
    if after.startswith("<w:pPr>"):
        ppr_end = len("<w:pPr>")
        style = re.match(r"<w:pStyle [^>]*/>", after[ppr_end:])
        insert_at = match.end() + ppr_end + (style.end() if style else 0)
        return body[:insert_at] + "<w:pageBreakBefore/>" + body[insert_at:]
    return body[:match.end()] + "<w:pPr><w:pageBreakBefore/></w:pPr>" + body[match.end():]


class CombinedWriter:
    """Stream every certificate into one .docx (``all.docx``): bodies joined with page breaks."""

    def __init__(self, target: io.BufferedIOBase, prepared: Prepared) -> None:
        self.prepared = prepared
        self.archive = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED)
        self.rels: list[str] = []
        self.count = 0
        head = prepared.document[: prepared.document.index("<w:body>") + len("<w:body>")]
        # The body goes to a scratch file first: a zip cannot take the QR images while document.xml is open.
        self.body = tempfile.TemporaryFile()
        self.body.write(head.encode("utf-8"))
        rels = prepared.entries["word/_rels/document.xml.rels"].decode("utf-8")
        self.qr_rid = None
        if prepared.qr_entry:
            target_name = prepared.qr_entry.removeprefix("word/")
            found = re.search(r'Id="([^"]+)"[^>]*Target="' + re.escape(target_name) + '"', rels) or re.search(
                r'Target="' + re.escape(target_name) + r'"[^>]*Id="([^"]+)"', rels)
            self.qr_rid = found.group(1) if found else None

    def add(self, values: dict[str, str], qr: bytes, sizes: tuple[float, float]) -> None:
        """Append one person's certificate (with its own QR image)."""
        body = fill(self.prepared.body, values, *sizes)
        if self.qr_rid:
            body = body.replace(f'r:embed="{self.qr_rid}"', f'r:embed="rIdQr{self.count}"')
            self.rels.append(f'<Relationship Id="rIdQr{self.count}" '
                             'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
                             f'Target="media/qr{self.count}.png"/>')
            info = zipfile.ZipInfo(f"word/media/qr{self.count}.png", FIXED_ZIP_TIME)
            self.archive.writestr(info, qr, compress_type=zipfile.ZIP_STORED)
        body = re.sub(r'(<wp:docPr id=")(\d+)"', lambda m: f'{m.group(1)}{int(m.group(2)) + 1000 * self.count}"', body)
        if self.count:
            body = _page_break_before(body)
        self.body.write(body.encode("utf-8"))
        self.count += 1

    def close(self) -> None:
        """Finish the document and write the other parts of the package."""
        self.body.write((self.prepared.sect_pr + "</w:body></w:document>").encode("utf-8"))
        self.body.seek(0)
        info = zipfile.ZipInfo("word/document.xml", FIXED_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        with self.archive.open(info, "w") as target:
            shutil.copyfileobj(self.body, target, 1024 * 1024)
        self.body.close()
        for name, data in self.prepared.entries.items():
            if name == "word/document.xml":
                continue
            if name == "word/_rels/document.xml.rels":
                text = data.decode("utf-8").replace("</Relationships>", "".join(self.rels) + "</Relationships>")
                data = text.encode("utf-8")
            self.archive.writestr(zipfile.ZipInfo(name, FIXED_ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED)
        self.archive.close()


def slug(text: str, limit: int = 50) -> str:
    """An ASCII file-name part: ``Dr. Ma'ruf Siregar`` -> ``dr-maruf-siregar``."""
    text = text.translate(str.maketrans({"Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "ß": "ss"}))
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"['’`]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:limit].rstrip("-") or "tanpa-nama"


def load_register(path: Path) -> Register | None:
    """Read a register file if it exists."""
    if not path.is_file():
        return None
    try:
        return Register.from_json(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError) as error:
        raise UserError(f"{path}: the certificate register cannot be read ({error})",
                        "restore register.json from a backup; it keeps certificate numbers stable") from None
