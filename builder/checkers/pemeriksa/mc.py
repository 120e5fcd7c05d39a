"""The master of ceremonies: the order of events (susunan acara), script fixes, the order of greetings."""

from __future__ import annotations

import difflib
import re

from .messages import _say
from .protocol import _name_in, _officials
from .result import Result, _Rules, _title
from .spelling import _required_forms, _spelling_rule
from .text import _as_list, _as_text, _key, _quote

MC_TEXTS = {
    "id": {
        "item.unknown": "{item} tidak ada dalam daftar acara. Salin teks acara dari daftar yang diberikan.",
        "item.twice": "{item} tercantum lebih dari sekali.",
        "items.ok": "Semua mata acara tercantum.",
        "items.missing": "Mata acara yang belum tercantum: {items}.",
        "anthem.ok": "Indonesia Raya dinyanyikan sebelum pembukaan (UU 9/2010 Pasal 28).",
        "anthem.wrong": "{anthem} harus sebelum {opening}: UU 9/2010 Pasal 28 menetapkan urutan Indonesia Raya, "
                        "pembukaan, acara pokok, penutup.",
        "report.ok": "Laporan panitia disampaikan sebelum sambutan-sambutan.",
        "report.wrong": "{report} disampaikan sebelum sambutan; pindahkan {speech} ke sesudah laporan.",
        "speeches.ok": "Sambutan berurutan dari pejabat yang lebih rendah ke yang tertinggi.",
        "speeches.wrong": "Urutan sambutan naik menurut jabatan (kebiasaan protokol): {swaps}.",
        "before": "{first} harus sebelum {second}",
        "top.ok": "Pejabat tertinggi menyampaikan sambutan terakhir sekaligus membuka acara.",
        "top.wrong": "{speech} adalah sambutan terakhir: pejabat tertinggi berbicara paling akhir sekaligus membuka "
                     "acara secara resmi.",
        "closing.ok": "Penutup berada di akhir acara.",
        "closing.wrong": "{closing} ditempatkan paling akhir (Pasal 28: ... acara pokok, penutup).",
        "script.ok": "Tidak ada lagi ungkapan “waktu dan tempat ... dipersilakan”.",
        "script.wrong": "Masih ada {found}. Yang dipersilakan adalah orangnya, bukan waktu dan tempat: “Bapak Bupati, "
                        "dengan hormat kami persilakan.”",
        "greeted.twice": "{name} disapa lebih dari sekali.",
        "greeted.ok": "Semua pejabat disapa.",
        "greeted.missing": "Belum ada sapaan untuk: {names}. Tulis nama jabatannya persis seperti di daftar.",
        "first.ok": "Sapaan pertama untuk pejabat tertinggi: {name}.",
        "first.wrong": "Sapaan pertama harus untuk pejabat tertinggi, {top}, bukan {first}.",
        "descending.ok": "Sapaan berikutnya turun menurut tata urutan.",
        "descending.wrong": "Urutkan sapaan dari jabatan tertinggi ke yang lebih rendah: {swaps}.",
        "greet_before": "{first} harus disapa sebelum {second}",
        "general": "Sapaan umum (misalnya “hadirin yang berbahagia”) diletakkan sesudah sapaan untuk para pejabat.",
    },
    "en": {
        "item.unknown": "{item} is not in the list of events. Copy the text of the events from the list given.",
        "item.twice": "{item} is listed more than once.",
        "items.ok": "Every event is listed.",
        "items.missing": "Events not listed yet: {items}.",
        "anthem.ok": "Indonesia Raya is sung before the opening (UU 9/2010 Pasal 28).",
        "anthem.wrong": "{anthem} must come before {opening}: UU 9/2010 Pasal 28 sets the order Indonesia Raya, "
                        "opening, main event, closing.",
        "report.ok": "The committee's report comes before the speeches.",
        "report.wrong": "{report} comes before the speeches; move {speech} after the report.",
        "speeches.ok": "The speeches go from the lower-ranking official up to the highest.",
        "speeches.wrong": "Speeches go up in rank (protocol practice): {swaps}.",
        "before": "{first} must come before {second}",
        "top.ok": "The highest official gives the last speech and opens the event.",
        "top.wrong": "{speech} is the last speech: the highest official speaks last and opens the event officially.",
        "closing.ok": "The closing is at the end.",
        "closing.wrong": "{closing} comes last (Pasal 28: ... main event, closing).",
        "script.ok": "The phrase “waktu dan tempat ... dipersilakan” is gone.",
        "script.wrong": "Still there: {found}. It is the person who is invited, not the time and place: “Bapak "
                        "Bupati, dengan hormat kami persilakan.”",
        "greeted.twice": "{name} is greeted more than once.",
        "greeted.ok": "Every official is greeted.",
        "greeted.missing": "No greeting yet for: {names}. Write the office exactly as in the list.",
        "first.ok": "The first greeting is for the highest official: {name}.",
        "first.wrong": "The first greeting must be for the highest official, {top}, not {first}.",
        "descending.ok": "The next greetings go down in precedence.",
        "descending.wrong": "Order the greetings from the highest office down: {swaps}.",
        "greet_before": "{first} must be greeted before {second}",
        "general": "General greetings (for example “hadirin yang berbahagia”) come after the greetings of the "
                   "officials.",
    },
}


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


