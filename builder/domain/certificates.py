"""Certificates: numbers, checking a claimed certificate against the register, and fast per-person rendering.

The template (``templates/certificate.docx``) is rendered with docxtpl **once** per workshop,
with stand-in tokens for the per-person fields. Each certificate is then made by replacing
the tokens in the rendered XML with the person's escaped values and swapping in their QR code
image, writing the .docx zip directly. This is what makes 1,000 certificates take seconds.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import shutil
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import parse_qs, quote, urlparse
from xml.sax.saxutils import escape


from builder.check.diagnostics import UserError
from builder.domain.register import Record, Register, Version
from builder.model.people import format_nip
from builder.write.output import FIXED_ZIP_TIME

TOKENS = {field: f"ZZP{field.upper()}ZZ" for field in ("number", "name", "nip_line", "position_line", "role")}
NAME_SIZE_TOKEN = "ZZNAMESIZEZZ"
LINE_SIZE_TOKEN = "ZZLINESIZEZZ"
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


# --- numbers and verification ----------------------------------------------------------------

def format_number(pattern: str, seq: int, date: dt.date) -> str:
    """Fill a number pattern such as ``800/{seq:03d}/Humpro/{year}``.

    Fields: ``seq``, ``year``, ``month`` (number) and ``month_roman`` (IX), as in Indonesian letter numbers.
    """
    try:
        return pattern.format(seq=seq, year=date.year, month=date.month, month_roman=ROMAN_MONTHS[date.month - 1])
    except (KeyError, IndexError, ValueError) as error:
        raise UserError(f"certificate.number_pattern '{pattern}' cannot be filled: {error}",
                        "use the fields {seq}, {seq:03d}, {year}, {month} and {month_roman}") from None


def verify_url(pattern: str, number: str, token: str) -> str:
    """The text printed in the QR code: ``pattern`` with ``{token}`` (alias ``{hash}``) and ``{number}``.

    Without a pattern the QR holds ``SERTIFIKAT <token>``, which ``workshop verify`` understands.
    """
    if not pattern:
        return f"SERTIFIKAT {token}"
    try:
        return pattern.format(number=quote(number, safe=""), token=token, hash=token)
    except (KeyError, IndexError, ValueError) as error:
        raise UserError(f"certificate.verify_url '{pattern}' cannot be filled: {error}",
                        "use the fields {token} and {number}, e.g. https://example.go.id/acara/verify.html?t={token}") from None


TOKEN_TEXT = re.compile(r"^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{80,90}$")


def token_from_claim(text: str) -> str | None:
    """The signed token in what a verifier typed (a QR URL, the QR text or the token), else None (a number)."""
    text = text.strip()
    if text.startswith("SERTIFIKAT "):
        text = text[len("SERTIFIKAT "):].strip()
    if "://" in text or ".html" in text:
        url = urlparse(text)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        fragment = {k: v[0] for k, v in parse_qs(url.fragment).items()}
        found = query.get("t") or query.get("h") or fragment.get("t") or (url.fragment if "." in url.fragment else "")
        return found.strip() if found else None
    return text if TOKEN_TEXT.match(text) else None


EXIT_CODES = {"valid": 0, "forged": 1, "unknown": 1, "mismatch": 1, "replaced": 3, "revoked": 4}


@dataclass(frozen=True)
class Verdict:
    """The result of checking a certificate: its status, a message in Indonesian, what the register holds.

    Statuses: ``valid``, ``replaced``, ``revoked``, ``forged``, ``unknown``, ``mismatch``.
    """

    status: str
    message: str
    record: Record | None = None
    version: Version | None = None

    @property
    def valid(self) -> bool:
        """True only for a genuine certificate in force."""
        return self.status == "valid"

    @property
    def exit_code(self) -> int:
        """0 valid, 1 forged/unknown/name differs, 3 replaced, 4 revoked."""
        return EXIT_CODES[self.status]


def check_claim(register: Register, claim: str, name: str | None = None, title: str = "") -> Verdict:
    """Check a QR URL/token (signature, then status) or a plain number (status) against the register."""
    from builder.domain.signing import check_token

    token = token_from_claim(claim)
    event = title or (register.meta("workshop") or "")
    if token is not None:
        claims = check_token(token, list(register.public_keys().values()))
        if claims is None:
            return Verdict("forged", "tanda tangan digital tidak cocok: isi kode QR telah diubah atau tidak "
                                     "diterbitkan oleh penyelenggara ini")
        record = register.find(claims.number)
        version = next((v for v in record.versions if v.version == claims.version), None) if record else None
        if record is None or version is None or version.token != token:
            return Verdict("unknown", f"sertifikat {claims.number} versi {claims.version} tidak tercatat pada register {event}")
    else:
        number = claim.strip()
        record = register.find(number)
        if record is None:
            return Verdict("unknown", f"nomor {number!r} tidak terdaftar pada {event}")
        version = record.current
    if name is not None and unicodedata.normalize("NFC", name.strip()) != unicodedata.normalize("NFC", version.name):
        return Verdict("mismatch", f"nama {name!r} tidak cocok dengan nama terdaftar {version.name!r}", record, version)
    status = record.status_of(version.version)
    if status == "replaced":
        return Verdict(status, f"sertifikat {record.number} versi {version.version} telah diganti dengan versi "
                               f"{record.version}; minta sertifikat terbaru kepada panitia", record, version)
    if status == "revoked":
        return Verdict(status, f"sertifikat {record.number} telah dicabut", record, version)
    return Verdict("valid", f"sah: {record.number} atas nama {version.name} sebagai {version.role}, {event}",
                   record, version)


def mask_nip(nip: str) -> str:
    """The NIP as the verification page shows it: ``19871104 ****** 2 009`` (TMT hidden)."""
    if len(nip) == 18 and nip.isdigit():
        return f"{nip[:8]} ****** {nip[14]} {nip[15:]}"
    return nip[:2] + "*" * max(0, len(nip) - 4) + nip[-2:] if len(nip) > 4 else "*" * len(nip)


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


@functools.lru_cache(maxsize=16)
def _qr_template(version: int, error: int, mask: int = 4):
    """The parts of a QR code that depend only on version, error level and mask, made once with segno.

    Returns (base matrix with function patterns, format and version information; positions of the
    data modules in placement order as flat indexes; the mask's value at those positions).
    """
    import numpy as np
    from segno import encoder

    size = encoder.calc_matrix_size(version)
    matrix = encoder.make_matrix(size, size)
    encoder.add_finder_patterns(matrix, size, size)
    encoder.add_alignment_patterns(matrix, size, size)
    positions = []
    for right in range(size - 1, 0, -2):  # ISO/IEC 18004:2015 7.7.3, as segno's add_codewords walks it
        if right <= 6:
            right -= 1
        for vertical in range(size):
            for z in range(2):
                j = right - z
                upwards = (((right & 2) == 0) ^ (j < 6))
                i = (size - 1 - vertical) if upwards else vertical
                if matrix[i][j] == 0x2:
                    positions.append(i * size + j)
    encoder.add_format_info(matrix, version, error, mask)
    encoder.add_version_info(matrix, version)
    base = np.array([list(row) for row in matrix], dtype=np.uint8)
    base[base == 0x2] = 0
    index = np.array(positions, dtype=np.int64)
    rows, cols = np.divmod(index, size)
    mask_function = encoder.get_data_mask_functions(False)[mask]
    mask_bits = np.array([mask_function(int(i), int(j)) for i, j in zip(rows, cols)], dtype=np.uint8)
    return base, index, mask_bits


def _rs_remainder(block, generator, count: int):
    """Reed-Solomon error codewords of one block by polynomial division over GF(256) (ISO/IEC 18004 7.5.2)."""
    import numpy as np
    from segno import consts

    log = np.array(consts.GALIOS_LOG, dtype=np.int64)
    exp = np.array(consts.GALIOS_EXP, dtype=np.uint8)
    work = np.zeros(len(block) + count, dtype=np.uint8)
    work[: len(block)] = block
    for k in range(len(block)):
        if work[k]:
            work[k + 1:k + 1 + count] ^= exp[log[work[k]] + generator]
    return work[len(block):]


@functools.lru_cache(maxsize=32)
def _rs_table(length: int, count: int):
    """Error codewords as a lookup: table[k, c] is the contribution of value c at data position k.

    Reed-Solomon coding is linear over GF(256), so a block's error codewords are the XOR of its
    positions' contributions; the table is made once per block shape from unit blocks.
    """
    import numpy as np
    from segno import consts

    log = np.array(consts.GALIOS_LOG, dtype=np.int64)
    exp = np.array(consts.GALIOS_EXP, dtype=np.uint8)
    generator = np.array(consts.GEN_POLY[count], dtype=np.int64)
    units = np.array([_rs_remainder([1 if i == k else 0 for i in range(length)], generator, count)
                      for k in range(length)], dtype=np.uint8)
    values = np.arange(1, 256)
    products = exp[(log[units][:, None, :] + log[values][None, :, None]) % 255]
    table = np.zeros((length, 256, count), dtype=np.uint8)
    table[:, 1:, :] = np.where(units[:, None, :] != 0, products, 0)
    return table


def _final_message(version: int, error: int, codewords: list[int]):
    """Data and Reed-Solomon codewords, interleaved, as bits (ISO/IEC 18004:2015 7.5-7.6), with numpy."""
    import numpy as np
    from segno import consts

    data = np.array(codewords, dtype=np.int64)
    data_blocks, error_blocks, position = [], [], 0
    for info in consts.ECC[version][error]:
        count = info.num_total - info.num_data
        table = _rs_table(info.num_data, count)
        for _ in range(info.num_blocks):
            block = data[position:position + info.num_data]
            position += info.num_data
            data_blocks.append(block.tolist())
            error_blocks.append(np.bitwise_xor.reduce(table[np.arange(info.num_data), block], axis=0).tolist())
    ordered = [block[i] for i in range(max(map(len, data_blocks))) for block in data_blocks if i < len(block)]
    ordered += [block[i] for i in range(max(map(len, error_blocks))) for block in error_blocks if i < len(block)]
    return np.unpackbits(np.array(ordered, dtype=np.uint8))


def _data_bits(text: str):
    """(version, error level, data codeword bits) of ``text``, as segno would encode it.

    Plain ASCII text with a lower-case letter (every verification URL) is byte mode, which is
    written here with numpy; anything else goes through segno's own encoder.
    """
    import numpy as np
    from segno import consts, encoder

    levels = (consts.ERROR_LEVEL_L, consts.ERROR_LEVEL_M, consts.ERROR_LEVEL_Q, consts.ERROR_LEVEL_H)
    if not (text.isascii() and any("a" <= c <= "z" for c in text)):
        segments = encoder.prepare_data(text, None, None)
        version = encoder.find_version(segments, consts.ERROR_LEVEL_L, eci=False, micro=False)
        error = encoder.boost_error_level(version, consts.ERROR_LEVEL_L, segments, False)
        buffer = encoder.Buffer()
        for segment in segments:
            encoder.write_segment(buffer, segment, None, encoder.version_range(version), False)
        return version, error, np.fromiter(buffer.getbits(), dtype=np.uint8)
    payload = np.unpackbits(np.frombuffer(text.encode("ascii"), dtype=np.uint8))
    for version in range(1, 41):
        count_bits = consts.CHAR_COUNT_INDICATOR_LENGTH[consts.MODE_BYTE][encoder.version_range(version)]
        needed = 4 + count_bits + len(payload)
        if consts.SYMBOL_CAPACITY[version][consts.ERROR_LEVEL_L] >= needed:
            break
    else:
        raise UserError(f"the QR text is too long ({len(text)} characters)", "shorten certificate.verify_url")
    error = consts.ERROR_LEVEL_L
    for level in levels[1:]:
        if consts.SYMBOL_CAPACITY[version][level] < needed:
            break
        error = level
    header = [int(b) for b in f"{consts.MODE_BYTE:04b}{len(text):0{count_bits}b}"]
    return version, error, np.concatenate([np.array(header, dtype=np.uint8), payload])


def qr_matrix(text: str):
    """The QR code of ``text`` (smallest version at level L, error level raised when it fits, mask 4)
    as a numpy array of 0/1, module for module what segno makes; placement and masking are vectorised."""
    import numpy as np
    from segno import consts

    version, error, bits = _data_bits(text)
    capacity = consts.SYMBOL_CAPACITY[version][error]
    bits = np.concatenate([bits, np.zeros(min(capacity - len(bits), 4), dtype=np.uint8)])  # terminator
    if len(bits) < capacity:  # to a byte boundary (a whole zero byte when already on one, as segno does)
        bits = np.concatenate([bits, np.zeros(8 - len(bits) % 8, dtype=np.uint8)])
    codewords = np.packbits(bits).tolist()
    pads = (capacity - len(bits)) // 8
    codewords += [(0xEC, 0x11)[i % 2] for i in range(pads)]
    message = _final_message(version, error, codewords)
    base, positions, mask_bits = _qr_template(version, error)
    flat = base.reshape(-1).copy()
    data = np.zeros(len(positions), dtype=np.uint8)
    data[: len(message)] = message
    flat[positions] = data ^ mask_bits
    return flat.reshape(base.shape)


def qr_png(text: str, scale: int = 5, border: int = 2) -> bytes:
    """A QR code as a 1-bit PNG: the smallest version at error level L, raised to M or Q when that fits.

    Mask 4 is used for every code (any mask is valid; segno's search for the best of eight is
    skipped), placement and masking are done with numpy from a per-version template, and the PNG
    is packed with numpy: this keeps thousands of signed-token QR codes (version 9-13) fast.
    """
    import struct
    import zlib

    import numpy as np

    matrix = np.pad(qr_matrix(text), border)
    pixels = np.repeat(np.repeat(matrix, scale, axis=0), scale, axis=1)
    light = (pixels == 0).astype(np.uint8)  # 1 = white in a 1-bit grayscale PNG
    rows = np.packbits(light, axis=1)
    raw = np.hstack([np.zeros((rows.shape[0], 1), dtype=np.uint8), rows]).tobytes()
    height, width = pixels.shape

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


def draft_stamp_png(word: str = "DRAF", size: int = 160) -> bytes:
    """A red "DRAF" stamp that takes the QR code's place on drafts (it verifies nothing)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    red = (192, 0, 0)
    draw.rectangle((4, 4, size - 5, size - 5), outline=red, width=8)
    try:
        font = ImageFont.load_default(size=int(size * 1.1 / max(len(word), 3)))
    except TypeError:  # Pillow < 10.1
        font = ImageFont.load_default()
    draw.text((size / 2, size / 2), word, fill=red, font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def fill(xml: str, values: dict[str, str], name_size: float, line_size: float) -> str:
    """Put one person's escaped values and font sizes into the tokenised XML."""
    for field, token in TOKENS.items():
        xml = xml.replace(token, escape(values[field]))
    return xml.replace(NAME_SIZE_TOKEN, str(int(name_size * 2))).replace(LINE_SIZE_TOKEN, str(int(line_size * 2)))


def person_values(number: str, fields: dict[str, str], role_words: dict[str, str], nip_label: str = "NIP") -> dict[str, str]:
    """The per-person fields shown on the certificate, from the issued (or draft) ``fields``."""
    position = " – ".join(part for part in (fields["position"], fields["agency"]) if part)
    return {"number": number, "name": fields["name"],
            "nip_line": f"{nip_label} {format_nip(fields['nip'])}" if fields["nip"] else "",
            "position_line": position, "role": role_words[fields["role"]]}


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
