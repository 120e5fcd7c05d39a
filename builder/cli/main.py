"""The ``workshop`` command group: build, validate, list, new; the other modules of this package add theirs."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from builder.check.diagnostics import Report, UserError, display_path

console = Console(stderr=False, highlight=False)
err_console = Console(stderr=True, highlight=False)


def print_report(report: Report) -> None:
    """Print the diagnostics (errors and warnings) to stderr in file/line order, long runs of one code summarised."""
    for line in report.lines():
        err_console.print(line, markup=False, soft_wrap=True)
    if report.items:
        err_console.print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)", markup=False)


def fail(message: str, hint: str = "") -> None:
    """Print a user-facing error and exit with status 2."""
    err_console.print(f"error: {message}", markup=False, soft_wrap=True)
    if hint:
        err_console.print(f"    hint: {hint}", markup=False, soft_wrap=True)
    sys.exit(2)


class Group(click.Group):
    """A click group that turns UserError into a clean message and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as exc:
            fail(exc.message, exc.hint)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="humas-workshop")
def main() -> None:
    """Compile YAML lesson modules into workshop materials.

    \b
    Examples:
      workshop build                      build the default workshop into build/
      workshop build curriculum/x.yaml --only agenda,slides
      workshop validate modules/          check sources without writing
      workshop list                       show modules and curricula
      workshop new module etika-humas     write a starter module
    """


def parse_only(value: str | None, kinds: dict) -> list[str]:
    """Turn ``--only a,b`` into a list of kind names, failing on unknown names with a suggestion."""
    if not value:
        return list(kinds)
    names = [v.strip() for v in value.split(",") if v.strip()]
    for name in names:
        if name not in kinds:
            close = difflib.get_close_matches(name, list(kinds), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            fail(f"unknown output kind '{name}'", f"{hint}valid kinds: {', '.join(kinds)}")
    return [k for k in kinds if k in names]


@main.command()
@click.argument("curriculum", required=False, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Output folder (default: build/ in the project).")
@click.option("--only", "only", default=None, metavar="KIND,...", help="Build only these output kinds.")
@click.option("--strict", is_flag=True, help="Treat warnings (e.g. unknown keys) as errors.")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None, help="Language of added labels (default: the curriculum's).")
@click.option("--force", is_flag=True, help="Render every output again, even those whose sources did not change.")
def build(curriculum: Path | None, out_dir: Path | None, only: str | None, strict: bool, lang: str | None,
          force: bool) -> None:
    """Build one workshop: agenda, slides, handouts, quizzes, notebooks, certificates.

    \b
    With no CURRICULUM, builds the project's default workshop
    ([tool.workshop] default in pyproject.toml) into build/<workshop-id>/.

    \b
    Examples:
      workshop build
      workshop build curriculum/raker-humas-ntt-2019.yaml --out /tmp/out
      workshop build --only agenda,handouts --lang en
      workshop build --force              render everything again

    \b
    Outputs whose sources, templates, options and toolkit did not change are kept as they are;
    when nothing changed the build says "up to date" and writes nothing.
    """
    if not force and _up_to_date(curriculum, out_dir, only, strict, lang):
        return
    from builder.build import run_build
    from builder.render import KINDS

    selected = parse_only(only, KINDS)
    run_build(curriculum, out_dir, selected, strict, lang, console, print_report, force=force)


def _up_to_date(curriculum: Path | None, out_dir: Path | None, only: str | None, strict: bool, lang: str | None) -> bool:
    """Print the last build's messages and "up to date" when nothing changed since it (no renderer imported)."""
    from builder.write.cache import no_op

    names = [v.strip() for v in only.split(",") if v.strip()] if only else None
    try:
        found = no_op(curriculum, out_dir, names, strict, lang)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):  # an odd manifest: build the ordinary way
        found = None
    if found is None:
        return False
    summary, messages, notes = found
    for line in messages:
        err_console.print(line, markup=False, soft_wrap=True)
    for kind, message in notes:
        console.print(f"[bold]{kind}[/bold]: {escape(message)}")
    console.print(summary)
    return True


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(paths: tuple[Path, ...], strict: bool) -> None:
    """Check modules and curricula without writing anything.

    \b
    PATHS may be files or folders; default: modules/ and curriculum/.
    Exit status 2 when there is an error.

    \b
    Examples:
      workshop validate
      workshop validate modules/keprotokolan.yaml --strict
    """
    import gc

    # The sources' objects live until the command ends: collecting cycles among them is wasted work. The
    # collector is off while they are made and they are frozen before it is on again, so it never walks them
    # (walking them all at once cost ~10% of the command's CPU). A later validate in the same process (tests)
    # first hands the ones frozen before back to the collector, so frozen garbage never piles up.
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    gc.disable()
    try:
        report = validate_sources(list(paths), strict=strict)
    finally:
        gc.freeze()
        gc.enable()
    print_report(report)
    if report.errors:
        sys.exit(2)
    console.print("OK: no errors" + (f", {len(report.warnings)} warning(s)" if report.warnings else ""))


