"""Score pre-/post-test responses: per participant, module and objective, gain, and item analysis.

Scoring rules (documented for trainers):
- every item is all-or-nothing: full points when the whole answer is right, else 0;
- short answers ignore case, spacing and a final period; numbers accept a decimal comma and the
  item's tolerance;
- normalised gain g = (post% - pre%) / (100 - pre%) (Hake); bands: high g >= 0.7, medium
  0.3 <= g < 0.7, low g < 0.3; g is undefined without both tests or with a perfect pre-test;
- item analysis per test: difficulty p = share of right answers; discrimination D = p(upper 27 %)
  - p(lower 27 %) with participants ranked by their score on that test (ties broken by row order);
- ranking uses standard competition ranking (equal scores share a rank: 1, 2, 2, 4).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from builder.check.diagnostics import Diagnostic, UserError
from builder.domain.questions import kind_of
from builder.domain.quizbank import Test, Variant, VariantItem, quiz_files, source_variant
from builder.model.common import normalize
from builder.model.responses import ResponseRow, ResponseSheet
from builder.model.workshop import Workshop



@dataclass
class Submission:
    """One participant's graded answers to one test."""

    person: str  # pairing key: NIP, else normalised name
    name: str
    nip: str
    agency: str
    test: Test
    variant: str
    row: int
    source: str
    score: float = 0.0
    max_score: float = 0.0
    right: dict[str, float] = field(default_factory=dict)  # bank key -> 0/1
    choice: dict[str, str] = field(default_factory=dict)  # bank key -> chosen source letter(s) or "" (omitted)

    @property
    def percent(self) -> float:
        """Score as a percentage of the maximum."""
        return 100 * self.score / self.max_score if self.max_score else 0.0


@dataclass
class Scores:
    """Everything scored from a set of response files."""

    workshop: Workshop
    submissions: list[Submission]
    problems: list[Diagnostic]
    tests: list[Test]


# ---------------------------------------------------------------- grading one answer

def grade(vitem: VariantItem, answer: str) -> tuple[bool, str]:
    """Grade one answer; return (right, the choice in source terms for distractor counts)."""
    answer = (answer or "").strip()
    if not answer:
        return False, ""
    return kind_of(vitem.question).grade(vitem.question, vitem.options, vitem.key, answer)


# ---------------------------------------------------------------- reading and matching

def _find_test(sheet_name: str, file_stem: str, tests: dict[str, Test], pool: str) -> Test | None:
    """The test a sheet belongs to: by sheet name, by file name, or the only test of the pool."""
    for candidate in (sheet_name, file_stem):
        label = normalize(candidate)
        for name, test in tests.items():
            if label == name or label.endswith(name) or label.startswith(name):
                return test
    in_pool = [t for t in tests.values() if t.pool == pool] if pool else []
    return in_pool[0] if len(in_pool) == 1 else None


def _match_text_columns(texts: dict[str, tuple[int, str]], variant: Variant) -> tuple[dict[str, VariantItem], list[str]]:
    """Map question-text headers to items (exact after normalising, then prefix); return unmatched headers."""
    by_text = {normalize(v.question.question): v for v in variant.items}
    matched: dict[str, VariantItem] = {}
    unmatched: list[str] = []
    for header in texts:
        label = normalize(re.sub(r"^\s*\d+\s*[.)]\s*", "", header))
        item = by_text.get(label) or next((v for t, v in by_text.items() if t.startswith(label[:60]) and len(label) >= 20), None)
        if item is None:
            unmatched.append(header)
        else:
            matched[header] = item
    return matched, unmatched


def score_responses(workshop: Workshop, sheets: list[ResponseSheet], roster_keys: set[str] | None = None) -> Scores:
    """Grade the answer sheets read from response files (see ``sources.responses.read_response_files``)."""
    tests_with_variants = quiz_files(workshop)
    tests = {t.name: t for t, _v in tests_with_variants}
    variants = {t.name: {v.letter: v for v in vs} | {"-": source_variant(t)} for t, vs in tests_with_variants}
    problems: list[Diagnostic] = []
    submissions: list[Submission] = []
    seen: dict[tuple[str, str], ResponseRow] = {}
    for sheet in sheets:
        problems.extend(sheet.notes)
        if not sheet.rows:
            continue
        test = _find_test(sheet.name, sheet.file_stem, tests, sheet.pool)
        if test is None:
            problems.append(Diagnostic(sheet.source, 1, 1, "error", "", "cannot tell which test these answers belong to",
                                       "score.test", f"name the sheet or file after the test ({', '.join(tests)}) or pass --pre/--post"))
            continue
        rows = [_of_test(row, test) for row in sheet.rows]
        _score_sheet(workshop, test, variants[test.name], rows, problems, submissions, seen, roster_keys)
    return Scores(workshop, submissions, problems, list(tests.values()))


