"""Office packages are rewritten deterministically: same parts, fixed dates, each distinct entry deflated once."""

from __future__ import annotations

import io
import os
import zipfile
import zlib

import docx
import pytest

from builder.write import output
from builder.write.output import FIXED_ZIP_TIME, DeflateMemo, fix_core_dates, normalize_zip, zip_entries

NAMES_AND_DATA = [
    ("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'),
    ("word/document.xml", b"<w:document>" + b"<w:p>teks isi</w:p>" * 5000 + b"</w:document>"),
    ("word/empty.xml", b""),
    ("word/media/noise.bin", os.urandom(70_000)),  # incompressible: deflate is larger than the data
    ("word/\u00fcber-ma\u00df.xml", "<x>\u00e9t\u00e9 · Bagian</x>".encode()),  # a UTF-8 name sets flag bit 11
]


def reference_zip(entries) -> bytes:
    """The zip that zipfile writes for the entries (the way normalize_zip wrote it before)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return buffer.getvalue()


def package(entries, compression: int = zipfile.ZIP_STORED) -> bytes:
    """A zip as a renderer hands it over: today's dates, stored or deflated entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as target:
        for name, data in entries:
            target.writestr(name, data)
    return buffer.getvalue()


def read_parts(data: bytes) -> list[tuple[str, bytes]]:
    """(name, bytes) of every entry in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


@pytest.fixture
def fresh_memo(monkeypatch):
    """An empty deflate memo for the test."""
    memo = DeflateMemo(8 * 1024 * 1024)
    monkeypatch.setattr(output, "DEFLATED", memo)
    return memo


def test_the_hand_written_zip_is_byte_for_byte_what_zipfile_writes(fresh_memo):
    ours = zip_entries((name, data, None) for name, data in NAMES_AND_DATA)
    assert ours == reference_zip(NAMES_AND_DATA)
    with zipfile.ZipFile(io.BytesIO(ours)) as archive:
        assert [info.date_time for info in archive.infolist()] == [FIXED_ZIP_TIME] * len(NAMES_AND_DATA)
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_normalize_zip_keeps_every_part_and_is_deterministic(fresh_memo, compression):
    source = package(NAMES_AND_DATA, compression)
    first = normalize_zip(source)
    assert read_parts(first) == NAMES_AND_DATA
    assert first == reference_zip(NAMES_AND_DATA)
    fresh_memo.entries.clear()
    assert normalize_zip(package(NAMES_AND_DATA, compression)) == first  # cold memo, other input dates
    assert normalize_zip(first) == first


def test_repeated_entries_are_deflated_once_and_give_the_same_bytes(fresh_memo, monkeypatch):
    compressed = []
    real = zlib.compressobj

    def counting(*args):
        compressed.append(args)
        return real(*args)

    monkeypatch.setattr(output.zlib, "compressobj", counting)
    source = package(NAMES_AND_DATA)
    first = normalize_zip(source)
    assert len(compressed) == len(NAMES_AND_DATA)
    changed = package([*NAMES_AND_DATA[:1], ("word/document.xml", b"<w:document>lain</w:document>"),
                       *NAMES_AND_DATA[2:]])
    assert normalize_zip(source) == first
    assert read_parts(normalize_zip(changed))[1] == ("word/document.xml", b"<w:document>lain</w:document>")
    assert len(compressed) == len(NAMES_AND_DATA) + 1  # only the new document.xml


def test_the_memo_stays_within_its_budget_and_drops_the_least_recently_used():
    import random

    memo = DeflateMemo(4000)
    blobs = [random.Random(n).randbytes(600) for n in range(8)]  # incompressible: ~600 deflated bytes each
    for blob in blobs[:3]:
        memo.keep(blob, (zlib.crc32(blob), zlib.compress(blob)))
    assert memo.get(blobs[0]) is not None  # now the most recently used
    for blob in blobs[3:]:
        memo.keep(blob, (zlib.crc32(blob), zlib.compress(blob)))
        assert memo.size <= memo.budget
    assert memo.get(blobs[1]) is None and memo.get(blobs[-1]) is not None
    memo.keep(b"x", (0, b"y" * 2000))  # over a quarter of the budget: not kept
    assert memo.get(b"x") is None
    assert all(len(key) == 32 for key in memo.entries)  # found by digest: the entry bytes are not held


def test_packages_beyond_the_zip32_bound_are_written_by_zipfile(fresh_memo, monkeypatch):
    monkeypatch.setattr(output, "_ZIP64_BEYOND", 100)
    assert normalize_zip(package(NAMES_AND_DATA)) == reference_zip(NAMES_AND_DATA)


def test_fix_core_dates_sets_the_dates_and_keeps_the_other_parts(fresh_memo):
    core = (b'<cp:coreProperties xmlns:dcterms="http://purl.org/dc/terms/"><dcterms:created x="1">2024-05-06T07:08:09Z'
            b'</dcterms:created><dcterms:modified x="1">2024-05-06T07:08:09Z</dcterms:modified></cp:coreProperties>')
    entries = [*NAMES_AND_DATA, ("docProps/core.xml", core)]
    fixed = fix_core_dates(package(entries, zipfile.ZIP_DEFLATED), "2019-09-24T00:00:00Z")
    parts = read_parts(fixed)
    assert parts[:-1] == NAMES_AND_DATA
    assert parts[-1][1] == core.replace(b"2024-05-06T07:08:09Z", b"2019-09-24T00:00:00Z")
    assert fixed == reference_zip(parts)
    assert normalize_zip(fixed) == reference_zip(parts)


def test_a_normalized_docx_opens_in_python_docx(fresh_memo):
    document = docx.Document()
    document.add_paragraph("Rapat koordinasi kehumasan")
    buffer = io.BytesIO()
    document.save(buffer)
    normalized = normalize_zip(buffer.getvalue())
    assert read_parts(normalized) == read_parts(buffer.getvalue())
    assert docx.Document(io.BytesIO(normalized)).paragraphs[-1].text == "Rapat koordinasi kehumasan"
