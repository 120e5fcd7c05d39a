"""Pemeriksa latihan buku kerja (Jupyter) pelatihan kehumasan dan keprotokolan.

Berkas ini disalin ke samping buku kerja peserta dan hanya memakai pustaka standar Python,
sehingga berjalan di Jupyter biasa tanpa internet. Setiap pemeriksa menerima jawaban peserta
(teks, daftar teks, atau pasangan kunci-nilai) dan mengembalikan :class:`Result` dengan umpan
balik dalam bahasa Indonesia.

Penggunaan di buku kerja::

    from pemeriksa import periksa, siapkan
    siapkan({...})             # aturan latihan (diisi saat buku kerja dibuat; tanpa kunci jawaban)
    periksa("id-latihan")      # membaca variabel jawaban_id_latihan lalu memeriksanya

Kunci jawaban tidak ikut dikirim kepada peserta. Bila sebuah latihan menuntut bentuk yang persis
(misalnya "pukul 09.00 WIB" atau kategori informasi), yang dikirim hanyalah sidik (hash SHA-256
bergaram) dari bentuk itu; selebihnya berupa aturan yang juga diajarkan dalam modul.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import hashlib
import html
import json
import re
import sys
from dataclasses import dataclass, field

__all__ = [
    "CHECKERS", "EMPTY", "LIBUR_NASIONAL", "Message", "Result", "check", "periksa", "siapkan", "set_holidays",
    "spelling_mistakes", "answer_variable", "working_day_deadline", "sidik", "sidik_jawaban", "tokens",
]

# Indonesian national holidays (YYYY-MM-DD -> name). The build fills this table from the
# `holidays` package; the line below is replaced in the copy shipped beside the notebooks.
LIBUR_NASIONAL: dict[str, str] = {}  # @@LIBUR_NASIONAL@@

EMPTY = "Anda belum mengerjakan latihan ini"
REQUIRED_CAP = 0.5  # a draft that misses a required part scores at most this
MAX_CHARS = 20_000  # longer answers are refused (keeps every check fast)
MAX_ITEMS = 200
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
ORDINALS = ("pertama", "kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan",
            "kesembilan", "kesepuluh")


# --------------------------------------------------------------------------- results


@dataclass
class Message:
    """One line of feedback: ``kind`` is ``ok`` (done right), ``salah`` (to fix) or ``info``."""

    kind: str
    text: str

    def __str__(self) -> str:
        return self.text


ICONS = {"ok": "✔", "salah": "✘", "info": "ℹ"}
COLOURS = {"ok": "#1b5e20", "salah": "#b71c1c", "info": "#0d47a1"}


@dataclass
class Result:
    """What a checker returns: passed, a score from 0 to 1 and the feedback messages."""

    title: str
    passed: bool = False
    score: float = 0.0
    messages: list[Message] = field(default_factory=list)
    points: float = 1.0

    @property
    def text(self) -> str:
        """All feedback as plain text, one message a line."""
        return "\n".join(f"{ICONS.get(m.kind, '-')} {m.text}" for m in self.messages)

    @property
    def summary(self) -> str:
        """One line: passed or not, with the score in percent."""
        if self.passed:
            return f"{self.title}: BENAR — skor {round(self.score * 100)}%"
        return f"{self.title}: PERLU DIPERBAIKI — skor {round(self.score * 100)}%"

    def __str__(self) -> str:
        return f"{self.summary}\n{self.text}"

    def html(self) -> str:
        """The feedback as a small HTML box (inline styles only, safe in any Jupyter)."""
        border = "#2e7d32" if self.passed else "#c62828"
        rows = "".join(
            f'<li style="margin:2px 0;color:{COLOURS.get(m.kind, "#000")}">'
            f'<b>{ICONS.get(m.kind, "-")}</b> {html.escape(m.text)}</li>'
            for m in self.messages
        )
        return (
            f'<div style="border-left:5px solid {border};padding:6px 12px;margin:4px 0;'
            f'background:#fafafa;font-family:sans-serif;font-size:14px">'
            f'<div style="font-weight:bold;color:{border}">{html.escape(self.summary)}</div>'
            f'<ul style="list-style:none;padding-left:4px;margin:6px 0">{rows}</ul></div>'
        )

    def _repr_html_(self) -> str:
        return self.html()

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """HTML for people; the points earned as text/plain so nbgrader can give partial credit."""
        return {"text/html": self.html(), "text/plain": f"{round(self.score * self.points, 4)}"}


class _Rules:
    """Collects the outcome of each rule a checker applies and turns it into a Result.

    Every rule has a weight; a *required* rule that fails caps the score at ``REQUIRED_CAP``, so a
    draft missing a required part can never pass. A message is never shown twice.
    """

    def __init__(self, title: str) -> None:
        self.title = title
        self.messages: list[Message] = []
        self.good = 0.0
        self.bad = 0.0
        self.missed_required = False

    def _add(self, kind: str, text: str) -> None:
        if all(m.text != text for m in self.messages):
            self.messages.append(Message(kind, text))

    def ok(self, text: str, weight: float = 1.0) -> None:
        self.good += weight
        self._add("ok", text)

    def wrong(self, text: str, weight: float = 1.0, required: bool = False) -> None:
        self.bad += weight
        self.missed_required = self.missed_required or required
        self._add("salah", text)

    def rule(self, passed: bool, good: str, bad: str, weight: float = 1.0, required: bool = False) -> bool:
        if passed:
            self.ok(good, weight)
        else:
            self.wrong(bad, weight, required)
        return passed

    def info(self, text: str) -> None:
        self._add("info", text)

    def result(self) -> Result:
        total = self.good + self.bad
        score = self.good / total if total else 0.0
        if self.missed_required:
            score = min(score, REQUIRED_CAP)
        passed = self.bad == 0 and total > 0
        messages = [m for m in self.messages if m.kind == "salah"] + [m for m in self.messages if m.kind != "salah"]
        if passed:
            messages.insert(0, Message("info", "Bagus! Semua ketentuan terpenuhi."))
        return Result(self.title, passed, round(score, 4), messages)


def _failure(title: str, text: str) -> Result:
    return Result(title, False, 0.0, [Message("salah", text)])


def _empty(title: str) -> Result:
    return _failure(title, f"{EMPTY}: sel jawaban masih kosong. Tulis jawaban Anda di sel jawaban (bertanda ✏️), "
                           "jalankan sel itu dengan Shift+Enter, lalu jalankan sel pemeriksa ini lagi.")


def _untouched(title: str) -> Result:
    return _failure(title, f"{EMPTY}: jawaban Anda masih sama dengan isian awal. Perbaiki atau lengkapi isian di "
                           "sel jawaban (bertanda ✏️), jalankan sel itu, lalu jalankan sel pemeriksa ini lagi.")


def _too_long(title: str) -> Result:
    return _failure(title, f"Jawaban terlalu panjang untuk diperiksa (lebih dari {MAX_CHARS} karakter atau "
                           f"{MAX_ITEMS} butir). Tulis jawaban yang diminta saja.")


# --------------------------------------------------------------------------- digests of exact answers

_EDGE_PUNCTUATION = "\"'“”‘’()[]{}<>«»,.;:!?…"


def sidik(salt: str, text: str) -> str:
    """The salted SHA-256 digest of an exact answer (what ships instead of the answer itself)."""
    return hashlib.sha256(f"{salt}\x1f{text}".encode("utf-8")).hexdigest()


def tokens(text: str) -> list[str]:
    """Words of ``text`` with punctuation at their edges removed; case and inner punctuation are kept."""
    words = (w.strip(_EDGE_PUNCTUATION) for w in _clean(text).split())
    return [w for w in words if w]


def _canonical(answer) -> str:
    """A stable text form of an answer: whitespace collapsed, empty list items and mapping values dropped."""
    if isinstance(answer, str):
        return json.dumps(" ".join(answer.split()), ensure_ascii=False)
    if isinstance(answer, (list, tuple)):
        return json.dumps([_canonical(x) for x in answer if str(x).strip()], ensure_ascii=False)
    if isinstance(answer, dict):
        return json.dumps({str(k): _canonical(v) for k, v in answer.items() if str(v or "").strip()},
                          ensure_ascii=False, sort_keys=True)
    return json.dumps(repr(answer), ensure_ascii=False)


def sidik_jawaban(salt: str, answer) -> str:
    """The digest of a whole answer (used to tell an untouched starter from a real attempt)."""
    return sidik(salt, _canonical(answer))


def _size(answer) -> int:
    if isinstance(answer, str):
        return len(answer)
    if isinstance(answer, dict):
        return sum(len(str(k)) + len(str(v)) for k, v in answer.items())
    if isinstance(answer, (list, tuple)):
        return sum(len(str(x)) for x in answer)
    return 0


def _is_blank(answer) -> bool:
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (list, tuple)):
        return not any(str(x).strip() for x in answer if x is not None)
    if isinstance(answer, dict):
        return not any(str(v).strip() for v in answer.values() if v is not None)
    return False


def _quote(text: str) -> str:
    return f"“{text}”"


def _clean(text: str) -> str:
    """Normalise quotes and whitespace of a participant's text."""
    text = str(text).replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def _key(text: str) -> str:
    """A comparison key: case-folded, punctuation and list numbering removed, spaces collapsed."""
    text = _clean(text).casefold()
    text = re.sub(r"^\s*(\d+[.)]|[-*•])\s*", "", text)
    text = re.sub(r"[^\w\s/-]", " ", text)
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return [w for w in text.split() if any(c.isalnum() for c in w)]


