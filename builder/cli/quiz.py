"""``workshop quiz score``: grade pre-/post-test responses and write the report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from builder.check.diagnostics import UserError


def register(group: click.Group) -> None:
    """Add the ``quiz`` command group."""
    group.add_command(quiz)


@click.group()
def quiz() -> None:
    """Score pre-/post-tests (see `workshop quiz score --help`)."""


@quiz.command()
@click.argument("responses", nargs=-1, type=click.Path(path_type=Path))
@click.option("--pre", "pre", multiple=True, type=click.Path(path_type=Path), help="Pre-test responses (.xlsx/.csv).")
@click.option("--post", "post", multiple=True, type=click.Path(path_type=Path), help="Post-test responses (.xlsx/.csv).")
@click.option("--curriculum", type=click.Path(path_type=Path), default=None, help="Workshop the tests belong to (default: the project's).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=None, help="Report file (default: build/<id>/quizzes/nilai.xlsx).")
@click.option("--no-roster", is_flag=True, help="Do not check names against the roster.")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None,
              help="Language of the report's labels (default: the curriculum's).")
def score(responses: tuple[Path, ...], pre: tuple[Path, ...], post: tuple[Path, ...], curriculum: Path | None,
          out: Path | None, no_roster: bool, lang: str | None) -> None:
    """Score responses and write an .xlsx report plus a one-page .docx summary with charts.

    \b
    RESPONSES are the filled-in responses-template.xlsx (one sheet per test)
    or CSV/Google Forms exports; use --pre/--post when the file does not say
    which test it holds. Bad rows are listed by row and column; the rest is scored.

    \b
    Examples:
      workshop quiz score build/rakor-kubu-raya-2019/quizzes/responses-template.xlsx
      workshop quiz score --pre pretest.csv --post posttest.csv --out nilai.xlsx
      workshop quiz score responses.xlsx --lang en
    """
    from builder.cli.main import console, err_console, print_report
    from builder.check.diagnostics import Report
    from builder.i18n import Locale
    from builder.sources.project import load_workshop
    from builder.render.score_report import report_workbook, summary_docx
    from builder.domain.scoring import person_results, require_answers, score_responses
    from builder.sources.responses import read_response_files
    from builder.write.output import atomic_write, normalize_zip

    files = [(p, "") for p in responses] + [(p, "pre") for p in pre] + [(p, "post") for p in post]
    if not files:
        raise UserError("no responses given", "pass a responses file, or --pre/--post files")
    workshop, report = load_workshop(curriculum)
    if workshop is None:
        print_report(report)
        raise UserError("the workshop has errors; fix them first", "run `workshop validate`")
    roster_keys = None if no_roster else _roster_keys(workshop)
    scores = score_responses(workshop, read_response_files(files), roster_keys)
    problems = Report()
    problems.extend(scores.problems)
    print_report(problems)
    require_answers(scores)
    target = out or workshop.root / "build" / workshop.id / "quizzes" / "nilai.xlsx"
    locale = Locale(lang or workshop.curriculum.language)
    atomic_write(target, normalize_zip(report_workbook(scores, locale)))
    atomic_write(target.with_suffix(".docx"), normalize_zip(summary_docx(scores, locale)))
    people = person_results(scores)
    console.print(f"scored {len(scores.submissions)} test(s) of {len(people)} participant(s); "
                  f"wrote {target} and {target.with_suffix('.docx')}")
    if scores.problems:
        sheet = locale.label("score.sheet.problems")
        err_console.print(f"{len(scores.problems)} problem(s) listed above and in the sheet '{sheet}'", markup=False)
    sys.stdout.flush()


def _roster_keys(workshop) -> set[str] | None:
    """NIPs and normalised names of the roster the workshop loaded (None when it has none)."""
    from builder.model.common import normalize

    if workshop.roster is None:
        return None
    keys: set[str] = set()
    for person in workshop.roster.people:
        if person.nip:
            keys.add(person.nip)
        keys.add(normalize(person.name))
    return keys
