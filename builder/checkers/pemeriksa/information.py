"""Public information (UU 14/2008): classifying information (Pasal 9, 10, 11, 17) and the working-day
deadlines of an information request (Pasal 22), with the national holiday table."""

from __future__ import annotations

import datetime as _dt
import difflib
import re

from .messages import _say, _texts
from .result import Result, _failure, _Rules, _title
from .text import _DAY_RE, _as_mapping, _clean, _key, _quote, sidik

# Indonesian national holidays (YYYY-MM-DD -> name). The build fills this table from the
# `holidays` package; the line below is replaced in the copy shipped beside the notebooks.
LIBUR_NASIONAL: dict[str, str] = {}  # @@LIBUR_NASIONAL@@

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")  # as participants write dates (read in both languages)

INFORMATION_TEXTS = {
    "id": {
        "days": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
        "months": list(MONTHS),
        "date": "{weekday}, {day} {month} {year}",
        "categories": {
            "berkala": ["berkala", "UU 14/2008 Pasal 9: informasi tentang badan publik, kegiatan dan kinerjanya, "
                                   "serta laporan keuangan diumumkan secara berkala, paling singkat 6 bulan sekali"],
            "serta-merta": ["serta-merta", "UU 14/2008 Pasal 10: informasi yang dapat mengancam hajat hidup orang "
                                           "banyak dan ketertiban umum diumumkan serta-merta, tanpa penundaan"],
            "setiap-saat": ["tersedia setiap saat", "UU 14/2008 Pasal 11: misalnya daftar informasi publik, keputusan "
                                                    "dan pertimbangannya, kebijakan, rencana proyek dan anggarannya, "
                                                    "perjanjian dengan pihak ketiga; disediakan setiap saat bila "
                                                    "diminta"],
            "dikecualikan": ["dikecualikan", "UU 14/2008 Pasal 17: informasi yang dapat merugikan, misalnya proses "
                                             "penegakan hukum, pertahanan, rahasia pribadi, memorandum internal yang "
                                             "dirahasiakan; ditetapkan melalui uji konsekuensi"],
        },
        "item.unknown": "{item} tidak ada dalam daftar; jangan ubah teks di sebelah kiri titik dua.",
        "item.blank": "{item} belum diberi kategori.",
        "category.unknown": "{item}: kategori {value} tidak dikenal; pilih berkala, serta-merta, setiap-saat atau "
                            "dikecualikan.",
        "category.ok": "{item}: {label} — benar.",
        "category.wrong": "{item} bukan informasi {label}. Ciri informasi {label} ({reason}) tidak cocok dengan "
                          "informasi ini.{hint} Pertimbangkan lagi ketiga kategori lainnya.",
        "category.hint": " Petunjuk: {hint}",
        "hint.calendar": "Anda menghitung hari kalender; yang dihitung hari kerja (Sabtu, Minggu dan libur nasional "
                         "dilewati).",
        "hint.holidays": "Ada libur nasional yang belum dilewati: {holidays}.",
        "hint.receipt": "Hari permohonan diterima tidak dihitung; hari ke-1 adalah hari kerja pertama sesudahnya.",
        "hint.early": "Tanggal Anda terlalu awal. Hitung ulang hari kerja satu per satu.",
        "hint.late": "Tanggal Anda terlalu lambat. Hitung ulang hari kerja satu per satu; hari ke-1 adalah hari kerja "
                     "pertama sesudah permohonan diterima.",
        "hint.extension_from_wrong": "Perpanjangan sudah dihitung 7 hari kerja dari tanggal jawaban Anda, tetapi "
                                     "tanggal jawaban itu keliru.",
        "hint.extension_from_receipt": "Perpanjangan 7 hari kerja dihitung sesudah batas 10 hari kerja pertama, bukan "
                                       "sejak permohonan diterima.",
        "received.unreadable": "Tanggal permohonan pada data latihan tidak terbaca; hubungi pengajar.",
        "holidays.none": "Data libur nasional tidak tersedia; hanya Sabtu dan Minggu yang dilewati.",
        "holidays.year": "Data libur nasional tahun {year} tidak tersedia; hanya Sabtu dan Minggu yang dilewati.",
        "date.blank": "Isi tanggal untuk {name} dengan format TTTT-BB-HH, misalnya 2019-09-24.",
        "date.unreadable": "Tanggal {value} untuk {name} tidak terbaca; tulis TTTT-BB-HH, misalnya 2019-09-24.",
        "label.jawaban": "Batas jawaban",
        "label.perpanjangan": "Batas perpanjangan",
        "deadline.ok": "{label}: {date} — benar ({count} hari kerja).",
        "deadline.holiday": "{date} bukan hari kerja. ",
        "deadline.wrong": "{label} {date} belum tepat. {hint}",
    },
    "en": {
        "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                   "November", "December"],
        "date": "{weekday}, {day} {month} {year}",
        "categories": {
            "berkala": ["berkala (periodic)", "UU 14/2008 Pasal 9: information about the public body, its "
                                              "activities and performance, and its financial reports is announced "
                                              "periodically, at least every 6 months"],
            "serta-merta": ["serta-merta (immediate)", "UU 14/2008 Pasal 10: information that can threaten people's "
                                                       "lives and public order is announced immediately, without "
                                                       "delay"],
            "setiap-saat": ["tersedia setiap saat (available at any time)", "UU 14/2008 Pasal 11: for example the list "
                                                                            "of public information, decisions and "
                                                                            "their grounds, policies, project plans "
                                                                            "and their budgets, agreements with third "
                                                                            "parties; provided at any time on "
                                                                            "request"],
            "dikecualikan": ["dikecualikan (exempt)", "UU 14/2008 Pasal 17: information whose disclosure can cause "
                                                      "harm, for example law enforcement, defence, personal secrets, "
                                                      "internal memoranda kept confidential; decided through a "
                                                      "consequence test"],
        },
        "item.unknown": "{item} is not in the list; do not change the text to the left of the colon.",
        "item.blank": "{item} has no category yet.",
        "category.unknown": "{item}: the category {value} is unknown; choose berkala, serta-merta, setiap-saat or "
                            "dikecualikan.",
        "category.ok": "{item}: {label} — correct.",
        "category.wrong": "{item} is not {label} information. What marks {label} information ({reason}) does not fit "
                          "this information.{hint} Think again about the other three categories.",
        "category.hint": " Hint: {hint}",
        "hint.calendar": "You counted calendar days; count working days (Saturdays, Sundays and national holidays are "
                         "skipped).",
        "hint.holidays": "A national holiday was not skipped: {holidays}.",
        "hint.receipt": "The day the request came in is not counted; day 1 is the first working day after it.",
        "hint.early": "Your date is too early. Count the working days again, one by one.",
        "hint.late": "Your date is too late. Count the working days again, one by one; day 1 is the first working day "
                     "after the request came in.",
        "hint.extension_from_wrong": "The extension is counted 7 working days from your answer deadline, but that "
                                     "answer deadline is wrong.",
        "hint.extension_from_receipt": "The 7 working days of the extension count from the first deadline of 10 "
                                       "working days, not from the day the request came in.",
        "received.unreadable": "The request date in the exercise data cannot be read; ask your trainer.",
        "holidays.none": "No national holiday data; only Saturdays and Sundays are skipped.",
        "holidays.year": "No national holiday data for {year}; only Saturdays and Sundays are skipped.",
        "date.blank": "Fill in the date for {name} as YYYY-MM-DD, for example 2019-09-24.",
        "date.unreadable": "The date {value} for {name} cannot be read; write YYYY-MM-DD, for example 2019-09-24.",
        "label.jawaban": "Answer deadline",
        "label.perpanjangan": "Extended deadline",
        "deadline.ok": "{label}: {date} — correct ({count} working days).",
        "deadline.holiday": "{date} is not a working day. ",
        "deadline.wrong": "{label} {date} is not right. {hint}",
    },
}
_CATEGORY_ALIASES = {
    "berkala": "berkala", "serta merta": "serta-merta", "sertamerta": "serta-merta", "serta-merta": "serta-merta",
    "setiap saat": "setiap-saat", "setiap-saat": "setiap-saat", "tersedia setiap saat": "setiap-saat",
    "dikecualikan": "dikecualikan", "informasi dikecualikan": "dikecualikan",
}


