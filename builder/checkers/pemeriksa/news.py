"""News writing: the lead (teras berita), the headline, the press release and EYD V corrections."""

from __future__ import annotations

import re

from .messages import _say, _texts
from .result import Result, _Rules, _title
from .spelling import SPELLING_TEXTS, _required_forms, _spelling_rule, spelling_mistakes
from .text import _DAY_RE, _MONTH_RE, _as_text, _key, _quote, _words

NEWS_TEXTS = {
    "id": {
        "elements": {"apa": "Apa", "siapa": "Siapa", "di_mana": "Di mana", "kapan": "Kapan"},
        "ceremonial.ok": "Teras dibuka langsung dengan inti berita, tanpa pembuka seremonial.",
        "ceremonial.wrong": "Teras berita dibuka dengan {opening}: pembuka seremonial seperti itu menunda inti berita. "
                            "Awali teras dengan siapa melakukan apa, lalu di mana dan kapan.",
        "sentences.ok": "Jumlah kalimat: {count} (pedoman PWI 1977: paling banyak {limit}).",
        "sentences.wrong": "Teras berita Anda terdiri atas {count} kalimat; pedoman PWI 1977 membatasi paling banyak "
                           "{limit} kalimat. Pindahkan rincian ke tubuh berita.",
        "words.ok": "Jumlah kata: {count} (pedoman PWI 1977: paling banyak {limit}; 25 kata atau kurang lebih baik).",
        "words.wrong": "Teras berita Anda {count} kata; pedoman PWI 1977 membatasi paling banyak {limit} kata. "
                       "Pindahkan bagaimana dan mengapa ke tubuh berita.",
        "element.found": "Unsur {name} ditemukan: {found}.",
        "element.relative": "Unsur Kapan ditulis {relative}. Tulis hari dan tanggalnya, misalnya Selasa (24/9/2019) "
                            "atau Selasa, 24 September 2019.",
        "element.missing": "Unsur {name} belum ditemukan. {hint}",
        "hint.apa": "Sebutkan peristiwanya (misalnya membuka rapat koordinasi ...).",
        "hint.siapa": "Sebutkan pelakunya dengan jabatan lengkap (misalnya bupati beserta nama kabupatennya).",
        "hint.di_mana": "Sebutkan tempatnya dengan kata depan di dan nama tempat (misalnya di Aula Kantor Bupati).",
        "hint.kapan": "Sebutkan hari dan tanggalnya (misalnya Selasa (24/9/2019)).",
        "relative.info": "Hindari kata waktu relatif seperti {relative}; pembaca butuh hari dan tanggal.",
        "place_first.ok": "Tempat disebut sebelum waktu.",
        "place_first.wrong": "Sebutkan tempat sebelum waktu (pedoman PWI): {time} muncul sebelum {place}.",
        "headline.lines": "Judul cukup satu baris. Tulis judul saja, tanpa teras berita.",
        "headline.length.ok": "Panjang judul: {count} kata (batas {low}–{high}).",
        "headline.length.wrong": "Judul Anda {count} kata; buat {low}–{high} kata yang memuat subjek dan predikat.",
        "headline.period.ok": "Judul tidak diakhiri titik.",
        "headline.period.wrong": "Judul berita tidak diakhiri tanda titik. Hapus titik di akhir judul.",
        "headline.question.ok": "Judul bukan kalimat tanya.",
        "headline.question.wrong": "Judul berita bukan kalimat tanya: nyatakan faktanya (hapus tanda tanya).",
        "headline.capitals": "Jangan menulis judul seluruhnya dengan huruf kapital; gunakan huruf kapital pada awal "
                             "kata.",
        "headline.function_word": "{word} → {lower} (kata tugas ditulis kecil)",
        "headline.case.ok": "Huruf kapital sesuai EYD V: setiap kata berhuruf awal kapital kecuali kata tugas.",
        "headline.case.wrong": "Huruf kapital dalam judul (EYD V: huruf awal setiap kata kapital, kecuali kata tugas "
                               "seperti di, ke, dari, dan, yang, untuk yang tidak di awal): {fixes}.",
        "release.ok": "Ada keterangan “Untuk disiarkan segera”.",
        "release.wrong": "Bagian wajib belum ada: tulis “Untuk disiarkan segera” di bagian atas siaran pers.",
        "title.ok": "Ada judul: {headline}.",
        "title.wrong": "Bagian wajib belum ada: tulis judul siaran pers pada baris tersendiri di antara “Untuk "
                       "disiarkan segera” dan dateline.",
        "title.period": "Judul siaran pers tidak diakhiri titik.",
        "dateline.ok": "Ada dateline: {dateline}.",
        "city.ok": "Kota pada dateline: {city}.",
        "city.wrong": "Dateline menyebut kota {given}; kegiatan ini berlangsung di {city}.",
        "dateline.wrong": "Bagian wajib belum ada: dateline. Awali paragraf pertama dengan kota dan tanggal, misalnya "
                          "“{city}, 24 September 2019 — ...”.",
        "dateline.city": "Nama kota",
        "lead.ok": "Ada teras berita ({count} kata).",
        "lead.wrong": "Bagian wajib belum ada: sesudah dateline tulis teras berita yang memuat apa, siapa, di mana "
                      "dan kapan.",
        "lead.long": "Paragraf pertama cukup panjang; teras berita yang baik paling banyak 45 kata.",
        "body.ok": "Ada tubuh berita ({count} paragraf, {words} kata).",
        "body.wrong": "Bagian wajib belum ada: tubuh berita. Sesudah teras, tulis paling sedikit satu paragraf yang "
                      "merinci kegiatan (pola piramida terbalik; boleh memuat kutipan).",
        "profile.ok": "Ada profil singkat lembaga.",
        "profile.wrong": "Bagian wajib belum ada: profil singkat lembaga. Tulis satu paragraf yang diawali "
                         "“Tentang ...” sebelum narahubung.",
        "contact.ok": "Ada narahubung dengan nomor telepon/surel.",
        "contact.reach": "Bagian narahubung perlu nama serta nomor telepon atau alamat surel.",
        "contact.last": "Letakkan narahubung di bagian akhir siaran pers, sesudah isi berita.",
        "contact.wrong": "Bagian wajib belum ada: narahubung. Tutup siaran pers dengan “Narahubung:” berisi nama, "
                         "nomor telepon dan/atau surel.",
    },
    "en": {
        "elements": {"apa": "What", "siapa": "Who", "di_mana": "Where", "kapan": "When"},
        "ceremonial.ok": "The lead opens straight with the news, without a ceremonial opening.",
        "ceremonial.wrong": "The lead opens with {opening}: such a ceremonial opening delays the news. Open the lead "
                            "with who did what, then where and when.",
        "sentences.ok": "Sentences: {count} (PWI 1977 guideline: at most {limit}).",
        "sentences.wrong": "Your lead has {count} sentences; the PWI 1977 guideline allows at most {limit} sentences. "
                           "Move the details to the body.",
        "words.ok": "Words: {count} (PWI 1977 guideline: at most {limit}; 25 words or fewer is better).",
        "words.wrong": "Your lead has {count} words; the PWI 1977 guideline allows at most {limit} words. Move the "
                       "how and why to the body.",
        "element.found": "Element {name} found: {found}.",
        "element.relative": "The When element is written {relative}. Write the day and date, for example Selasa "
                            "(24/9/2019) or Selasa, 24 September 2019.",
        "element.missing": "Element {name} not found. {hint}",
        "hint.apa": "Name the event (for example membuka rapat koordinasi ...).",
        "hint.siapa": "Name who acted with the full office (for example the bupati with the name of the regency).",
        "hint.di_mana": "Name the place with the preposition di and the place name (for example di Aula Kantor "
                        "Bupati).",
        "hint.kapan": "Name the day and date (for example Selasa (24/9/2019)).",
        "relative.info": "Avoid relative time words such as {relative}; readers need the day and date.",
        "place_first.ok": "The place is named before the time.",
        "place_first.wrong": "Name the place before the time (PWI guideline): {time} comes before {place}.",
        "headline.lines": "A headline is one line. Write the headline only, without the lead.",
        "headline.length.ok": "Headline length: {count} words (limits {low}–{high}).",
        "headline.length.wrong": "Your headline has {count} words; write {low}–{high} words with a subject and a "
                                 "predicate.",
        "headline.period.ok": "The headline does not end with a full stop.",
        "headline.period.wrong": "A news headline does not end with a full stop. Delete the full stop at the end.",
        "headline.question.ok": "The headline is not a question.",
        "headline.question.wrong": "A news headline is not a question: state the fact (delete the question mark).",
        "headline.capitals": "Do not write the whole headline in capitals; capitalise the first letter of the words.",
        "headline.function_word": "{word} → {lower} (function words are lower case)",
        "headline.case.ok": "Capitals follow EYD V: every word starts with a capital except function words.",
        "headline.case.wrong": "Capitals in the headline (EYD V: every word starts with a capital, except function "
                               "words such as di, ke, dari, dan, yang, untuk when not first): {fixes}.",
        "release.ok": "The line “Untuk disiarkan segera” is there.",
        "release.wrong": "Required part missing: write “Untuk disiarkan segera” at the top of the press release.",
        "title.ok": "Headline: {headline}.",
        "title.wrong": "Required part missing: write the press release's headline on a line of its own between "
                       "“Untuk disiarkan segera” and the dateline.",
        "title.period": "The press release's headline does not end with a full stop.",
        "dateline.ok": "Dateline: {dateline}.",
        "city.ok": "City in the dateline: {city}.",
        "city.wrong": "The dateline names the city {given}; this event takes place in {city}.",
        "dateline.wrong": "Required part missing: the dateline. Open the first paragraph with the city and date, for "
                          "example “{city}, 24 September 2019 — ...”.",
        "dateline.city": "City name",
        "lead.ok": "Lead ({count} words).",
        "lead.wrong": "Required part missing: after the dateline write a lead with what, who, where and when.",
        "lead.long": "The first paragraph is rather long; a good lead has at most 45 words.",
        "body.ok": "Body ({count} paragraphs, {words} words).",
        "body.wrong": "Required part missing: the body. After the lead, write at least one paragraph with the details "
                      "of the event (inverted pyramid; quotes are welcome).",
        "profile.ok": "Short profile of the organisation.",
        "profile.wrong": "Required part missing: a short profile of the organisation. Write one paragraph opening "
                         "with “Tentang ...” before the contact person.",
        "contact.ok": "Contact person with a phone number/e-mail.",
        "contact.reach": "The contact person needs a name and a phone number or an e-mail address.",
        "contact.last": "Put the contact person at the end of the press release, after the news.",
        "contact.wrong": "Required part missing: the contact person. Close the press release with “Narahubung:” "
                         "followed by a name, a phone number and/or an e-mail address.",
    },
}