def _as_text(title: str, answer) -> tuple[str | None, Result | None]:
    """The answer as text, or a friendly Result when it is empty or of the wrong shape."""
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return None, _empty(title)
    if not isinstance(answer, str):
        return None, _failure(title, "Jawaban latihan ini berupa teks. Tulis teks Anda di antara tanda kutip tiga: "
                                     'jawaban = """ ... """')
    return _clean(answer).replace("\r\n", "\n"), None


def _as_list(title: str, answer) -> tuple[list[str] | None, Result | None]:
    """The answer as a list of non-empty strings (a text of lines is accepted too)."""
    if isinstance(answer, str):
        answer = [line for line in answer.splitlines()]
    if isinstance(answer, tuple):
        answer = list(answer)
    if not isinstance(answer, list):
        return None, _failure(title, "Jawaban latihan ini berupa daftar: setiap baris di antara tanda kutip, "
                                     "dipisahkan koma, di dalam kurung siku [ ].")
    items = [_clean(x) for x in answer if str(x).strip()]
    if not items:
        return None, _empty(title)
    return items, None


def _as_mapping(title: str, answer) -> tuple[dict | None, Result | None]:
    """The answer as a mapping with at least one filled value."""
    if not isinstance(answer, dict):
        return None, _failure(title, "Jawaban latihan ini berupa pasangan \"kunci\": \"isian\" di dalam kurung "
                                     "kurawal { }. Isi bagian di kanan tanda titik dua saja.")
    mapping = {_clean(k): ("" if v is None else _clean(v)) for k, v in answer.items()}
    if not any(mapping.values()):
        return None, _empty(title)
    return mapping, None


# --------------------------------------------------------------------------- spelling (EYD V)


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


def spelling_mistakes(text: str) -> list[Finding]:
    """Common EYD V mistakes in ``text`` with their correct forms, in order of appearance."""
    text = _clean(text)
    found: list[Finding] = []
    for match in re.finditer(r"\b\w*silahkan\w*\b", text, re.IGNORECASE):
        word = match.group(0)
        right = re.sub("silahkan", "silakan", word, flags=re.IGNORECASE)
        found.append(Finding(word, _case_like(word, right.lower()) if not word.isupper() else right.upper(),
                             "kata dasarnya sila, jadi silakan/persilakan (tanpa h)", match.start()))
    for match in re.finditer(r"\bjum'at\b", text, re.IGNORECASE):
        found.append(Finding(match.group(0), _case_like(match.group(0), "jumat"),
                             "nama hari ditulis Jumat, tanpa tanda petik", match.start()))
    taken: set[int] = set()
    for match in re.finditer(r"\b(pukul|jam)\s+(\d{1,2}):(\d{2})\b", text, re.IGNORECASE):
        taken.add(match.start(2))
        word = match.group(1)
        why = "jam dan menit dipisahkan dengan titik, bukan titik dua"
        if word.lower() == "jam":  # 'jam' is a duration; a clock time takes 'pukul'
            word = _case_like(word, "pukul")
            why += "; untuk menyebut waktu dipakai kata pukul, bukan jam"
        found.append(Finding(match.group(0), f"{word} {match.group(2)}.{match.group(3)}", why, match.start()))
    for match in re.finditer(rf"\b(\d{{1,2}}):(\d{{2}})(\s*(?:{_TIME_ZONES}))\b", text):
        if match.start() not in taken:
            found.append(Finding(match.group(0), f"{match.group(1)}.{match.group(2)}{match.group(3)}",
                                 "jam dan menit dipisahkan dengan titik, bukan titik dua", match.start()))
    for match in re.finditer(r"\b(\d{1,2}[.:]\d{2})\s+(wib|wita|wit|Wib|Wit)\b", text):
        zone = {"wib": "WIB", "wit": "WIT", "wita": "Wita"}[match.group(2).lower()]
        found.append(Finding(match.group(2), zone, "singkatan zona waktu ditulis WIB, Wita atau WIT", match.start(2)))
    for match in re.finditer(rf"\b([Pp]ara|[Ss]eluruh|[Ss]emua)\s+({_OFFICES_AFTER_PARA})\b", text):
        found.append(Finding(match.group(0), f"{match.group(1)} {match.group(2).lower()}",
                             "nama jabatan yang tidak merujuk kepada orang tertentu ditulis dengan huruf kecil",
                             match.start()))
    for match in re.finditer(r"\b([Dd]i)\s+([a-z]+)\b", text):
        word = match.group(2)
        if word in _DI_VERBS or (word.endswith("kan") and len(word) > 5 and word not in _NOT_VERBS):
            found.append(Finding(match.group(0), match.group(1) + word,
                                 "awalan di- pada kata kerja ditulis serangkai", match.start()))
    places = "|".join(_PLACES)
    for match in re.finditer(rf"\b(di|ke|dari)({places})\b", text, re.IGNORECASE):
        found.append(Finding(match.group(0), f"{match.group(1)} {match.group(2)}",
                             "kata depan di/ke/dari ditulis terpisah dari kata yang mengikutinya", match.start()))
    for match in re.finditer(r"\b(di|ke)([A-Z][a-z]+)", text):
        found.append(Finding(match.group(0), f"{match.group(1)} {match.group(2)}",
                             "kata depan ditulis terpisah dari nama tempat", match.start()))
    found.sort(key=lambda f: f.start)
    return found


def _spelling_rule(rules: _Rules, text: str) -> None:
    mistakes = spelling_mistakes(text)
    if not mistakes:
        rules.ok("Ejaan: tidak ada kesalahan EYD V yang umum (silahkan, Jum'at, pukul 09:00, di tulis, diaula).")
        return
    for finding in mistakes:
        rules.wrong(f"Ejaan: {finding.message()}")


def _required_forms(rules: _Rules, text: str, forms, salt: str) -> None:
    """Each required corrected form must appear exactly (case and punctuation count); only digests ship."""
    words = tokens(text)
    for form in forms or ():
        size = int(form.get("kata", 1))
        windows = {sidik(salt, " ".join(words[i:i + size])): " ".join(words[i:i + size])
                   for i in range(max(len(words) - size + 1, 0))}
        rule = form.get("aturan") or f"satu bentuk yang diperbaiki ({size} kata)"
        found = windows.get(form.get("sidik", ""))
        rules.rule(found is not None, f"Sudah benar: {_quote(found or '')} ({rule}).",
                   f"Belum diperbaiki: {rule}. Bentuk yang benar belum tertulis persis dalam jawaban Anda; huruf "
                   "kapital dan tanda baca ikut diperiksa.")


