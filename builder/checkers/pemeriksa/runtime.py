"""The notebook runtime: the one registry of checkers, ``check`` (never raises for an answer),
and ``siapkan``/``periksa``, which a notebook's set-up and check cells call."""

from __future__ import annotations

import re
import sys

from .information import check_classify_info, check_deadline
from .mc import check_greetings_order, check_script_fix, check_susunan_acara
from .messages import _say
from .news import check_eyd, check_headline, check_lead, check_press_release
from .protocol import check_seating
from .result import MAX_CHARS, MAX_ITEMS, TITLE_TEXTS, Result, _empty, _failure, _too_long, _untouched
from .text import _is_blank, _quote, _size, sidik_jawaban

RUNTIME_TEXTS = {
    "id": {
        "checker": "Pemeriksa",
        "exercise": "Latihan",
        "unknown_checker": "Pemeriksa {checker} tidak dikenal; hubungi pengajar.",
        "crash": "Maaf, jawaban ini belum dapat diperiksa ({error}). Periksa bentuk jawaban Anda atau hubungi "
                 "pengajar.",
        "ready": "✔ Pemeriksa siap{title} ({count} latihan). Silakan mulai dari Latihan 1.",
        "no_setup": "Sel persiapan di bagian atas buku kerja belum dijalankan. Klik sel itu, tekan Shift+Enter, lalu "
                    "jalankan sel ini lagi.",
        "unknown_exercise": "Latihan {exercise} tidak dikenal; jangan ubah sel pemeriksa.",
        "no_variable": "Jawaban belum terbaca: variabel {variable} belum ada. Jalankan dulu sel jawaban di atas (klik "
                       "sel itu, tekan Shift+Enter), lalu jalankan sel ini lagi. Jangan menghapus atau mengganti nama "
                       "{variable}.",
    },
    "en": {
        "checker": "Checker",
        "exercise": "Exercise",
        "unknown_checker": "The checker {checker} is unknown; ask your trainer.",
        "crash": "Sorry, this answer cannot be checked ({error}). Check the form of your answer or ask your trainer.",
        "ready": "✔ Checker ready{title} ({count} exercises). Start with Exercise 1.",
        "no_setup": "The set-up cell at the top of the notebook has not been run. Click that cell, press Shift+Enter, "
                    "then run this cell again.",
        "unknown_exercise": "The exercise {exercise} is unknown; do not change the check cell.",
        "no_variable": "No answer yet: the variable {variable} does not exist. First run the answer cell above (click "
                       "that cell, press Shift+Enter), then run this cell again. Do not delete or rename {variable}.",
    },
}

# The one list of checkers (their titles are TITLE_TEXTS, in the same order). The toolkit's source
# checks (builder/check/semantic.py), docs/checkers.md and the tests take the names from here.
CHECKERS = {
    "lead": check_lead,
    "headline": check_headline,
    "press_release": check_press_release,
    "eyd": check_eyd,
    "susunan_acara": check_susunan_acara,
    "script_fix": check_script_fix,
    "greetings_order": check_greetings_order,
    "seating": check_seating,
    "classify_info": check_classify_info,
    "deadline": check_deadline,
}


def _too_big(answer) -> bool:
    many = isinstance(answer, (list, tuple, dict)) and len(answer) > MAX_ITEMS
    return many or _size(answer) > MAX_CHARS


def _title_of(checker: str) -> str:
    """The title of a checker's feedback ("Latihan" for a checker without one)."""
    return _say(TITLE_TEXTS, checker) if checker in TITLE_TEXTS["id"] else _say(RUNTIME_TEXTS, "exercise")


def check(checker: str, answer, params: dict | None = None) -> Result:
    """Run the checker named ``checker`` on ``answer``; never raises for a participant's answer.

    ``params`` are the published parameters: the checker's rules plus ``points``, ``garam`` (the salt of
    the digests) and ``awal`` (the digest of the starter, so an untouched answer scores 0).
    """
    function = CHECKERS.get(checker)
    if function is None:
        return _failure(_say(RUNTIME_TEXTS, "checker"), _say(RUNTIME_TEXTS, "unknown_checker", checker=_quote(checker)))
    params = dict(params or {})
    points = float(params.pop("points", 1) or 1)
    starter = params.pop("awal", None)
    title = _title_of(checker)
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
            result = _failure(title, _say(RUNTIME_TEXTS, "crash", error=type(error).__name__))
    result.points = points
    return result


_EXERCISES: dict[str, dict] = {}


def answer_variable(exercise_id: str) -> str:
    """The name of the variable that holds the answer to ``exercise_id``."""
    return "jawaban_" + re.sub(r"\W", "_", exercise_id)


def ready_text(title: str, count: int) -> str:
    """What the set-up cell prints once the exercises are loaded."""
    return _say(RUNTIME_TEXTS, "ready", title=f": {title}" if title else "", count=count)


def siapkan(data: dict) -> None:
    """Load the exercises of this notebook (run once, in the set-up cell)."""
    data = dict(data or {})
    _EXERCISES.clear()
    _EXERCISES.update(data.get("exercises", {}))
    print(ready_text(data.get("title", ""), len(_EXERCISES)))


_MISSING = object()


def periksa(exercise_id: str, answer=_MISSING) -> Result:
    """Check the answer to ``exercise_id`` (by default the variable ``jawaban_<id>``) and show feedback."""
    exercise = _EXERCISES.get(exercise_id)
    if exercise is None:
        if not _EXERCISES:
            return _failure(_say(RUNTIME_TEXTS, "checker"), _say(RUNTIME_TEXTS, "no_setup"))
        return _failure(_say(RUNTIME_TEXTS, "checker"),
                        _say(RUNTIME_TEXTS, "unknown_exercise", exercise=_quote(exercise_id)))
    if answer is _MISSING:
        variable = answer_variable(exercise_id)
        namespace = sys._getframe(1).f_globals
        if variable not in namespace:
            return _failure(exercise.get("title", _say(RUNTIME_TEXTS, "exercise")),
                            _say(RUNTIME_TEXTS, "no_variable", variable=variable))
        answer = namespace[variable]
    result = check(exercise["checker"], answer, exercise.get("params"))
    if exercise.get("title"):
        result.title = exercise["title"]
    return result


if __name__ == "__main__":  # pragma: no cover - a quick self-test for trainers
    print(check("headline", "Bupati Buka Rapat Koordinasi Kehumasan Daerah"))
