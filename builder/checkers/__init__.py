"""Notebook exercise checkers (standard library only) and what the build publishes for them.

The participant-facing checkers are the package :mod:`builder.checkers.pemeriksa`, one part per
domain; :mod:`builder.checkers.bundle` generates from those parts the single ``pemeriksa.py`` the
build writes beside the notebooks (holidays and feedback language embedded). This package
re-exports the checkers so the toolkit and its tests run the very same code, and adds
:func:`publish`, which turns a module's ``check.params`` into what may ship to participants:
rules, and salted digests where an exact answer is checked, never the answers.
"""

from __future__ import annotations

from typing import Any

from builder.checkers import pemeriksa
from builder.checkers.pemeriksa import (  # noqa: F401
    CHECKERS,
    EMPTY,
    LIBUR_NASIONAL,
    Message,
    Result,
    answer_variable,
    check,
    periksa,
    set_holidays,
    set_language,
    sidik,
    sidik_jawaban,
    siapkan,
    speaking,
    spelling_mistakes,
    tokens,
    working_day_deadline,
)


def salt_of(module_id: str, exercise_id: str) -> str:
    """The salt of an exercise's digests: stable, so the toolkit and the notebook agree."""
    return f"humas-workshop/{module_id}/{exercise_id}"


def _forms(entries, salt: str) -> list[dict]:
    """``must_contain`` entries (a form, or ``{form, rule}``) as digests of their exact words."""
    published = []
    for entry in entries or ():
        form, rule = (entry.get("form", ""), entry.get("rule", "")) if isinstance(entry, dict) else (entry, "")
        words = tokens(str(form))
        published.append({"sidik": sidik(salt, " ".join(words)), "kata": len(words), "aturan": str(rule)})
    return published


def publish(checker: str, params: dict, salt: str, starter: Any = None) -> dict:
    """The parameters that ship for one exercise: no model answer, only rules and salted digests."""
    public = {k: v for k, v in dict(params or {}).items()}
    public["garam"] = salt
    if checker in ("eyd", "script_fix"):
        public["wajib"] = _forms(public.pop("must_contain", None), salt)
    if checker == "classify_info":
        answers = public.pop("answers", None) or {}
        public["kunci"] = {str(item): sidik(salt, f"{item}={pemeriksa._category(str(value)) or value}")
                           for item, value in sorted(answers.items())}
        reasons = public.pop("reasons", None)
        if reasons:
            public["alasan"] = {str(k): str(v) for k, v in sorted(reasons.items())}
    if checker == "susunan_acara":
        public["items"] = sorted((dict(i) for i in public.get("items") or ()), key=lambda i: str(i.get("text")))
    if checker in ("greetings_order", "seating"):
        public["officials"] = sorted((dict(o) for o in public.get("officials") or ()), key=lambda o: str(o.get("name")))
    if starter is not None and not pemeriksa._is_blank(starter):
        public["awal"] = sidik_jawaban(salt, starter)
    return public


def grade(checker: str, answer: Any, params: dict, salt: str = "uji", starter: Any = None) -> Result:
    """Check ``answer`` against the published form of ``params`` (what a participant's notebook does)."""
    return check(checker, answer, publish(checker, params, salt, starter))