# --------------------------------------------------------------------------- news writing

_ABBREVIATIONS = {
    "dr", "drs", "dra", "h", "hj", "ir", "prof", "kh", "st", "kab", "kec", "kel", "jl", "no", "bpk", "ny", "sdr",
    "tn", "yth", "dll", "dsb", "dst", "dkk", "pj", "plt", "plh", "kapt", "kol", "let", "brigjen", "kompol", "akbp",
}
_MONTH_RE = "Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Nopember|Desember"
_DAY_RE = "Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad"
_DATE = re.compile(
    rf"\b(?:hari\s+)?(?:(?:{_DAY_RE})\b(?:\s*,?\s*\(\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\)"
    rf"|\s*,?\s+(?:tanggal\s+)?\d{{1,2}}\s+(?:{_MONTH_RE})(?:\s+\d{{4}})?"
    rf"|\s*,?\s+\d{{1,2}}/\d{{1,2}}/\d{{2,4}})?"
    rf"|(?:tanggal\s+)?\d{{1,2}}\s+(?:{_MONTH_RE})(?:\s+\d{{4}})?|\(?\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\)?)"
)
_RELATIVE = re.compile(r"\b(kemarin|hari ini|besok|lusa|tadi pagi|tadi siang|tadi malam|pekan lalu|minggu lalu|"
                       r"baru-baru ini|beberapa waktu lalu|beberapa hari lalu)\b", re.IGNORECASE)
_CAP = r"(?:[A-Z][\w'-]*|\d+)"
_PLACE = re.compile(
    rf"\b(?:[Bb]ertempat\s+)?[Dd]i\s+(?:{_CAP}(?:\s+(?:{_CAP}|dan))*"
    r"|(?:aula|ruang|gedung|kantor|balai|pendopo|halaman|lapangan|hotel|rumah|desa|kecamatan|kota|kabupaten)"
    r"\b(?:\s+(?!pada\b|dan\b|yang\b)[\w'.-]+){0,4})"
)
_OFFICE = (r"(?:Wakil\s+)?(?:Bupati|Gubernur|Wali\s*[Kk]ota|Walikota|Presiden|Menteri|Sekda|Sekretaris|Asisten|"
           r"Kepala|Ketua|Camat|Lurah|Kapolres|Kapolda|Dandim|Danrem|Kajari|Direktur|Kadis|Kabag|Plt\.?|Pj\.?|"
           r"Anggota|Pemerintah|Pemkab|Pemprov|Pemkot|Dinas|Badan|Bagian|DPRD|Tim|Panitia|PPID|Komisi)")
_WHO = re.compile(
    rf"\b{_OFFICE}(?:\s+(?:{_CAP}|dan|dan\s+{_CAP}))*"
    r"|\b(?:Drs?\.|Dra\.|Ir\.|H\.|Hj\.|Prof\.|dr\.)\s+[A-Z]\w+(?:\s+[A-Z]\w+)*"
    r"|\b(?:para\s+\w+|peserta|warga|masyarakat|pegawai|siswa|petugas|wartawan|panitia|ASN)\b"
)
_WHAT = re.compile(
    r"\b(?:membuka|menutup|meresmikan|melantik|menyerahkan|menandatangani|meluncurkan|menggelar|mengadakan|"
    r"menyelenggarakan|mengikuti|menghadiri|memimpin|mengunjungi|meninjau|menerima|menyampaikan|membahas|"
    r"mengumumkan|menetapkan|melaksanakan|memberikan|mengajak|meminta|diresmikan|dibuka|digelar|dilaksanakan|"
    r"diselenggarakan|diikuti|rapat koordinasi|rapat kerja|rapat|rakor|raker|pelatihan|bimtek|bimbingan teknis|"
    r"sosialisasi|seminar|lokakarya|upacara|peresmian|pelantikan|peluncuran|kunjungan|musrenbang|musyawarah|"
    r"festival|lomba|pameran|penyerahan|penandatanganan|vaksinasi)\b"
    r"(?:\s+(?!di\b|pada\b|ke\b)[\w'()/.-]+){0,6}",
    re.IGNORECASE,
)
_ELEMENT_NAMES = {"apa": "Apa", "siapa": "Siapa", "di_mana": "Di mana", "kapan": "Kapan"}


