"""Per-question-type behaviour in one place: shuffling, keys, slide notes, the guide's key, LMS export, grading.

Each question model of ``builder.model.module`` has one ``Kind`` subclass here; ``kind_of(q)`` finds it.
Adding a question type means one model class, one ``Kind`` subclass and one row in the agreement test
(``tests/domain/test_questions.py``). Renderers keep their layout; every decision that depends on the
type of a question (what the key says, which options are shown in which order, how an answer is graded)
is made here.

Two orders exist on purpose: printed variants shuffle with a seeded ``random.Random`` per variant
(``variant``), and a slide shuffles ordering/matching items by the item id (``slide_order``) so that a
deck never shows them in the right order. Choice options are already shuffled once when a workshop is
loaded (``Module.with_shuffled_options``), so slides show them as they are.
"""

from __future__ import annotations

import random
import re
import string
from typing import Any, Callable, Sequence

from builder.i18n import Locale
from builder.model.module import Matching, MultipleChoice, Numeric, Ordering, ShortAnswer, SingleChoice, TrueFalse
from builder.model.common import normalize

LETTERS = string.ascii_uppercase
TRUE_WORDS = {"b", "benar", "t", "true", "ya", "y", "betul"}
FALSE_WORDS = {"s", "salah", "f", "false", "tidak", "n"}

Plain = Callable[[str], str]
TextElement = Callable[..., Any]  # lms._text_element(parent, tag, text, as_html=True, **attributes)


def permutation(count: int, rng: random.Random | None) -> list[int]:
    """Indices 0..count-1, shuffled by ``rng`` (source order without one)."""
    order = list(range(count))
    if rng is not None:
        rng.shuffle(order)
    return order


def deterministic_shuffle(items: Sequence[str], seed: str) -> list[str]:
    """Shuffle with a seed taken from the item id; never return the original order for 2+ items."""
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    if shuffled == list(items) and len(items) > 1:
        shuffled = shuffled[1:] + shuffled[:1]
    return shuffled


def choice_letters(answer: str, options: Sequence[str]) -> list[int] | None:
    """Indices of the options named by letters ('AC', 'A, C') or by option texts."""
    cleaned = answer.strip()
    letters = re.sub(r"[\s,;/+&]|dan", "", cleaned.upper())
    if letters and all(c in LETTERS[: len(options)] for c in letters) and len(set(letters)) == len(letters):
        return [LETTERS.index(c) for c in letters]
    wanted = normalize(cleaned)
    found = [i for i, option in enumerate(options) if normalize(option) == wanted]
    if found:
        return found
    found = [i for i, option in enumerate(options) if normalize(option) and normalize(option) in wanted]
    return found or None


def matching_answer(answer: str, count: int) -> dict[str, str]:
    """Read 'CAB', 'C A B', '1C 2A 3B' or '1-C, 2-A, 3-B' into {'1': 'C', ...}."""
    text = answer.upper()
    numbered = re.findall(r"(\d+)\s*[-=:.]?\s*([A-Z])", text)
    if numbered:
        return {n: letter for n, letter in numbered}
    letters = re.sub(r"[^A-Z]", "", text)
    if len(letters) == count:
        return {str(n + 1): letter for n, letter in enumerate(letters)}
    return {}