_ABBREVIATIONS = {
    "dr", "drs", "dra", "h", "hj", "ir", "prof", "kh", "st", "kab", "kec", "kel", "jl", "no", "bpk", "ny", "sdr",
    "tn", "yth", "dll", "dsb", "dst", "dkk", "pj", "plt", "plh", "kapt", "kol", "let", "brigjen", "kompol", "akbp",
}
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
    rules.rule(match is None, _say(NEWS_TEXTS, "ceremonial.ok"),
               _say(NEWS_TEXTS, "ceremonial.wrong", opening=_quote(opening[:1].upper() + opening[1:] + " ...")),
               weight=2, required=True)


def _element_rules(rules: _Rules, text: str, require, keywords) -> None:
    """Each required 5W element is found; kapan is a day or date, and the place comes before the time."""
    required = [_element_key(e) for e in (require or ("apa", "siapa", "di_mana", "kapan"))]
    found = _find_elements(text, keywords or {})
    relative = _RELATIVE.search(text)
    for element in required:
        name = _texts(NEWS_TEXTS)["elements"].get(element, element)
        if element in found:
            rules.ok(_say(NEWS_TEXTS, "element.found", name=name, found=_quote(found[element][1])))
        elif element == "kapan" and relative:
            rules.wrong(_say(NEWS_TEXTS, "element.relative", relative=_quote(relative.group(0))))
        else:
            hint = _say(NEWS_TEXTS, f"hint.{element}") if f"hint.{element}" in _texts(NEWS_TEXTS) else ""
            rules.wrong(_say(NEWS_TEXTS, "element.missing", name=name, hint=hint))
    if "kapan" in found and relative and "kapan" in required:
        rules.info(_say(NEWS_TEXTS, "relative.info", relative=_quote(relative.group(0))))
    if "kapan" in found and "di_mana" in found:
        place, time = found["di_mana"], found["kapan"]
        rules.rule(place[0] < time[0], _say(NEWS_TEXTS, "place_first.ok"),
                   _say(NEWS_TEXTS, "place_first.wrong", time=_quote(time[1]), place=_quote(place[1])))