def _of_test(row: ResponseRow, test: Test) -> ResponseRow:
    """The row as belonging to ``test`` (the sheet or file named it), whatever its own test column says."""
    return replace(row, pool=test.pool, test=test.name if "-" in test.name else "")


def _person_key(row: ResponseRow) -> str:
    return row.nip or normalize(row.name)


def _score_sheet(workshop, test: Test, variants: dict[str, Variant], rows: list[ResponseRow], problems: list,
                 submissions: list, seen: dict, roster_keys: set[str] | None) -> None:
    """Grade every row of one sheet, reporting bad rows and columns and skipping only those rows."""
    first = rows[0]
    count = len(next(iter(variants.values())).items)
    for number in sorted(n for n in first.answers_by_number if n > count or n < 1):
        problems.append(Diagnostic(first.source, 1, first.columns[f"item:{number}"], "error", str(number),
                                   f"column '{number}' matches no item (the test has {count})", "score.column",
                                   "remove the column or check the test"))
    text_items, unmatched = _match_text_columns(first.answers_by_text, variants["-"])
    for header in unmatched:
        column = first.answers_by_text[header][0]
        problems.append(Diagnostic(first.source, 1, column, "warning", header[:40],
                                   f"column '{header[:60]}' matches no item and is ignored", "score.column",
                                   "rename it after the question text or its number"))
    for row in rows:
        if not row.name and not row.nip:
            problems.append(Diagnostic(row.source, row.row, row.columns.get("name", 1), "error", "Nama",
                                       "row has no name and no NIP and is skipped", "score.row"))
            continue
        person = _person_key(row)
        if roster_keys is not None and row.nip not in roster_keys and normalize(row.name) not in roster_keys:
            problems.append(Diagnostic(row.source, row.row, row.columns.get("name", 1), "error", "Nama",
                                       f"'{row.name}' is not on the roster; the row is skipped", "score.unknown-participant",
                                       "check the spelling or the NIP against the roster"))
            continue
        if (person, test.name) in seen:
            earlier = seen[(person, test.name)]
            problems.append(Diagnostic(row.source, row.row, row.columns.get("name", 1), "error", "Nama",
                                       f"duplicate submission for '{row.name}' (first on row {earlier.row}); this row is skipped",
                                       "score.duplicate"))
            continue
        variant_letter = row.variant or ("-" if text_items or len(variants) == 2 else "")
        if variant_letter not in variants:
            expected = ", ".join(k for k in variants if k != "-")
            message = (f"unknown variant '{row.variant}' (expected one of {expected})" if row.variant
                       else f"the variant is missing (expected one of {expected}); the row is skipped")
            problems.append(Diagnostic(row.source, row.row, row.columns.get("variant", 1), "error", "Varian",
                                       message, "score.variant"))
            continue
        seen[(person, test.name)] = row
        submissions.append(_grade_row(row, test, variants[variant_letter], text_items, person))


def _grade_row(row: ResponseRow, test: Test, variant: Variant, text_items: dict[str, VariantItem], person: str) -> Submission:
    """Grade one participant's answers."""
    sub = Submission(person, row.name, row.nip, row.agency, test, variant.letter, row.row, row.source)
    answers: dict[str, tuple[VariantItem, str]] = {}
    for vitem in variant.items:
        answers[vitem.item.key] = (vitem, row.answers_by_number.get(vitem.number, ""))
    for header, vitem in text_items.items():
        source_item = next(v for v in variant.items if v.item.key == vitem.item.key)
        answers[vitem.item.key] = (source_item, row.answers_by_text[header][1])
    for key, (vitem, answer) in answers.items():
        right, choice = grade(vitem, answer)
        points = vitem.question.points
        sub.max_score += points
        sub.score += points if right else 0
        sub.right[key] = 1.0 if right else 0.0
        sub.choice[key] = choice
    return sub


# ---------------------------------------------------------------- aggregation

def hake_band(g: float | None) -> str:
    """Hake's band of a normalised gain: tinggi (>= 0.7), sedang (>= 0.3), rendah; '' if undefined."""
    if g is None:
        return ""
    return "tinggi" if g >= 0.7 else "sedang" if g >= 0.3 else "rendah"


def normalized_gain(pre: float | None, post: float | None) -> float | None:
    """g = (post - pre) / (100 - pre) on percentages; None without both or with a perfect pre-test."""
    if pre is None or post is None or pre >= 100:
        return None
    return (post - pre) / (100 - pre)


@dataclass
class PersonResult:
    """A participant's pooled pre/post result."""

    person: str
    name: str
    nip: str
    agency: str
    pre: float | None
    post: float | None
    gain: float | None
    band: str
    rank: int = 0