def validate_sources(paths: list[Path], strict: bool = False) -> Report:
    """Check the sources, then run every kind's preflight on each workshop that loads (no renderer imported)."""
    from builder.i18n import Locale
    from builder.render.preflights import run_preflights
    from builder.sources.project import validate_paths

    workshops = []
    report = validate_paths(paths, strict=strict, workshops=workshops)
    for workshop in workshops:
        locale = Locale(workshop.curriculum.language)
        report.extend(run_preflights(workshop, locale, workshop.root / "build" / workshop.id, strict))
    return report


@main.command(name="list")
def list_command() -> None:
    """Show the modules (id, title, JP, counts) and curricula of the project.

    \b
    Example:
      workshop list
    """
    from rich.table import Table

    from builder.sources.project import find_root, load_modules
    from builder.sources.yamlfile import YamlLoadError, load

    root = find_root()
    report = Report()
    modules, files = load_modules(root / "modules", report)
    table = Table(title=f"Modules in {display_path(root / 'modules')}")
    for column in ("id", "title", "JP", "sections", "exercises", "questions"):
        table.add_column(column, justify="right" if column in ("JP", "sections", "exercises", "questions") else "left")
    for module in modules.values():
        table.add_row(module.id, module.title, f"{module.jp:g}", str(len(module.sections)),
                      str(len(module.exercises)), str(len(module.quiz)))
    console.print(table)
    curricula = Table(title=f"Curricula in {display_path(root / 'curriculum')}")
    for column in ("file", "id", "title", "days"):
        curricula.add_column(column)
    for path in sorted((root / "curriculum").glob("*.yaml")):
        try:
            data = load(path).data
            curricula.add_row(path.name, str(data.get("id", "?")), str(data.get("title", "?")), str(len(data.get("days") or [])))
        except YamlLoadError:
            curricula.add_row(path.name, "?", "(not valid YAML)", "?")
    console.print(curricula)
    if report.errors:
        err_console.print(f"{len(report.errors)} module file(s) have errors: run `workshop validate`", markup=False)


@main.group()
def new() -> None:
    """Write a commented starter file for a module or a curriculum."""


def _write_starter(kind: str, item_id: str, folder: str, force: bool) -> None:
    from builder.model.common import ID_PATTERN
    from builder.sources.project import find_root
    from builder.resources import starter_text
    from builder.write.output import atomic_write

    if not ID_PATTERN.match(item_id):
        fail(f"'{item_id}' is not a valid id", "use lower-case letters, digits and hyphens, e.g. etika-humas")
    root = find_root()
    target = root / folder / f"{item_id}.yaml"
    if target.exists() and not force:
        fail(f"{display_path(target)} already exists", "pick another id or pass --force to overwrite it")
    template = starter_text(kind)
    atomic_write(target, template.replace("__ID__", item_id).encode("utf-8"))
    console.print(f"wrote {display_path(target)}; next: edit it, then `workshop validate {display_path(target)}`")


@new.command(name="module")
@click.argument("module_id")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new_module(module_id: str, force: bool) -> None:
    """Write modules/MODULE_ID.yaml, a commented starter module that validates as written.

    \b
    Example:
      workshop new module etika-humas
    """
    _write_starter("module", module_id, "modules", force)


@new.command(name="curriculum")
@click.argument("curriculum_id")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new_curriculum(curriculum_id: str, force: bool) -> None:
    """Write curriculum/CURRICULUM_ID.yaml, a commented starter workshop that validates as written.

    \b
    Example:
      workshop new curriculum bimtek-humas-2026
    """
    _write_starter("curriculum", curriculum_id, "curriculum", force)


def _register_extra_commands() -> None:
    """Let the other modules of this package add their commands (quiz score, verify, notebooks check ...)."""
    import importlib
    import pkgutil

    package = Path(__file__).resolve().parent
    for info in sorted(pkgutil.iter_modules([str(package)]), key=lambda i: i.name):
        if info.name != "main":
            module = importlib.import_module(f"builder.cli.{info.name}")
            if hasattr(module, "register"):
                module.register(main)


_register_extra_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