class Kind:
    """What one question type does in every output; subclasses fill in the type's rules."""

    model: type = object
    moodle_type = ""
    sheet_hint = ""  # key of the printed sheet's hint label, "" for none
    slide_hint = ""  # key of the label under the stem on a slide, "" for none
    slide_placeholder = ""  # key of the label a slide shows instead of options, "" when it shows options
    slide_rank = 5  # preference when a deck picks check questions: lower first (choice items read best)

    def variant(self, q, rng: random.Random | None) -> tuple[tuple[str, ...], Any]:
        """The shown options (shuffled by ``rng``) and the key in shown terms."""
        return (), self.source_key(q)

    def source_key(self, q) -> Any:
        """The key when nothing is shuffled for this type."""
        raise NotImplementedError

    def key_text(self, q, key: Any, language: str) -> str:
        """The key as printed on a key sheet."""
        return str(key)

    def guide_text(self, q, key: Any, language: str) -> str:
        """The key in the trainer guide (source order, with option texts to read aloud)."""
        return self.key_text(q, key, language)

    def slide_order(self, q) -> list[str]:
        """The lettered items a slide shows, in the slide's order."""
        return []

    def slide_numbered(self, q) -> list[str]:
        """The numbered items a slide shows before the lettered ones (matching only)."""
        return []

    def slide_answer(self, q, words: dict[bool, str], plain: Plain) -> str:
        """The answer in a slide's speaker notes; letters match the slide."""
        raise NotImplementedError

    def sheet_lines(self, q, shown: Sequence[str]) -> list[tuple[str, float]]:
        """The option lines under the stem on a printed sheet, each with its left indent in cm."""
        return []

    def grade(self, q, shown: Sequence[str], key: Any, answer: str) -> tuple[bool, str]:
        """Grade a non-empty answer; return (right, the choice in source terms for distractor counts)."""
        raise NotImplementedError

    def moodle(self, q, element, text_element: TextElement) -> None:
        """Append the Moodle XML answer elements of ``q`` to ``element``."""
        raise NotImplementedError

    def gift(self, q, html: Plain) -> str:
        """The GIFT answer list of ``q`` (inside the braces, before the feedback)."""
        raise NotImplementedError


class _Choice(Kind):
    """Shared rules of single and multiple choice."""

    moodle_type = "multichoice"
    single = False

    def variant(self, q, rng):
        order = permutation(len(q.options), rng)
        shown = tuple(q.options[i] for i in order)
        return shown, "".join(sorted(LETTERS[order.index(LETTERS.index(a))] for a in self.letters(q)))

    def letters(self, q) -> list[str]:
        """The right option letters in source order."""
        raise NotImplementedError

    def key_text(self, q, key, language):
        return ", ".join(key)

    def guide_text(self, q, key, language):
        return "; ".join(f"{letter}. {q.options[LETTERS.index(letter)]}" for letter in self.letters(q))

    def slide_order(self, q):
        return list(q.options)

    def slide_answer(self, q, words, plain):
        return "; ".join(f"{a}. {plain(q.options[ord(a) - 65])}" for a in self.letters(q))

    def sheet_lines(self, q, shown):
        return [(f"{LETTERS[n]}. {text}", 0.9) for n, text in enumerate(shown)]

    def _source_letters(self, q, shown: Sequence[str], chosen: list[int]) -> str:
        """The source-order letters of the options shown at ``chosen``."""
        return "".join(sorted(LETTERS[q.options.index(shown[i])] for i in chosen))

    def moodle(self, q, element, text_element):
        from lxml import etree

        single = self.single
        etree.SubElement(element, "single").text = "true" if single else "false"
        etree.SubElement(element, "shuffleanswers").text = "true"
        etree.SubElement(element, "answernumbering").text = "ABCD"
        right = self.letters(q)
        share = 100 / len(right)
        wrong_share = -100 / max(1, len(q.options) - len(right))
        for index, option in enumerate(q.options):
            fraction = share if LETTERS[index] in right else (0 if single else wrong_share)
            text_element(element, "answer", option, fraction=f"{fraction:.5g}")


class SingleChoiceKind(_Choice):
    """Exactly one right option."""

    model = SingleChoice
    slide_rank = 0
    single = True

    def letters(self, q):
        return [q.answer]

    def grade(self, q, shown, key, answer):
        chosen = choice_letters(answer, shown)
        if not chosen or len(chosen) != 1:
            return False, "?"
        letter = self._source_letters(q, shown, chosen)
        return letter == q.answer, letter

    def gift(self, q, html):
        return " ".join(("=" if LETTERS[i] == q.answer else "~") + html(o) for i, o in enumerate(q.options))


