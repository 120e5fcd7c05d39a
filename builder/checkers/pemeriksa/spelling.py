"""Common EYD V spelling mistakes, and the corrected forms an exercise requires exactly (as digests)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .messages import _say
from .result import _Rules
from .text import _clean, _quote, sidik, tokens

SPELLING_TEXTS = {
    "id": {
        "why.silakan": "kata dasarnya sila, jadi silakan/persilakan (tanpa h)",
        "why.jumat": "nama hari ditulis Jumat, tanpa tanda petik",
        "why.clock": "jam dan menit dipisahkan dengan titik, bukan titik dua",
        "why.pukul": "; untuk menyebut waktu dipakai kata pukul, bukan jam",
        "why.zone": "singkatan zona waktu ditulis WIB, Wita atau WIT",
        "why.office": "nama jabatan yang tidak merujuk kepada orang tertentu ditulis dengan huruf kecil",
        "why.prefix": "awalan di- pada kata kerja ditulis serangkai",
        "why.preposition": "kata depan di/ke/dari ditulis terpisah dari kata yang mengikutinya",
        "why.place": "kata depan ditulis terpisah dari nama tempat",
        "clean": "Ejaan: tidak ada kesalahan EYD V yang umum (silahkan, Jum'at, pukul 09:00, di tulis, diaula).",
        "mistake": "Ejaan: {finding}",
        "form.rule": "satu bentuk yang diperbaiki ({size} kata)",
        "form.ok": "Sudah benar: {found} ({rule}).",
        "form.missing": "Belum diperbaiki: {rule}. Bentuk yang benar belum tertulis persis dalam jawaban Anda; huruf "
                        "kapital dan tanda baca ikut diperiksa.",
    },
    "en": {
        "why.silakan": "the root word is sila, so silakan/persilakan (without h)",
        "why.jumat": "the day is written Jumat, without an apostrophe",
        "why.clock": "hours and minutes are separated by a full stop, not a colon",
        "why.pukul": "; a clock time takes the word pukul, not jam",
        "why.zone": "time zones are abbreviated WIB, Wita or WIT",
        "why.office": "an office that does not refer to a particular person is written in lower case",
        "why.prefix": "the prefix di- of a verb is written joined to the verb",
        "why.preposition": "the prepositions di/ke/dari are written apart from the word that follows",
        "why.place": "a preposition is written apart from a place name",
        "clean": "Spelling: none of the common EYD V mistakes (silahkan, Jum'at, pukul 09:00, di tulis, diaula).",
        "mistake": "Spelling: {finding}",
        "form.rule": "one corrected form ({size} words)",
        "form.ok": "Correct: {found} ({rule}).",
        "form.missing": "Not fixed yet: {rule}. The correct form is not written exactly in your answer; capital "
                        "letters and punctuation count.",
    },
}


@dataclass(frozen=True)
class Finding:
    """A spelling mistake found in a text: the wrong form, the right form and why."""

    wrong: str
    right: str
    why: str
    start: int

    def message(self) -> str:
        return f"{_quote(self.wrong)} → {_quote(self.right)}: {self.why}."


_DI_VERBS = (
    "tulis baca buka tutup hadiri ikuti sebut beri minta pimpin gelar bahas lantik kirim terima pilih tunjuk isi "
    "catat susun jual pakai ambil bawa ajak undang jawab tanya sambut dengar lihat wakili setujui ketahui "
    "perbaiki dampingi awali akhiri sepakati kunjungi datangi tandatangani perpanjang pelajari bagi bina "
    "tanggapi lanjutkan rancang siapkan umumkan jadwalkan tetapkan tinjau serahkan rekam muat"
).split()
_NOT_VERBS = {"ikan", "pekan", "dekan", "kan"}
_PLACES = (
    "aula sini sana situ mana kantor rumah ruang ruangan gedung lapangan balai pendopo hotel kota kabupaten desa "
    "kecamatan jalan atas bawah dalam depan belakang samping antara tengah masjid sekolah pasar provinsi"
).split()
_TIME_ZONES = "WIB|WITA|Wita|WIT"
_OFFICES_AFTER_PARA = ("Camat|Lurah|Kepala|Bupati|Wali Kota|Walikota|Gubernur|Menteri|Sekretaris|Kadis|Asisten|Direktur|"
                       "Kabag|Ketua|Pejabat|Kades")


def _case_like(model: str, text: str) -> str:
    return text[:1].upper() + text[1:] if model[:1].isupper() else text


def _why(key: str) -> str:
    return _say(SPELLING_TEXTS, key)


def spelling_mistakes(text: str) -> list[Finding]:
    """Common EYD V mistakes in ``text`` with their correct forms, in order of appearance."""
    text = _clean(text)
    found: list[Finding] = []
    for match in re.finditer(r"\b\w*silahkan\w*\b", text, re.IGNORECASE):
        word = match.group(0)
        right = re.sub("silahkan", "silakan", word, flags=re.IGNORECASE)
        found.append(Finding(word, _case_like(word, right.lower()) if not word.isupper() else right.upper(),
                             _why("why.silakan"), match.start()))
    for match in re.finditer(r"\bjum'at\b", text, re.IGNORECASE):
        found.append(Finding(match.group(0), _case_like(match.group(0), "jumat"), _why("why.jumat"), match.start()))
    taken: set[int] = set()
    for match in re.finditer(r"\b(pukul|jam)\s+(\d{1,2}):(\d{2})\b", text, re.IGNORECASE):
        taken.add(match.start(2))
        word = match.group(1)
        why = _why("why.clock")
        if word.lower() == "jam":  # 'jam' is a duration; a clock time takes 'pukul'
            word = _case_like(word, "pukul")
            why += _why("why.pukul")
        found.append(Finding(match.group(0), f"{word} {match.group(2)}.{match.group(3)}", why, match.start()))
    for match in re.finditer(rf"\b(\d{{1,2}}):(\d{{2}})(\s*(?:{_TIME_ZONES}))\b", text):
        if match.start() not in taken:
            found.append(Finding(match.group(0), f"{match.group(1)}.{match.group(2)}{match.group(3)}",
                                 _why("why.clock"), match.start()))
    for match in re.finditer(r"\b(\d{1,2}[.:]\d{2})\s+(wib|wita|wit|Wib|Wit)\b", text):
        zone = {"wib": "WIB", "wit": "WIT", "wita": "Wita"}[match.group(2).lower()]
        found.append(Finding(match.group(2), zone, _why("why.zone"), match.start(2)))
    for match in re.finditer(rf"\b([Pp]ara|[Ss]eluruh|[Ss]emua)\s+({_OFFICES_AFTER_PARA})\b", text):
        found.append(Finding(match.group(0), f"{match.group(1)} {match.group(2).lower()}", _why("why.office"),
                             match.start()))
    for match in re.finditer(r"\b([Dd]i)\s+([a-z]+)\b", text):
        word = match.group(2)
        if word in _DI_VERBS or (word.endswith("kan") and len(word) > 5 and word not in _NOT_VERBS):
            found.append(Finding(match.group(0), match.group(1) + word, _why("why.prefix"), match.start()))
    places = "|".join(_PLACES)
    for match in re.finditer(rf"\b(di|ke|dari)({places})\b", text, re.IGNORECASE):
        found.append(Finding(match.group(0), f"{match.group(1)} {match.group(2)}", _why("why.preposition"),
                             match.start()))
    for match in re.finditer(r"\b(di|ke)([A-Z][a-z]+)", text):
        found.append(Finding(match.group(0), f"{match.group(1)} {match.group(2)}", _why("why.place"),
                             match.start()))
    found.sort(key=lambda f: f.start)
    return found


def _spelling_rule(rules: _Rules, text: str) -> None:
    mistakes = spelling_mistakes(text)
    if not mistakes:
        rules.ok(_say(SPELLING_TEXTS, "clean"))
        return
    for finding in mistakes:
        rules.wrong(_say(SPELLING_TEXTS, "mistake", finding=finding.message()))


def _required_forms(rules: _Rules, text: str, forms, salt: str) -> None:
    """Each required corrected form must appear exactly (case and punctuation count); only digests ship."""
    words = tokens(text)
    for form in forms or ():
        size = int(form.get("kata", 1))
        windows = {sidik(salt, " ".join(words[i:i + size])): " ".join(words[i:i + size])
                   for i in range(max(len(words) - size + 1, 0))}
        rule = form.get("aturan") or _say(SPELLING_TEXTS, "form.rule", size=size)
        found = windows.get(form.get("sidik", ""))
        rules.rule(found is not None, _say(SPELLING_TEXTS, "form.ok", found=_quote(found or ""), rule=rule),
                   _say(SPELLING_TEXTS, "form.missing", rule=rule))
