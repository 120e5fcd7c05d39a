"""The lesson module: one YAML file under ``modules/`` describes one session's material.

Text fields marked *rich* accept a small Markdown subset: paragraphs separated by a
blank line, ``**bold**``, ``*italic*``, ``- `` bullet lists, ``1. `` numbered lists and
``[text](https://link)``.
"""

from __future__ import annotations

import string
from typing import Annotated, Any, Literal, Union

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from builder.model.located import SourcedModel
from builder.model.common import Id, Line, Minutes, Model

LETTERS = string.ascii_uppercase


class Objective(Model):
    """A learning objective stated as an observable skill."""

    id: Id
    text: str


class Image(Model):
    """An image shown on a slide and in the handout; ``path`` is relative to the module file."""

    path: str
    caption: str = ""
    alt: str = ""


class Table(Model):
    """A small table: column headers and rows of cells (plain text)."""

    caption: str = ""
    columns: list[str] = Field(min_length=1)
    rows: list[list[str]] = Field(min_length=1)

    @field_validator("rows")
    @classmethod
    def _rows_match_columns(cls, rows: list[list[str]], info: ValidationInfo) -> list[list[str]]:
        columns = info.data.get("columns")
        if columns:
            for index, row in enumerate(rows):
                if len(row) != len(columns):
                    raise PydanticCustomError(
                        "table.shape",
                        "row {row} has {got} cells but the table has {want} columns",
                        {"row": index, "got": len(row), "want": len(columns)},
                    )
        return rows


class Quote(Model):
    """A quotation with its source."""

    text: str
    source: str = ""


class Example(Model):
    """A worked example; ``before``/``after`` hold a weak draft and its improved version."""

    title: str
    body: str = ""  # rich
    before: str = ""
    after: str = ""
    before_label: str = "Draf awal"
    after_label: str = "Hasil perbaikan"


class Section(Model):
    """One section of a module: slide points, handout text and the trainer's notes."""

    id: Id
    title: str
    objectives: list[Id] = Field(default_factory=list)  # objective ids this section teaches
    minutes: int | None = Field(default=None, gt=0)
    points: list[str] = Field(min_length=1)
    body: str  # rich, the handout text
    notes: str = ""  # speaker notes
    image: Image | None = None
    table: Table | None = None
    quote: Quote | None = None
    example: Example | None = None


class GlossaryEntry(Model):
    """A term and its definition."""

    term: str
    definition: str


class Reference(Model):
    """A source: a law, a book, a web page."""

    text: str
    url: str = ""


class Check(Model):
    """Which notebook checker grades an exercise, with its parameters."""

    checker: str
    params: dict[str, Any] = Field(default_factory=dict)


class Exercise(Model):
    """A practice task done on paper, in a notebook, or both."""

    id: Id
    title: str
    mode: Literal["notebook", "paper", "both"] = "both"
    objectives: list[Id] = Field(min_length=1)
    minutes: int = Field(default=15, gt=0)
    instructions: str  # rich
    context: str = ""  # rich: the scenario or the facts to work with
    check: Check | None = None
    starter: Any = None  # what the participant starts from (text, list or mapping)
    solution: Any = None  # a model answer, same shape as the starter
    marking: str = ""  # rich: guidance for the trainer
    lines: int = Field(default=8, ge=0, le=40)  # writing lines on the paper sheet


Difficulty = Literal["easy", "medium", "hard"]
Pool = Literal["pre", "post", "both"]


class _Question(Model):
    """Fields every quiz item has."""

    id: Id
    objective: Id
    pool: Pool = "both"
    difficulty: Difficulty = "medium"
    question: str
    explanation: str
    points: int = Field(default=1, ge=1)


def _letters(count: int) -> str:
    """Describe the option letters ``A-D`` for ``count`` options."""
    return f"A-{LETTERS[count - 1]}" if count > 1 else "A"


def _check_options(options: list[str]) -> list[str]:
    """Reject duplicate options (after trimming and ignoring case)."""
    seen: dict[str, int] = {}
    for index, option in enumerate(options):
        key = " ".join(option.split()).casefold()
        if key in seen:
            raise PydanticCustomError(
                "quiz.duplicate-option",
                "option {second} repeats option {first} ('{text}')",
                {"first": LETTERS[seen[key]], "second": LETTERS[index], "text": option},
            )
        seen[key] = index
    return options


def _check_letter(letter: Any, options: list[str] | None) -> str:
    """Check that ``letter`` names one of the options."""
    if not isinstance(letter, str):
        raise PydanticCustomError("quiz.answer", "the answer must be an option letter such as 'B'", {})
    if options is None:
        return letter
    valid = LETTERS[: len(options)]
    if len(letter) != 1 or letter not in valid:
        raise PydanticCustomError(
            "quiz.answer",
            "'{answer}' is not one of the options {letters}",
            {"answer": letter, "letters": _letters(len(options))},
        )
    return letter


