"""Check questions on slides: which items a deck shows, their stem and options, and the answer notes.

Per-question-type wording comes from the question kinds (:func:`builder.domain.questions.kind_of`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from builder.domain.questions import kind_of
from builder.i18n import Locale
from builder.render.pptx.text import Para, inline_plain
from builder.render.richtext import plain_text


def question_paras(question, locale: Locale) -> tuple[list[Para], list[Para]] | None:
    """The stem and option paragraphs of a quiz item on a slide (no answer marked)."""
    stem = [Para(question.question, 24, bold=True)]
    hang = 0.5 * 72

    def lettered(items: Sequence[str]) -> list[Para]:
        """Lines 'A.<TAB>text' with a hanging indent."""
        return [Para(f"{chr(65 + i)}.\t{text}", 22, space_before=8 if i else 0, hang=hang)
                for i, text in enumerate(items)]

    kind = kind_of(question)
    if kind.slide_hint:  # a toolkit label: shown exactly as written
        stem = stem + [Para(locale.label(kind.slide_hint), 20, italic=True, space_before=6, markup=False)]
    if kind.slide_placeholder:
        return stem, [Para(locale.label(kind.slide_placeholder), 22, italic=True)]
    numbered = [Para(f"{i}.\t{t}", 22, space_before=8 if i > 1 else 0, hang=hang)
                for i, t in enumerate(kind.slide_numbered(question), 1)]
    letters = lettered(kind.slide_order(question))
    if numbered:  # a gap between the numbered and the lettered column
        letters = [replace(p, space_before=16 if i == 0 else p.space_before) for i, p in enumerate(letters)]
    return stem, numbered + letters


def answer_notes(question, locale: Locale) -> str:
    """Speaker notes of a check question: the answer and the explanation."""
    answer, explanation = answer_parts(question, locale)
    return f"{locale.label('slides.answer')}: {answer}\n{locale.label('slides.explanation')}: {explanation}"


def answer_parts(question, locale: Locale) -> tuple[str, str]:
    """The answer of a check question as shown on the slide (letters match the slide) and its explanation."""
    words = {True: locale.label("slides.true"), False: locale.label("slides.false")}
    answer = kind_of(question).slide_answer(question, words, inline_plain)
    return answer, plain_text(question.explanation)


def pick_questions(candidates: list, count: int = 4) -> list:
    """Up to ``count`` items, preferring one per objective and choice items; shown in source order."""
    ranked = sorted(candidates, key=lambda c: (kind_of(c[1]).slide_rank, c[0]))
    chosen, objectives = [], set()
    for candidate in ranked:
        if candidate[1].objective not in objectives and len(chosen) < count:
            chosen.append(candidate)
            objectives.add(candidate[1].objective)
    for candidate in ranked:
        if candidate not in chosen and len(chosen) < count:
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c[0])
