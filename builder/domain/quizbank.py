"""Draw printed tests from the question banks: pools, seeded variants and their answer keys.

A *test* is the set of items for one scope (a module, or the whole workshop) and one pool
(``pre`` or ``post``). A *variant* (A, B, ...) is that test with items and options shuffled by a
seed derived from the curriculum's quiz seed, the test and the variant letter, so the same sources
always give the same variants.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field

from builder.model.module import (
    Matching, Module, MultipleChoice, Numeric, Ordering, ShortAnswer, SingleChoice, TrueFalse,
)
from builder.model.workshop import Workshop

LETTERS = string.ascii_uppercase
POOLS = ("pre", "post")


@dataclass(frozen=True)
class BankItem:
    """A question of the bank with the module it comes from."""

    module: Module
    question: object  # one of the question classes of builder.model.module

    @property
    def key(self) -> str:
        """Unique key across the workshop: ``module-id/item-id``."""
        return f"{self.module.id}/{self.question.id}"


@dataclass(frozen=True)
class Test:
    """All items of one scope and pool, in source order."""

    scope: str  # a module id, or the workshop id
    title: str
    pool: str
    items: tuple[BankItem, ...]

    @property
    def name(self) -> str:
        """File-name stem: ``<scope>-<pool>``."""
        return f"{self.scope}-{self.pool}"


@dataclass(frozen=True)
class VariantItem:
    """One item as printed in a variant: its number, shown options and the key in shown terms."""

    number: int
    item: BankItem
    options: tuple[str, ...] = ()  # single/multiple: shown options; ordering: shown items; matching: shown right side
    key: object = None  # letter(s), bool, mapping "1"->"C", digit string, accepted answers, or number

    @property
    def question(self):
        """The underlying question."""
        return self.item.question


@dataclass(frozen=True)
class Variant:
    """A shuffled version of a test."""

    test: Test
    letter: str
    items: tuple[VariantItem, ...] = field(default=())

    @property
    def max_score(self) -> int:
        """Points available in this variant."""
        return sum(v.question.points for v in self.items)


def printed_tests(workshop: Workshop) -> list[Test]:
    """Every printed test of the workshop, per module or for the whole workshop as the curriculum says."""
    settings = workshop.curriculum.quiz
    tests: list[Test] = []
    for pool in POOLS:
        if settings.scope == "workshop":
            items = tuple(BankItem(m, q) for m in workshop.modules.values() for q in m.questions(pool))
            tests.append(_limit(Test(workshop.id, workshop.curriculum.title, pool, items), settings, workshop))
        else:
            for module in workshop.modules.values():
                items = tuple(BankItem(module, q) for q in module.questions(pool))
                if items:
                    tests.append(_limit(Test(module.id, module.title, pool, items), settings, workshop))
    return sorted(tests, key=lambda t: (t.scope, POOLS.index(t.pool)))


def _limit(test: Test, settings, workshop: Workshop) -> Test:
    """Keep a seeded sample of ``items_per_test`` items (source order preserved)."""
    if settings.items_per_test is None or len(test.items) <= settings.items_per_test:
        return test
    rng = random.Random(f"{settings.seed}:{workshop.id}:{test.name}:sample")
    chosen = set(rng.sample(range(len(test.items)), settings.items_per_test))
    return Test(test.scope, test.title, test.pool, tuple(i for n, i in enumerate(test.items) if n in chosen))


def variants_of(test: Test, count: int, seed: int) -> list[Variant]:
    """``count`` variants (A, B, ...) of ``test``, each shuffled with its own derived seed."""
    return [make_variant(test, LETTERS[n], seed) for n in range(count)]


def make_variant(test: Test, letter: str, seed: int) -> Variant:
    """Shuffle the items and their options for variant ``letter``."""
    rng = random.Random(f"{seed}:{test.name}:{letter}")
    order = list(test.items)
    rng.shuffle(order)
    items = tuple(_shuffle_item(number, item, rng) for number, item in enumerate(order, start=1))
    return Variant(test, letter, items)


def source_variant(test: Test) -> Variant:
    """The test in source order with options unshuffled (used for Google Forms and LMS exports)."""
    return Variant(test, "-", tuple(_shuffle_item(n, item, None) for n, item in enumerate(test.items, start=1)))


def _permutation(count: int, rng: random.Random | None) -> list[int]:
    order = list(range(count))
    if rng is not None:
        rng.shuffle(order)
    return order


def _shuffle_item(number: int, item: BankItem, rng: random.Random | None) -> VariantItem:
    """Shuffle one item's options and express its key in the shown order."""
    q = item.question
    if isinstance(q, SingleChoice):
        order = _permutation(len(q.options), rng)
        shown = tuple(q.options[i] for i in order)
        key = LETTERS[order.index(LETTERS.index(q.answer))]
        return VariantItem(number, item, shown, key)
    if isinstance(q, MultipleChoice):
        order = _permutation(len(q.options), rng)
        shown = tuple(q.options[i] for i in order)
        key = "".join(sorted(LETTERS[order.index(LETTERS.index(a))] for a in q.answer))
        return VariantItem(number, item, shown, key)
    if isinstance(q, Matching):
        order = _permutation(len(q.right), rng)
        shown = tuple(q.right[i] for i in order)
        key = {str(n + 1): LETTERS[order.index(n)] for n in range(len(q.left))}
        return VariantItem(number, item, shown, key)
    if isinstance(q, Ordering):
        order = _permutation(len(q.items), rng)
        shown = tuple(q.items[i] for i in order)
        # key: the shown numbers (1-based) in the correct order
        key = "".join(str(order.index(n) + 1) for n in range(len(q.items)))
        return VariantItem(number, item, shown, key)
    if isinstance(q, TrueFalse):
        return VariantItem(number, item, (), q.answer)
    if isinstance(q, ShortAnswer):
        return VariantItem(number, item, (), tuple(q.accept))
    if isinstance(q, Numeric):
        return VariantItem(number, item, (), q.answer)
    raise TypeError(f"unknown question type {type(q).__name__}")  # pragma: no cover


def key_text(vitem: VariantItem, language: str = "id") -> str:
    """The answer key of one variant item as printed on the key sheet."""
    q, key = vitem.question, vitem.key
    if isinstance(q, (SingleChoice, MultipleChoice)):
        return ", ".join(key)
    if isinstance(q, TrueFalse):
        if language == "id":
            return "Benar (B)" if key else "Salah (S)"
        return "True (T)" if key else "False (F)"
    if isinstance(q, Matching):
        return ", ".join(f"{left}-{right}" for left, right in key.items())
    if isinstance(q, Ordering):
        return "–".join(key)
    if isinstance(q, ShortAnswer):
        return " / ".join(key)
    if isinstance(q, Numeric):
        value = f"{key:g}" + (f" {q.unit}" if q.unit else "")
        return value + (f" (± {q.tolerance:g})" if q.tolerance else "")
    return str(key)  # pragma: no cover