class MultipleChoiceKind(_Choice):
    """Two or more right options; all of them and nothing else is right."""

    model = MultipleChoice
    slide_rank = 2
    sheet_hint = "multi_hint"
    slide_hint = "slides.choose_all"

    def letters(self, q):
        return list(q.answer)

    def grade(self, q, shown, key, answer):
        chosen = choice_letters(answer, shown)
        if not chosen:
            return False, "?"
        letters = self._source_letters(q, shown, chosen)
        return letters == "".join(q.answer), letters

    def gift(self, q, html):
        right, wrong = len(q.answer), max(1, len(q.options) - len(q.answer))
        return " ".join(
            f"~%{100 / right:.5g}%{html(o)}" if LETTERS[i] in q.answer else f"~%{-100 / wrong:.5g}%{html(o)}"
            for i, o in enumerate(q.options))


class TrueFalseKind(Kind):
    """A statement that is true or false."""

    model = TrueFalse
    slide_rank = 1
    moodle_type = "truefalse"
    sheet_hint = "tf_hint"
    slide_placeholder = "slides.truefalse"

    def source_key(self, q):
        return q.answer

    def key_text(self, q, key, language):
        return Locale(language).label("quiz.key_true" if key else "quiz.key_false")

    def slide_answer(self, q, words, plain):
        return words[q.answer]

    def grade(self, q, shown, key, answer):
        word = normalize(answer).rstrip(".")
        value = True if word in TRUE_WORDS else False if word in FALSE_WORDS else None
        return value is q.answer, {True: "B", False: "S", None: "?"}[value]

    def moodle(self, q, element, text_element):
        from lxml import etree

        for value, label in ((True, "true"), (False, "false")):
            answer = text_element(etree.Element("x"), "answer", label, as_html=False)
            answer.set("fraction", "100" if q.answer is value else "0")
            element.append(answer)

    def gift(self, q, html):
        return "TRUE" if q.answer else "FALSE"


class _Pairs(Kind):
    """Shared LMS export of matching and ordering: Moodle/GIFT matching pairs."""

    moodle_type = "matching"

    def pairs(self, q) -> list[tuple[str, str]]:
        """(left, right) pairs as the LMS matches them."""
        raise NotImplementedError

    def moodle(self, q, element, text_element):
        from lxml import etree

        etree.SubElement(element, "shuffleanswers").text = "true"
        for left, right in self.pairs(q):
            sub = text_element(element, "subquestion", left)
            answer = etree.SubElement(sub, "answer")
            etree.SubElement(answer, "text").text = right

    def gift(self, q, html):
        return " ".join(f"={html(left)} -> {html(right)}" for left, right in self.pairs(q))


class MatchingKind(_Pairs):
    """Numbered left items matched with lettered right items; ``left[i]`` belongs with ``right[i]``."""

    model = Matching
    slide_rank = 4
    sheet_hint = "match_hint"
    slide_hint = "slides.match"

    def variant(self, q, rng):
        order = permutation(len(q.right), rng)
        shown = tuple(q.right[i] for i in order)
        return shown, {str(n + 1): LETTERS[order.index(n)] for n in range(len(q.left))}

    def key_text(self, q, key, language):
        return ", ".join(f"{left}-{right}" for left, right in key.items())

    def guide_text(self, q, key, language):
        return "; ".join(f"{left} → {right}" for left, right in zip(q.left, q.right))

    def slide_order(self, q):
        return deterministic_shuffle(q.right, q.id)

    def slide_numbered(self, q):
        return list(q.left)

    def slide_answer(self, q, words, plain):
        right = self.slide_order(q)
        return ", ".join(f"{i}-{chr(65 + right.index(r))}" for i, r in enumerate(q.right, 1))

    def sheet_lines(self, q, shown):
        return [(f"{n + 1}. {text}", 0.9) for n, text in enumerate(q.left)] + [
            (f"{LETTERS[n]}. {text}", 1.8) for n, text in enumerate(shown)]

    def grade(self, q, shown, key, answer):
        pairs = matching_answer(answer, len(q.left))
        return pairs == key, "".join(pairs.get(str(n + 1), "-") for n in range(len(q.left))) if pairs else "?"

    def pairs(self, q):
        return list(zip(q.left, q.right))