class SingleChoice(_Question):
    """Multiple choice with exactly one right option."""

    type: Literal["single"]
    options: list[str] = Field(min_length=2, max_length=6)
    answer: str

    _options = field_validator("options")(classmethod(lambda cls, v: _check_options(v)))

    @field_validator("answer", mode="before")
    @classmethod
    def _answer_is_option(cls, value: Any, info: ValidationInfo) -> str:
        return _check_letter(value, info.data.get("options"))


class MultipleChoice(_Question):
    """Multiple choice with two or more right options."""

    type: Literal["multiple"]
    options: list[str] = Field(min_length=3, max_length=8)
    answer: list[str] = Field(min_length=1)

    _options = field_validator("options")(classmethod(lambda cls, v: _check_options(v)))

    @field_validator("answer", mode="before")
    @classmethod
    def _answers_are_options(cls, value: Any, info: ValidationInfo) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise PydanticCustomError("quiz.answer", "the answer must be a list of option letters such as [A, C]", {})
        letters = [_check_letter(item, info.data.get("options")) for item in value]
        if len(set(letters)) != len(letters):
            raise PydanticCustomError("quiz.answer", "an option letter is repeated in the answer", {})
        return sorted(letters)


class TrueFalse(_Question):
    """A statement that is true or false."""

    type: Literal["truefalse"]
    answer: bool


class Matching(_Question):
    """Match each left item with a right item; ``left[i]`` belongs with ``right[i]``."""

    type: Literal["matching"]
    left: list[str] = Field(min_length=2)
    right: list[str] = Field(min_length=2)

    @field_validator("right")
    @classmethod
    def _sides_are_equal(cls, right: list[str], info: ValidationInfo) -> list[str]:
        left = info.data.get("left")
        if left is not None and len(left) != len(right):
            raise PydanticCustomError(
                "quiz.matching-sides",
                "the matching item has {left} items on the left but {right} on the right",
                {"left": len(left), "right": len(right)},
            )
        _check_options(right)
        return right


class Ordering(_Question):
    """Put items in order; ``items`` lists them in the correct order."""

    type: Literal["ordering"]
    items: list[str] = Field(min_length=3)

    _items = field_validator("items")(classmethod(lambda cls, v: _check_options(v)))


class ShortAnswer(_Question):
    """A short typed answer compared with the accepted answers, ignoring case and spacing."""

    type: Literal["short"]
    accept: list[str] = Field(min_length=1)


class Numeric(_Question):
    """A number, right within ``tolerance``."""

    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(default=0, ge=0)
    unit: str = ""


Question = Annotated[
    Union[SingleChoice, MultipleChoice, TrueFalse, Matching, Ordering, ShortAnswer, Numeric],
    Field(discriminator="type"),
]


class Module(SourcedModel):
    """A lesson module as written in ``modules/<id>.yaml``."""

    id: Id
    title: Line
    summary: str
    language: Literal["id", "en"] = "id"
    duration: Minutes
    level: str = "dasar"
    audience: str = ""
    objectives: list[Objective] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)
    keypoints: list[str] = Field(default_factory=list)
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    exercises: list[Exercise] = Field(default_factory=list)
    quiz: list[Question] = Field(default_factory=list)

    @property
    def jp(self) -> float:
        """Lesson hours (45 minutes each) of the module's planned duration."""
        return self.duration / 45

    def section(self, section_id: str) -> Section:
        """Return the section with ``section_id``."""
        return next(s for s in self.sections if s.id == section_id)

    def objective(self, objective_id: str) -> Objective:
        """Return the objective with ``objective_id``."""
        return next(o for o in self.objectives if o.id == objective_id)

    def with_shuffled_options(self) -> "Module":
        """This module with every choice item's options in a seeded order (the same on every build).

        Authors may list the right option first; what participants see (decks, handouts, sheets,
        LMS exports) is shuffled once here, so every output agrees on the letters.
        """
        quiz = [shuffle_question(q, f"{self.id}:{q.id}") for q in self.quiz]
        return self.model_copy(update={"quiz": quiz})

    def questions(self, pool: str) -> list:
        """Return the quiz items usable in ``pool`` ('pre' or 'post'), in source order."""
        return [q for q in self.quiz if q.pool in (pool, "both")]


def shuffle_question(question: Any, seed: str) -> Any:
    """The item with its options in a seeded order and its answer letters moved along (others unchanged)."""
    import random

    if not isinstance(question, (SingleChoice, MultipleChoice)):
        return question
    order = list(range(len(question.options)))
    random.Random(seed).shuffle(order)
    options = [question.options[i] for i in order]
    position = {LETTERS[old]: LETTERS[new] for new, old in enumerate(order)}
    if isinstance(question, SingleChoice):
        answer: Any = position[question.answer]
    else:
        answer = sorted(position[letter] for letter in question.answer)
    return question.model_copy(update={"options": options, "answer": answer})