def pooled(submissions: list[Submission], pool: str, person: str) -> float | None:
    """A person's percentage over every test of ``pool`` they took (None if none)."""
    subs = [s for s in submissions if s.person == person and s.test.pool == pool]
    total = sum(s.max_score for s in subs)
    return 100 * sum(s.score for s in subs) / total if total else None


def person_results(scores: Scores) -> list[PersonResult]:
    """Per participant: pooled pre and post percentages, gain, band and rank (by post, else pre)."""
    people: dict[str, Submission] = {}
    mine: dict[str, list[Submission]] = defaultdict(list)
    for sub in scores.submissions:
        people.setdefault(sub.person, sub)
        mine[sub.person].append(sub)
    results = []
    for person, sub in people.items():
        pre, post = pooled(mine[person], "pre", person), pooled(mine[person], "post", person)
        gain = normalized_gain(pre, post)
        results.append(PersonResult(person, sub.name, sub.nip, sub.agency, pre, post, gain, hake_band(gain)))
    ranked = sorted(results, key=lambda r: -(r.post if r.post is not None else (r.pre if r.pre is not None else -1)))
    previous, rank = None, 0
    for position, result in enumerate(ranked, start=1):
        value = result.post if result.post is not None else result.pre
        if value != previous:
            rank, previous = position, value
        result.rank = rank
    return sorted(results, key=lambda r: (r.rank, normalize(r.name)))


@dataclass
class ItemStats:
    """Item analysis of one item in one test."""

    test: str
    key: str
    question: str
    objective: str
    answered: int
    p: float
    d: float | None
    distractors: dict[str, int]
    flags: list[str]


def item_analysis(scores: Scores) -> list[ItemStats]:
    """Difficulty, discrimination (upper/lower 27 %) and answer counts for every item of every test."""
    stats: list[ItemStats] = []
    by_test: dict[str, list[Submission]] = defaultdict(list)
    for sub in scores.submissions:
        by_test[sub.test.name].append(sub)
    for test in scores.tests:
        subs = by_test.get(test.name, [])
        if not subs:
            continue
        ordered = sorted(subs, key=lambda s: (-s.score, s.row))
        group = max(1, round(0.27 * len(ordered)))
        upper, lower = ordered[:group], ordered[-group:]
        for bank_item in test.items:
            key = bank_item.key
            p = sum(s.right.get(key, 0) for s in subs) / len(subs)
            d = (sum(s.right.get(key, 0) for s in upper) - sum(s.right.get(key, 0) for s in lower)) / group \
                if len(ordered) >= 2 else None
            counts: dict[str, int] = defaultdict(int)
            for s in subs:
                counts[s.choice.get(key, "") or "(kosong)"] += 1
            stats.append(ItemStats(test.name, key, bank_item.question.question, bank_item.question.objective,
                                   len(subs), p, d, dict(sorted(counts.items())), _flags(p, d)))
    return stats


def _flags(p: float, d: float | None) -> list[str]:
    """Review flags for an item: ids the report words through the ``score.flag.*`` labels."""
    flags = []
    if p > 0.9:
        flags.append("too_easy")
    if p < 0.25:
        flags.append("too_hard")
    if d is not None and d < 0:
        flags.append("negative_d")
    elif d is not None and d < 0.2:
        flags.append("low_d")
    return flags


def objective_results(scores: Scores) -> list[tuple[str, str, str, float, int]]:
    """(module, objective, pool, mean percentage right, answers) over every graded answer."""
    totals: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    items = {b.key: b for t in scores.tests for b in t.items}
    for sub in scores.submissions:
        for key, right in sub.right.items():
            bank = items[key]
            totals[(bank.module.id, bank.question.objective, sub.test.pool)].append(right)
    return [(m, o, p, 100 * sum(v) / len(v), len(v)) for (m, o, p), v in sorted(totals.items())]


def module_results(scores: Scores) -> list[tuple[str, str, str, float]]:
    """(person, module, pool, percentage) for every participant and module."""
    items = {b.key: b for t in scores.tests for b in t.items}
    totals: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for sub in scores.submissions:
        for key, right in sub.right.items():
            bank = items[key]
            entry = totals[(sub.person, bank.module.id, sub.test.pool)]
            entry[0] += right * bank.question.points
            entry[1] += bank.question.points
    return [(person, module, pool, 100 * got / total) for (person, module, pool), (got, total) in sorted(totals.items())]


def require_answers(scores: Scores) -> None:
    """Fail clearly when nothing could be scored."""
    if not scores.submissions:
        raise UserError("no response could be scored", "check the problems listed above and the file's columns")