def _category(value: str) -> str | None:
    key = " ".join(str(value).casefold().replace("_", " ").split())
    return _CATEGORY_ALIASES.get(key) or _CATEGORY_ALIASES.get(key.replace("-", " "))


def _given_categories(rules: _Rules, mapping: dict, items) -> dict[str, str]:
    """The participant's category per listed item (a slightly retyped item is still found)."""
    key_of = {_key(item): item for item in items}
    given: dict[str, str] = {}
    for item, value in mapping.items():
        original = key_of.get(_key(item))
        if original is None:
            close = difflib.get_close_matches(_key(item), list(key_of), n=1, cutoff=0.8)
            if close:
                original = key_of[close[0]]
            else:
                rules.info(_say(INFORMATION_TEXTS, "item.unknown", item=_quote(item)))
                continue
        given[original] = value
    return given


def check_classify_info(answer, kunci=None, alasan=None, garam: str = "", **_) -> Result:
    """Klasifikasi informasi publik: berkala (Pasal 9), serta-merta (10), setiap saat (11), dikecualikan (17).

    ``kunci`` maps each item to the digest of its right category, so the key itself never ships.
    """
    title = _title("classify_info")
    mapping, problem = _as_mapping(title, answer)
    if problem:
        return problem
    rules = _Rules(title)
    given = _given_categories(rules, mapping, kunci or {})
    categories = _texts(INFORMATION_TEXTS)["categories"]
    for item, digest in (kunci or {}).items():
        value = given.get(item, "")
        if not value:
            rules.wrong(_say(INFORMATION_TEXTS, "item.blank", item=_quote(item)))
            continue
        category = _category(value)
        if category is None:
            rules.wrong(_say(INFORMATION_TEXTS, "category.unknown", item=_quote(item), value=_quote(value)))
        elif sidik(garam, f"{item}={category}") == digest:
            rules.ok(_say(INFORMATION_TEXTS, "category.ok", item=_quote(item), label=categories[category][0]))
        else:
            label, reason = categories[category]
            hint = (alasan or {}).get(item)
            rules.wrong(_say(INFORMATION_TEXTS, "category.wrong", item=_quote(item), label=label, reason=reason,
                             hint=_say(INFORMATION_TEXTS, "category.hint", hint=hint) if hint else ""))
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
    words = _texts(INFORMATION_TEXTS)
    return _say(INFORMATION_TEXTS, "date", weekday=words["days"][day.weekday()], day=day.day,
                month=words["months"][day.month - 1], year=day.year)


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
        return _say(INFORMATION_TEXTS, "hint.calendar")
    if given == working_day_deadline(start, days, {}) and given != right:
        skipped = [f"{_date_text(_dt.date.fromisoformat(d))} ({n})" for d, n in sorted(holidays.items())
                   if start < _dt.date.fromisoformat(d) <= right and _dt.date.fromisoformat(d).weekday() < 5]
        return _say(INFORMATION_TEXTS, "hint.holidays", holidays="; ".join(skipped))
    if given == working_day_deadline(start - _dt.timedelta(days=1), days, holidays):
        return _say(INFORMATION_TEXTS, "hint.receipt")
    if given < right:
        return _say(INFORMATION_TEXTS, "hint.early")
    return _say(INFORMATION_TEXTS, "hint.late")