def check_lead(answer, max_words: int = 45, max_sentences: int = 3, require=None, keywords=None, **_) -> Result:
    """Teras berita (lead): no ceremonial opening, PWI 1977 limits, 5W elements, kapan as a date, place before time."""
    title = _title("lead")
    text, problem = _as_text(title, answer)
    if problem:
        return problem
    rules = _Rules(title)
    _ceremonial_rule(rules, text)
    sentences = _sentences(text)
    words = _words(text)
    rules.rule(len(sentences) <= max_sentences,
               _say(NEWS_TEXTS, "sentences.ok", count=len(sentences), limit=max_sentences),
               _say(NEWS_TEXTS, "sentences.wrong", count=len(sentences), limit=max_sentences))
    rules.rule(len(words) <= max_words,
               _say(NEWS_TEXTS, "words.ok", count=len(words), limit=max_words),
               _say(NEWS_TEXTS, "words.wrong", count=len(words), limit=max_words))
    _element_rules(rules, text, require, keywords)
    _spelling_rule(rules, text)
    return rules.result()


_FUNCTION_WORDS = set("di ke dari dan yang untuk pada dengan atau oleh bagi tentang kepada terhadap serta tetapi "
                      "karena agar supaya hingga sampai daripada dalam sebagai antara atas".split())