def _sentences(text: str) -> list[str]:
    """Split a text into sentences, keeping titles (Drs., H.), initials and clock times together."""
    text = " ".join(text.split())
    sentences: list[str] = []
    start = 0
    for match in re.finditer(r"[.!?]+[\"')]*(?=\s+[\"'(]?[A-Z0-9]|\s*$)", text):
        before = text[start:match.start()].split()
        token = before[-1].lower() if before else ""
        bare = token.strip("(\"'")
        if match.group(0).startswith(".") and (bare in _ABBREVIATIONS or len(bare) == 1 or "." in bare):
            continue
        sentences.append(text[start:match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return [s for s in sentences if _words(s)]


def _trim_phrase(phrase: str) -> str:
    phrase = phrase.strip(" ,.;:")
    return re.sub(r"\s+(dan|di|ke)$", "", phrase)


def _find_elements(text: str, keywords: dict) -> dict[str, tuple[int, str]]:
    """Where each 5W element is first found: element -> (position, the text found)."""
    found: dict[str, tuple[int, str]] = {}
    for element, words in (keywords or {}).items():
        element = _element_key(element)
        for word in words or ():
            position = text.casefold().find(str(word).casefold())
            if position >= 0 and (element not in found or position < found[element][0]):
                found[element] = (position, text[position:position + len(str(word))])
    patterns = {"siapa": _WHO, "apa": _WHAT, "di_mana": _PLACE}
    for element, pattern in patterns.items():
        if element not in found:
            match = pattern.search(text)
            if match:
                found[element] = (match.start(), _trim_phrase(match.group(0)))
    if "kapan" not in found:
        match = next((m for m in _DATE.finditer(text) if m.group(0).strip()), None)
        if match:
            found["kapan"] = (match.start(), match.group(0).strip())
    return found


def _element_key(name: str) -> str:
    name = str(name).strip().lower().replace(" ", "_").replace("-", "_")
    return {"dimana": "di_mana", "where": "di_mana", "who": "siapa", "what": "apa", "when": "kapan"}.get(name, name)


_CEREMONIAL = re.compile(
    r"^\W*(dalam\s+rangka|dalam\s+upaya|sehubungan\s+dengan|menindaklanjuti|bertempat\s+di|pada\s+hari\s+ini|"
    r"pada\s+kesempatan|telah\s+(?:dilaksanakan|diselenggarakan|dilangsungkan)|puji\s+syukur|guna\s|"
    r"seiring\s+dengan|mengawali)",
    re.IGNORECASE,
)


def _ceremonial_rule(rules: _Rules, text: str) -> None:
    """A lead opens with who did what, never with a ceremonial phrase (a required rule)."""
    match = _CEREMONIAL.search(text)
    opening = match.group(1) if match else ""
    rules.rule(match is None, "Teras dibuka langsung dengan inti berita, tanpa pembuka seremonial.",
               f"Teras berita dibuka dengan {_quote(opening[:1].upper() + opening[1:] + ' ...')}: pembuka seremonial "
               "seperti itu menunda inti berita. Awali teras dengan siapa melakukan apa, lalu di mana dan kapan.",
               weight=2, required=True)


def check_lead(answer, max_words: int = 45, max_sentences: int = 3, require=None, keywords=None, **_) -> Result:
    """Teras berita (lead): no ceremonial opening, PWI 1977 limits, 5W elements, kapan as a date, place before time."""
    text, problem = _as_text("Teras berita", answer)
    if problem:
        return problem
    rules = _Rules("Teras berita")
    _ceremonial_rule(rules, text)
    sentences = _sentences(text)
    words = _words(text)
    rules.rule(len(sentences) <= max_sentences,
               f"Jumlah kalimat: {len(sentences)} (pedoman PWI 1977: paling banyak {max_sentences}).",
               f"Teras berita Anda terdiri atas {len(sentences)} kalimat; pedoman PWI 1977 membatasi paling banyak "
               f"{max_sentences} kalimat. Pindahkan rincian ke tubuh berita.")
    rules.rule(len(words) <= max_words,
               f"Jumlah kata: {len(words)} (pedoman PWI 1977: paling banyak {max_words}; 25 kata atau kurang lebih baik).",
               f"Teras berita Anda {len(words)} kata; pedoman PWI 1977 membatasi paling banyak {max_words} kata. "
               "Pindahkan bagaimana dan mengapa ke tubuh berita.")
    required = [_element_key(e) for e in (require or ("apa", "siapa", "di_mana", "kapan"))]
    found = _find_elements(text, keywords or {})
    for element in required:
        name = _ELEMENT_NAMES.get(element, element)
        if element in found:
            rules.ok(f"Unsur {name} ditemukan: {_quote(found[element][1])}.")
        elif element == "kapan" and _RELATIVE.search(text):
            rules.wrong(f"Unsur Kapan ditulis {_quote(_RELATIVE.search(text).group(0))}. Tulis hari dan tanggalnya, "
                        "misalnya Selasa (24/9/2019) atau Selasa, 24 September 2019.")
        else:
            hint = {
                "apa": "Sebutkan peristiwanya (misalnya membuka rapat koordinasi ...).",
                "siapa": "Sebutkan pelakunya dengan jabatan lengkap (misalnya bupati beserta nama kabupatennya).",
                "di_mana": "Sebutkan tempatnya dengan kata depan di dan nama tempat (misalnya di Aula Kantor Bupati).",
                "kapan": "Sebutkan hari dan tanggalnya (misalnya Selasa (24/9/2019)).",
            }.get(element, "")
            rules.wrong(f"Unsur {name} belum ditemukan. {hint}")
    if "kapan" in found and _RELATIVE.search(text) and "kapan" in required:
        rules.info(f"Hindari kata waktu relatif seperti {_quote(_RELATIVE.search(text).group(0))}; pembaca butuh "
                   "hari dan tanggal.")
    if "kapan" in found and "di_mana" in found:
        place, time = found["di_mana"], found["kapan"]
        rules.rule(place[0] < time[0],
                   "Tempat disebut sebelum waktu.",
                   f"Sebutkan tempat sebelum waktu (pedoman PWI): {_quote(time[1])} muncul sebelum {_quote(place[1])}.")
    _spelling_rule(rules, text)
    return rules.result()


_FUNCTION_WORDS = set("di ke dari dan yang untuk pada dengan atau oleh bagi tentang kepada terhadap serta tetapi "
                      "karena agar supaya hingga sampai daripada dalam sebagai antara atas".split())
_EITHER_CASE = set("akan para si sang per pun telah sudah belum juga tidak bukan se ini itu".split())


def check_headline(answer, max_words: int = 10, min_words: int = 3, **_) -> Result:
    """Judul berita: word limit, no final period or question, EYD V title capitalisation, common mistakes."""
    text, problem = _as_text("Judul berita", answer)
    if problem:
        return problem
    rules = _Rules("Judul berita")
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1:
        rules.wrong("Judul cukup satu baris. Tulis judul saja, tanpa teras berita.")
    headline = " ".join(lines)
    words = _words(headline)
    rules.rule(min_words <= len(words) <= max_words,
               f"Panjang judul: {len(words)} kata (batas {min_words}–{max_words}).",
               f"Judul Anda {len(words)} kata; buat {min_words}–{max_words} kata yang memuat subjek dan predikat.")
    rules.rule(not headline.rstrip().endswith("."), "Judul tidak diakhiri titik.",
               "Judul berita tidak diakhiri tanda titik. Hapus titik di akhir judul.")
    rules.rule("?" not in headline, "Judul bukan kalimat tanya.",
               "Judul berita bukan kalimat tanya: nyatakan faktanya (hapus tanda tanya).")
    letters = [w for w in words if any(c.isalpha() for c in w)]
    if len(letters) >= 3 and all(w.isupper() for w in letters):
        rules.wrong("Jangan menulis judul seluruhnya dengan huruf kapital; gunakan huruf kapital pada awal kata.")
    else:
        wrong: list[str] = []
        for position, raw in enumerate(words):
            word = raw.strip("\"'()[],.:;!?")
            if not word or not word[0].isalpha():
                continue
            lower = word.lower()
            if position > 0 and lower in _FUNCTION_WORDS and word[0].isupper():
                wrong.append(f"{_quote(word)} → {_quote(lower)} (kata tugas ditulis kecil)")
            elif (position == 0 or lower not in _FUNCTION_WORDS | _EITHER_CASE) and word[0].islower():
                wrong.append(f"{_quote(word)} → {_quote(word[0].upper() + word[1:])}")
        rules.rule(not wrong, "Huruf kapital sesuai EYD V: setiap kata berhuruf awal kapital kecuali kata tugas.",
                   "Huruf kapital dalam judul (EYD V: huruf awal setiap kata kapital, kecuali kata tugas seperti "
                   "di, ke, dari, dan, yang, untuk yang tidak di awal): " + "; ".join(wrong) + ".")
    for finding in spelling_mistakes(headline):
        rules.wrong(f"Ejaan: {finding.message()}")
    return rules.result()


_RELEASE = re.compile(r"untuk\s+(disiarkan\s+segera|segera\s+disiarkan)", re.IGNORECASE)
_DATELINE = re.compile(
    rf"^[ \t]*([A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*)*)[ \t]*,[ \t]*(?:(?:{_DAY_RE})[ \t]*,?[ \t]*)?"
    rf"(\d{{1,2}}\s+(?:{_MONTH_RE})\s+\d{{4}}|\(?\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\)?)\s*(?:[-–—]|\()",
    re.MULTILINE,
)
_CONTACT = re.compile(r"\b(narahubung|kontak|contact person|informasi lebih lanjut|hubungi)\b", re.IGNORECASE)
_PHONE = re.compile(r"(\+62|\b0)\d[\d\s().-]{6,}\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


_PROFILE = re.compile(r"^\W*(tentang|profil|sekilas)\b", re.IGNORECASE)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Paragraphs (separated by blank lines) with their start positions."""
    found, position = [], 0
    for block in re.split(r"(\n[ \t]*\n)", text):
        if block.strip() and not re.fullmatch(r"\n[ \t]*\n", block):
            found.append((position, block.strip()))
        position += len(block)
    return found


def check_press_release(answer, city: str = "", **_) -> Result:
    """Siaran pers: the required parts in order (release line, headline, dateline + lead, body, profile,
    contact person) and EYD V; a missing part caps the score, so such a draft cannot pass."""
    text, problem = _as_text("Siaran pers", answer)
    if problem:
        return problem
    rules = _Rules("Siaran pers")
    release = _RELEASE.search(text)
    rules.rule(bool(release), "Ada keterangan “Untuk disiarkan segera”.",
               "Bagian wajib belum ada: tulis “Untuk disiarkan segera” di bagian atas siaran pers.", required=True)
    dateline = _DATELINE.search(text)
    head_zone = text[release.end() if release else 0:dateline.start() if dateline else len(text)]
    head_lines = [line.strip() for line in head_zone.splitlines() if line.strip()]
    headline = next((line for line in head_lines if len(_words(line)) <= 15), None)
    rules.rule(bool(headline), f"Ada judul: {_quote(headline or '')}.",
               "Bagian wajib belum ada: tulis judul siaran pers pada baris tersendiri di antara “Untuk disiarkan "
               "segera” dan dateline.", required=True)
    if headline and headline.endswith("."):
        rules.wrong("Judul siaran pers tidak diakhiri titik.")
    if dateline:
        rules.ok(f"Ada dateline: {_quote(dateline.group(0).strip(' -–—('))}.")
        if city:
            rules.rule(_key(dateline.group(1)) == _key(city), f"Kota pada dateline: {dateline.group(1)}.",
                       f"Dateline menyebut kota {_quote(dateline.group(1))}; kegiatan ini berlangsung di {city}.")
    else:
        rules.wrong("Bagian wajib belum ada: dateline. Awali paragraf pertama dengan kota dan tanggal, misalnya "
                    f"“{city or 'Nama kota'}, 24 September 2019 — ...”.", required=True)
    contact = _CONTACT.search(text)
    paragraphs = _paragraphs(text)
    anchor = dateline.end() if dateline else (text.find(headline) + len(headline) if headline else 0)
    after = [(pos, para) for pos, para in paragraphs if pos + len(para) > anchor]
    lead = text[anchor:after[0][0] + len(after[0][1])] if after else ""
    rules.rule(len(_words(lead)) >= 10, f"Ada teras berita ({len(_words(lead))} kata).",
               "Bagian wajib belum ada: sesudah dateline tulis teras berita yang memuat apa, siapa, di mana dan "
               "kapan.", required=True)
    if len(_words(lead)) > 60:
        rules.info("Paragraf pertama cukup panjang; teras berita yang baik paling banyak 45 kata.")
    profile = next(((pos, para) for pos, para in after[1:] if _PROFILE.match(para)), None)
    end = min(profile[0] if profile else len(text), contact.start() if contact else len(text))
    body = [para for pos, para in after[1:] if pos < end and not _PROFILE.match(para)]
    body_words = sum(len(_words(para)) for para in body)
    rules.rule(body_words >= 12, f"Ada tubuh berita ({len(body)} paragraf, {body_words} kata).",
               "Bagian wajib belum ada: tubuh berita. Sesudah teras, tulis paling sedikit satu paragraf yang "
               "merinci kegiatan (pola piramida terbalik; boleh memuat kutipan).", required=True)
    rules.rule(profile is not None, "Ada profil singkat lembaga.",
               "Bagian wajib belum ada: profil singkat lembaga. Tulis satu paragraf yang diawali “Tentang ...” "
               "sebelum narahubung.", required=True)
    if contact:
        tail = text[contact.start():]
        rules.rule(bool(_PHONE.search(tail) or _EMAIL.search(tail)), "Ada narahubung dengan nomor telepon/surel.",
                   "Bagian narahubung perlu nama serta nomor telepon atau alamat surel.", required=True)
        if dateline and contact.start() < dateline.start():
            rules.wrong("Letakkan narahubung di bagian akhir siaran pers, sesudah isi berita.")
    else:
        rules.wrong("Bagian wajib belum ada: narahubung. Tutup siaran pers dengan “Narahubung:” berisi nama, nomor "
                    "telepon dan/atau surel.", required=True)
    _spelling_rule(rules, text)
    return rules.result()


def check_eyd(answer, wajib=None, garam: str = "", **_) -> Result:
    """Perbaikan ejaan: the common EYD V mistakes are gone and each corrected form is present exactly."""
    text, problem = _as_text("Perbaikan ejaan", answer)
    if problem:
        return problem
    rules = _Rules("Perbaikan ejaan")
    _spelling_rule(rules, text)
    _required_forms(rules, text, wajib, garam)
    return rules.result()


_TIME_AND_PLACE = re.compile(
    r"waktu\s+(?:dan|&)\s+tempat\s+(?:\w+\s+){0,3}?(?:di)?(?:persila\w*|persilah\w*|serahkan|berikan|kami\s+\w+)",
    re.IGNORECASE,
)


def check_script_fix(answer, wajib=None, garam: str = "", **_) -> Result:
    """Naskah pembawa acara: no "waktu dan tempat kami persilakan", no EYD V mistakes, corrected forms present."""
    text, problem = _as_text("Perbaikan naskah", answer)
    if problem:
        return problem
    rules = _Rules("Perbaikan naskah")
    matches = list(_TIME_AND_PLACE.finditer(text))
    rules.rule(not matches, "Tidak ada lagi ungkapan “waktu dan tempat ... dipersilakan”.",
               "Masih ada " + ", ".join(_quote(m.group(0)) for m in matches) + ". Yang dipersilakan adalah orangnya, "
               "bukan waktu dan tempat: “Bapak Bupati, dengan hormat kami persilakan.”", weight=2, required=True)
    _spelling_rule(rules, text)
    _required_forms(rules, text, wajib, garam)
    return rules.result()


# --------------------------------------------------------------------------- MC and protocol

def _match_items(given: list[str], known: list[str]) -> tuple[list[int | None], list[str]]:
    """Match each given text to the index of a known text (exact key, then close match)."""
    keys = [_key(k) for k in known]
    indexes: list[int | None] = []
    notes: list[str] = []
    for text in given:
        key = _key(text)
        if key in keys:
            indexes.append(keys.index(key))
            continue
        close = difflib.get_close_matches(key, keys, n=1, cutoff=0.75)
        if close:
            indexes.append(keys.index(close[0]))
            continue
        indexes.append(None)
        notes.append(text)
    return indexes, notes


def check_susunan_acara(answer, items=(), **_) -> Result:
    """Susunan acara: Indonesia Raya before the opening (UU 9/2010 Pasal 28), report before speeches,
    speeches in rising rank with the highest official last (he or she also opens the event)."""
    given, problem = _as_list("Susunan acara", answer)
    if problem:
        return problem
    rules = _Rules("Susunan acara")
    items = [dict(item) for item in items]
    texts = [str(item["text"]) for item in items]
    indexes, unknown = _match_items(given, texts)
    for text in unknown:
        rules.wrong(f"{_quote(text)} tidak ada dalam daftar acara. Salin teks acara dari daftar yang diberikan.")
    seen = [i for i in indexes if i is not None]
    for index in sorted({i for i in seen if seen.count(i) > 1}):
        rules.wrong(f"{_quote(texts[index])} tercantum lebih dari sekali.")
    missing = [texts[i] for i in range(len(texts)) if i not in seen]
    rules.rule(not missing, "Semua mata acara tercantum.",
               "Mata acara yang belum tercantum: " + "; ".join(_quote(t) for t in missing) + ".")
    order = list(dict.fromkeys(seen))
    position = {index: pos for pos, index in enumerate(order)}

    def of_role(*roles) -> list[int]:
        return [i for i in order if items[i].get("role") in roles]

    anthems, openings = of_role("opening-anthem"), of_role("opening", "opening-speech")
    reports, speeches = of_role("report"), of_role("speech", "opening-speech")
    if anthems and openings:
        late = [i for i in openings if position[i] < position[anthems[0]]]
        rules.rule(not late, "Indonesia Raya dinyanyikan sebelum pembukaan (UU 9/2010 Pasal 28).",
                   f"{_quote(texts[anthems[0]])} harus sebelum {_quote(texts[late[0]] if late else '')}: "
                   "UU 9/2010 Pasal 28 menetapkan urutan Indonesia Raya, pembukaan, acara pokok, penutup.")
    if reports and speeches:
        early = [i for i in speeches if position[i] < position[reports[0]]]
        rules.rule(not early, "Laporan panitia disampaikan sebelum sambutan-sambutan.",
                   f"{_quote(texts[reports[0]])} disampaikan sebelum sambutan; pindahkan "
                   f"{_quote(texts[early[0]] if early else '')} ke sesudah laporan.")
    if len(speeches) > 1:
        def rank(i: int) -> float:
            value = items[i].get("rank")
            return float(value) if value is not None else (0.0 if items[i].get("role") == "opening-speech" else 99.0)

        inversions = [(a, b) for a, b in zip(speeches, speeches[1:]) if rank(a) < rank(b)]
        rules.rule(not inversions, "Sambutan berurutan dari pejabat yang lebih rendah ke yang tertinggi.",
                   "Urutan sambutan naik menurut jabatan (kebiasaan protokol): " + "; ".join(
                       f"{_quote(texts[b])} harus sebelum {_quote(texts[a])}" for a, b in inversions) + ".")
        top = [i for i in speeches if items[i].get("role") == "opening-speech"]
        if top:
            rules.rule(speeches[-1] == top[0],
                       "Pejabat tertinggi menyampaikan sambutan terakhir sekaligus membuka acara.",
                       f"{_quote(texts[top[0]])} adalah sambutan terakhir: pejabat tertinggi berbicara paling akhir "
                       "sekaligus membuka acara secara resmi.")
    closings = of_role("closing")
    if closings:
        rules.rule(order[-1] in closings, "Penutup berada di akhir acara.",
                   f"{_quote(texts[closings[0]])} ditempatkan paling akhir (Pasal 28: ... acara pokok, penutup).")
    return rules.result()


def _officials(officials) -> list[dict]:
    people = [dict(o) for o in officials or ()]
    for person in people:
        person["rank"] = float(person.get("rank", 99))
    return people


def _name_in(line: str, names: list[str]) -> int | None:
    """The index of the longest official name found in ``line``."""
    key = f" {_key(line)} "
    best = None
    for index, name in enumerate(names):
        if f" {_key(name)} " in key and (best is None or len(name) > len(names[best])):
            best = index
    return best


def check_greetings_order(answer, officials=(), **_) -> Result:
    """Salam dalam sambutan: the highest-ranking person is greeted first, then in descending precedence."""
    lines, problem = _as_list("Urutan sapaan", answer)
    if problem:
        return problem
    rules = _Rules("Urutan sapaan")
    people = _officials(officials)
    names = [str(p["name"]) for p in people]
    greeted: list[int] = []
    general_before = False
    for line in lines:
        index = _name_in(line, names)
        if index is None:
            if len(greeted) < len(people):
                general_before = True
            continue
        if index in greeted:
            rules.wrong(f"{names[index]} disapa lebih dari sekali.")
        else:
            greeted.append(index)
    missing = [names[i] for i in sorted(range(len(names)), key=lambda i: (people[i]["rank"], names[i]))
               if i not in greeted]
    rules.rule(not missing, "Semua pejabat disapa.",
               "Belum ada sapaan untuk: " + "; ".join(missing) + ". Tulis nama jabatannya persis seperti di daftar.")
    if greeted:
        top = min(greeted, key=lambda i: people[i]["rank"])
        rules.rule(people[greeted[0]]["rank"] == people[top]["rank"],
                   f"Sapaan pertama untuk pejabat tertinggi: {names[greeted[0]]}.",
                   f"Sapaan pertama harus untuk pejabat tertinggi, {names[top]}, bukan {names[greeted[0]]}.")
        wrong = [(a, b) for a, b in zip(greeted, greeted[1:]) if people[a]["rank"] > people[b]["rank"]]
        rules.rule(not wrong, "Sapaan berikutnya turun menurut tata urutan.",
                   "Urutkan sapaan dari jabatan tertinggi ke yang lebih rendah: " + "; ".join(
                       f"{names[b]} harus disapa sebelum {names[a]}" for a, b in wrong) + ".")
    if general_before:
        rules.info("Sapaan umum (misalnya “hadirin yang berbahagia”) diletakkan sesudah sapaan untuk para pejabat.")
    return rules.result()


def _seat_order(count: int, centre: int) -> list[int]:
    """Seat indexes (audience's left to right) in order of honour around ``centre``: right, left, right ..."""
    order = [centre]
    for distance in range(1, count):
        for seat in (centre - distance, centre + distance):  # the principal's right is the audience's left
            if 0 <= seat < count:
                order.append(seat)
    return order


def _describe_seat(seat: int, principal: int) -> str:
    distance = abs(seat - principal)
    if distance == 0:
        return "kursi tengah, tempat pejabat tertinggi"
    ordinal = ORDINALS[distance - 1] if distance <= len(ORDINALS) else f"ke-{distance}"
    if seat < principal:
        return f"kursi {ordinal} di sebelah kanan pimpinan (kiri bila dilihat dari hadirin)"
    return f"kursi {ordinal} di sebelah kiri pimpinan (kanan bila dilihat dari hadirin)"


def check_seating(answer, seats=(), officials=(), **_) -> Result:
    """Tata tempat: principal in the centre, the principal's right outranks the left, alternating outwards;
    the host beside the highest official (UU 9/2010 Pasal 13); a representative by own rank (Pasal 15)."""
    mapping, problem = _as_mapping("Tata tempat", answer)
    if problem:
        return problem
    rules = _Rules("Tata tempat")
    seats = [str(s) for s in seats]
    people = _officials(officials)
    names = [str(p["name"]) for p in people]
    seat_keys = {_key(s): i for i, s in enumerate(seats)}
    placed: dict[int, int] = {}  # seat index -> official index
    for seat_label, person in mapping.items():
        if not person:
            continue
        seat = seat_keys.get(_key(seat_label))
        if seat is None:
            rules.wrong(f"Kursi {_quote(seat_label)} tidak ada; gunakan label kursi {', '.join(seats)}.")
            continue
        index = _name_in(person, names)
        if index is None:
            close = difflib.get_close_matches(person, names, n=1, cutoff=0.6)
            rules.wrong(f"{_quote(person)} (kursi {seats[seat]}) tidak ada dalam daftar pejabat"
                        + (f"; maksud Anda {_quote(close[0])}?" if close else "."))
            continue
        if index in placed.values():
            rules.wrong(f"{names[index]} ditempatkan di lebih dari satu kursi.")
            continue
        placed[seat] = index
    by_rank = sorted(range(len(names)), key=lambda i: (people[i]["rank"], names[i]))
    missing = [names[i] for i in by_rank if i not in placed.values()]
    rules.rule(not missing, "Semua pejabat mendapat kursi.",
               "Belum mendapat kursi: " + "; ".join(missing) + ".")
    if not people or not seats:
        return rules.result()
    rank = {i: float(p["rank"]) for i, p in enumerate(people)}
    top = min(rank.values())
    principals = [i for i in rank if rank[i] == top]
    centres = [len(seats) // 2] if len(seats) % 2 else [len(seats) // 2, len(seats) // 2 - 1]
    at_seat = {v: k for k, v in placed.items()}
    principal_seat = next((at_seat[i] for i in principals if i in at_seat and at_seat[i] in centres), None)
    if principal_seat is None:
        principal_seat = centres[0]
        sitting = placed.get(principal_seat)
        note = ""
        if sitting is not None and people[sitting].get("represents"):
            note = (f" {names[sitting]} mewakili {people[sitting]['represents']}, tetapi wakil duduk menurut "
                    "jabatannya sendiri (UU 9/2010 Pasal 15).")
        rules.wrong(f"Kursi {seats[principal_seat]} ({_describe_seat(principal_seat, principal_seat)}) untuk "
                    f"{names[principals[0]]}" + (f", bukan {names[sitting]}." if sitting is not None else ".") + note)
    else:
        rules.ok(f"{names[placed[principal_seat]]} duduk di kursi tengah ({seats[principal_seat]}).")
    order = _seat_order(len(seats), principal_seat)[1:]
    hosts = [i for i, p in enumerate(people) if p.get("host") and i not in principals]
    for host in hosts:
        host_seat = at_seat.get(host)
        beside = host_seat is not None and abs(host_seat - principal_seat) == 1
        rules.rule(beside, f"Tuan rumah {names[host]} duduk di samping pejabat tertinggi (UU 9/2010 Pasal 13).",
                   f"Tuan rumah {names[host]} harus duduk di samping pejabat tertinggi (UU 9/2010 Pasal 13): "
                   f"kursi {seats[principal_seat - 1] if principal_seat > 0 else ''}"
                   f"{' atau ' if 0 < principal_seat < len(seats) - 1 else ''}"
                   f"{seats[principal_seat + 1] if principal_seat + 1 < len(seats) else ''}.")
        if beside:
            order.remove(host_seat)
    others = sorted((i for i in rank if i not in principals[:1] and i not in hosts), key=lambda i: (rank[i], i))
    if principal_seat in placed and placed[principal_seat] != principals[0] and placed[principal_seat] in principals:
        others = [principals[0] if i == placed[principal_seat] else i for i in others]
    wrong_seats = 0
    for seat, expected in zip(order, others):
        sitting = placed.get(seat)
        if sitting is None or rank.get(sitting) == rank[expected]:
            continue
        wrong_seats += 1
        reason = f"Kursi {seats[seat]} adalah {_describe_seat(seat, principal_seat)}; kursi ini untuk " \
                 f"{names[expected]} (urutan {rank[expected]:g}), bukan {names[sitting]} (urutan {rank[sitting]:g})."
        if people[sitting].get("represents"):
            reason += (f" {names[sitting]} mewakili {people[sitting]['represents']}, tetapi wakil duduk menurut "
                       "jabatannya sendiri (UU 9/2010 Pasal 15).")
        elif people[expected].get("represents"):
            reason += " Wakil duduk menurut jabatannya sendiri (UU 9/2010 Pasal 15)."
        else:
            reason += " Sebelah kanan pimpinan lebih utama daripada sebelah kiri, dan yang lebih dekat lebih utama."
        rules.wrong(reason)
    if not wrong_seats and not missing and len(placed) == len(people):
        rules.ok("Urutan kursi lainnya sesuai tata urutan: kanan pimpinan lebih utama daripada kiri, bergantian ke luar.")
    return rules.result()


# --------------------------------------------------------------------------- public information

CATEGORIES = {
    "berkala": ("berkala", "UU 14/2008 Pasal 9: informasi tentang badan publik, kegiatan dan kinerjanya, serta "
                           "laporan keuangan diumumkan secara berkala, paling singkat 6 bulan sekali"),
    "serta-merta": ("serta-merta", "UU 14/2008 Pasal 10: informasi yang dapat mengancam hajat hidup orang banyak "
                                   "dan ketertiban umum diumumkan serta-merta, tanpa penundaan"),
    "setiap-saat": ("tersedia setiap saat", "UU 14/2008 Pasal 11: misalnya daftar informasi publik, keputusan dan "
                                            "pertimbangannya, kebijakan, rencana proyek dan anggarannya, perjanjian "
                                            "dengan pihak ketiga; disediakan setiap saat bila diminta"),
    "dikecualikan": ("dikecualikan", "UU 14/2008 Pasal 17: informasi yang dapat merugikan, misalnya proses "
                                     "penegakan hukum, pertahanan, rahasia pribadi, memorandum internal yang "
                                     "dirahasiakan; ditetapkan melalui uji konsekuensi"),
}
_CATEGORY_ALIASES = {
    "berkala": "berkala", "serta merta": "serta-merta", "sertamerta": "serta-merta", "serta-merta": "serta-merta",
    "setiap saat": "setiap-saat", "setiap-saat": "setiap-saat", "tersedia setiap saat": "setiap-saat",
    "dikecualikan": "dikecualikan", "informasi dikecualikan": "dikecualikan",
}


def _category(value: str) -> str | None:
    key = " ".join(str(value).casefold().replace("_", " ").split())
    return _CATEGORY_ALIASES.get(key) or _CATEGORY_ALIASES.get(key.replace("-", " "))


def check_classify_info(answer, kunci=None, alasan=None, garam: str = "", **_) -> Result:
    """Klasifikasi informasi publik: berkala (Pasal 9), serta-merta (10), setiap saat (11), dikecualikan (17).

    ``kunci`` maps each item to the digest of its right category, so the key itself never ships.
    """
    mapping, problem = _as_mapping("Klasifikasi informasi", answer)
    if problem:
        return problem
    rules = _Rules("Klasifikasi informasi")
    key_of = {_key(item): item for item in (kunci or {})}
    given: dict[str, str] = {}
    for item, value in mapping.items():
        original = key_of.get(_key(item))
        if original is None:
            close = difflib.get_close_matches(_key(item), list(key_of), n=1, cutoff=0.8)
            if close:
                original = key_of[close[0]]
            else:
                rules.info(f"{_quote(item)} tidak ada dalam daftar; jangan ubah teks di sebelah kiri titik dua.")
                continue
        given[original] = value
    for item, digest in (kunci or {}).items():
        value = given.get(item, "")
        if not value:
            rules.wrong(f"{_quote(item)} belum diberi kategori.")
            continue
        category = _category(value)
        if category is None:
            rules.wrong(f"{_quote(item)}: kategori {_quote(value)} tidak dikenal; pilih berkala, serta-merta, "
                        "setiap-saat atau dikecualikan.")
        elif sidik(garam, f"{item}={category}") == digest:
            rules.ok(f"{_quote(item)}: {CATEGORIES[category][0]} — benar.")
        else:
            label, reason = CATEGORIES[category]
            hint = (alasan or {}).get(item)
            rules.wrong(f"{_quote(item)} bukan informasi {label}. Ciri informasi {label} ({reason}) tidak cocok "
                        "dengan informasi ini." + (f" Petunjuk: {hint}" if hint else "")
                        + " Pertimbangkan lagi ketiga kategori lainnya.")
    return rules.result()


def set_holidays(table: dict) -> None:
    """Replace the national holiday table (YYYY-MM-DD -> name) the deadline checker uses."""
    LIBUR_NASIONAL.clear()
    LIBUR_NASIONAL.update({str(k): str(v) for k, v in table.items()})


def _holiday_years() -> set[int]:
    return {int(day[:4]) for day in LIBUR_NASIONAL}


def _is_working_day(day: _dt.date, holidays: dict) -> bool:
    return day.weekday() < 5 and day.isoformat() not in holidays


def working_day_deadline(received: _dt.date, days: int, holidays: dict | None = None) -> _dt.date:
    """The ``days``-th working day after ``received`` (the day of receipt is not counted)."""
    holidays = LIBUR_NASIONAL if holidays is None else holidays
    day, counted = received, 0
    while counted < days:
        day += _dt.timedelta(days=1)
        if _is_working_day(day, holidays):
            counted += 1
    return day


def _date_text(day: _dt.date) -> str:
    return f"{DAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}"


def _parse_date(value) -> _dt.date | None:
    """Read a date written as 2019-09-24, 24/9/2019, 24-09-2019 or (Selasa,) 24 September 2019."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = _clean(value)
    text = re.sub(rf"^(?:{_DAY_RE})\s*,?\s*", "", text, flags=re.IGNORECASE)
    try:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if match:
            return _dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        if match:
            return _dt.date(int(match[3]), int(match[2]), int(match[1]))
        match = re.fullmatch(r"(\d{1,2})\s+(\w+)\s+(\d{4})", text)
        if match:
            months = [m.lower() for m in MONTHS]
            name = {"pebruari": "februari", "nopember": "november"}.get(match[2].lower(), match[2].lower())
            if name in months:
                return _dt.date(int(match[3]), months.index(name) + 1, int(match[1]))
    except ValueError:
        return None
    return None


def _deadline_hint(given: _dt.date, start: _dt.date, days: int, right: _dt.date, holidays: dict) -> str:
    """Why a deadline is wrong: calendar days, holidays forgotten, the day of receipt counted ..."""
    if given == start + _dt.timedelta(days=days):
        return "Anda menghitung hari kalender; yang dihitung hari kerja (Sabtu, Minggu dan libur nasional dilewati)."
    if given == working_day_deadline(start, days, {}) and given != right:
        skipped = [f"{_date_text(_dt.date.fromisoformat(d))} ({n})" for d, n in sorted(holidays.items())
                   if start < _dt.date.fromisoformat(d) <= right and _dt.date.fromisoformat(d).weekday() < 5]
        return "Ada libur nasional yang belum dilewati: " + "; ".join(skipped) + "."
    if given == working_day_deadline(start - _dt.timedelta(days=1), days, holidays):
        return "Hari permohonan diterima tidak dihitung; hari ke-1 adalah hari kerja pertama sesudahnya."
    if given < right:
        return "Tanggal Anda terlalu awal. Hitung ulang hari kerja satu per satu."
    return "Tanggal Anda terlalu lambat. Hitung ulang hari kerja satu per satu; hari ke-1 adalah hari kerja " \
           "pertama sesudah permohonan diterima."


def check_deadline(answer, received=None, days: int = 10, extension: int = 7, **_) -> Result:
    """Batas waktu jawaban permohonan informasi: 10 working days, one extension of 7 (UU 14/2008 Pasal 22)."""
    mapping, problem = _as_mapping("Batas waktu permohonan informasi", answer)
    if problem:
        return problem
    rules = _Rules("Batas waktu permohonan informasi")
    start = _parse_date(received)
    if start is None:
        return _failure(rules.title, "Tanggal permohonan pada data latihan tidak terbaca; hubungi pengajar.")
    holidays = LIBUR_NASIONAL
    if not holidays:
        rules.info("Data libur nasional tidak tersedia; hanya Sabtu dan Minggu yang dilewati.")
    elif start.year not in _holiday_years() or (start + _dt.timedelta(days=60)).year not in _holiday_years():
        rules.info(f"Data libur nasional tahun {start.year} tidak tersedia; hanya Sabtu dan Minggu yang dilewati.")
    right = working_day_deadline(start, int(days), holidays)
    right_extension = working_day_deadline(right, int(extension), holidays)
    parts = (("jawaban", int(days), right, start), ("perpanjangan", int(extension), right_extension, right))
    given_dates: dict[str, _dt.date] = {}
    for name, count, expected, base in parts:
        value = mapping.get(name, "")
        if not value:
            rules.wrong(f"Isi tanggal untuk {_quote(name)} dengan format TTTT-BB-HH, misalnya 2019-09-24.")
            continue
        given = _parse_date(value)
        if given is None:
            rules.wrong(f"Tanggal {_quote(value)} untuk {_quote(name)} tidak terbaca; tulis TTTT-BB-HH, "
                        "misalnya 2019-09-24.")
            continue
        given_dates[name] = given
        label = "batas jawaban" if name == "jawaban" else "batas perpanjangan"
        if given == expected:
            rules.ok(f"{label.capitalize()}: {_date_text(given)} — benar ({count} hari kerja).")
            continue
        if name == "perpanjangan" and "jawaban" in given_dates and given_dates["jawaban"] != right and \
                given == working_day_deadline(given_dates["jawaban"], count, holidays):
            hint = "Perpanjangan sudah dihitung 7 hari kerja dari tanggal jawaban Anda, tetapi tanggal jawaban itu keliru."
        elif name == "perpanjangan" and given == working_day_deadline(start, count, holidays):
            hint = "Perpanjangan 7 hari kerja dihitung sesudah batas 10 hari kerja pertama, bukan sejak permohonan diterima."
        else:
            hint = _deadline_hint(given, base, count, expected, holidays)
        if given.weekday() >= 5 or given.isoformat() in holidays:
            hint = f"{_date_text(given)} bukan hari kerja. " + hint
        rules.wrong(f"{label.capitalize()} {_date_text(given)} belum tepat. {hint}")
    return rules.result()


# --------------------------------------------------------------------------- dispatch

# The one list of checkers: name -> (function, title shown to participants). The toolkit's source
# checks (builder/check/semantic.py) and tests take the names from here.
_REGISTRY = {
    "lead": (check_lead, "Teras berita"),
    "headline": (check_headline, "Judul berita"),
    "press_release": (check_press_release, "Siaran pers"),
    "eyd": (check_eyd, "Perbaikan ejaan"),
    "susunan_acara": (check_susunan_acara, "Susunan acara"),
    "script_fix": (check_script_fix, "Perbaikan naskah"),
    "greetings_order": (check_greetings_order, "Urutan sapaan"),
    "seating": (check_seating, "Tata tempat"),
    "classify_info": (check_classify_info, "Klasifikasi informasi"),
    "deadline": (check_deadline, "Batas waktu permohonan informasi"),
}
CHECKERS = {name: function for name, (function, _) in _REGISTRY.items()}
TITLES = {name: title for name, (_, title) in _REGISTRY.items()}


def _too_big(answer) -> bool:
    many = isinstance(answer, (list, tuple, dict)) and len(answer) > MAX_ITEMS
    return many or _size(answer) > MAX_CHARS


def check(checker: str, answer, params: dict | None = None) -> Result:
    """Run the checker named ``checker`` on ``answer``; never raises for a participant's answer.

    ``params`` are the published parameters: the checker's rules plus ``points``, ``garam`` (the salt of
    the digests) and ``awal`` (the digest of the starter, so an untouched answer scores 0).
    """
    function = CHECKERS.get(checker)
    if function is None:
        return _failure("Pemeriksa", f"Pemeriksa {_quote(checker)} tidak dikenal; hubungi pengajar.")
    params = dict(params or {})
    points = float(params.pop("points", 1) or 1)
    starter = params.pop("awal", None)
    title = TITLES.get(checker, "Latihan")
    if _is_blank(answer):
        result = _empty(title)
    elif starter and sidik_jawaban(str(params.get("garam", "")), answer) == starter:
        result = _untouched(title)
    elif _too_big(answer):
        result = _too_long(title)
    else:
        try:
            result = function(answer, **params)
        except Exception as error:  # a checker bug must not show a traceback to a participant
            result = _failure(title, f"Maaf, jawaban ini belum dapat diperiksa ({type(error).__name__}). "
                                     "Periksa bentuk jawaban Anda atau hubungi pengajar.")
    result.points = points
    return result


_EXERCISES: dict[str, dict] = {}


def answer_variable(exercise_id: str) -> str:
    """The name of the variable that holds the answer to ``exercise_id``."""
    return "jawaban_" + re.sub(r"\W", "_", exercise_id)


def siapkan(data: dict) -> None:
    """Load the exercises of this notebook (run once, in the set-up cell)."""
    data = dict(data or {})
    _EXERCISES.clear()
    _EXERCISES.update(data.get("exercises", {}))
    title = data.get("title", "")
    print(f"✔ Pemeriksa siap{': ' + title if title else ''} ({len(_EXERCISES)} latihan). "
          "Silakan mulai dari Latihan 1.")


_MISSING = object()


def periksa(exercise_id: str, answer=_MISSING) -> Result:
    """Check the answer to ``exercise_id`` (by default the variable ``jawaban_<id>``) and show feedback."""
    exercise = _EXERCISES.get(exercise_id)
    if exercise is None:
        if not _EXERCISES:
            return _failure("Pemeriksa", "Sel persiapan di bagian atas buku kerja belum dijalankan. Klik sel itu, "
                                         "tekan Shift+Enter, lalu jalankan sel ini lagi.")
        return _failure("Pemeriksa", f"Latihan {_quote(exercise_id)} tidak dikenal; jangan ubah sel pemeriksa.")
    if answer is _MISSING:
        variable = answer_variable(exercise_id)
        namespace = sys._getframe(1).f_globals
        if variable not in namespace:
            return _failure(exercise.get("title", "Latihan"), "Jawaban belum terbaca: variabel "
                            f"{variable} belum ada. Jalankan dulu sel jawaban di atas (klik sel itu, tekan "
                            "Shift+Enter), lalu jalankan sel ini lagi. Jangan menghapus atau mengganti nama "
                            f"{variable}.")
        answer = namespace[variable]
    result = check(exercise["checker"], answer, exercise.get("params"))
    if exercise.get("title"):
        result.title = exercise["title"]
    return result


if __name__ == "__main__":  # pragma: no cover - a quick self-test for trainers
    print(check("headline", "Bupati Buka Rapat Koordinasi Kehumasan Daerah"))