def _holiday_note(rules: _Rules, start: _dt.date) -> None:
    """Say when the holiday table does not cover the exercise's dates (only weekends are skipped then)."""
    if not LIBUR_NASIONAL:
        rules.info(_say(INFORMATION_TEXTS, "holidays.none"))
    elif start.year not in _holiday_years() or (start + _dt.timedelta(days=60)).year not in _holiday_years():
        rules.info(_say(INFORMATION_TEXTS, "holidays.year", year=start.year))


def check_deadline(answer, received=None, days: int = 10, extension: int = 7, **_) -> Result:
    """Batas waktu jawaban permohonan informasi: 10 working days, one extension of 7 (UU 14/2008 Pasal 22)."""
    title = _title("deadline")
    mapping, problem = _as_mapping(title, answer)
    if problem:
        return problem
    rules = _Rules(title)
    start = _parse_date(received)
    if start is None:
        return _failure(rules.title, _say(INFORMATION_TEXTS, "received.unreadable"))
    holidays = LIBUR_NASIONAL
    _holiday_note(rules, start)
    right = working_day_deadline(start, int(days), holidays)
    right_extension = working_day_deadline(right, int(extension), holidays)
    parts = (("jawaban", int(days), right, start), ("perpanjangan", int(extension), right_extension, right))
    given_dates: dict[str, _dt.date] = {}
    for name, count, expected, base in parts:
        value = mapping.get(name, "")
        if not value:
            rules.wrong(_say(INFORMATION_TEXTS, "date.blank", name=_quote(name)))
            continue
        given = _parse_date(value)
        if given is None:
            rules.wrong(_say(INFORMATION_TEXTS, "date.unreadable", value=_quote(value), name=_quote(name)))
            continue
        given_dates[name] = given
        label = _say(INFORMATION_TEXTS, f"label.{name}")
        if given == expected:
            rules.ok(_say(INFORMATION_TEXTS, "deadline.ok", label=label, date=_date_text(given), count=count))
            continue
        if name == "perpanjangan" and "jawaban" in given_dates and given_dates["jawaban"] != right and \
                given == working_day_deadline(given_dates["jawaban"], count, holidays):
            hint = _say(INFORMATION_TEXTS, "hint.extension_from_wrong")
        elif name == "perpanjangan" and given == working_day_deadline(start, count, holidays):
            hint = _say(INFORMATION_TEXTS, "hint.extension_from_receipt")
        else:
            hint = _deadline_hint(given, base, count, expected, holidays)
        if given.weekday() >= 5 or given.isoformat() in holidays:
            hint = _say(INFORMATION_TEXTS, "deadline.holiday", date=_date_text(given)) + hint
        rules.wrong(_say(INFORMATION_TEXTS, "deadline.wrong", label=label, date=_date_text(given), hint=hint))
    return rules.result()
