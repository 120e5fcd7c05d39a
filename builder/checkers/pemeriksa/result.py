"""What a checker returns (score, passed, feedback) and how the rules it applies add up to a score."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from .messages import _say

EMPTY = "Anda belum mengerjakan latihan ini"
REQUIRED_CAP = 0.5  # a draft that misses a required part scores at most this
MAX_CHARS = 20_000  # longer answers are refused (keeps every check fast)
MAX_ITEMS = 200

# The title of each checker's feedback; the registry (runtime) lists the checkers in this order.
TITLE_TEXTS = {
    "id": {
        "lead": "Teras berita", "headline": "Judul berita", "press_release": "Siaran pers", "eyd": "Perbaikan ejaan",
        "susunan_acara": "Susunan acara", "script_fix": "Perbaikan naskah", "greetings_order": "Urutan sapaan",
        "seating": "Tata tempat", "classify_info": "Klasifikasi informasi",
        "deadline": "Batas waktu permohonan informasi",
    },
    "en": {
        "lead": "News lead", "headline": "News headline", "press_release": "Press release", "eyd": "Spelling fix",
        "susunan_acara": "Order of events", "script_fix": "Script fix", "greetings_order": "Order of greetings",
        "seating": "Seating", "classify_info": "Classifying information",
        "deadline": "Deadline of an information request",
    },
}

RESULT_TEXTS = {
    "id": {
        "summary.passed": "{title}: BENAR — skor {percent}%",
        "summary.failed": "{title}: PERLU DIPERBAIKI — skor {percent}%",
        "all_met": "Bagus! Semua ketentuan terpenuhi.",
        "empty": "Anda belum mengerjakan latihan ini: sel jawaban masih kosong. Tulis jawaban Anda di sel jawaban "
                 "(bertanda ✏️), jalankan sel itu dengan Shift+Enter, lalu jalankan sel pemeriksa ini lagi.",
        "untouched": "Anda belum mengerjakan latihan ini: jawaban Anda masih sama dengan isian awal. Perbaiki atau "
                     "lengkapi isian di sel jawaban (bertanda ✏️), jalankan sel itu, lalu jalankan sel pemeriksa ini "
                     "lagi.",
        "too_long": "Jawaban terlalu panjang untuk diperiksa (lebih dari {chars} karakter atau {items} butir). Tulis "
                    "jawaban yang diminta saja.",
    },
    "en": {
        "summary.passed": "{title}: CORRECT — score {percent}%",
        "summary.failed": "{title}: NEEDS WORK — score {percent}%",
        "all_met": "Well done! Every rule is met.",
        "empty": "You have not done this exercise yet: the answer cell is still empty. Write your answer in the "
                 "answer cell (marked ✏️), run that cell with Shift+Enter, then run this check cell again.",
        "untouched": "You have not done this exercise yet: your answer is still the same as the starter. Correct or "
                     "complete the starter in the answer cell (marked ✏️), run that cell, then run this check cell "
                     "again.",
        "too_long": "The answer is too long to check (more than {chars} characters or {items} items). Write only "
                    "the answer asked for.",
    },
}


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
        key = "summary.passed" if self.passed else "summary.failed"
        return _say(RESULT_TEXTS, key, title=self.title, percent=round(self.score * 100))

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
            messages.insert(0, Message("info", _say(RESULT_TEXTS, "all_met")))
        return Result(self.title, passed, round(score, 4), messages)


def _title(checker: str) -> str:
    """The title of a checker's feedback in the active language."""
    return _say(TITLE_TEXTS, checker)


def _failure(title: str, text: str) -> Result:
    return Result(title, False, 0.0, [Message("salah", text)])


def _empty(title: str) -> Result:
    return _failure(title, _say(RESULT_TEXTS, "empty"))


def _untouched(title: str) -> Result:
    return _failure(title, _say(RESULT_TEXTS, "untouched"))


def _too_long(title: str) -> Result:
    return _failure(title, _say(RESULT_TEXTS, "too_long", chars=MAX_CHARS, items=MAX_ITEMS))