_EITHER_CASE = set("akan para si sang per pun telah sudah belum juga tidak bukan se ini itu".split())


def _capital_fixes(words: list[str]) -> list[str]:
    """The EYD V title-case fixes of a headline's words: function words lower case unless first."""
    wrong: list[str] = []
    for position, raw in enumerate(words):
        word = raw.strip("\"'()[],.:;!?")
        if not word or not word[0].isalpha():
            continue
        lower = word.lower()
        if position > 0 and lower in _FUNCTION_WORDS and word[0].isupper():
            wrong.append(_say(NEWS_TEXTS, "headline.function_word", word=_quote(word), lower=_quote(lower)))
        elif (position == 0 or lower not in _FUNCTION_WORDS | _EITHER_CASE) and word[0].islower():
            wrong.append(f"{_quote(word)} → {_quote(word[0].upper() + word[1:])}")
    return wrong


def check_headline(answer, max_words: int = 10, min_words: int = 3, **_) -> Result:
    """Judul berita: word limit, no final period or question, EYD V title capitalisation, common mistakes."""
    title = _title("headline")
    text, problem = _as_text(title, answer)
    if problem:
        return problem
    rules = _Rules(title)
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1:
        rules.wrong(_say(NEWS_TEXTS, "headline.lines"))
    headline = " ".join(lines)
    words = _words(headline)
    rules.rule(min_words <= len(words) <= max_words,
               _say(NEWS_TEXTS, "headline.length.ok", count=len(words), low=min_words, high=max_words),
               _say(NEWS_TEXTS, "headline.length.wrong", count=len(words), low=min_words, high=max_words))
    rules.rule(not headline.rstrip().endswith("."), _say(NEWS_TEXTS, "headline.period.ok"),
               _say(NEWS_TEXTS, "headline.period.wrong"))
    rules.rule("?" not in headline, _say(NEWS_TEXTS, "headline.question.ok"),
               _say(NEWS_TEXTS, "headline.question.wrong"))
    letters = [w for w in words if any(c.isalpha() for c in w)]
    if len(letters) >= 3 and all(w.isupper() for w in letters):
        rules.wrong(_say(NEWS_TEXTS, "headline.capitals"))
    else:
        wrong = _capital_fixes(words)
        rules.rule(not wrong, _say(NEWS_TEXTS, "headline.case.ok"),
                   _say(NEWS_TEXTS, "headline.case.wrong", fixes="; ".join(wrong)))
    for finding in spelling_mistakes(headline):
        rules.wrong(_say(SPELLING_TEXTS, "mistake", finding=finding.message()))
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