class OrderingKind(_Pairs):
    """Items to put in order; ``items`` lists them in the right order."""

    model = Ordering
    slide_rank = 3
    sheet_hint = "order_hint"
    slide_hint = "slides.order"

    def variant(self, q, rng):
        order = permutation(len(q.items), rng)
        shown = tuple(q.items[i] for i in order)
        # key: the shown numbers (1-based) in the correct order
        return shown, "".join(str(order.index(n) + 1) for n in range(len(q.items)))

    def key_text(self, q, key, language):
        return "–".join(key)

    def guide_text(self, q, key, language):
        return " → ".join(q.items)

    def slide_order(self, q):
        return deterministic_shuffle(q.items, q.id)

    def slide_answer(self, q, words, plain):
        shuffled = self.slide_order(q)
        return "–".join(chr(65 + shuffled.index(item)) for item in q.items)

    def sheet_lines(self, q, shown):
        return [(f"{n + 1}. {text}", 0.9) for n, text in enumerate(shown)]

    def grade(self, q, shown, key, answer):
        digits = re.sub(r"\D", "", answer)
        return digits == key, digits or "?"

    def pairs(self, q):
        return [(text, str(position)) for position, text in enumerate(q.items, start=1)]


class ShortAnswerKind(Kind):
    """A typed answer compared with the accepted answers, ignoring case, spacing and a final period."""

    model = ShortAnswer
    moodle_type = "shortanswer"
    sheet_hint = "short_hint"
    slide_placeholder = "slides.short"

    def source_key(self, q):
        return tuple(q.accept)

    def key_text(self, q, key, language):
        return " / ".join(key)

    def slide_answer(self, q, words, plain):
        return " / ".join(q.accept)

    def grade(self, q, shown, key, answer):
        given = normalize(answer).rstrip(".")
        return given in {normalize(a).rstrip(".") for a in q.accept}, given

    def moodle(self, q, element, text_element):
        from lxml import etree

        etree.SubElement(element, "usecase").text = "0"
        for accepted in q.accept:
            text_element(element, "answer", accepted, as_html=False, fraction="100")

    def gift(self, q, html):
        return " ".join(f"={html(a)}" for a in q.accept)


class NumericKind(Kind):
    """A number, right within the item's tolerance; a decimal comma is accepted."""

    model = Numeric
    moodle_type = "numerical"
    sheet_hint = "numeric_hint"
    slide_placeholder = "slides.short"

    def source_key(self, q):
        return q.answer

    def key_text(self, q, key, language):
        value = f"{key:g}" + (f" {q.unit}" if q.unit else "")
        return value + (f" (± {q.tolerance:g})" if q.tolerance else "")

    def slide_answer(self, q, words, plain):
        return f"{q.answer:g}" + (f" {q.unit}" if q.unit else "")

    def grade(self, q, shown, key, answer):
        try:
            value = float(answer.replace(" ", "").replace(",", "."))
        except ValueError:
            return False, "?"
        return abs(value - q.answer) <= q.tolerance + 1e-9, f"{value:g}"

    def moodle(self, q, element, text_element):
        from lxml import etree

        answer = text_element(etree.Element("x"), "answer", f"{q.answer:g}", as_html=False)
        answer.set("fraction", "100")
        etree.SubElement(answer, "tolerance").text = f"{q.tolerance:g}"
        element.append(answer)

    def gift(self, q, html):
        return f"#{q.answer:g}:{q.tolerance:g}"


KINDS: dict[type, Kind] = {kind.model: kind for kind in (
    SingleChoiceKind(), MultipleChoiceKind(), TrueFalseKind(), MatchingKind(), OrderingKind(), ShortAnswerKind(),
    NumericKind())}


def kind_of(question) -> Kind:
    """The behaviour of ``question``'s type."""
    try:
        return KINDS[type(question)]
    except KeyError:
        raise TypeError(f"unknown question type {type(question).__name__}") from None