def _speech_rules(rules: _Rules, items: list[dict], texts: list[str], speeches: list[int]) -> None:
    """Speeches in rising rank; the highest official speaks last and opens the event."""
    def rank(i: int) -> float:
        value = items[i].get("rank")
        return float(value) if value is not None else (0.0 if items[i].get("role") == "opening-speech" else 99.0)

    inversions = [(a, b) for a, b in zip(speeches, speeches[1:]) if rank(a) < rank(b)]
    rules.rule(not inversions, _say(MC_TEXTS, "speeches.ok"), _say(MC_TEXTS, "speeches.wrong", swaps="; ".join(
        _say(MC_TEXTS, "before", first=_quote(texts[b]), second=_quote(texts[a])) for a, b in inversions)))
    top = [i for i in speeches if items[i].get("role") == "opening-speech"]
    if top:
        rules.rule(speeches[-1] == top[0], _say(MC_TEXTS, "top.ok"),
                   _say(MC_TEXTS, "top.wrong", speech=_quote(texts[top[0]])))


def check_susunan_acara(answer, items=(), **_) -> Result:
    """Susunan acara: Indonesia Raya before the opening (UU 9/2010 Pasal 28), report before speeches,
    speeches in rising rank with the highest official last (he or she also opens the event)."""
    title = _title("susunan_acara")
    given, problem = _as_list(title, answer)
    if problem:
        return problem
    rules = _Rules(title)
    items = [dict(item) for item in items]
    texts = [str(item["text"]) for item in items]
    indexes, unknown = _match_items(given, texts)
    for text in unknown:
        rules.wrong(_say(MC_TEXTS, "item.unknown", item=_quote(text)))
    seen = [i for i in indexes if i is not None]
    for index in sorted({i for i in seen if seen.count(i) > 1}):
        rules.wrong(_say(MC_TEXTS, "item.twice", item=_quote(texts[index])))
    missing = [texts[i] for i in range(len(texts)) if i not in seen]
    rules.rule(not missing, _say(MC_TEXTS, "items.ok"),
               _say(MC_TEXTS, "items.missing", items="; ".join(_quote(t) for t in missing)))
    order = list(dict.fromkeys(seen))
    position = {index: pos for pos, index in enumerate(order)}

    def of_role(*roles) -> list[int]:
        return [i for i in order if items[i].get("role") in roles]

    anthems, openings = of_role("opening-anthem"), of_role("opening", "opening-speech")
    reports, speeches = of_role("report"), of_role("speech", "opening-speech")
    if anthems and openings:
        late = [i for i in openings if position[i] < position[anthems[0]]]
        rules.rule(not late, _say(MC_TEXTS, "anthem.ok"),
                   _say(MC_TEXTS, "anthem.wrong", anthem=_quote(texts[anthems[0]]),
                        opening=_quote(texts[late[0]] if late else "")))
    if reports and speeches:
        early = [i for i in speeches if position[i] < position[reports[0]]]
        rules.rule(not early, _say(MC_TEXTS, "report.ok"),
                   _say(MC_TEXTS, "report.wrong", report=_quote(texts[reports[0]]),
                        speech=_quote(texts[early[0]] if early else "")))
    if len(speeches) > 1:
        _speech_rules(rules, items, texts, speeches)
    closings = of_role("closing")
    if closings:
        rules.rule(order[-1] in closings, _say(MC_TEXTS, "closing.ok"),
                   _say(MC_TEXTS, "closing.wrong", closing=_quote(texts[closings[0]])))
    return rules.result()


_TIME_AND_PLACE = re.compile(
    r"waktu\s+(?:dan|&)\s+tempat\s+(?:\w+\s+){0,3}?(?:di)?(?:persila\w*|persilah\w*|serahkan|berikan|kami\s+\w+)",
    re.IGNORECASE,
)


def check_script_fix(answer, wajib=None, garam: str = "", **_) -> Result:
    """Naskah pembawa acara: no "waktu dan tempat kami persilakan", no EYD V mistakes, corrected forms present."""
    title = _title("script_fix")
    text, problem = _as_text(title, answer)
    if problem:
        return problem
    rules = _Rules(title)
    matches = list(_TIME_AND_PLACE.finditer(text))
    rules.rule(not matches, _say(MC_TEXTS, "script.ok"),
               _say(MC_TEXTS, "script.wrong", found=", ".join(_quote(m.group(0)) for m in matches)),
               weight=2, required=True)
    _spelling_rule(rules, text)
    _required_forms(rules, text, wajib, garam)
    return rules.result()


def check_greetings_order(answer, officials=(), **_) -> Result:
    """Salam dalam sambutan: the highest-ranking person is greeted first, then in descending precedence."""
    title = _title("greetings_order")
    lines, problem = _as_list(title, answer)
    if problem:
        return problem
    rules = _Rules(title)
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
            rules.wrong(_say(MC_TEXTS, "greeted.twice", name=names[index]))
        else:
            greeted.append(index)
    missing = [names[i] for i in sorted(range(len(names)), key=lambda i: (people[i]["rank"], names[i]))
               if i not in greeted]
    rules.rule(not missing, _say(MC_TEXTS, "greeted.ok"), _say(MC_TEXTS, "greeted.missing", names="; ".join(missing)))
    if greeted:
        top = min(greeted, key=lambda i: people[i]["rank"])
        rules.rule(people[greeted[0]]["rank"] == people[top]["rank"],
                   _say(MC_TEXTS, "first.ok", name=names[greeted[0]]),
                   _say(MC_TEXTS, "first.wrong", top=names[top], first=names[greeted[0]]))
        wrong = [(a, b) for a, b in zip(greeted, greeted[1:]) if people[a]["rank"] > people[b]["rank"]]
        rules.rule(not wrong, _say(MC_TEXTS, "descending.ok"), _say(MC_TEXTS, "descending.wrong", swaps="; ".join(
            _say(MC_TEXTS, "greet_before", first=names[b], second=names[a]) for a, b in wrong)))
    if general_before:
        rules.info(_say(MC_TEXTS, "general"))
    return rules.result()