def _release_head(rules: _Rules, text: str, city: str):
    """The release line, headline and dateline of a press release: (dateline match, headline)."""
    release = _RELEASE.search(text)
    rules.rule(bool(release), _say(NEWS_TEXTS, "release.ok"), _say(NEWS_TEXTS, "release.wrong"), required=True)
    dateline = _DATELINE.search(text)
    head_zone = text[release.end() if release else 0:dateline.start() if dateline else len(text)]
    head_lines = [line.strip() for line in head_zone.splitlines() if line.strip()]
    headline = next((line for line in head_lines if len(_words(line)) <= 15), None)
    rules.rule(bool(headline), _say(NEWS_TEXTS, "title.ok", headline=_quote(headline or "")),
               _say(NEWS_TEXTS, "title.wrong"), required=True)
    if headline and headline.endswith("."):
        rules.wrong(_say(NEWS_TEXTS, "title.period"))
    if dateline:
        rules.ok(_say(NEWS_TEXTS, "dateline.ok", dateline=_quote(dateline.group(0).strip(" -–—("))))
        if city:
            rules.rule(_key(dateline.group(1)) == _key(city), _say(NEWS_TEXTS, "city.ok", city=dateline.group(1)),
                       _say(NEWS_TEXTS, "city.wrong", given=_quote(dateline.group(1)), city=city))
    else:
        rules.wrong(_say(NEWS_TEXTS, "dateline.wrong", city=city or _say(NEWS_TEXTS, "dateline.city")),
                    required=True)
    return dateline, headline


def check_press_release(answer, city: str = "", **_) -> Result:
    """Siaran pers: the required parts in order (release line, headline, dateline + lead, body, profile,
    contact person) and EYD V; a missing part caps the score, so such a draft cannot pass."""
    title = _title("press_release")
    text, problem = _as_text(title, answer)
    if problem:
        return problem
    rules = _Rules(title)
    dateline, headline = _release_head(rules, text, city)
    contact = _CONTACT.search(text)
    paragraphs = _paragraphs(text)
    anchor = dateline.end() if dateline else (text.find(headline) + len(headline) if headline else 0)
    after = [(pos, para) for pos, para in paragraphs if pos + len(para) > anchor]
    lead = text[anchor:after[0][0] + len(after[0][1])] if after else ""
    rules.rule(len(_words(lead)) >= 10, _say(NEWS_TEXTS, "lead.ok", count=len(_words(lead))),
               _say(NEWS_TEXTS, "lead.wrong"), required=True)
    if len(_words(lead)) > 60:
        rules.info(_say(NEWS_TEXTS, "lead.long"))
    profile = next(((pos, para) for pos, para in after[1:] if _PROFILE.match(para)), None)
    end = min(profile[0] if profile else len(text), contact.start() if contact else len(text))
    body = [para for pos, para in after[1:] if pos < end and not _PROFILE.match(para)]
    body_words = sum(len(_words(para)) for para in body)
    rules.rule(body_words >= 12, _say(NEWS_TEXTS, "body.ok", count=len(body), words=body_words),
               _say(NEWS_TEXTS, "body.wrong"), required=True)
    rules.rule(profile is not None, _say(NEWS_TEXTS, "profile.ok"), _say(NEWS_TEXTS, "profile.wrong"), required=True)
    if contact:
        tail = text[contact.start():]
        rules.rule(bool(_PHONE.search(tail) or _EMAIL.search(tail)), _say(NEWS_TEXTS, "contact.ok"),
                   _say(NEWS_TEXTS, "contact.reach"), required=True)
        if dateline and contact.start() < dateline.start():
            rules.wrong(_say(NEWS_TEXTS, "contact.last"))
    else:
        rules.wrong(_say(NEWS_TEXTS, "contact.wrong"), required=True)
    _spelling_rule(rules, text)
    return rules.result()


def check_eyd(answer, wajib=None, garam: str = "", **_) -> Result:
    """Perbaikan ejaan: the common EYD V mistakes are gone and each corrected form is present exactly."""
    title = _title("eyd")
    text, problem = _as_text(title, answer)
    if problem:
        return problem
    rules = _Rules(title)
    _spelling_rule(rules, text)
    _required_forms(rules, text, wajib, garam)
    return rules.result()
