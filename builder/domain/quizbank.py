"""Draw printed tests from the question banks: pools, seeded variants and their answer keys.

A *test* is the set of items for one scope (a module, or the whole workshop) and one pool
(``pre`` or ``post``). A *variant* (A, B, ...) is that test with items and options shuffled by a
seed derived from the curriculum's quiz seed, the test and the variant letter, so the same sources
always give the same variants.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from builder.domain.questions import LETTERS, kind_of
from builder.model.module import Module
from builder.model.workshop import Workshop

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


def _shuffle_item(number: int, item: BankItem, rng: random.Random | None) -> VariantItem:
    """Shuffle one item's options and express its key in the shown order."""
    shown, key = kind_of(item.question).variant(item.question, rng)
    return VariantItem(number, item, shown, key)


def key_text(vitem: VariantItem, language: str = "id") -> str:
    """The answer key of one variant item as printed on the key sheet."""
    return kind_of(vitem.question).key_text(vitem.question, vitem.key, language)


def guide_text(vitem: VariantItem, language: str = "id") -> str:
    """The key of one item as the trainer guide prints it (source order, option texts read aloud)."""
    return kind_of(vitem.question).guide_text(vitem.question, vitem.key, language)


def quiz_files(workshop: Workshop) -> list[tuple[Test, list[Variant]]]:
    """Every test of the workshop with its seeded variants."""
    settings = workshop.curriculum.quiz
    return [(test, variants_of(test, settings.variants, settings.seed)) for test in printed_tests(workshop)]
